import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { findConfig, loadConfig, parseConfig, parseConfigChecked } from "../../../src/config/load.js";
import { registrySettings } from "../../../src/config/registry.js";
import { stringify as toYaml } from "yaml";
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

test("config errors name the file, the key and its line and column: unknown keys, bad values, bad regexes, duplicate ids, bad YAML", () => {
  assert.throws(() => parseConfig("rules:\n  - id: a\n    regex: x\n    severty: high\n", "c.yaml"), /c\.yaml: \/rules\/0 must NOT have additional properties \(severty\) \(line 4, column 5\)/);
  assert.throws(() => parseConfig("rules:\n  - id: a\n    regex: x\n    severity: huge\n", "c.yaml"), /\/rules\/0\/severity must be equal to one of the allowed values \(critical, high, medium, low, info\) \(line 4, column 15\)/);
  assert.throws(() => parseConfig("rules:\n  - id: a\n    regex: '(?<=x)y'\n", "c.yaml"), /rule a in the config: not a valid RE2 regex.* \(line 2, column 5\)/);
  assert.throws(() => parseConfig("rules:\n  - {id: a, regex: x}\n  - {id: a, regex: y}\n", "c.yaml"), /rule id a is used twice \(line 3, column 10\)/);
  assert.throws(() => parseConfig("rules: [\n", "c.yaml"), /c\.yaml: not valid YAML/);
  assert.throws(() => parseConfig("failOn: high\nfailOn: low\n", "c.yaml"), /c\.yaml: not valid YAML: Map keys must be unique at line 2, column 1$/);
  assert.throws(() => parseConfig("color: blue\n", "c.yaml"), /additional properties \(color\) \(line 1, column 1\)/);
  assert.throws(() => parseConfig("failOn: sometimes\n", "c.yaml"), /\/failOn .*critical, high, medium, low, info, none\) \(line 1, column 9\)/);
  assert.throws(() => parseConfig("allow:\n  - reason: it is fine\n", "c.yaml"), /\/allow\/0 needs fingerprint, rule or path \(line 2, column 5\)/);
  assert.throws(() => parseConfig("registry:\n  hosts:\n    localhost:5000:\n      insecure: yes please\n", "c.yaml"), /\/registry\/hosts\/localhost:5000\/insecure must be boolean \(line 4, column 17\)/);
  assert.throws(() => parseConfig("rules:\n  custom: []\n  disabled: [x]\n", "c.yaml"), /\/rules must NOT have additional properties \(disabled\) \(line 3, column 3\)/);
});

test("the new keys: failOn, rules {custom, disable, enable}, allow, cacheDir (from the file's directory), registry", () => {
  const config = parseConfig(
    [
      "failOn: medium",
      "rules:",
      "  custom:",
      "    - id: acme-api-key",
      "      regex: 'acme_[a-z0-9]{32}'",
      "  disable: [generic-*, jwt]",
      "  enable: [generic-password]",
      "allow:",
      "  - fingerprint: 0a1b2c3d4e5f60718293a4b5c6d7e8f9",
      "    reason: rotated on 2024-05-01",
      "  - path: '**/testdata/**'",
      "  - rule: jwt",
      "    path: /usr/share/doc/**",
      "cacheDir: .cache/dredge",
      "registry:",
      "  timeout: 30",
      "  hosts:",
      "    localhost:5000: { insecure: true, timeout: 5 }",
      "    registry.example.com: { connectTimeout: 2.5 }",
      "",
    ].join("\n"),
    "/work/proj/.dredge.yaml",
  );
  assert.equal(config.failOn, "medium");
  assert.deepEqual(config.rules?.map((r) => r.id), ["acme-api-key"]);
  assert.deepEqual(config.ruleSelection, { disable: ["generic-*", "jwt"], enable: ["generic-password"] });
  assert.equal(config.allow?.length, 3);
  assert.equal(config.cacheDir, "/work/proj/.cache/dredge");
  assert.equal(config.file, "/work/proj/.dredge.yaml");
  assert.deepEqual(registrySettings(config, "localhost:5000"), { insecure: true, timeoutMs: 5000 });
  assert.deepEqual(registrySettings(config, "registry.example.com:443"), { insecure: false, timeoutMs: 30000, connectTimeoutMs: 2500 });
  assert.deepEqual(registrySettings(config, "ghcr.io"), { insecure: false, timeoutMs: 30000 });
  assert.deepEqual(registrySettings({}, "ghcr.io"), { insecure: false });
});

