import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkJsonOutput } from "../../helpers/json-schema.js";
import { runCli, type CliRun } from "../../helpers/cli.js";

const EXAMPLE = fileURLToPath(new URL("../../../../examples/leaky-app.tar", import.meta.url));

async function dredge(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runDredge(...args);
  checkJsonOutput(args, r.stdout);
  return r;
}

function runDredge(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

test("the bundled example: findings at high or above exit 1; --fail-on none exits 0", async () => {
  const r = await dredge("scan", EXAMPLE);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /deleted/);
  assert.match(r.stdout, /secrets \(/);
  assert.equal((await dredge("scan", EXAMPLE, "--fail-on", "none")).code, 0);
  assert.equal((await dredge("scan", EXAMPLE, "--fail-on", "critical")).code, 1);
});

test("secrets stay redacted unless --show-secrets", async () => {
  const hidden = await dredge("scan", EXAMPLE, "--format", "json");
  assert.ok(!hidden.stdout.includes("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"));
  assert.ok(!hidden.stdout.includes("sk_live_REAscXV4vpetpGJDHOzkXlfC"));
  const shown = await dredge("scan", EXAMPLE, "--format", "json", "--show-secrets");
  assert.ok(shown.stdout.includes("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"));
});

test("--output writes the report to a private file and nothing to stdout", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-cli-"));
  try {
    const out = join(dir, "report.json");
    const r = await dredge("scan", EXAMPLE, "--format", "json", "--output", out);
    assert.equal(r.stdout, "");
    const report = JSON.parse(readFileSync(out, "utf8"));
    assert.equal(report.version, 1);
    assert.equal(statSync(out).mode & 0o077, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bad usage and unreadable targets exit 2 with a clear message", async () => {
  const unknown = await dredge("scan", EXAMPLE, "--format", "xml");
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /xml/);
  const badFail = await dredge("scan", EXAMPLE, "--fail-on", "sometimes");
  assert.equal(badFail.code, 2);
  assert.match(badFail.stderr, /--fail-on must be one of/);
  const dir = mkdtempSync(join(tmpdir(), "dredge-cli-"));
  try {
    writeFileSync(join(dir, "junk.tar"), "not a tar at all");
    const junk = await dredge("scan", join(dir, "junk.tar"));
    assert.equal(junk.code, 2);
    assert.match(junk.stdout, /error: /);
    const missing = await dredge("scan", join(dir, "nope.tar"));
    assert.equal(missing.code, 2);
    const missingDockerfile = await dredge("scan", EXAMPLE, "--dockerfile", join(dir, "Dockerfile"));
    assert.equal(missingDockerfile.code, 2);
    assert.match(missingDockerfile.stderr, /cannot read the Dockerfile/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--dockerfile names the Dockerfile line of each location", async () => {
  const dockerfile = fileURLToPath(new URL("../../../../examples/leaky-app/Dockerfile", import.meta.url));
  const r = await dredge("scan", EXAMPLE, "--format", "json", "--dockerfile", dockerfile);
  const report = JSON.parse(r.stdout) as { findings: { kind: string; locations: { status: string; dockerfile?: { line: number } }[] }[] };
  const stripe = report.findings.find((f) => f.kind === "stripe-secret-key")!;
  assert.deepEqual(stripe.locations.map((l) => [l.status, l.dockerfile?.line]), [["history", 8], ["config", 8]]);
  const aws = report.findings.find((f) => f.kind === "aws-secret-access-key")!;
  assert.deepEqual(aws.locations.map((l) => [l.status, l.dockerfile?.line]), [["deleted", 6]]);
});

test("the library entry is importable by the package name with the CLI's power", async () => {
  const lib = (await import("dredge")) as typeof import("../../../src/index.js");
  const result = await lib.scan([EXAMPLE]);
  assert.ok(result.findings.length >= 5);
  assert.equal(lib.exitCodeFor(result, "high"), 1);
  assert.match(lib.formatJson(result, { showSecrets: false }), /"version": 1/);
});
