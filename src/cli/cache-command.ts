import type { Command } from "commander";
import { defaultCacheDir } from "../cache/dir.js";
import { inventory, pruneCache, type CacheTally } from "../cache/prune.js";
import { loadConfig } from "../config/load.js";
import { formatBytes } from "../util/bytes.js";
import { UsageError } from "../util/errors.js";

interface CacheFlags {
  cacheDir?: string;
  config?: string;
}

interface PruneFlags extends CacheFlags {
  olderThan: string;
  all?: boolean;
  dryRun?: boolean;
}

/** The cache dir the scan would use: `--cache-dir`, then the config's `cacheDir`, then the default. */
async function cacheDirFor(flags: CacheFlags): Promise<string> {
  if (flags.cacheDir) return flags.cacheDir;
  return (await loadConfig(flags.config)).cacheDir ?? defaultCacheDir();
}

const files = (t: CacheTally) => `${t.files} file${t.files === 1 ? "" : "s"}, ${formatBytes(t.bytes)}`;

async function runInfo(flags: CacheFlags): Promise<void> {
  const inv = await inventory(await cacheDirFor(flags));
  const lines = [
    `cache: ${inv.dir}`,
    `  layer results  ${files(inv.layers)}${inv.layers.detectors > 1 ? ` (${inv.layers.detectors} detectors: dredge versions, user rules or read options)` : ""}`,
    `  compiled code  ${files(inv.code)}`,
  ];
  if (inv.leftovers.files) lines.push(`  leftovers      ${files(inv.leftovers)} (of runs that stopped mid-write)`);
  process.stdout.write(lines.join("\n") + "\n");
}

async function runPrune(flags: PruneFlags): Promise<void> {
  const days = Number(flags.olderThan);
  if (!Number.isFinite(days) || days < 0) throw new UsageError(`--older-than takes a number of days (got ${JSON.stringify(flags.olderThan.slice(0, 40))})`);
  const dir = await cacheDirFor(flags);
  const r = await pruneCache(dir, { olderThanDays: days, ...(flags.all ? { all: true } : {}), ...(flags.dryRun ? { dryRun: true } : {}) });
  const what = flags.all ? "everything" : `what no run used for ${days} day${days === 1 ? "" : "s"}`;
  process.stdout.write(`${flags.dryRun ? "would remove" : "removed"} ${files(r.removed)} (${what}) from ${dir}; kept ${files(r.kept)}\n`);
}

/** Adds `dredge cache [info]` and `dredge cache prune` to the program. */
export function registerCacheCommand(program: Command): void {
  const cache = program.command("cache").description("what dredge keeps in its cache (layer results, compiled code), and pruning it");
  const common = (c: Command) =>
    c
      .option("--cache-dir <dir>", "the cache (default: cacheDir in .dredge.yaml, $DREDGE_CACHE_DIR, $XDG_CACHE_HOME/dredge or ~/.cache/dredge)")
      .option("--config <file>", "config file (default: .dredge.yaml here or above)")
      .exitOverride();
  common(cache.command("info", { isDefault: true }).description("where the cache is and what it holds")).action(async (flags: CacheFlags) => {
    await runInfo(flags);
  });
  common(
    cache
      .command("prune")
      .description("remove what no run used lately (a scan's use of a layer result counts), or everything")
      .option("--older-than <days>", "remove files unused for this many days", "30")
      .option("--all", "remove everything dredge keeps there")
      .option("--dry-run", "say what would go, remove nothing"),
  ).action(async (flags: PruneFlags) => {
    await runPrune(flags);
  });
  cache.exitOverride();
}
