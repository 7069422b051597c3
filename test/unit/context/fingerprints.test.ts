import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeContext } from "../../../src/context/analyze.js";
import { contextFindings } from "../../../src/context/findings.js";
import { formatText } from "../../../src/report/text.js";

test("context findings without fingerprints: the same findings and text, values kept apart, fingerprints empty", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-ctx-fp-"));
  try {
    writeFileSync(join(dir, "Dockerfile"), "FROM alpine:3\nCOPY . /app\n");
    writeFileSync(join(dir, ".env"), "DATABASE_URL=postgres://app:s3cr3t-Passw0rd-9f2k@db:5432/app\nCACHE_URL=redis://:An0ther-Passw0rd-77q@cache:6379/0\n");
    mkdirSync(join(dir, ".ssh"));
    writeFileSync(join(dir, ".ssh", "config"), "Host *\n");
    const report = await analyzeContext({ dir });
    const target = `context:${dir}`;
    const full = await contextFindings(report, target);
    const lean = await contextFindings(report, target, { fingerprints: false });
    const strip = (fs: typeof full) => fs.map(({ fingerprint: _, ...f }) => ({ ...f, secret: f.secret.reveal() }));
    assert.deepEqual(strip(lean), strip(full));
    assert.ok(full.length >= 3, "two passwords and the .ssh directory");
    for (const f of lean) assert.equal(f.fingerprint, "");
    for (const f of full) assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
    const text = (findings: typeof full) => formatText({ version: 1, targets: [{ target, warnings: [] }], findings }, { showSecrets: false, color: false });
    assert.equal(text(lean), text(full));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
