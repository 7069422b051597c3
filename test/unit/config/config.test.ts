import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { loadConfig, parseConfig } from "../../../src/config/load.js";
import { compileUserRule } from "../../../src/config/user-rules.js";
import { Detector } from "../../../src/detect/engine.js";
import { scan } from "../../../src/scan/index.js";

const CONFIG = `
fingerprintSalt: acme-salt
rules:
  - id: acme-api-key
    title: ACME internal API key
    regex: 'acme_(?P<secret>[a-z0-9]{32})'
    keywords: [acme_]
    entropy: 3
    excludePaths: '^/opt/fixtures/'
    allow: ['00000000000000000000000000000000']
    severity: critical
    remediation: Revoke it in the ACME console.
    docs: https://acme.example/keys
`;

test("a user rule from the config finds its secret, and its filters (entropy, allow list, excluded paths) hold", () => {
  const config = parseConfig(CONFIG, ".dredge.yaml");
  assert.equal(config.fingerprintSalt, "acme-salt");
  const detector = new Detector(config.rules!.map(compileUserRule));
  const found = detector.scanText("ACME=acme_k3j9x0q7w2e5r8t1y4u6i9o0p2a5s8d1\n", { path: "/app/.env" });
  assert.deepEqual(found.map((h) => [h.secret, h.severity, h.kind]), [["k3j9x0q7w2e5r8t1y4u6i9o0p2a5s8d1", "critical", "acme-api-key"]]);
  assert.deepEqual(detector.scanText("acme_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", { path: "/x" }), [], "below the entropy floor");
  assert.deepEqual(detector.scanText("acme_00000000000000000000000000000000", { path: "/x" }), [], "allow-listed");
  assert.deepEqual(detector.scanText("acme_k3j9x0q7w2e5r8t1y4u6i9o0p2a5s8d1", { path: "/opt/fixtures/a" }), [], "excluded path");
});

test("a user rule without a secret group reports the whole match, and without keywords runs on every file", () => {
  const rule = compileUserRule({ id: "corp-ticket", regex: "CORP-[0-9]{6}-[A-Z]{4}" });
  const hits = new Detector([rule]).scan(Buffer.from("x\nid CORP-123456-ABCD y\n"), { path: "/a" });
  assert.deepEqual(hits.map((h) => h.secret), ["CORP-123456-ABCD"]);
});

test("a user regex runs on RE2: a pattern that backtracks catastrophically in V8 finishes at once", () => {
  const rule = compileUserRule({ id: "redos", regex: "(a+)+$", keywords: ["aaaa"] });
  const text = "a".repeat(3000) + "!";
  const t0 = process.hrtime.bigint();
  new Detector([rule]).scanText(text, { path: "/x" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < 2000, `took ${ms} ms`);
});

test("config errors name the file and the field: unknown keys, bad severities, bad regexes, duplicate ids, bad YAML", () => {
  assert.throws(() => parseConfig("rules:\n  - id: a\n    regex: x\n    severty: high\n", "c.yaml"), /c\.yaml: \/rules\/0 must NOT have additional properties \(severty\)/);
  assert.throws(() => parseConfig("rules:\n  - id: a\n    regex: x\n    severity: huge\n", "c.yaml"), /\/rules\/0\/severity/);
  assert.throws(() => parseConfig("rules:\n  - id: a\n    regex: '(?<=x)y'\n", "c.yaml"), /rule a in the config: not a valid RE2 regex/);
  assert.throws(() => parseConfig("rules:\n  - {id: a, regex: x}\n  - {id: a, regex: y}\n", "c.yaml"), /rule id a is used twice/);
  assert.throws(() => parseConfig("rules: [\n", "c.yaml"), /c\.yaml: not valid YAML/);
  assert.throws(() => parseConfig("color: blue\n", "c.yaml"), /additional properties \(color\)/);
});

test("hostile config text gives a clear error or a config, never a crash", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      try {
        parseConfig(text, "c.yaml");
      } catch (err) {
        assert.match((err as Error).message, /^c\.yaml: |rule .* in the config/);
      }
    }),
    { numRuns: 300 },
  );
});

test("the config is found in the working directory, and scan applies its rules and salt", async () => {
  const dir = await mkdtemp(join(tmpdir(), "dredge-config-"));
  try {
    await writeFile(join(dir, ".dredge.yaml"), CONFIG);
    const config = await loadConfig(undefined, dir);
    assert.equal(config.rules?.length, 1);
    assert.deepEqual(await loadConfig(undefined, join(dir, "nowhere")), {});
    await assert.rejects(loadConfig(join(dir, "missing.yaml")), /cannot read the config/);
    const root = join(dir, "root");
    await mkdir(join(root, "app"), { recursive: true });
    await writeFile(join(root, "app", "settings.ini"), "key = acme_k3j9x0q7w2e5r8t1y4u6i9o0p2a5s8d1\n");
    const r1 = await scan([`dir:${root}`], { userRules: config.rules!, fingerprintSalt: config.fingerprintSalt! });
    const r2 = await scan([`dir:${root}`], { userRules: config.rules! });
    assert.deepEqual(r1.findings.map((f) => f.rule), ["acme-api-key"]);
    assert.equal(r1.findings[0]!.docs, "https://acme.example/keys");
    assert.notEqual(r1.findings[0]!.fingerprint, r2.findings[0]!.fingerprint, "the salt changes fingerprints");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