test("`rules:` as a list of user rules (the old form) still works, and means the same as rules.custom", () => {
  const old = parseConfig("rules:\n  - id: a\n    regex: 'x{3}'\n", "c.yaml");
  const now = parseConfig("rules:\n  custom:\n    - id: a\n      regex: 'x{3}'\n", "c.yaml");
  assert.deepEqual(old.rules, now.rules);
  assert.equal(old.ruleSelection, undefined);
});

test("rule ids the config names must be rules dredge has: an unknown id or a glob matching nothing is an error at its line", async () => {
  const ok = await parseConfigChecked("rules:\n  custom:\n    - {id: acme-key, regex: 'acme_[a-z]{8}'}\n  disable: [generic-*, secret-arg-name, acme-key, sensitive-file]\nallow:\n  - rule: known-value\n", "c.yaml");
  assert.equal(ok.ruleSelection?.disable.length, 4);
  await assert.rejects(parseConfigChecked("rules:\n  disable:\n    - github-pat\n    - nothing-*\n", "c.yaml"), (err: Error) => {
    assert.match(err.message, /\/rules\/disable\/0 is not the id of any rule \(github-pat\) \(line 3, column 7\)/);
    assert.match(err.message, /\/rules\/disable\/1 matches no rule \(nothing-\*\) \(line 4, column 7\)/);
    return true;
  });
  await assert.rejects(parseConfigChecked("allow:\n  - rule: no-such-rule\n", "c.yaml"), /\/allow\/0\/rule is not the id of any rule \(no-such-rule\) \(line 2, column 11\)/);
});

test("hostile config text gives a clear error or a config, never a crash", async () => {
  const check = async (text: string) => {
    try {
      await parseConfigChecked(text, "c.yaml");
    } catch (err) {
      assert.match((err as Error).message, /^c\.yaml: /);
      assert.equal((err as Error).name, "UsageError");
    }
  };
  await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), check), { numRuns: 300 });
  // Structured YAML: right keys with wrong shapes, deep nesting, anchors.
  const keys = fc.constantFrom("fingerprintSalt", "failOn", "rules", "allow", "cacheDir", "registry", "custom", "disable", "enable", "hosts", "id", "regex", "path", "rule", "timeout");
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: "small" }, fc.jsonValue({ maxDepth: 1 }), fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(keys, tie("node"), { maxKeys: 4 })),
  })).node;
  await fc.assert(fc.asyncProperty(fc.dictionary(keys, value, { maxKeys: 5 }), async (doc) => check(toYaml(doc))), { numRuns: 300 });
  await check("a: &a [*a, *a]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n");
});

test("the config is found in the working directory or the nearest one above it; --config names one; none gives an empty config", async () => {
  const dir = await mkdtemp(join(tmpdir(), "dredge-config-"));
  try {
    await writeFile(join(dir, ".dredge.yaml"), CONFIG);
    const deep = join(dir, "services", "api");
    await mkdir(deep, { recursive: true });
    assert.equal(await findConfig(deep), join(dir, ".dredge.yaml"));
    assert.equal((await loadConfig(undefined, deep)).rules?.length, 1, "found from a subdirectory");
    await writeFile(join(dir, "services", ".dredge.yml"), "failOn: low\n");
    assert.equal((await loadConfig(undefined, deep)).failOn, "low", "the nearest one wins");
    assert.equal((await loadConfig(join(dir, ".dredge.yaml"), deep)).fingerprintSalt, "acme-salt", "--config wins over the search");
    await assert.rejects(loadConfig(join(dir, "missing.yaml")), /cannot read the config/);
    const lonely = await mkdtemp(join(tmpdir(), "dredge-noconfig-"));
    try {
      // Only a config in the temp directory's ancestors could be found: there is none on a clean machine.
      const found = await findConfig(lonely);
      assert.deepEqual(await loadConfig(undefined, lonely), found ? await loadConfig(found) : {});
    } finally {
      await rm(lonely, { recursive: true, force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("scan applies the config's user rules and salt", async () => {
  const dir = await mkdtemp(join(tmpdir(), "dredge-config-"));
  try {
    const config = parseConfig(CONFIG, ".dredge.yaml");
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
