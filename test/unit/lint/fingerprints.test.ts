import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needsFingerprints } from "../../../src/cli/output.js";
import { lint } from "../../../src/lint/index.js";
import { formatText } from "../../../src/report/text.js";
import { compareText } from "../../../src/util/compare.js";

test("only text output with no baseline and no allow entry by fingerprint goes without fingerprints", () => {
  assert.equal(needsFingerprints({ format: "text" }), false);
  assert.equal(needsFingerprints({ format: "text" }, { allow: [{ rule: "aws-access-key-id" }, { path: "/srv/**" }] }), false);
  for (const format of ["json", "sarif", "html"] as const) assert.equal(needsFingerprints({ format }), true, format);
  assert.equal(needsFingerprints({ format: "text", baseline: "b.json" }), true);
  assert.equal(needsFingerprints({ format: "text", writeBaseline: "b.json" }), true);
  assert.equal(needsFingerprints({ format: "text" }, { allow: [{ fingerprint: "0f3a" }] }), true);
});

test("lint without fingerprints: the same findings and text, real values' fingerprints empty, names' kept", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-fp-"));
  try {
    writeFileSync(join(dir, "Dockerfile"), "FROM alpine:3\nARG NPM_TOKEN\nCOPY . /app\nRUN echo $NPM_TOKEN\n");
    writeFileSync(join(dir, ".env"), "DATABASE_URL=postgres://app:s3cr3t-Passw0rd-9f2k@db:5432/app\n");
    const file = join(dir, "Dockerfile");
    const full = await lint([file]);
    const lean = await lint([file], { fingerprints: false });
    const strip = (r: typeof full) => r.findings.map(({ fingerprint: _, ...f }) => ({ ...f, secret: f.secret.reveal() }));
    assert.deepEqual(strip(lean), strip(full));
    assert.equal(formatText(lean, { showSecrets: false, color: false }), formatText(full, { showSecrets: false, color: false }));
    const password = lean.findings.find((f) => f.secret.reveal().includes("s3cr3t"));
    assert.ok(password, "the .env password is a finding");
    assert.equal(password.fingerprint, "");
    assert.match(full.findings.find((f) => f.secret.reveal().includes("s3cr3t"))!.fingerprint, /^[0-9a-f]{32}$/);
    // Issues without a value keep their (cheap, synthetic) fingerprint.
    const byName = lean.findings.filter((f) => !f.secret.reveal().includes("s3cr3t"));
    assert.ok(byName.length > 0);
    for (const f of byName) assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("text is ordered by code unit, the same under every locale", () => {
  assert.deepEqual(["b", "B", "a", "_x", "Z", "é", "e"].sort(compareText), ["B", "Z", "_x", "a", "b", "e", "é"]);
  assert.equal(compareText("same", "same"), 0);
});
