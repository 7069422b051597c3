import { readdir, rm, rmdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** One kind of thing in the cache dir, counted. */
export interface CacheTally {
  files: number;
  bytes: number;
}

/** What is in a cache dir: layer results (per detector: dredge version, rules, options) and compiled code. */
export interface CacheInventory {
  dir: string;
  layers: CacheTally & { detectors: number };
  code: CacheTally;
  /** Half-written files of runs that died (`*.tmp`). */
  leftovers: CacheTally;
}

export interface PruneOptions {
  /** Remove files not used for this many days (a layer entry's time is its last use). */
  olderThanDays?: number;
  /** Remove everything dredge keeps there. */
  all?: boolean;
  /** Count what would go; remove nothing. */
  dryRun?: boolean;
  now?: number;
}

export interface PruneResult {
  removed: CacheTally;
  kept: CacheTally;
}

interface CacheFile {
  path: string;
  kind: "layer" | "code" | "leftover";
  bytes: number;
  mtimeMs: number;
}

const DAY_MS = 24 * 3600 * 1000;
/** A `.tmp` file this old belongs to no live run. */
const LEFTOVER_MS = DAY_MS;

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** The files dredge wrote under `root`: layers/<detector>/<digest>.json, v8/<bundle>-….bin, and leftovers. Nothing else is touched. */
async function cacheFiles(root: string): Promise<CacheFile[]> {
  const out: CacheFile[] = [];
  const add = async (path: string, kind: CacheFile["kind"]) => {
    try {
      const s = await stat(path);
      if (s.isFile()) out.push({ path, kind, bytes: s.size, mtimeMs: s.mtimeMs });
    } catch {
      // gone meanwhile
    }
  };
  for (const detector of await entries(join(root, "layers"))) {
    if (!/^[0-9a-f]{32}$/.test(detector)) continue;
    for (const name of await entries(join(root, "layers", detector))) {
      if (name.endsWith(".json")) await add(join(root, "layers", detector, name), "layer");
      else if (name.endsWith(".tmp")) await add(join(root, "layers", detector, name), "leftover");
    }
  }
  for (const name of await entries(join(root, "v8"))) {
    if (name.endsWith(".bin")) await add(join(root, "v8", name), "code");
    else if (name.endsWith(".tmp")) await add(join(root, "v8", name), "leftover");
  }
  return out;
}

const tally = (files: readonly CacheFile[]): CacheTally => ({ files: files.length, bytes: files.reduce((n, f) => n + f.bytes, 0) });

export async function inventory(root: string): Promise<CacheInventory> {
  const files = await cacheFiles(root);
  const layers = files.filter((f) => f.kind === "layer");
  return {
    dir: root,
    layers: { ...tally(layers), detectors: new Set(layers.map((f) => f.path.split(/[\\/]/).at(-2))).size },
    code: tally(files.filter((f) => f.kind === "code")),
    leftovers: tally(files.filter((f) => f.kind === "leftover")),
  };
}

/**
 * Removes cache files unused for `olderThanDays` (or all with `all`), and leftovers of runs that
 * died; then detector folders left empty. Only files of dredge's own naming are considered.
 */
export async function pruneCache(root: string, opts: PruneOptions): Promise<PruneResult> {
  const now = opts.now ?? Date.now();
  const cutoff = now - (opts.olderThanDays ?? 30) * DAY_MS;
  const files = await cacheFiles(root);
  const doomed = files.filter((f) => opts.all || f.mtimeMs < (f.kind === "leftover" ? now - LEFTOVER_MS : cutoff));
  if (!opts.dryRun) {
    for (const f of doomed) await rm(f.path, { force: true });
    for (const detector of await entries(join(root, "layers"))) {
      if (/^[0-9a-f]{32}$/.test(detector)) await rmdir(join(root, "layers", detector)).catch(() => undefined);
    }
  }
  const gone = new Set(doomed);
  return { removed: tally(doomed), kept: tally(files.filter((f) => !gone.has(f))) };
}
