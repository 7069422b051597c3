// `npm run eval`: recall and false-positive rate per secret kind and overall, on the examples and near
// misses every rule carries (all rules running together, as in a scan), then the false alarms on a corpus
// of ordinary files (default: this repository's node_modules; or the directories given).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Detector } from "../src/detect/engine.js";
import { pathContext } from "../src/detect/provenance.js";
import { BUILTIN_RULES } from "../src/detect/rules/index.js";
import type { RuleHit } from "../src/detect/types.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const detector = new Detector(BUILTIN_RULES);

interface Row {
  kind: string;
  examples: number;
  found: number;
  /** Found, but named by another rule. */
  otherKind: number;
  nearMisses: number;
  /** Near misses this kind reported. */
  falsePositives: number;
  /** Near misses some other rule reported (often right: a near miss for one format can be another's secret). */
  otherHits: number;
}

const rows: Row[] = [];
const problems: string[] = [];
for (const rule of BUILTIN_RULES) {
  const row: Row = { kind: rule.kind, examples: 0, found: 0, otherKind: 0, nearMisses: 0, falsePositives: 0, otherHits: 0 };
  for (const ex of rule.examples.match) {
    row.examples++;
    const hits = detector.scanText(ex.text, ex.path ? { path: ex.path } : {});
    const same = hits.filter((h) => h.secret === ex.secret);
    if (same.some((h) => h.kind === rule.kind)) row.found++;
    else if (same.length) row.otherKind++;
    else problems.push(`${rule.kind}: missed ${JSON.stringify(ex.text.slice(0, 60))}`);
  }
  for (const ex of rule.examples.noMatch) {
    row.nearMisses++;
    const hits = detector.scanText(ex.text, ex.path ? { path: ex.path } : {});
    if (hits.some((h) => h.kind === rule.kind)) {
      row.falsePositives++;
      problems.push(`${rule.kind}: false positive on ${JSON.stringify(ex.text.slice(0, 60))} (${ex.why})`);
    } else if (hits.length) row.otherHits++;
  }
  rows.push(row);
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "-");
console.log(`${"kind".padEnd(44)} ${"examples".padStart(8)} ${"recall".padStart(7)} ${"by other".padStart(8)} ${"near-miss".padStart(9)} ${"FP rate".padStart(7)} ${"other".padStart(5)}`);
for (const r of rows) {
  console.log(
    `${r.kind.padEnd(44)} ${String(r.examples).padStart(8)} ${pct(r.found + r.otherKind, r.examples).padStart(7)} ${String(r.otherKind).padStart(8)} ${String(r.nearMisses).padStart(9)} ${pct(r.falsePositives, r.nearMisses).padStart(7)} ${String(r.otherHits).padStart(5)}`,
  );
}
const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
const [ex, found, other, nm, fp, oh] = [sum((r) => r.examples), sum((r) => r.found), sum((r) => r.otherKind), sum((r) => r.nearMisses), sum((r) => r.falsePositives), sum((r) => r.otherHits)];
console.log(`\n${rows.length} kinds; overall recall ${pct(found + other, ex)} (${found + other}/${ex}; ${other} named by another rule), false-positive rate ${pct(fp, nm)} (${fp}/${nm} near misses; ${oh} reported by another rule)`);
for (const p of problems) console.log(`  ! ${p}`);

// False alarms on ordinary files: every hit here is a false alarm unless a person says otherwise.
const dirs = process.argv.slice(2);
const corpus = dirs.length ? dirs : [join(repo, "node_modules")];
const byKind = new Map<string, { shown: number; held: number; sample?: string }>();
let bytes = 0;
let files = 0;
function walk(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walk(p);
    else if (st.isFile() && st.size <= 64 << 20) {
      const data = readFileSync(p);
      bytes += data.length;
      files++;
      const hits: RuleHit[] = detector.scan(data, { path: p, binary: data.subarray(0, 8000).indexOf(0) >= 0 });
      for (const h of hits) {
        const e = byKind.get(h.kind) ?? { shown: 0, held: 0 };
        if (pathContext(p) || h.confidence === "low") e.held++;
        else {
          e.shown++;
          e.sample ??= p.slice(repo.length + 1);
        }
        byKind.set(h.kind, e);
      }
    }
  }
}
for (const d of corpus) walk(d);
const shown = [...byKind.values()].reduce((n, e) => n + e.shown, 0);
console.log(`\nordinary files: ${files} files, ${(bytes / 1e6).toFixed(0)} MB in ${corpus.join(", ")}: ${shown} hits shown (${((shown * 100e6) / Math.max(bytes, 1)).toFixed(2)} per 100 MB), ${[...byKind.values()].reduce((n, e) => n + e.held, 0)} held back or low confidence`);
for (const [kind, e] of [...byKind].sort((a, b) => b[1].shown - a[1].shown)) {
  console.log(`  ${kind.padEnd(40)} shown ${String(e.shown).padStart(4)}  held ${String(e.held).padStart(4)}${e.sample ? `  e.g. ${e.sample}` : ""}`);
}
if (problems.some((p) => p.includes("false positive") || p.includes("missed"))) process.exitCode = 1;
