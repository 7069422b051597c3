// SARIF of real results (an image made in-process, the docker-built example with its Dockerfile,
// lint of every scenario Dockerfile, each scenario's build context), checked against the official
// OASIS schema and for what code scanning needs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as Sarif from "sarif";
import type { ScanResult } from "../../../src/findings/types.js";
import { toSarif } from "../../../src/report/sarif.js";
import { PLANTED, contextScenarios, lintScenarios, scanExample, scanLeakyLayout } from "./real-outputs.js";
import { assertOfficialSarif } from "./sarif-schema.js";
import { secretValues as fixtureSecrets, scanResult } from "./fixtures.js";

const work = mkdtempSync(join(tmpdir(), "dredge-sarif-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

function run(log: Sarif.Log): Sarif.Run {
  assert.equal(log.version, "2.1.0");
  assert.equal(log.runs.length, 1);
  return log.runs[0]!;
}

/** What every dredge SARIF log must satisfy, beyond the schema. */
function checkCodeScanningShape(log: Sarif.Log, result: ScanResult, label: string): void {
  assertOfficialSarif(log, label);
  const r = run(log);
  const rules = r.tool.driver.rules ?? [];
  assert.deepEqual(
    rules.map((x) => x.id),
    [...rules.map((x) => x.id)].sort(),
    `${label}: rules sorted by id`,
  );
  for (const rule of rules) {
    const score = Number(rule.properties?.["security-severity"]);
    assert.ok(score >= 0 && score <= 10 && typeof rule.properties?.["security-severity"] === "string", `${label}: ${rule.id} security-severity is a number string`);
    assert.ok(rule.shortDescription?.text && rule.fullDescription?.text && rule.help?.text && rule.help.markdown, `${label}: ${rule.id} has descriptions and help`);
    assert.ok((rule.properties?.tags as string[]).includes("security"));
    assert.ok(["high", "medium", "low", "very-high"].includes(rule.properties?.precision as string));
  }
  const shown = result.findings.filter((f) => !f.heldBack);
  assert.equal(r.results?.length, shown.length, `${label}: one result per finding not held back`);
  for (const [i, res] of (r.results ?? []).entries()) {
    const f = shown[i]!;
    assert.equal(rules[res.ruleIndex!]!.id, res.ruleId, `${label}: ruleIndex points at the rule`);
    assert.equal(res.partialFingerprints?.["dredgeFingerprint/v1"], f.fingerprint);
    assert.ok(["error", "warning", "note"].includes(res.level!));
    // Code scanning rejects a result whose first location has no artifact.
    assert.ok(res.locations?.[0]?.physicalLocation?.artifactLocation?.uri, `${label}: result ${i} has a physical artifact`);
    assert.equal((res.locations?.length ?? 0) + (res.relatedLocations?.length ?? 0) >= f.locations.length, true, `${label}: every location is in the result`);
    assert.match(res.message.text!, /[.]$/);
  }
}

function noSecrets(log: Sarif.Log, secrets: readonly string[], label: string): void {
  const text = JSON.stringify(log);
  for (const s of secrets) assert.ok(!text.includes(s), `${label}: holds a secret (${s.slice(0, 6)}…)`);
}

test("an image made in-process: layers and history as logical locations, the image as the artifact, no secret", async () => {
  const result = await scanLeakyLayout(work);
  const log = toSarif(result, { showSecrets: false, srcRoot: work });
  checkCodeScanningShape(log, result, "in-process image");
  noSecrets(log, Object.values(PLANTED), "in-process image");
  const r = run(log);
  const names = (r.results ?? []).flatMap((x) => [...(x.locations ?? []), ...(x.relatedLocations ?? [])].flatMap((l) => (l.logicalLocations ?? []).map((ll) => ll.fullyQualifiedName!)));
  assert.ok(names.some((n) => /^oci:.*@sha256:[0-9a-f]{64}\/layer\/0\/app\/\.env$/.test(n)), names.join("\n"));
  assert.ok(names.some((n) => /\/history\/\d+$/.test(n)));
  assert.ok(names.some((n) => /\/config\/Env\/STRIPE_API_KEY$/.test(n)));
  const github = r.results!.find((x) => x.ruleId?.includes("github"))!;
  assert.equal(github.level, "error");
  assert.deepEqual(github.locations![0]!.physicalLocation!.artifactLocation, { uri: "layout", uriBaseId: "%SRCROOT%" }, "the image (its layout directory) is the artifact");
  assert.match(github.message.text!, /deleted|present/);
  assert.deepEqual(r.originalUriBaseIds?.["%SRCROOT%"]?.uri?.endsWith("/"), true);
  const shown = toSarif(result, { showSecrets: true, srcRoot: work });
  assert.ok(JSON.stringify(shown).includes(PLANTED.github), "--show-secrets puts the value in the result's properties");
});

test("the docker-built example with its Dockerfile: every result points at a Dockerfile line", async () => {
  const result = await scanExample();
  const log = toSarif(result, { showSecrets: false });
  checkCodeScanningShape(log, result, "example");
  for (const res of run(log).results!) {
    const p = res.locations![0]!.physicalLocation!;
    assert.match(p.artifactLocation!.uri!, /examples\/leaky-app\/Dockerfile$/);
    assert.ok(p.region!.startLine! >= 1);
    assert.ok(res.locations![0]!.logicalLocations?.length, "the image place stays as a logical location");
  }
});

test("lint of every scenario Dockerfile: Dockerfile lines as physical locations with line and column", async () => {
  const all = await lintScenarios();
  assert.ok(all.length >= 20);
  let results = 0;
  for (const { name, result } of all) {
    const log = toSarif(result, { showSecrets: false });
    checkCodeScanningShape(log, result, `lint ${name}`);
    for (const res of run(log).results ?? []) {
      results++;
      const p = res.locations![0]!.physicalLocation!;
      assert.match(p.artifactLocation!.uri!, /Dockerfile$/);
      assert.ok(p.region!.startLine! >= 1 && p.region!.startColumn! >= 1, `${name}: line and column`);
      assert.ok(["final", "host", "bug", "log"].includes(res.properties!.scope as string));
    }
  }
  assert.ok(results >= 20, `the scenarios give ${results} lint results`);
});

test("build contexts of the scenarios: context files as physical locations, their COPY lines related", async () => {
  const all = await contextScenarios();
  let related = 0;
  for (const { name, result } of all) {
    const log = toSarif(result, { showSecrets: false });
    checkCodeScanningShape(log, result, `context ${name}`);
    for (const res of run(log).results ?? []) {
      assert.ok(res.locations![0]!.physicalLocation!.artifactLocation!.uri);
      related += (res.relatedLocations ?? []).filter((l) => /Dockerfile$/.test(l.physicalLocation?.artifactLocation?.uri ?? "")).length;
    }
  }
  assert.ok(related > 0, "some context file is copied by a COPY line");
});

test("held-back findings are left out, and in with --all (heldBack in properties); a baseline marks results new", () => {
  const result = scanResult();
  const held = result.findings.filter((f) => f.heldBack).length;
  assert.ok(held > 0);
  const without = run(toSarif(result, { showSecrets: false }));
  const withAll = run(toSarif(result, { showSecrets: false, all: true }));
  assert.equal(withAll.results!.length - without.results!.length, held);
  assert.ok(withAll.results!.some((r) => typeof r.properties?.heldBack === "string"));
  assert.ok(without.results!.every((r) => r.baselineState === "new"));
  const noBaseline = run(toSarif({ ...result, suppressed: { allowed: 0, disabled: 0 } }, { showSecrets: false }));
  assert.ok(noBaseline.results!.every((r) => r.baselineState === undefined));
  noSecrets(toSarif(result, { showSecrets: false, all: true }), fixtureSecrets().map((s) => s.trim()), "fixture");
});

test("target errors and warnings are tool notifications, and a failed target marks the run unsuccessful", () => {
  const r = run(toSarif(scanResult(), { showSecrets: false }));
  const notes = r.invocations![0]!.toolExecutionNotifications!;
  assert.equal(r.invocations![0]!.executionSuccessful, false);
  assert.ok(notes.some((n) => n.level === "error" && /index\.json is missing/.test(n.message.text!)));
  assert.ok(notes.some((n) => n.level === "warning"));
});

test("the image artifact of each kind of target: a local archive or directory relative to %SRCROOT%, a reference as a relative URI", () => {
  const artifactOf = (target: string) => {
    const result: ScanResult = {
      version: 1,
      targets: [{ target, warnings: [] }],
      findings: [{ ...scanResult().findings[0]!, locations: [{ target, status: "config", config: { field: "Env", key: "K" } }] }],
    };
    const log = toSarif(result, { showSecrets: false, srcRoot: "/work/project" });
    assertOfficialSarif(log, target);
    return run(log).results![0]!.locations![0]!.physicalLocation!.artifactLocation;
  };
  assert.deepEqual(artifactOf("docker-archive:images/app.tar"), { uri: "images/app.tar", uriBaseId: "%SRCROOT%" });
  assert.deepEqual(artifactOf("docker-archive:app.tar:app:1.0"), { uri: "app.tar", uriBaseId: "%SRCROOT%" });
  assert.deepEqual(artifactOf("docker-archive:app.tar@1"), { uri: "app.tar", uriBaseId: "%SRCROOT%" });
  assert.deepEqual(artifactOf("oci:./layout:v1"), { uri: "layout", uriBaseId: "%SRCROOT%" });
  assert.deepEqual(artifactOf("oci-archive:/tmp/x y.tar"), { uri: "file:///tmp/x%20y.tar" });
  assert.deepEqual(artifactOf("registry:localhost:5000/team/app:1.2"), { uri: "localhost%3A5000/team/app%3A1.2" });
  assert.deepEqual(artifactOf("docker:app:latest"), { uri: "app%3Alatest" });
});
