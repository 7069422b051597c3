// The report options through the CLI, as users run it: --format sarif, --baseline and
// --write-baseline on scan, lint and context, `.dredge.yaml` found upwards with failOn, rule
// choices and allow lists, and `dredge schema`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Ajv } from "ajv";
import { checkJsonOutput, REPORT_SCHEMA_PATH } from "../../helpers/json-schema.js";
import { assertOfficialSarif } from "./sarif-schema.js";
import { EXAMPLE, PLANTED } from "./real-outputs.js";
import { runCli, type CliRun } from "../../helpers/cli.js";

const GITHUB_TOKEN = "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";

async function dredge(cwd: string, ...args: string[]): Promise<CliRun> {
  const r = await runCli(args, { cwd });
  checkJsonOutput(args, r.stdout);
  return r;
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "dredge-report-cli-"));
  mkdirSync(join(dir, "svc", "conf"), { recursive: true });
  writeFileSync(join(dir, "svc", "Dockerfile"), 'FROM alpine\nARG NPM_TOKEN\nRUN npm set "//r/:_authToken=$NPM_TOKEN"\nCOPY . /app\n');
  writeFileSync(join(dir, "svc", "conf", ".env"), `GITHUB_TOKEN=${GITHUB_TOKEN}\n`);
  return dir;
}

