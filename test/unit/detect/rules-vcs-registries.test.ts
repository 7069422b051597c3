import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { base62, crc32, hasCrc32Base62Checksum } from "../../../src/detect/checksum.js";
import { Detector } from "../../../src/detect/engine.js";
import { BUILTIN_RULES } from "../../../src/detect/rules/index.js";
import { REGISTRY_RULES } from "../../../src/detect/rules/registries/index.js";
import { VCS_RULES } from "../../../src/detect/rules/vcs/index.js";
import { prng } from "../../helpers/prng.js";
import { leastMs } from "../../helpers/timing.js";

/** The rules of this area: source hosting, CI, developer services and package registries. */
const MINE = [...VCS_RULES, ...REGISTRY_RULES];
const MY_IDS = new Set(MINE.map((r) => r.id));
const mine = new Detector(MINE);

test("VCS and registry rules cover at least 32 credential kinds, with keywords of 4+ characters", () => {
  assert.ok(MINE.length >= 32, `${MINE.length} rules`);
  for (const rule of MINE) {
    assert.equal(rule.priority <= 20, true, `${rule.id} is a provider or format rule`);
    for (const kw of rule.keywords) assert.ok(kw.length >= 4, `${rule.id}: keyword ${JSON.stringify(kw)} is too short to prefilter`);
    assert.match(rule.kind, /^[a-z0-9]+(?:-[a-z0-9]+)+$/, `${rule.id}: kind is lowercase-with-dashes`);
  }
});

test("every GitHub token type is its own kind, and each kind says github", () => {
  const github = VCS_RULES.filter((r) => r.id.startsWith("github-")).map((r) => r.kind);
  assert.deepEqual(github.sort(), [
    "github-fine-grained-token",
    "github-installation-token",
    "github-oauth-token",
    "github-personal-access-token",
    "github-refresh-token",
    "github-user-to-server-token",
  ]);
});

test("no VCS or registry rule fires on any rule's near misses when all built-in rules run together", () => {
  const all = new Detector(BUILTIN_RULES);
  for (const rule of BUILTIN_RULES) {
    for (const ex of rule.examples.noMatch) {
      const hits = all.scanText(ex.text, ex.path ? { path: ex.path } : {}).filter((h) => MY_IDS.has(h.ruleId));
      assert.deepEqual(
        hits.map((h) => `${h.ruleId}: ${h.secret}`),
        [],
        `near miss of ${rule.id} (${ex.why}): ${JSON.stringify(ex.text)}`,
      );
    }
  }
});

/** A few KB of text of the kinds an image is full of, naming the providers without holding their secrets. */
function ordinaryText(): Record<string, string> {
  const rnd = prng(42);
  const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(rnd() * 16)]).join("");
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const dump: string[] = [];
  for (let off = 0; off < 2048; off += 16) {
    const row = bytes(16);
    const groups = Array.from({ length: 8 }, (_, i) => row.toString("hex", i * 2, i * 2 + 2)).join(" ");
    dump.push(`${off.toString(16).padStart(8, "0")}: ${groups}  ${row.toString("latin1").replace(/[^\x20-\x7e]/g, ".")}`);
  }
  return {
    shell: [
      "#!/bin/sh",
      "set -eu",
      'GITLAB_URL="${CI_SERVER_URL:-https://gitlab.com}"',
      'curl --header "PRIVATE-TOKEN: ${GITLAB_TOKEN}" "$GITLAB_URL/api/v4/projects"',
      "export CODECOV_TOKEN=\"$(cat /run/secrets/codecov)\"",
      "cargo build --release --locked && cargo test",
      "dotnet nuget push bin/*.nupkg --api-key \"$NUGET_API_KEY\" --source https://api.nuget.org/v3/index.json",
      "snyk test --severity-threshold=high --org=acme",
      "twine upload --username __token__ --password \"$PYPI_TOKEN\" dist/*",
      "echo \"$DOCKERHUB_TOKEN\" | docker login -u acme --password-stdin",
      "gem push pkg/*.gem # key in ~/.gem/credentials, mounted as a secret",
      `git checkout ${hex(40)}`,
      "circleci config validate .circleci/config.yml",
      "for f in $(ls /etc/gitlab-runner); do echo $f; done",
    ].join("\n"),
    packageJson: JSON.stringify(
      {
        name: "acme-web",
        version: "3.14.1",
        scripts: { test: "vitest run --coverage && codecov", lint: "eslint .", snyk: "snyk test", release: "semantic-release" },
        dependencies: { "@gitbeaker/rest": "^40.0.3", "@notionhq/client": "^2.2.15", "@linear/sdk": "^21.1.0", asana: "^3.0.4", postman: "^0.2.0" },
        devDependencies: { snyk: "^1.1290.0", codecov: "^3.8.3", "@sourcegraph/eslint-config": "^0.37.1" },
        integrity: `sha512-${bytes(64).toString("base64")}`,
        resolved: `https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz#${hex(40)}`,
      },
      null,
      2,
    ),
    python: [
      "import os",
      "import asana",
      "from notion_client import Client",
      "",
      "ASANA_WORKSPACE = '1204123412341234'",
      "NOTION_DATABASE_ID = '" + hex(32) + "'",
      "",
      "def client():",
      "    token = os.environ['ASANA_ACCESS_TOKEN']",
      "    return asana.Client.access_token(token)",
      "",
      "def notion():",
      "    return Client(auth=os.environ.get('NOTION_TOKEN'))",
      "",
      "class Config:",
      "    secret_key_name = 'SECRET_KEY'",
      "    jenkins_url = 'https://jenkins.example.com/job/build/'",
      `    build_id = '${uuid()}'`,
    ].join("\n"),
    base64: Array.from({ length: 40 }, () => bytes(57).toString("base64")).join("\n"),
    base64url: Array.from({ length: 40 }, () => bytes(60).toString("base64url")).join("\n"),
    hexdump: dump.join("\n"),
    sha256sums: Array.from({ length: 40 }, (_, i) => `${hex(64)}  dist/acme-${i}.tar.gz`).join("\n"),
    uuids: Array.from({ length: 80 }, () => uuid()).join("\n"),
    minifiedJs:
      '!function(e,t){"object"==typeof exports?module.exports=t():e.acme=t()}(this,function(){var n="' +
      bytes(300).toString("base64") +
      '",r=function(e){return e.split("").map(function(c){return c.charCodeAt(0)^42})};return{decode:r,blob:n,gitlab:"https://gitlab.com",circle:"circleci",token:function(){return process.env.GITHUB_TOKEN}}});',
  };
}

