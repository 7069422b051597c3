// Lint throughput on the real-world Dockerfile corpus (../shared/dockerfiles): in-process, no
// build context, findings included (fingerprints), a warm-up pass then the median of BENCH_RUNS.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { lintFindings, lintText } from "../src/lint/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const corpus = resolve(process.env.DREDGE_DOCKERFILES ?? join(here, "..", "..", "..", "shared", "dockerfiles"));

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const files = walk(corpus).sort();
const texts = files.map((f) => ({ file: relative(corpus, f), text: readFileSync(f, "utf8") }));
const mb = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0) / 1e6;

async function pass(): Promise<{ seconds: number; findings: number }> {
  const started = process.hrtime.bigint();
  let findings = 0;
  for (const { file, text } of texts) {
    const r = lintText(text, { file });
    findings += (await lintFindings(r.issues, file)).length;
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, findings };
}

const runs = Number(process.env.BENCH_RUNS ?? 3);
console.log(`dredge lint bench: ${files.length} Dockerfiles, ${mb.toFixed(1)} MB from ${corpus}`);
const warm = await pass();
console.log(`warm-up: ${warm.seconds.toFixed(2)} s`);
const times: number[] = [];
let findings = 0;
for (let i = 0; i < runs; i++) {
  const r = await pass();
  times.push(r.seconds);
  findings = r.findings;
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
console.log(`lint: ${median.toFixed(2)} s (median of ${runs}), ${(files.length / median).toFixed(0)} Dockerfiles/s, ${(mb / median).toFixed(1)} MB/s, ${findings} findings, one thread`);
