import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { pruneCache } from "../../../src/cache/prune.js";
import { CLI, DIST, runCli } from "../../helpers/cli.js";

const exec = promisify(execFile);
const EXAMPLE = join(DIST, "..", "examples", "leaky-app.tar");
const DAY = 24 * 3600 * 1000;

async function dredge(cache: string, ...args: string[]): Promise<string> {
  return (await runCli([...args, "--cache-dir", cache])).stdout;
}

function layerEntries(cache: string): string[] {
  const root = join(cache, "layers");
  return readdirSync(root).flatMap((d) => readdirSync(join(root, d)).map((f) => join(root, d, f)));
}

function age(file: string, days: number): void {
  const t = new Date(Date.now() - days * DAY);
  utimesSync(file, t, t);
}

function withCache(fn: (cache: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), "dredge-prune-"));
    try {
      await fn(join(dir, "cache"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test(
  "dredge cache says where the cache is and what a scan put there",
  withCache(async (cache) => {
    await dredge(cache, "scan", EXAMPLE);
    const n = layerEntries(cache).length;
    assert.ok(n >= 3, `${n} layer results`);
    const info = await dredge(cache, "cache");
    assert.match(info, new RegExp(`^cache: ${cache.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    assert.match(info, new RegExp(`layer results  ${n} files, `));
    assert.match(info, /compiled code {2}\d+ files?, /);
  }),
);

test(
  "prune removes what no run used for N days; a scan's cache hit counts as use; --dry-run removes nothing",
  withCache(async (cache) => {
    await dredge(cache, "scan", EXAMPLE);
    const entries = layerEntries(cache);
    for (const f of entries) age(f, 40);
    // A scan that hits the cache makes its entries young again.
    await dredge(cache, "scan", EXAMPLE);
    for (const f of entries) assert.ok(Date.now() - statSync(f).mtimeMs < DAY, "used now");
    for (const f of entries.slice(1)) age(f, 40);
    const dry = await dredge(cache, "cache", "prune", "--dry-run");
    assert.match(dry, new RegExp(`^would remove ${entries.length - 1} files, `));
    assert.equal(layerEntries(cache).length, entries.length);
    const out = await dredge(cache, "cache", "prune", "--older-than", "30");
    assert.match(out, new RegExp(`^removed ${entries.length - 1} files, .* unused|^removed ${entries.length - 1} files, .*no run used for 30 days`));
    assert.deepEqual(layerEntries(cache), [entries[0]]);
  }),
);

test(
  "prune --all empties what dredge keeps and leaves anything else in the folder alone",
  withCache(async (cache) => {
    await dredge(cache, "scan", EXAMPLE);
    writeFileSync(join(cache, "notes.txt"), "mine");
    mkdirSync(join(cache, "layers", "not-a-detector"));
    writeFileSync(join(cache, "layers", "not-a-detector", "x.json"), "{}");
    await dredge(cache, "cache", "prune", "--all");
    assert.deepEqual(readdirSync(join(cache, "layers")), ["not-a-detector"]);
    assert.ok(existsSync(join(cache, "notes.txt")));
    assert.deepEqual(existsSync(join(cache, "v8")) ? readdirSync(join(cache, "v8")).filter((f) => f.endsWith(".bin")) : [], []);
  }),
);

test(
  "half-written files of runs that died go after a day, whatever --older-than says",
  withCache(async (cache) => {
    const detector = join(cache, "layers", "0".repeat(32));
    mkdirSync(detector, { recursive: true });
    const fresh = join(detector, "sha256_a.json.1a2b3c.tmp");
    const old = join(detector, "sha256_b.json.4d5e6f.tmp");
    writeFileSync(fresh, "{");
    writeFileSync(old, "{");
    age(old, 2);
    const r = await pruneCache(cache, { olderThanDays: 365 });
    assert.deepEqual(r.removed.files, 1);
    assert.ok(existsSync(fresh) && !existsSync(old));
  }),
);

test(
  "--older-than must be a number of days",
  withCache(async (cache) => {
    const r = await exec(process.execPath, [CLI, "cache", "prune", "--older-than", "soon", "--cache-dir", cache]).catch((e: { code: number; stderr: string }) => e);
    assert.equal((r as { code: number }).code, 2);
    assert.match((r as { stderr: string }).stderr, /--older-than takes a number of days/);
  }),
);
