import { test } from "node:test";
import assert from "node:assert/strict";
import { BUILTIN_RULES } from "../../../src/detect/rules/index.js";
import { Detector } from "../../../src/detect/engine.js";

for (const rule of BUILTIN_RULES) {
  test(`rule ${rule.id} carries at least 5 examples and 5 near misses`, () => {
    assert.ok(rule.examples.match.length >= 5, `${rule.id}: ${rule.examples.match.length} examples`);
    assert.ok(rule.examples.noMatch.length >= 5, `${rule.id}: ${rule.examples.noMatch.length} near misses`);
    assert.ok(rule.remediation.length > 20, `${rule.id} says how to revoke or rotate`);
    assert.match(rule.docs, /^https:\/\/[^\s]+$/, `${rule.id} links the provider's documentation`);
  });

  test(`rule ${rule.id} finds the secret in each of its examples`, () => {
    const detector = new Detector([rule]);
    for (const ex of rule.examples.match) {
      const hits = detector.scanText(ex.text, ex.path ? { path: ex.path } : {});
      assert.ok(
        hits.some((h) => h.secret === ex.secret),
        `${rule.id} should find ${JSON.stringify(ex.secret)} in ${JSON.stringify(ex.text)}; got ${JSON.stringify(hits.map((h) => h.secret))}`,
      );
    }
  });

  test(`rule ${rule.id} reports nothing for its near misses`, () => {
    const detector = new Detector([rule]);
    for (const ex of rule.examples.noMatch) {
      const hits = detector.scanText(ex.text, ex.path ? { path: ex.path } : {});
      assert.deepEqual(hits.map((h) => h.secret), [], `${rule.id} must not match ${JSON.stringify(ex.text)} (${ex.why})`);
    }
  });
}

test("rule ids and kinds are unique: one rule per credential kind", () => {
  const ids = BUILTIN_RULES.map((r) => r.id);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  const kinds = BUILTIN_RULES.map((r) => r.kind);
  assert.deepEqual(kinds.filter((k, i) => kinds.indexOf(k) !== i), []);
});

test("all rules together find each example's secret (no rule shadows another)", () => {
  const detector = new Detector(BUILTIN_RULES);
  for (const rule of BUILTIN_RULES) {
    for (const ex of rule.examples.match) {
      const hits = detector.scanText(ex.text, ex.path ? { path: ex.path } : {});
      assert.ok(hits.some((h) => h.secret === ex.secret), `${rule.id}: ${ex.text}`);
    }
  }
});

test("a secret cut across lines of a long file is found at its byte offset", () => {
  const detector = new Detector(BUILTIN_RULES);
  const filler = "lorem ipsum dolor sit amet\n".repeat(5000);
  const buf = Buffer.from(`${filler}token=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\n${filler}`);
  const hits = detector.scan(buf, { path: "/x" });
  assert.equal(hits.length, 1);
  assert.equal(buf.toString("latin1", hits[0]!.start, hits[0]!.end), "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");
});

test("on a long line with no newline, a token after many other keyword hits is found whole (line bounds are shared only when the line really ends)", () => {
  const detector = new Detector(BUILTIN_RULES);
  const token = "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";
  for (const gap of [100, 1000, 4000, 4090, 4100]) {
    const line = `var a="token";${"x".repeat(gap)}var b="${token}";${"y".repeat(5000)}`;
    const hits = detector.scanText(line, { path: "/app/bundle.min.js" });
    assert.ok(hits.some((h) => h.secret === token), `gap ${gap}: ${JSON.stringify(hits.map((h) => h.secret))}`);
  }
});
