import { join } from "node:path";
import { ensureBenchImage, PLANTED } from "./make-image.js";
import { REPO, median, runMeasure, type Measurement } from "./runs.js";

const runs = Number(process.env.BENCH_RUNS ?? 3);
console.log("dredge bench: building the bench image (cached after the first run)…");
const image = ensureBenchImage(join(REPO, ".cache", "bench"));
const mb = image.uncompressedBytes / 1e6;
console.log(`image: ${image.layout}: ${image.layers.length} gzip layers, ${mb.toFixed(0)} MB uncompressed, ${PLANTED.length} planted secrets`);

const floors: Measurement[] = [];
const scans: Measurement[] = [];
const twoWorkers: Measurement[] = [];
for (let i = 0; i < runs; i++) {
  // Interleaved so that all see the same page cache and machine load.
  floors.push(runMeasure(["floor", ...image.layers]));
  scans.push(runMeasure(["scan", image.layout]));
  twoWorkers.push(runMeasure(["scan-2", image.layout]));
}
const twoWorkerSeconds = median(twoWorkers.map((m) => m.seconds));
const floor = median(floors.map((m) => m.seconds));
const scanned = median(scans.map((m) => m.seconds));
const last = scans[scans.length - 1]!;
const expected = ["github-personal-access-token", "npm-access-token", "aws-access-key-id", "stripe-secret-key"];
const missing = expected.filter((k) => !(last.kinds ?? []).includes(k));
console.log("");
console.log(`floor (node zlib gunzip of the same layers): ${floor.toFixed(2)} s  ${(mb / floor).toFixed(0)} MB/s  peak RSS ${median(floors.map((m) => m.maxRssMiB)).toFixed(0)} MiB`);
console.log(`dredge scan (default threads):              ${scanned.toFixed(2)} s  ${(mb / scanned).toFixed(0)} MB/s  peak RSS ${median(scans.map((m) => m.maxRssMiB)).toFixed(0)} MiB`);
console.log(`dredge scan, layers in two worker threads:  ${twoWorkerSeconds.toFixed(2)} s  ${(mb / twoWorkerSeconds).toFixed(0)} MB/s  peak RSS ${median(twoWorkers.map((m) => m.maxRssMiB)).toFixed(0)} MiB  (${(twoWorkerSeconds / floor).toFixed(2)}×)`);
console.log(`ratio dredge / floor: ${(scanned / floor).toFixed(2)}×   (goal ≤ 1.5×; peak RSS goal ≤ 256 MiB)   median of ${runs}`);
console.log(`findings: ${last.findings} (${(last.kinds ?? []).join(", ")}); planted kinds missed: ${missing.length ? missing.join(", ") : "none"}; warnings: ${(last.warnings ?? []).length}`);
if (missing.length) process.exitCode = 1;
