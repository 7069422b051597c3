/**
 * How far a `.git` store is read: the memory it may take and the work it may cause. Plain data
 * (it crosses into worker threads with the other layer-scan options).
 */
export interface GitReadOptions {
  /** Bytes of store files (packs, pack indexes, loose objects, refs, index) held in memory per layer or context. */
  maxStoreBytes?: number;
  /** Objects read per store. */
  maxObjects?: number;
  /** Bytes inflated per store (objects and deltas): bounds the time a store can take. */
  maxInflatedBytes?: number;
  /** Largest single object inflated (a larger blob is reported as not read). */
  maxObjectBytes?: number;
  /** Longest delta chain followed (git itself packs at most 4095 deep). */
  maxDeltaDepth?: number;
  /** Bytes of commits and trees kept inflated for the history walk; beyond it they are read again from the pack. */
  maxMetadataBytes?: number;
  /** Commits named per (blob, path), newest first (the oldest is kept last when there are more). */
  maxCommitsPerPath?: number;
  /** Paths named per blob. */
  maxPathsPerBlob?: number;
}

export type GitLimits = Required<GitReadOptions>;

export const GIT_DEFAULTS: GitLimits = {
  maxStoreBytes: 256 << 20,
  maxObjects: 2_000_000,
  maxInflatedBytes: 4 * 1024 ** 3,
  maxObjectBytes: 128 << 20,
  maxDeltaDepth: 10_000,
  maxMetadataBytes: 256 << 20,
  maxCommitsPerPath: 20,
  maxPathsPerBlob: 20,
};

/** The limits in effect: the defaults, with what `options` sets (positive numbers only). */
export function gitLimits(options: GitReadOptions | undefined): GitLimits {
  const out = { ...GIT_DEFAULTS };
  if (!options) return out;
  for (const key of Object.keys(out) as (keyof GitLimits)[]) {
    const v = options[key];
    if (typeof v === "number" && Number.isFinite(v) && v > 0) out[key] = Math.floor(v);
  }
  return out;
}

/** Thrown for bytes that are not what git writes (a reader turns it into a note, never a crash). */
export class GitFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GitFormatError";
  }
}

/** Counts the work a store causes against its limits; `spend` says when a limit is reached. */
export class WorkBudget {
  objects = 0;
  inflated = 0;
  /** The first limit reached, in words; set once. */
  exhausted: string | undefined;

  constructor(readonly limits: GitLimits) {}

  /** Records one object read; false once a limit is reached. */
  object(): boolean {
    if (this.exhausted) return false;
    if (++this.objects > this.limits.maxObjects) {
      this.exhausted = `more than ${this.limits.maxObjects} objects`;
      return false;
    }
    return true;
  }

  /** Records inflated bytes; false once the limit is reached. */
  inflate(bytes: number): boolean {
    if (this.exhausted) return false;
    this.inflated += bytes;
    if (this.inflated > this.limits.maxInflatedBytes) {
      this.exhausted = `more than ${Math.round(this.limits.maxInflatedBytes / (1 << 20))} MiB inflated`;
      return false;
    }
    return true;
  }
}
