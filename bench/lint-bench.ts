// Lint throughput on the real-world Dockerfile corpus (../shared/dockerfiles): in-process, no
// build context, findings included (fingerprints), a warm-up pass then the median of BENCH_RUNS.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { lintFindings, lintText } from "../src/lint/index.js";
import { CORPUS, corpusFiles } from "../test/helpers/corpus.js";

const files = corpusFiles();
const texts = files.map((f) => ({ file: relative(CORPUS, f), text: readFileSync(f, "utf8") }));
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
console.log(`dredge lint bench: ${files.length} Dockerfiles, ${mb.toFixed(1)} MB from ${CORPUS}`);
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
