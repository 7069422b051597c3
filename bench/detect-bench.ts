// Detection throughput, text vs binaries, through the same path layers take (LayerScanner: windows,
// binary sniffing, all built-in rules), next to two floors measured in the same run on the same bytes:
// the keyword prefilter alone, and gunzip of the same bytes (the decompression floor of `npm run bench`).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { Detector } from "../src/detect/engine.js";
import { KeywordAutomaton } from "../src/detect/prefilter.js";
import { BUILTIN_RULES } from "../src/detect/rules/index.js";
import { LayerScanner } from "../src/scan/layer-scan.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const TEXT = /\.(?:js|mjs|cjs|ts|json|md|txt|yml|yaml|html|css|py|sh|c|h)$/;
const CAP = Number(process.env.BENCH_DETECT_MB ?? 96) << 20;

/** Files under dir (text ones or all), until cap bytes. */
function collect(dir: string, pick: (path: string, size: number) => boolean, cap: number, out: { path: string; data: Buffer }[] = [], acc = { n: 0 }): { path: string; data: Buffer }[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    if (acc.n >= cap) break;
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) collect(p, pick, cap, out, acc);
    else if (st.isFile() && st.size > 0 && pick(p, st.size)) {
      const data = readFileSync(p);
      out.push({ path: p, data });
      acc.n += data.length;
    }
  }
  return out;
}

function isBinary(data: Buffer): boolean {
  return data.subarray(0, 8000).indexOf(0) >= 0;
}

function timeScan(files: { path: string; data: Buffer }[]): number {
  const scanner = new LayerScanner(new Detector(BUILTIN_RULES), 0);
  const t0 = process.hrtime.bigint();
  for (const f of files) {
    scanner.entry({ type: "file", path: f.path, size: f.data.length } as Parameters<LayerScanner["entry"]>[0]);
    for (let off = 0; off < f.data.length; off += 256 << 10) scanner.data(f.data.subarray(off, off + (256 << 10)));
    scanner.entryEnd();
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Keyword hits of the last prefilter pass (printed: how often the rules' regexes are invited to run). */
let keywordHits = 0;

function timePrefilter(files: { path: string; data: Buffer }[]): number {
  const automaton = new KeywordAutomaton([...new Set(BUILTIN_RULES.flatMap((r) => r.keywords.map((k) => k.toLowerCase())))]);
  const t0 = process.hrtime.bigint();
  keywordHits = 0;
  for (const f of files) automaton.scan(f.data, () => void keywordHits++, 0, f.data.length);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function timeGunzip(files: { path: string; data: Buffer }[]): number {
  const gz = files.map((f) => gzipSync(f.data, { level: 6 }));
  const t0 = process.hrtime.bigint();
  for (const g of gz) gunzipSync(g, { chunkSize: 256 << 10 });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function best(fn: () => number, runs = 3): number {
  let b = Infinity;
  for (let i = 0; i < runs; i++) b = Math.min(b, fn());
  return b;
}

const text = collect(join(repo, "node_modules"), (p) => TEXT.test(p), CAP).filter((f) => !isBinary(f.data));
const binaries = [
  { path: "/usr/bin/node", data: readFileSync(process.execPath) },
  ...collect("/usr/lib/x86_64-linux-gnu", (p, size) => /\.so[.0-9]*$/.test(p) && size > 1 << 20, CAP / 2),
].filter((f) => isBinary(f.data));

console.log(`detection bench: ${BUILTIN_RULES.length} rules; best of 3`);
for (const [label, files] of [["text (node_modules sources)", text], ["binaries (node, shared libraries)", binaries]] as const) {
  const mb = files.reduce((n, f) => n + f.data.length, 0) / 1e6;
  const scan = best(() => timeScan(files));
  const pre = best(() => timePrefilter(files));
  const gun = best(() => timeGunzip(files), 1);
  console.log(
    `${label.padEnd(36)} ${mb.toFixed(0).padStart(4)} MB in ${String(files.length).padStart(5)} files: detection ${(mb / scan).toFixed(0).padStart(5)} MB/s   prefilter alone ${(mb / pre).toFixed(0).padStart(5)} MB/s   gunzip of the same bytes ${(mb / gun).toFixed(0).padStart(5)} MB/s   (${(keywordHits / mb).toFixed(0)} keyword hits/MB)`,
  );
}
