// Startup bench: wall time of the installed CLI (dist/bin/dredge.cjs) as a pre-commit hook runs
// it, `dredge lint` on one Dockerfile with a small build context, measured like hyperfine
// (warm-up runs, then N runs, each a fresh process; median, min, max, mean ± σ). Beside it:
// node's own floor (`node -e 0`), `dredge --version` (loading the CLI without work), the first
// run of a command (no code cache yet: the cache dir cannot be written), and the same CLI run
// as the ES modules tsc emits (dist/src/cli/main.js, what the library's users import).
//
//   node dist/bench/startup-bench.js [--runs 30] [--warmup 3] [--cli dist/bin/dredge.cjs]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The goal for `dredge lint` on one Dockerfile (issue 9): a pre-commit hook must feel instant. */
const GOAL_MS = 150;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const runs = Number(flag("--runs", "30"));
const warmup = Number(flag("--warmup", "3"));
const cli = resolve(flag("--cli", fileURLToPath(new URL("../bin/dredge.cjs", import.meta.url))));
const modules = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));

/** A small project as a pre-commit hook sees it: a Dockerfile (with a leak lint must find) and a few context files. */
function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "dredge-startup-"));
  mkdirSync(join(dir, "src"));
  writeFileSync(
    join(dir, "Dockerfile"),
    [
      "# syntax=docker/dockerfile:1",
      "FROM node:20-alpine AS build",
      "ARG NPM_TOKEN",
      "WORKDIR /app",
      "COPY package.json ./",
      'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
      "COPY . .",
      "RUN npm run build",
      "FROM node:20-alpine",
      "WORKDIR /app",
      "COPY --from=build /app/dist ./dist",
      'CMD ["node", "dist/index.js"]',
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, ".dockerignore"), "node_modules\n.git\n");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", scripts: { build: "tsc" } }, null, 2));
  writeFileSync(join(dir, "src", "index.ts"), 'console.log("hello");\n');
  writeFileSync(join(dir, "README.md"), "# app\n");
  // `COPY . .` takes it into the build stage: a finding lint must make by reading the context.
  writeFileSync(join(dir, ".env"), "DATABASE_URL=postgres://app:s3cr3t-Passw0rd-9f2k@db:5432/app\n");
  return dir;
}

interface Stats {
  median: number;
  min: number;
  max: number;
  mean: number;
  sd: number;
}

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, s.length - 1));
  return { median, min: s[0]!, max: s[s.length - 1]!, mean, sd };
}

/** Runs `args` (warm-up, then `runs` timed runs); every run must exit with one of `codes`. */
function measure(label: string, args: string[], cwd: string, codes: number[], cacheDir: string): Stats {
  const once = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1", DREDGE_CACHE_DIR: cacheDir } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.error || !codes.includes(r.status ?? -1)) throw new Error(`${label}: exit ${r.status ?? r.signal}: ${r.error?.message ?? r.stderr.toString().slice(0, 400)}`);
    return ms;
  };
  for (let i = 0; i < warmup; i++) once();
  const times = Array.from({ length: runs }, once);
  const s = stats(times);
  const f = (n: number) => n.toFixed(1).padStart(6);
  console.log(`${label.padEnd(34)} median ${f(s.median)} ms   min ${f(s.min)}   max ${f(s.max)}   mean ${f(s.mean)} ± ${s.sd.toFixed(1)}   (${runs} runs)`);
  return s;
}

const project = makeProject();
// (Outside the project: the build context is the project's directory.)
const cacheDir = mkdtempSync(join(tmpdir(), "dredge-startup-cache-"));
// A cache dir under a file cannot be made: every run is a first run.
const noCache = join(project, "README.md", "cache");
try {
  console.log(`startup bench: ${cli}, node ${process.version}, ${runs} runs after ${warmup} warm-up`);
  const floor = measure("node -e 0 (floor)", ["-e", "0"], project, [0], cacheDir);
  measure("dredge --version", [cli, "--version"], project, [0], cacheDir);
  const lint = measure("dredge lint Dockerfile (+context)", [cli, "lint", "Dockerfile"], project, [0, 1], cacheDir);
  const first = measure("  first run (no code cache)", [cli, "lint", "Dockerfile"], project, [0, 1], noCache);
  const esm = measure("  as ES modules (dist/src/cli)", [modules, "lint", "Dockerfile"], project, [0, 1], cacheDir);
  console.log(
    `\ndredge lint: median ${lint.median.toFixed(0)} ms (node itself ${floor.median.toFixed(0)} ms; first run ${first.median.toFixed(0)} ms, ` +
      `as modules ${esm.median.toFixed(0)} ms = ${(esm.median / lint.median).toFixed(2)}×); goal ≤ ${GOAL_MS} ms: ${lint.median <= GOAL_MS ? "met" : "NOT met"}`,
  );
} finally {
  rmSync(project, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
}
