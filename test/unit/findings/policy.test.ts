import { test } from "node:test";
import assert from "node:assert/strict";
import { applyConfigPolicy, baseRuleId, disabledRules } from "../../../src/findings/policy.js";
import type { ScanResult } from "../../../src/findings/types.js";
import { lintResult, scanResult } from "../report/fixtures.js";

const rules = (r: ScanResult) => r.findings.map((f) => f.rule);

test("rules.disable drops a rule's findings (globs too), rules.enable puts one back; both counted", () => {
  const r = applyConfigPolicy(scanResult(), { ruleSelection: { disable: ["generic-*", "stripe-secret-key"], enable: [] } });
  assert.ok(!rules(r).includes("generic-password") && !rules(r).includes("stripe-secret-key"));
  // The fixture already counts 1 allowed, 2 disabled, 3 baselined: the new ones add to them.
  assert.deepEqual(r.suppressed, { allowed: 1, disabled: 4, baselined: 3 });
  const back = applyConfigPolicy(scanResult(), { ruleSelection: { disable: ["generic-*", "*-secret-*"], enable: ["generic-password"] } });
  assert.ok(rules(back).includes("generic-password"));
  assert.ok(!rules(back).includes("aws-secret-access-key") && !rules(back).includes("stripe-secret-key"));
  assert.equal(disabledRules({ disable: ["known-value"], enable: [] })("known-value#3"), true, "an instance rule goes by its base id");
  assert.equal(baseRuleId("known-value#12"), "known-value");
});

test("allow by fingerprint or rule drops the whole finding", () => {
  const base = scanResult();
  const aws = base.findings.find((f) => f.rule === "aws-secret-access-key")!;
  const r = applyConfigPolicy(base, { allow: [{ fingerprint: aws.fingerprint, reason: "rotated" }, { rule: "jwt" }] });
  assert.ok(!r.findings.some((f) => f.fingerprint === aws.fingerprint || f.rule === "jwt"));
  assert.equal(r.suppressed?.allowed, 1 + 2);
  assert.equal(r.findings.length, base.findings.length - 2);
});

test("allow by path drops the matching locations; a finding with none left is allowed; a pattern without / matches a file name anywhere", () => {
  const base = scanResult();
  const r = applyConfigPolicy(base, { allow: [{ path: "root/.aws/**" }] });
  const aws = r.findings.find((f) => f.rule === "aws-secret-access-key")!;
  assert.deepEqual(aws.locations.map((l) => l.status), ["history"], "the history location stays: a path allows files only");
  assert.equal(r.suppressed?.allowed, base.suppressed?.allowed, "the finding is still reported: not counted as allowed");
  const byName = applyConfigPolicy(base, { allow: [{ path: "*.conf" }] });
  assert.ok(!byName.findings.some((f) => f.rule === "generic-password"), "app.conf anywhere");
  assert.equal(byName.suppressed?.allowed, (base.suppressed?.allowed ?? 0) + 1);
  const absolute = applyConfigPolicy(base, { allow: [{ path: "/etc/app.conf" }] });
  assert.ok(!absolute.findings.some((f) => f.rule === "generic-password"), "a leading / is the image root");
  const other = applyConfigPolicy(base, { allow: [{ path: "etc/other.conf" }] });
  assert.equal(other.findings.length, base.findings.length);
});

test("allow with rule and path: only that rule's locations under the path", () => {
  const lint = lintResult();
  const r = applyConfigPolicy(lint, { allow: [{ rule: "sensitive-file-copy", path: ".env" }] });
  const copy = r.findings.find((f) => f.rule === "sensitive-file-copy")!;
  assert.deepEqual(copy.locations.map((l) => l.status), ["dockerfile"]);
  const dockerfile = applyConfigPolicy(lint, { allow: [{ path: "api/Dockerfile", rule: "secret-*" }] });
  assert.deepEqual(rules(dockerfile), ["sensitive-file-copy"], "Dockerfile locations are matched by the Dockerfile's path");
  assert.equal(dockerfile.suppressed?.allowed, 4);
});

test("no policy: the result is returned as it is", () => {
  const base = scanResult();
  assert.equal(applyConfigPolicy(base, {}), base);
});
