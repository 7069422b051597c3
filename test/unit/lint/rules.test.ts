import { test } from "node:test";
import assert from "node:assert/strict";
import { LINT_RULES, lintText } from "../../../src/lint/index.js";
import type { LintExample } from "../../../src/lint/index.js";

function run(ex: LintExample) {
  return lintText(ex.dockerfile, {
    ...(ex.buildArgs ? { buildArgs: ex.buildArgs } : {}),
    ...(ex.secrets ? { secrets: ex.secrets } : {}),
    ...(ex.target ? { target: ex.target } : {}),
  });
}

function show(issues: ReturnType<typeof run>["issues"]): string {
  return issues.map((i) => `  ${i.at.line} ${i.scope} ${i.rule}: ${i.message}`).join("\n") || "  (none)";
}

test("rule ids are unique and every rule has a title, remediation, https docs and examples", () => {
  const ids = LINT_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of LINT_RULES) {
    assert.ok(r.title && r.remediation, r.id);
    assert.match(r.docs, /^https:\/\//, r.id);
    assert.ok(r.examples.bad.length > 0 && r.examples.good.length > 0, `${r.id} needs bad and good examples`);
  }
});

for (const rule of LINT_RULES) {
  rule.examples.bad.forEach((ex, i) => {
    test(`${rule.id}: bad example ${i + 1} is reported at line ${ex.line} with scope ${ex.scope}`, () => {
      const r = run(ex);
      const hit = r.issues.find((x) => x.rule === rule.id && x.at.line === ex.line && x.scope === ex.scope);
      assert.ok(hit, `expected ${rule.id} at line ${ex.line} (${ex.scope}) in:\n${ex.dockerfile}\ngot:\n${show(r.issues)}`);
      assert.ok(hit.message.length > 10);
      if (hit.value !== undefined) assert.ok(!hit.message.includes(hit.value), "the message must not show the secret");
      const expectSeverity = { final: ["high", "critical"], host: ["low"], log: ["low"], bug: ["medium"] }[ex.scope];
      assert.ok(expectSeverity.includes(hit.severity), `severity ${hit.severity} for scope ${ex.scope}`);
    });
  });
  rule.examples.good.forEach((ex, i) => {
    test(`${rule.id}: good example ${i + 1} is not reported (${ex.why})`, () => {
      const r = run(ex);
      assert.deepEqual(r.issues.filter((x) => x.rule === rule.id), [], `in:\n${ex.dockerfile}\ngot:\n${show(r.issues)}`);
    });
  });
}
