// dredge's `.git` reader on a ~50 MB pack, next to git itself on the same store in the same run:
// `git cat-file --batch-all-objects --batch` (every object inflated and delta-resolved by git, in C).
// The repository is generated once (many commits of code changes taken from node_modules' sources,
// a few secrets added and later removed, then `git gc`) and cached in .cache/bench/git.
// Each measurement runs in its own process, so its peak RSS is its own.
//
//   node dist/bench/git-bench.js            prepare (once), then measure and print a table
//   node dist/bench/git-bench.js read DIR   one measurement (used by the above)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Detector } from "../src/detect/engine.js";
import { BUILTIN_RULES } from "../src/detect/rules/index.js";
import { ObjectDatabase } from "../src/git/odb.js";
import { OBJECT_TYPES } from "../src/git/objects.js";
import { gitLimits, WorkBudget } from "../src/git/options.js";
import { readStore, type HeldStore } from "../src/git/read-store.js";
import { storePathOf } from "../src/git/store-path.js";
import { median } from "./runs.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const CACHE = join(root, ".cache", "bench", "git", "v4");
/** Bytes of source text the history is made of (before compression and deltas). */
const SOURCE_BYTES = Number(process.env.BENCH_GIT_SOURCE_MB ?? 130) << 20;
/** Files edited after they are added are the smaller ones (as code files are). */
const EDITED_MAX = 48 << 10;
const RUNS = Number(process.env.BENCH_GIT_RUNS ?? 3);
const SECRETS = ["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", "glpat-Ab3dE6gH9jK2mN5pQ8sT", "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"];

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };

/** Where the history's text comes from: this project's dependencies' sources, then the system's C headers and Python library. */
const SOURCE_DIRS = [join(root, "node_modules"), "/usr/include", "/usr/lib/python3.11", "/usr/share/perl5"];

/** Text sources to build history from, in a fixed order. */
function sources(dir: string, out: string[] = [], acc = { n: 0 }): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    if (acc.n >= SOURCE_BYTES) break;
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) sources(p, out, acc);
    else if (st.isFile() && /\.(?:js|ts|mjs|cjs|json|md|h|hpp|py|pm)$/.test(name) && st.size > 200 && st.size < 256 << 10) {
      out.push(p);
      acc.n += st.size;
    }
  }
  return out;
}

function data(text: Buffer | string): Buffer[] {
  const b = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return [Buffer.from(`data ${b.length}\n`), b, Buffer.from("\n")];
}

/**
 * Makes the repository with `git fast-import`: each commit adds a few source files and edits a
 * few earlier ones (a line changed, lines appended), so later versions pack as deltas.
 */
