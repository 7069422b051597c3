import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureSharedBaseImages } from "./shared-base.js";
import { REPO, median, runMeasure, type Measurement } from "./runs.js";

// Ten images sharing one ~300 MB base: without the layer cache every image pays for the base;
// with it the first pays, the rest cost their own layers; a second run costs hashing only.

const runs = Number(process.env.BENCH_RUNS ?? 3);
console.log("cache bench: building 10 images on one shared base (cached after the first run)…");
const { layouts, baseBytes, appBytes } = ensureSharedBaseImages(join(REPO, ".cache", "bench"));
console.log(`${layouts.length} images: shared base ${(baseBytes / 1e6).toFixed(0)} MB + ${(appBytes / 1e6).toFixed(1)} MB of their own each (uncompressed)`);

const rows: Record<string, Measurement[]> = { none: [], cold: [], warm: [], one: [], apps: [] };
for (let i = 0; i < runs; i++) {
  const cache = mkdtempSync(join(tmpdir(), "dredge-cache-bench-"));
  try {
    rows.none!.push(runMeasure(["scan-many", "none", "1", ...layouts]));
    rows.cold!.push(runMeasure(["scan-many", cache, "1", ...layouts]));
    rows.warm!.push(runMeasure(["scan-many", cache, "1", ...layouts]));
    // What the unique work is: one image from scratch (base + its layer)…
    rows.one!.push(runMeasure(["scan-many", "none", "1", layouts[0]!]));
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
const t = (k: string) => median(rows[k]!.map((m) => m.seconds));
const rss = (k: string) => Math.max(...rows[k]!.map((m) => m.maxRssMiB));
const same = new Set(["none", "cold", "warm"].map((k) => `${rows[k]![0]!.findings}/${rows[k]![0]!.locations}`));
console.log(`no cache      ${t("none").toFixed(2)} s  (every image reads the base)   peak ${rss("none").toFixed(0)} MiB`);
console.log(`cold cache    ${t("cold").toFixed(2)} s  (base once, then own layers)   peak ${rss("cold").toFixed(0)} MiB`);
console.log(`warm cache    ${t("warm").toFixed(2)} s  (hash check + history only)    peak ${rss("warm").toFixed(0)} MiB`);
console.log(`one image     ${t("one").toFixed(2)} s  (base + one app layer, no cache)`);
console.log(`ratios: no cache / cold = ${(t("none") / t("cold")).toFixed(2)}×; cold / one image = ${(t("cold") / t("one")).toFixed(2)}× (1.0 would be "the other nine cost nothing"); warm / no cache = ${(t("warm") / t("none")).toFixed(3)}`);
console.log(`same findings in all three: ${same.size === 1 ? "yes" : `NO (${[...same].join(" vs ")})`}`);