test("--format sarif on scan, lint and context: valid SARIF 2.1.0, no secret", async () => {
  const dir = project();
  try {
    for (const args of [["scan", EXAMPLE], ["lint", "svc/Dockerfile"], ["context", "svc"]]) {
      const r = await dredge(dir, ...args, "--format", "sarif", "--fail-on", "none");
      assert.equal(r.code, 0, r.stderr);
      const log = JSON.parse(r.stdout);
      assertOfficialSarif(log, args[0]);
      assert.ok(log.runs[0].results.length > 0, `${args[0]} has results`);
      for (const v of [GITHUB_TOKEN, ...Object.values(PLANTED)]) assert.ok(!r.stdout.includes(v), `${args[0]}: a secret in the SARIF`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--write-baseline then --baseline: only new findings are reported, on scan, lint and context", async () => {
  const dir = project();
  try {
    for (const args of [["scan", EXAMPLE], ["lint", "svc/Dockerfile"], ["context", "svc"]]) {
      const file = join(dir, `${args[0]}.baseline.json`);
      const first = await dredge(dir, ...args, "--write-baseline", file, "--format", "json");
      assert.equal(first.code, 1, `${args[0]}: findings at high or above: ${first.stderr}`);
      assert.match(first.stderr, /wrote \d+ findings? to the baseline/);
      const written = readFileSync(file, "utf8");
      for (const v of [GITHUB_TOKEN, ...Object.values(PLANTED)]) assert.ok(!written.includes(v), `${args[0]}: the baseline holds a secret`);
      assert.ok(new Ajv({ strict: false }).validate(JSON.parse((await dredge(dir, "schema", "baseline")).stdout), JSON.parse(written)));
      const again = await dredge(dir, ...args, "--baseline", file, "--format", "json");
      assert.equal(again.code, 0, `${args[0]}: nothing new: ${again.stderr}`);
      const report = JSON.parse(again.stdout);
      assert.deepEqual(report.findings, []);
      assert.equal(report.suppressed.baselined, JSON.parse(first.stdout).findings.length);
      const text = await dredge(dir, ...args, "--baseline", file);
      assert.match(text.stdout, /already in the baseline/);
    }
    // The same file as --baseline and --write-baseline: what is new since it, then it is updated.
    writeFileSync(join(dir, "svc", "conf", "more.env"), "STRIPE_KEY=sk_live_REAscXV4vpetpGJDHOzkXlfC\n");
    const update = await dredge(dir, "context", "svc", "--baseline", "context.baseline.json", "--write-baseline", "context.baseline.json", "--format", "json");
    assert.deepEqual(JSON.parse(update.stdout).findings.map((f: { kind: string }) => f.kind), ["stripe-secret-key"]);
    assert.equal((await dredge(dir, "context", "svc", "--baseline", "context.baseline.json")).code, 0, "the updated baseline holds it");
    // A JSON report works as a baseline too.
    const report = join(dir, "report.json");
    await dredge(dir, "scan", EXAMPLE, "--format", "json", "-o", report);
    assert.equal((await dredge(dir, "scan", EXAMPLE, "--baseline", report)).code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a bad or missing baseline exits 2 naming the file; a baseline of another salt warns", async () => {
  const dir = project();
  try {
    writeFileSync(join(dir, "junk.json"), "{ not json");
    const junk = await dredge(dir, "scan", EXAMPLE, "--baseline", "junk.json");
    assert.equal(junk.code, 2);
    assert.match(junk.stderr, /junk\.json: not a dredge baseline/);
    assert.equal((await dredge(dir, "lint", "svc/Dockerfile", "--baseline", "missing.json")).code, 2);
    await dredge(dir, "scan", EXAMPLE, "--write-baseline", "b.json");
    writeFileSync(join(dir, "salted.yaml"), "fingerprintSalt: another-team\n");
    const salted = await dredge(dir, "scan", EXAMPLE, "--baseline", "b.json", "--config", "salted.yaml");
    assert.equal(salted.code, 1, "nothing matches across salts");
    assert.match(salted.stderr, /written with another fingerprintSalt/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(".dredge.yaml is found from a subdirectory: failOn, disabled rules and allow entries apply and are counted", async () => {
  const dir = project();
  try {
    writeFileSync(join(dir, ".dredge.yaml"), "failOn: critical\nrules:\n  disable: [secret-arg-name]\nallow:\n  - path: conf/.env\n    reason: a test fixture\n");
    const r = await dredge(join(dir, "svc"), "lint", "Dockerfile", "--format", "json");
    const report = JSON.parse(r.stdout);
    assert.ok(!report.findings.some((f: { rule: string }) => f.rule === "secret-arg-name"));
    assert.ok(!report.findings.some((f: { locations: { path?: string }[] }) => f.locations.some((l) => l.path === "conf/.env")));
    assert.ok(report.suppressed.disabled >= 1);
    const worst = report.findings.some((f: { severity: string }) => f.severity === "critical");
    assert.equal(r.code, worst ? 1 : 0, "failOn: critical from the config");
    assert.equal((await dredge(join(dir, "svc"), "lint", "Dockerfile", "--fail-on", "info")).code, 1, "--fail-on beats the config");
    const text = await dredge(join(dir, "svc"), "lint", "Dockerfile");
    assert.match(text.stdout, /not shown: .*from rules the config disables/);
    writeFileSync(join(dir, ".dredge.yaml"), "rules:\n  disable: [no-such-rule]\n");
    const bad = await dredge(join(dir, "svc"), "context", ".");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.dredge\.yaml: \/rules\/disable\/0 is not the id of any rule \(no-such-rule\) \(line 2, column 13\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("dredge schema prints the published report schema (versioned $id), and the config and baseline schemas", async () => {
  const dir = project();
  try {
    const r = await dredge(dir, "schema");
    assert.equal(r.code, 0);
    assert.equal(r.stdout, readFileSync(REPORT_SCHEMA_PATH, "utf8"));
    const schema = JSON.parse(r.stdout);
    assert.match(schema.$id, /report-v1\.schema\.json$/);
    new Ajv2020({ strict: true }).compile(schema);
    const config = JSON.parse((await dredge(dir, "schema", "config")).stdout);
    assert.ok(config.properties.allow && config.properties.registry && config.properties.failOn);
    assert.equal(JSON.parse((await dredge(dir, "schema", "baseline")).stdout).properties.kind.const, "dredge-baseline");
    const wrong = await dredge(dir, "schema", "nope");
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /report, config, baseline/);
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("../../../../package.json", import.meta.url)), "utf8")) as { files: string[] };
    assert.ok(pkg.files.includes("schema"), "the schema folder is published");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