function prepare(): string {
  const repo = join(CACHE, "repo.git");
  if (existsSync(join(repo, "bench-ready"))) return repo;
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", repo], { env: GIT_ENV });
  const files: string[] = [];
  const acc = { n: 0 };
  for (const dir of SOURCE_DIRS) sources(dir, files, acc);
  const parts: Buffer[] = [];
  const paths: string[] = [];
  const content = new Map<string, Buffer>();
  let commit = 0;
  let rng = 12345;
  const rand = (n: number) => ((rng = (rng * 1103515245 + 12345) % 2147483648), rng % n);
  for (let i = 0; i < files.length; commit++) {
    parts.push(Buffer.from(`commit refs/heads/main\nmark :${commit + 1}\ncommitter dev <dev@example.com> ${1_700_000_000 + commit * 60} +0000\n`), ...data(`change ${commit}`));
    if (commit > 0) parts.push(Buffer.from(`from :${commit}\n`));
    for (let k = 0; k < 4 && i < files.length; k++, i++) {
      // The source's own directories (trees stay as small as a real project's).
      const path = `src/${files[i]!.replace(/^\/+/, "").replace(/^.*?node_modules\//, "js/")}`;
      const bytes = readFileSync(files[i]!);
      if (bytes.length <= EDITED_MAX) paths.push(path);
      content.set(path, bytes);
      parts.push(Buffer.from(`M 100644 inline ${path}\n`), ...data(bytes));
    }
    for (let k = 0; k < 6 && paths.length > 10; k++) {
      const path = paths[rand(paths.length)]!;
      const lines = content.get(path)!.toString("utf8").split("\n");
      lines[rand(lines.length)] = `// edited in change ${commit}`;
      lines.push(`export const change${commit} = ${rand(100000)};`);
      const next = Buffer.from(lines.join("\n"));
      content.set(path, next);
      parts.push(Buffer.from(`M 100644 inline ${path}\n`), ...data(next));
    }
    // A secret lives in config/.env for a few commits now and then (added, then edited away).
    if (commit % 400 === 100) parts.push(Buffer.from("M 100644 inline config/.env\n"), ...data(`TOKEN=${SECRETS[(commit / 400) % SECRETS.length | 0]}\n`));
    if (commit % 400 === 110) parts.push(Buffer.from("M 100644 inline config/.env\n"), ...data("TOKEN=\n"));
    parts.push(Buffer.from("\n"));
  }
  execFileSync("git", ["fast-import", "--quiet"], { cwd: repo, input: Buffer.concat(parts), env: GIT_ENV, maxBuffer: 1 << 30 });
  execFileSync("git", ["gc", "-q"], { cwd: repo, env: GIT_ENV });
  execFileSync("git", ["config", "core.bench", `${commit} commits`], { cwd: repo, env: GIT_ENV });
  execFileSync("touch", [join(repo, "bench-ready")]);
  return repo;
}

/** The store's files held in memory, as the layer tap holds them. */
function hold(repo: string): HeldStore {
  const store: HeldStore = { root: "/app/.git", files: new Map() };
  const walk = (abs: string) => {
    for (const name of readdirSync(abs)) {
      const p = join(abs, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const at = storePathOf(`/app/.git/${relative(repo, p)}`);
        if (at) store.files.set(at.rel, { path: `/app/.git/${relative(repo, p)}`, bytes: readFileSync(p) });
      }
    }
  };
  walk(repo);
  return store;
}

/** One measurement in this process: prints JSON. */
function measure(mode: string, repo: string): void {
  const store = hold(repo);
  // Built before the clock starts: a scan builds its detector once for all layers and images.
  const detector = mode === "scan" ? new Detector(BUILTIN_RULES) : undefined;
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let extra: Record<string, unknown> = {};
  if (mode === "read") {
    // Every object inflated and delta-resolved, as cat-file does; no detection.
    const packs = [...store.files.entries()].filter(([rel]) => rel.endsWith(".pack")).map(([rel, pack]) => ({ pack, idx: store.files.get(rel.replace(/\.pack$/, ".idx"))! }));
    const loose = new Map([...store.files.entries()].filter(([rel]) => /^objects\/[0-9a-f]{2}\//.test(rel)).map(([rel, f]) => [rel.slice(8, 10) + rel.slice(11), f]));
    const odb = new ObjectDatabase(packs, loose, 20, new WorkBudget(gitLimits({})));
    let objects = 0;
    let bytes = 0;
    odb.forEach(new Set(OBJECT_TYPES), (_id, obj) => {
      objects++;
      bytes += obj.data.length;
    });
    extra = { objects, bytes, notes: odb.notes() };
  } else {
    // The whole store read: every blob scanned by all built-in rules, commits and paths of the hits.
    const { hits, notes } = readStore(store, detector!, 0, gitLimits({}));
    // Only the first characters of each secret (a bench prints no secret).
    extra = { hits: hits.length, secrets: [...new Set(hits.map((h) => h.hit.secret.slice(0, 6)))].sort(), notes };
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(JSON.stringify({ mode, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMiB: process.resourceUsage().maxRSS / 1024, ...extra }) + "\n");
}

/** `git cat-file --batch-all-objects --batch` of the store, written to /dev/null: seconds, CPU seconds and peak RSS (GNU time). */
function gitCatFile(repo: string): { seconds: number; cpuSeconds: number; maxRssMiB: number } {
  const started = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "%M %U %S", "sh", "-c", "git cat-file --batch-all-objects --batch > /dev/null"], { cwd: repo, env: GIT_ENV });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`git cat-file failed: ${r.stderr.toString()}`);
  const [rss, user, sys] = r.stderr.toString().trim().split("\n").pop()!.split(" ").map(Number);
  return { seconds, cpuSeconds: user! + sys!, maxRssMiB: rss! / 1024 };
}