test("VCS and registry rules report nothing in a few KB of ordinary text", () => {
  const corpus = ordinaryText();
  assert.ok(Object.values(corpus).join("\n").length > 16000);
  for (const [name, text] of Object.entries(corpus)) {
    const hits = mine.scanText(text, { path: `/app/${name}` });
    assert.deepEqual(hits.map((h) => `${h.ruleId}: ${h.secret}`), [], `${name} holds no secret`);
  }
});

test("a ghp_ token is reported exactly when its CRC-32 checksum holds", () => {
  const alnum = fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".split(""));
  fc.assert(
    fc.property(fc.array(alnum, { minLength: 30, maxLength: 30 }), fc.boolean(), (chars, valid) => {
      const random = chars.join("");
      const body = valid ? random + base62(crc32(random), 6) : random + random.slice(0, 6);
      const hits = mine.scanText(`GITHUB_TOKEN=ghp_${body}`);
      assert.equal(hits.length > 0, hasCrc32Base62Checksum(body));
    }),
  );
});

test("an example's secret is found at its byte offsets wherever it sits in a file", () => {
  const examples = MINE.flatMap((rule) => rule.examples.match.map((ex) => ({ rule, ex })));
  const line = fc.string({ maxLength: 80 }).map((s) => s.replace(/[\n\r]/g, " "));
  fc.assert(
    fc.property(fc.constantFrom(...examples), fc.array(line, { maxLength: 4 }), fc.array(line, { maxLength: 4 }), ({ rule, ex }, before, after) => {
      const text = [...before, ex.text, ...after].join("\n");
      const buf = Buffer.from(text, "utf8");
      const hits = new Detector([rule]).scan(buf, ex.path ? { path: ex.path } : {});
      assert.ok(hits.some((h) => h.secret === ex.secret), `${rule.id}: ${JSON.stringify(ex.text)}`);
      for (const h of hits) assert.equal(buf.toString("utf8", h.start, h.end), h.secret);
    }),
    { numRuns: 300 },
  );
});

test("long hostile lines after every keyword are scanned in linear time", () => {
  const fillers = ["a", "0", "a-", "a_", "1/", "=", "A.", "x:", "-P", "\\\"", " "];
  const keywords = [...new Set(MINE.flatMap((r) => r.keywords))];
  let worst = 0;
  for (const kw of keywords) {
    for (const filler of fillers) {
      const text = `${kw}${filler.repeat(Math.ceil(4000 / filler.length))}\n${kw}=${kw}:${kw} ${kw}`.repeat(2);
      worst = Math.max(worst, leastMs(() => mine.scanText(text)));
    }
  }
  assert.ok(worst < 250, `slowest line took ${worst.toFixed(1)} ms`);
});

test("random tokens with real prefixes but random bodies are dropped by their checksums", () => {
  // 2,000 random bodies per checksummed format: each would pass by chance with p ≤ 62^-6.
  for (let i = 0; i < 2000; i++) {
    const body = randomBytes(48).toString("base64").replace(/[^A-Za-z0-9]/g, "").padEnd(60, "Q");
    const text = [
      `ghp_${body.slice(0, 36)}`,
      `ghs_${body.slice(1, 37)}`,
      `packagist_ort_${randomBytes(34).toString("hex")}`,
      `glpat-${body.slice(0, 35)}.01.0z${body.slice(40, 47).toLowerCase()}`,
    ].join("\n");
    assert.deepEqual(mine.scanText(text).map((h) => h.secret), []);
  }
});
