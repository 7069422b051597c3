// Archive bench (issue 7): time to scan a ~100 MB collection of jars with dredge (zip archives read
// by their central directory, every entry inflated and scanned) next to `unzip -p` of the same
// jars, and dredge with archives off (the jars' raw bytes only), with peak RSS. The jars are
// made once with `jar` and `zip` from generated class-like and text content, cached in
// .cache/bench/archives. Run: node dist/bench/archive-bench.js (BENCH_RUNS=n, default 3).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./runs.js";
import { prng } from "../test/helpers/prng.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const cli = join(here, "..", "src", "cli", "main.js");
const cacheDir = join(repo, ".cache", "bench", "archives");
const rootfs = join(cacheDir, "rootfs");
const JARS = 48;
const TOKEN = "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";

const WORDS = ["get", "set", "Value", "Config", "Service", "Factory", "Bean", "Request", "Handler", "java/lang/String", "Ljava/util/List;", "init", "Object", "Builder", "Map", "Impl", "Abstract", "Default", "Context", "Resolver"];

/** A class-file-like blob: magic, a constant pool of identifiers, and bytecode-ish noise. */
function classFile(rnd: () => number): Buffer {
  const parts: Buffer[] = [Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61])];
  const n = 20 + Math.floor(rnd() * 120);
  for (let i = 0; i < n; i++) {
    const id = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join("");
    const b = Buffer.from(id);
    parts.push(Buffer.from([1, b.length >> 8, b.length & 0xff]), b);
  }
  const code = Buffer.alloc(200 + Math.floor(rnd() * 3000));
  for (let i = 0; i < code.length; i++) code[i] = rnd() < 0.6 ? Math.floor(rnd() * 32) : Math.floor(rnd() * 256);
  parts.push(code);
  return Buffer.concat(parts);
}

function textFile(rnd: () => number, lines: number): string {
  let s = "";
  for (let i = 0; i < lines; i++) s += `${WORDS[Math.floor(rnd() * WORDS.length)]}.${WORDS[Math.floor(rnd() * WORDS.length)]}.key${i}=${Math.floor(rnd() * 1e9).toString(36)}\n`;
  return s;
}

/** Makes the jars (cached): half with `jar`, half with `zip`, ~2 MB each; one holds a planted token. */
function ensureJars(): { files: string[]; bytes: number } {
  const marker = join(cacheDir, "done");
  if (!existsSync(marker)) {
    rmSync(cacheDir, { recursive: true, force: true });
    mkdirSync(join(rootfs, "app", "lib"), { recursive: true });
    for (let j = 0; j < JARS; j++) {
      const rnd = prng(1000 + j);
      const src = join(cacheDir, "src", `j${j}`);
      const pkg = join(src, "com", "example", `m${j}`);
      mkdirSync(pkg, { recursive: true });
      mkdirSync(join(src, "META-INF"), { recursive: true });
      for (let c = 0; c < 900; c++) writeFileSync(join(pkg, `C${c}.class`), classFile(rnd));
      writeFileSync(join(src, "META-INF", "MANIFEST.MF"), "Manifest-Version: 1.0\n");
      for (let t = 0; t < 12; t++) writeFileSync(join(src, `res${t}.properties`), textFile(rnd, 400));
      if (j === JARS - 1) writeFileSync(join(src, "application.properties"), `github.token=${TOKEN}\n`);
      const out = join(rootfs, "app", "lib", `m${j}.jar`);
      if (j % 2 === 0) execFileSync("jar", ["cf", out, "-C", src, "."]);
      else execFileSync("zip", ["-q", "-r", out, "."], { cwd: src });
    }
    rmSync(join(cacheDir, "src"), { recursive: true, force: true });
    writeFileSync(marker, "");
  }
  const dir = join(rootfs, "app", "lib");
  const files = readdirSync(dir).map((f) => join(dir, f));
  return { files, bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
}

interface Run {
  seconds: number;
  /** User + system CPU seconds (steadier than wall time on a shared machine). */
  cpu: number;
  rssMiB: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time: wall seconds, CPU seconds and peak RSS. */
function timed(cmd: string, args: string[]): Run {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", cmd, ...args], { maxBuffer: 1 << 28 });
  const last = r.stderr.toString().trim().split("\n").pop() ?? "";
  const [secs, user, sys, kb] = last.split(" ").map(Number);
  if (!Number.isFinite(secs)) throw new Error(`could not time ${cmd}: ${r.stderr.toString()}`);
  return { seconds: secs!, cpu: user! + sys!, rssMiB: kb! / 1024, stdout: r.stdout.toString() };
}

console.log("archive bench: making the jars (cached after the first run)…");
const { files, bytes } = ensureJars();
let inflated = 0;
for (const f of files) for (const line of execFileSync("unzip", ["-Z", "-t", f]).toString().split("\n")) {
  const m = /(\d+) bytes uncompressed/.exec(line);
  if (m) inflated += Number(m[1]);
}
const mb = bytes / 1e6;
console.log(`${files.length} jars, ${mb.toFixed(0)} MB, ${(inflated / 1e6).toFixed(0)} MB inflated`);

const runs = Number(process.env.BENCH_RUNS ?? 3);
const unzip: Run[] = [];
const scan: Run[] = [];
const stream: Run[] = [];
const off: Run[] = [];
const scanArgs = [cli, "scan", `dir:${rootfs}`, "--format", "json", "--no-cache", "--no-progress", "--fail-on", "none"];
for (let i = 0; i < runs; i++) {
  // Interleaved: all see the same page cache and machine load.
  unzip.push(timed("sh", ["-c", `for f in ${files.join(" ")}; do unzip -p "$f"; done > /dev/null`]));
  scan.push(timed(process.execPath, scanArgs));
  stream.push(timed(process.execPath, [...scanArgs, "--archive-memory", "0"]));
  off.push(timed(process.execPath, [...scanArgs, "--archive-depth", "0"]));
}
const found = (JSON.parse(scan[0]!.stdout) as { findings: { locations: { inner?: string[] }[] }[] }).findings.filter((f) => f.locations.some((l) => l.inner)).length;
const row = (label: string, rs: Run[]) => {
  const s = median(rs.map((r) => r.seconds));
  return `${label.padEnd(52)} ${s.toFixed(2)} s  ${(mb / s).toFixed(0).padStart(4)} MB/s of jars  CPU ${median(rs.map((r) => r.cpu)).toFixed(2)} s  peak RSS ${median(rs.map((r) => r.rssMiB)).toFixed(0)} MiB`;
};
console.log("");
console.log(row("unzip -p of every jar (floor)", unzip));
console.log(row("dredge scan (zips in memory, central directory)", scan));
console.log(row("dredge scan --archive-memory 0 (local headers)", stream));
console.log(row("dredge scan --archive-depth 0 (jars' raw bytes only)", off));
const floor = median(unzip.map((r) => r.seconds));
const floorCpu = median(unzip.map((r) => r.cpu));
const ratio = (rs: Run[], f: (r: Run) => number, base: number) => (median(rs.map(f)) / base).toFixed(2);
console.log(`ratio dredge / unzip -p: wall ${ratio(scan, (r) => r.seconds, floor)}×, CPU ${ratio(scan, (r) => r.cpu, floorCpu)}× (streamed: wall ${ratio(stream, (r) => r.seconds, floor)}×, CPU ${ratio(stream, (r) => r.cpu, floorCpu)}×)   median of ${runs}`);
console.log(`findings inside the jars: ${found} (the planted token: ${found > 0 ? "found" : "MISSED"})`);
if (found === 0) process.exitCode = 1;