function child(mode: string, repo: string): { seconds: number; cpuSeconds: number; maxRssMiB: number; [k: string]: unknown } {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), mode, repo], { maxBuffer: 1 << 26 });
  return JSON.parse(out.toString()) as { seconds: number; cpuSeconds: number; maxRssMiB: number };
}

async function main(): Promise<void> {
  const [mode, repoArg] = process.argv.slice(2);
  if (mode === "prepare") return void process.stdout.write(prepare());
  if (mode) return measure(mode, repoArg!);
  const t0 = Date.now();
  // Made in a child: on Linux a process's peak RSS starts from its parent's at fork, so the parent stays small.
  const repo = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "prepare"], { stdio: ["ignore", "pipe", "inherit"] }).toString();
  const packBytes = readdirSync(join(repo, "objects", "pack"))
    .filter((n) => n.endsWith(".pack"))
    .reduce((n, f) => n + statSync(join(repo, "objects", "pack", f)).size, 0);
  const commits = execFileSync("git", ["rev-list", "--count", "--all"], { cwd: repo, env: GIT_ENV }).toString().trim();
  const objects = execFileSync("git", ["count-objects", "-v"], { cwd: repo, env: GIT_ENV }).toString();
  console.log(`store: ${(packBytes / (1 << 20)).toFixed(1)} MB pack, ${commits} commits, ${/in-pack: (\d+)/.exec(objects)?.[1]} objects (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const rows: Record<string, { seconds: number[]; cpu: number[]; rss: number[]; last?: Record<string, unknown> }> = {
    git: { seconds: [], cpu: [], rss: [] },
    read: { seconds: [], cpu: [], rss: [] },
    scan: { seconds: [], cpu: [], rss: [] },
  };
  for (let i = 0; i < RUNS; i++) {
    for (const m of ["git", "read", "scan"] as const) {
      const r = m === "git" ? gitCatFile(repo) : child(m, repo);
      rows[m]!.seconds.push(r.seconds);
      rows[m]!.cpu.push(r.cpuSeconds);
      rows[m]!.rss.push(r.maxRssMiB);
      if (m !== "git") rows[m]!.last = r;
    }
  }
  const git = median(rows.git!.seconds);
  const gitCpu = median(rows.git!.cpu);
  const label: Record<string, string> = {
    git: "git cat-file --batch-all-objects --batch",
    read: "dredge: every object inflated + deltas resolved",
    scan: "dredge: store read + every blob scanned (all rules)",
  };
  console.log(`| measure | time (median of ${RUNS}) | ratio to git | CPU time | CPU ratio | peak RSS |`);
  console.log("|---|---|---|---|---|---|");
  for (const [k, r] of Object.entries(rows)) {
    const s = median(r.seconds);
    const c = median(r.cpu);
    console.log(`| ${label[k]} | ${s.toFixed(2)} s | ${(s / git).toFixed(2)}× | ${c.toFixed(2)} s | ${(c / gitCpu).toFixed(2)}× | ${median(r.rss).toFixed(0)} MiB |`);
  }
  console.log(`read: ${JSON.stringify({ objects: rows.read!.last!.objects, bytes: rows.read!.last!.bytes, notes: rows.read!.last!.notes })}`);
  console.log(`scan: ${JSON.stringify({ hits: rows.scan!.last!.hits, secrets: rows.scan!.last!.secrets, notes: rows.scan!.last!.notes })}`);
}

await main();
