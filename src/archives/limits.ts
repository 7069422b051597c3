/**
 * How far and how much dredge reads inside archives found in layers (plain data: it crosses
 * into worker threads).
 *
 * Depth counts the archives opened in a chain from a layer file: the layer file itself is an
 * archive at level 1, an archive inside it is at level 2, and so on. A compressor and the tar it
 * wraps are one level (`x.tar.gz` is one archive, as people see it); a compressor around anything
 * else is a level of its own whose one member is the decompressed file (`notes.txt.gz` →
 * `notes.txt`). So `dist.tar.gz → shop.war → app.jar → application.properties` needs depth 3,
 * and depth 0 turns archive reading off.
 */

import { formatBytes } from "../util/bytes.js";
export interface ArchiveLimits {
  /** Archives opened in one chain (default 3; 0 = off). */
  depth?: number;
  /**
   * Bytes of zip archives held in memory at once per layer, to read them by their central
   * directory (the authoritative entry list). Larger zips are read in one pass by their local
   * headers (default 64 MiB).
   */
  memoryBytes?: number;
  /** Bytes decompression may produce for one layer file, all levels together (default 1 GiB). */
  maxExpandedPerFile?: number;
  /** Bytes decompression may produce in one layer, all files together (default 4 GiB). */
  maxExpandedPerLayer?: number;
  /** Largest output/input ratio of one decompressed stream or zip entry… (default 200) */
  maxRatio?: number;
  /** …once its output is past this many bytes (small inputs compress extremely well; default 1 MiB). */
  ratioFloor?: number;
  /** Archive members one layer file may hold, all levels together (default 100,000). */
  maxEntriesPerFile?: number;
}

/** Limits with every field set. */
export type ResolvedLimits = Required<ArchiveLimits>;

export const DEFAULT_LIMITS: ResolvedLimits = {
  depth: 3,
  memoryBytes: 64 << 20,
  maxExpandedPerFile: 1 << 30,
  maxExpandedPerLayer: 4 * (1 << 30),
  maxRatio: 200,
  ratioFloor: 1 << 20,
  maxEntriesPerFile: 100_000,
};

/** The limits with defaults filled in (undefined fields take the default). */
export function resolveLimits(limits: ArchiveLimits = {}): ResolvedLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ResolvedLimits)[]) {
    const v = limits[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A limit was reached: reading stops where it is, and a note names the file and the limit. */
export class LimitError extends Error {
  constructor(
    message: string,
    /** `file`: stop reading this layer file's archives; `layer`: stop for the rest of the layer; `stream`: this stream only. */
    readonly scope: "stream" | "file" | "layer",
  ) {
    super(message);
    this.name = "LimitError";
  }
}


/**
 * Counts what archive reading costs in one layer: bytes decompression produced (per layer file
 * and per layer), members seen, and zip bytes held in memory. Throws LimitError when a limit
 * is passed.
 */
export class ArchiveBudget {
  private layerExpanded = 0;
  private fileExpanded = 0;
  private fileEntries = 0;
  /** Zip bytes held in memory now. */
  held = 0;

  constructor(readonly limits: ResolvedLimits) {}

  /** A new layer file starts: its own counters start at zero. */
  startFile(): void {
    this.fileExpanded = 0;
    this.fileEntries = 0;
  }

  /** Decompression produced `n` more bytes. */
  expanded(n: number): void {
    this.fileExpanded += n;
    this.layerExpanded += n;
    if (this.layerExpanded > this.limits.maxExpandedPerLayer) {
      throw new LimitError(`archives in this layer expand past ${formatBytes(this.limits.maxExpandedPerLayer)} (limit per layer); the layer's remaining archives are not opened`, "layer");
    }
    if (this.fileExpanded > this.limits.maxExpandedPerFile) {
      throw new LimitError(`expands past ${formatBytes(this.limits.maxExpandedPerFile)} (limit per file): a decompression bomb? Stopped reading inside it`, "file");
    }
  }

  /** One more archive member. */
  entry(): void {
    if (++this.fileEntries > this.limits.maxEntriesPerFile) {
      throw new LimitError(`holds more than ${this.limits.maxEntriesPerFile} archive members (limit per file); stopped reading inside it`, "file");
    }
  }

  /** Reserves `n` bytes of memory for a zip, or returns false when the budget has no room. */
  reserve(n: number): boolean {
    if (this.held + n > this.limits.memoryBytes) return false;
    this.held += n;
    return true;
  }

  release(n: number): void {
    this.held = Math.max(0, this.held - n);
  }
}

/**
 * Watches one decompressed stream's ratio: throws a `stream` LimitError when its output passes
 * `maxRatio` × its input beyond `ratioFloor` bytes.
 */
export class RatioGuard {
  private input = 0;
  private output = 0;
  constructor(
    private readonly limits: ResolvedLimits,
    private readonly what: string,
  ) {}

  in(n: number): void {
    this.input += n;
  }

  out(n: number): void {
    this.output += n;
    if (this.output > this.limits.ratioFloor && this.output > this.limits.maxRatio * Math.max(this.input, 1)) {
      throw new LimitError(
        `${this.what} expands more than ${this.limits.maxRatio}× (${this.input} → ${this.output}+ bytes; limit on the expansion ratio): a decompression bomb? Stopped reading it`,
        "stream",
      );
    }
  }
}
