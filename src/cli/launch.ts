/**
 * The installed `dredge` command (dist/bin/dredge.cjs): runs the CLI bundle beside it
 * (main.cjs, made by scripts/bundle-cli.mjs from ./main.ts) through V8's code cache.
 *
 * Why: Node 20 compiles a program's JavaScript from source on every start (a module compile
 * cache arrived in Node 22), and compiling dredge's code was most of what a `dredge lint` in a
 * pre-commit hook spends beyond node's own start. The first run of each command saves what V8
 * compiled; later runs load it (bench/startup-bench.ts: lint 170 → 130 ms).
 *
 * The cache holds dredge's compiled code and nothing it read: V8 serialises functions and the
 * constants written in the bundle's text, never runtime values (a test greps it for the
 * secrets a run found). It lives in the cache dir (`--cache-dir`, `$DREDGE_CACHE_DIR`,
 * `$XDG_CACHE_HOME/dredge`, `~/.cache/dredge`) under v8/, owner-only, one file per bundle
 * hash, node version and command, written whole (temporary file, then rename). `--no-cache`
 * neither reads nor writes it; a cache that cannot be read or written is skipped without a
 * word, as it only saves time; V8 itself rejects data from another V8 or flags, and the file
 * is then written again. Only a file of this user that no one else can write is read.
 *
 * This module only runs bundled as CommonJS (`__dirname` is the bundle's folder).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire, wrap } from "node:module";
import { dirname, join } from "node:path";
import { constants, Script } from "node:vm";
import { defaultCacheDir } from "../cache/dir.js";
import { readOwnFileSync } from "../util/own-file.js";
import { COMMAND_NAMES } from "./command-names.js";

/** sha256 of main.cjs, set by scripts/bundle-cli.mjs. */
declare const DREDGE_BUNDLE_HASH: string;

/** Code cache files of other bundles are removed once this old (another install may still use its own). */
const STALE_MS = 7 * 24 * 3600 * 1000;

/** The cache dir the command line names (`--cache-dir DIR`, `--cache-dir=DIR`), else the default. */
function cacheDirFrom(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--cache-dir" && args[i + 1] !== undefined) return args[i + 1]!;
    if (a.startsWith("--cache-dir=")) return a.slice("--cache-dir=".length);
  }
  return defaultCacheDir();
}

/** Writes the cache file whole, then removes other bundles' stale ones. Never throws. */
function save(dir: string, name: string, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, data, { mode: 0o600, flag: "wx" }); // (never through a file or link already there)
    renameSync(tmp, join(dir, name));
    const now = Date.now();
    for (const f of readdirSync(dir)) {
      if (f.startsWith(DREDGE_BUNDLE_HASH.slice(0, 16))) continue;
      const path = join(dir, f);
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    }
  } catch {
    // an unwritable cache dir costs the next run its compile time, nothing else
  }
}

function launch(): void {
  const main = join(__dirname, "main.cjs");
  // The bundle is ASCII (scripts/bundle-cli.mjs): latin1 reads it without UTF-8 decoding.
  const text = readFileSync(main, "latin1");
  const source = text.startsWith("#!") ? `//${text.slice(2)}` : text;
  const args = process.argv.slice(2);
  const word = args.find((a) => !a.startsWith("-"));
  const command = (COMMAND_NAMES as readonly string[]).includes(word ?? "") ? word! : "other";
  // (`dredge cache` manages the cache: after `prune --all` it leaves none of its own.)
  const useCache = !args.includes("--no-cache") && command !== "cache";
  const dir = join(cacheDirFrom(args), "v8");
  const name = `${DREDGE_BUNDLE_HASH.slice(0, 16)}-node${process.versions.node}-${process.arch}-${command}.bin`;
  // V8 runs what a code cache holds: only a file no other user could have written is read.
  const cachedData = useCache ? readOwnFileSync(join(dir, name)) : undefined;
  const script = new Script(wrap(source), {
    filename: main,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  // Saved at exit, so the functions this run compiled are in it.
  if (useCache && (!cachedData || script.cachedDataRejected)) process.once("exit", () => save(dir, name, script.createCachedData()));
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(main), module, main, dirname(main));
}

launch();
