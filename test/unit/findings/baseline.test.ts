import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Ajv } from "ajv";
import { applyBaseline, BASELINE_SCHEMA, baselineOf, parseBaseline, readBaseline, saltId, writeBaseline } from "../../../src/findings/baseline.js";
import { formatJson } from "../../../src/report/json.js";
import { lintResult, scanResult, secretValues } from "../report/fixtures.js";

test("a baseline holds fingerprints, rules, kinds, previews and places, sorted, and never a secret", () => {
  const b = baselineOf(scanResult(), "team-salt");
  assert.equal(b.version, 1);
  assert.equal(b.kind, "dredge-baseline");
  assert.equal(b.salt, saltId("team-salt"));
  assert.notEqual(b.salt, saltId(undefined));
  assert.equal(b.findings.length, scanResult().findings.length, "held-back findings too");
  assert.deepEqual(b.findings.map((f) => f.fingerprint), [...b.findings.map((f) => f.fingerprint)].sort());
  const text = JSON.stringify(b);
  for (const v of secretValues()) assert.ok(!text.includes(v.trim()), `holds ${v.slice(0, 6)}…`);
  assert.ok(b.findings.some((f) => f.places.some((p) => /layer 1 \/root\/\.aws\/credentials \(deleted in layer 3\)/.test(p))));
  assert.ok(new Ajv({ strict: true }).validate(BASELINE_SCHEMA, b));
});

test("applying a baseline drops the findings it holds and counts them; new ones stay", () => {
  const old = baselineOf(lintResult());
  const now = lintResult();
  now.findings[0] = { ...now.findings[0]!, fingerprint: "ffffffffffffffffffffffffffffffff" };
  const r = applyBaseline(now, { fingerprints: new Set(old.findings.map((f) => f.fingerprint)) });
  assert.deepEqual(r.findings.map((f) => f.fingerprint), ["ffffffffffffffffffffffffffffffff"]);
  assert.equal(r.suppressed?.baselined, now.findings.length - 1);
});

test("written and read back; a --format json report works as a baseline too", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-baseline-"));
  try {
    const file = join(dir, "baseline.json");
    assert.equal(await writeBaseline(file, scanResult()), scanResult().findings.length);
    const back = await readBaseline(file);
    assert.deepEqual([...back.fingerprints].sort(), scanResult().findings.map((f) => f.fingerprint).sort());
    assert.equal(back.salt, saltId(undefined));
    const report = join(dir, "report.json");
    writeFileSync(report, formatJson(scanResult(), { showSecrets: false }));
    assert.equal((await readBaseline(report)).fingerprints.size, scanResult().findings.length);
    assert.ok(readFileSync(file, "utf8").endsWith("\n"));
    await assert.rejects(readBaseline(join(dir, "missing.json")), /cannot read the baseline .*missing\.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a file that is not a baseline is a clear error naming it", () => {
  assert.throws(() => parseBaseline("{", "b.json"), /b\.json: not a dredge baseline: not valid JSON/);
  assert.throws(() => parseBaseline("[]", "b.json"), /b\.json: not a dredge baseline/);
  assert.throws(() => parseBaseline('{"version":1,"kind":"dredge-baseline","salt":"0123456789abcdef","findings":[{"fingerprint":"XYZ","rule":"a","kind":"b","preview":"","places":[]}]}', "b.json"), /b\.json: not a dredge baseline .*\/findings\/0\/fingerprint/);
  assert.throws(() => parseBaseline('{"version":2,"findings":[]}', "b.json"), /not a dredge baseline/);
});

test("hostile baseline files give a clear error or a baseline, never a crash", () => {
  const check = (text: string) => {
    try {
      const b = parseBaseline(text, "b.json");
      assert.ok(b.fingerprints instanceof Set);
    } catch (err) {
      assert.equal((err as Error).name, "UsageError");
      assert.match((err as Error).message, /^b\.json: not a dredge baseline/);
    }
  };
  fc.assert(fc.property(fc.string({ maxLength: 200 }), check), { numRuns: 300 });
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => check(JSON.stringify(v))), { numRuns: 300 });
  const hex = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef".split("")), minLength: min, maxLength: max });
  const entry = fc.record({ fingerprint: fc.oneof(hex(16, 40), fc.string()), rule: fc.string(), kind: fc.string(), preview: fc.string(), places: fc.array(fc.string()) }, { requiredKeys: [] });
  fc.assert(fc.property(fc.record({ version: fc.constantFrom(1, 2, "1"), kind: fc.constantFrom("dredge-baseline", "x"), salt: hex(0, 20), findings: fc.array(entry, { maxLength: 3 }) }, { requiredKeys: [] }), (v) => check(JSON.stringify(v))), { numRuns: 300 });
});
