// Startup bench: wall time of the built CLI as a pre-commit hook runs it, `dredge lint` on one
// Dockerfile with a small build context, measured like hyperfine (warm-up runs, then N runs, each a
// fresh process; median, min, max, mean ± σ). Beside it, node's own floor (`node -e 0`) and
// `dredge --version` (the cost of loading the CLI without doing any work).
//
// With --bundle it also bundles the same CLI with esbuild (dredge's own modules in a few chunks,
// packages left outside) and measures that: Node 20 loads ES modules one at a time, and lint loads
// ~270 of them (~200 rule files), so their number, not their code, is most of the startup time.
//
//   node dist/bench/startup-bench.js [--runs 30] [--warmup 3] [--cli dist/src/cli/main.js] [--bundle]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The goal for `dredge lint` on one Dockerfile (issue 9): a pre-commit hook must feel instant. */
const GOAL_MS = 150;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const runs = Number(flag("--runs", "30"));
const warmup = Number(flag("--warmup", "3"));
const cli = resolve(flag("--cli", fileURLToPath(new URL("../src/cli/main.js", import.meta.url))));

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
function measure(label: string, args: string[], cwd: string, codes: number[]): Stats {
  const once = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
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

/**
 * Bundles the CLI (and the layer worker it starts by URL) beside the built one, so packages still
 * resolve from the repository's node_modules and module-relative paths keep their depth.
 */
async function bundle(): Promise<{ cli: string; dir: string }> {
  const esbuild = await import("esbuild");
  const srcDir = dirname(dirname(cli));
  const dir = join(srcDir, "cli-bundle-bench");
  await esbuild.build({
    entryPoints: [cli, join(srcDir, "scan", "layer-worker.js")],
    outdir: dir,
    entryNames: "[name]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return { cli: join(dir, "main.js"), dir };
}

const project = makeProject();
let bundled: { cli: string; dir: string } | undefined;
try {
  console.log(`startup bench: ${cli}, node ${process.version}, ${runs} runs after ${warmup} warm-up`);
  const floor = measure("node -e 0 (floor)", ["-e", "0"], project, [0]);
  measure("dredge --version", [cli, "--version"], project, [0]);
  const lint = measure("dredge lint Dockerfile (+context)", [cli, "lint", "Dockerfile"], project, [0, 1]);
  console.log(`\ndredge lint: median ${lint.median.toFixed(0)} ms (node itself ${floor.median.toFixed(0)} ms); goal ≤ ${GOAL_MS} ms: ${lint.median <= GOAL_MS ? "met" : "NOT met"}`);
  if (process.argv.includes("--bundle")) {
    bundled = await bundle();
    console.log(`\nbundled with esbuild: ${bundled.cli}`);
    measure("bundled: dredge --version", [bundled.cli, "--version"], project, [0]);
    const b = measure("bundled: dredge lint Dockerfile", [bundled.cli, "lint", "Dockerfile"], project, [0, 1]);
    console.log(`\nbundled dredge lint: median ${b.median.toFixed(0)} ms; goal ≤ ${GOAL_MS} ms: ${b.median <= GOAL_MS ? "met" : "NOT met"}`);
  }
} finally {
  rmSync(project, { recursive: true, force: true });
  if (bundled) rmSync(bundled.dir, { recursive: true, force: true });
}
