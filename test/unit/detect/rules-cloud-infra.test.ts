import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { Detector } from "../../../src/detect/engine.js";
import { BUILTIN_RULES } from "../../../src/detect/rules/index.js";
import { CLOUD_RULES } from "../../../src/detect/rules/cloud/index.js";
import { INFRA_RULES } from "../../../src/detect/rules/infra/index.js";
import { ageSecretKey } from "../../../src/detect/rules/infra/age.js";
import { isValidBech32 } from "../../../src/detect/rules/infra/bech32.js";
import { hasAscendingRun, isBase64OfLength, plausible } from "../../../src/detect/rules/cloud/shared.js";
import { prng } from "../../helpers/prng.js";
import { leastMs } from "../../helpers/timing.js";

/** The rules of this area: cloud providers and infrastructure services. */
const MINE = [...CLOUD_RULES, ...INFRA_RULES];
const MY_KINDS = new Set(MINE.map((r) => r.kind));
const mine = new Detector(MINE);

test("cloud and infra rules cover at least 40 credential kinds, provider-named, with keywords of 4+ characters", () => {
  assert.ok(MINE.length >= 40, `${MINE.length} rules`);
  for (const rule of MINE) {
    assert.equal(rule.priority <= 10, true, `${rule.id} is a provider rule`);
    assert.equal(rule.id, rule.kind, `${rule.id}: id and kind agree`);
    assert.match(rule.kind, /^[a-z0-9]+(?:-[a-z0-9]+)+$/, `${rule.id}: kind is lowercase-with-dashes`);
    assert.ok(rule.keywords.length > 0 || rule.paths, `${rule.id} has keywords or paths`);
    for (const kw of rule.keywords) assert.ok(kw.length >= 4, `${rule.id}: keyword ${JSON.stringify(kw)} is too short to prefilter`);
    assert.ok(rule.pattern.source.includes("(?<secret>"), `${rule.id} names its secret group`);
  }
});

/** Secrets that some rule's examples hold as positives, by kind. */
const KNOWN_SECRETS = new Map<string, Set<string>>();
for (const rule of BUILTIN_RULES) {
  for (const ex of rule.examples.match) {
    const set = KNOWN_SECRETS.get(ex.secret) ?? new Set<string>();
    set.add(rule.kind);
    KNOWN_SECRETS.set(ex.secret, set);
  }
}

test("no cloud or infra rule fires on any rule's near misses when all built-in rules run together", () => {
  const all = new Detector(BUILTIN_RULES);
  for (const rule of BUILTIN_RULES) {
    for (const ex of rule.examples.noMatch) {
      const hits = all.scanText(ex.text, ex.path ? { path: ex.path } : {}).filter((h) => MY_KINDS.has(h.kind));
      const unexpected = hits.filter((h) => {
        // A near miss that says it belongs to another rule may be reported by that rule, never by its own.
        if (/\(its own rule\)$/.test(ex.why) && h.kind !== rule.kind) return false;
        // A near miss of a file or location rule may hold a value another rule's examples report as this kind.
        if (h.kind !== rule.kind && KNOWN_SECRETS.get(h.secret)?.has(h.kind)) return false;
        return true;
      });
      assert.deepEqual(
        unexpected.map((h) => `${h.kind}: ${h.secret}`),
        [],
        `near miss of ${rule.id} (${ex.why}): ${JSON.stringify(ex.text)}`,
      );
    }
  }
});

test("cloud and infra rules find nothing in other rules' positive examples except the same secret", () => {
  for (const rule of BUILTIN_RULES) {
    if (MY_KINDS.has(rule.kind)) continue;
    for (const ex of rule.examples.match) {
      const hits = mine.scanText(ex.text, ex.path ? { path: ex.path } : {});
      const others = hits.filter((h) => h.secret !== ex.secret && !KNOWN_SECRETS.has(h.secret));
      assert.deepEqual(others.map((h) => `${h.kind}: ${h.secret}`), [], `${rule.id}: ${JSON.stringify(ex.text)}`);
    }
  }
});

/** A few KB of text of the kinds an image is full of, naming the providers without holding their secrets. */
function ordinaryText(): Record<string, string> {
  const rnd = prng(7);
  const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[Math.floor(rnd() * chars.length)]).join("");
  const hex = (n: number) => pick("0123456789abcdef", n);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-b${hex(3)}-${hex(12)}`;
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
      'export AWS_SESSION_TOKEN="${AWS_SESSION_TOKEN:-}"',
      "aws sts get-caller-identity --query Account --output text",
      'az storage blob upload --account-name "$AZURE_STORAGE_ACCOUNT" --account-key "$AZURE_STORAGE_KEY" -f app.tgz -c releases',
      'gcloud auth activate-service-account --key-file="$GOOGLE_APPLICATION_CREDENTIALS"',
      'doctl auth init --access-token "$DIGITALOCEAN_ACCESS_TOKEN"',
      'vault login -method=approle role_id="$VAULT_ROLE_ID" secret_id="$(cat /run/secrets/vault)"',
      'export VAULT_TOKEN="$(vault write -field=token auth/approle/login role_id=x)"',
      'terraform init -backend-config="token=${TF_TOKEN_app_terraform_io}"',
      'heroku container:push web -a acme-prod # HEROKU_API_KEY comes from CI',
      'flyctl deploy --remote-only --access-token "$FLY_API_TOKEN"',
      'curl -H "X-Consul-Token: $CONSUL_HTTP_TOKEN" http://consul:8500/v1/kv/app',
      'tailscale up --auth-key="${TS_AUTHKEY}" --hostname=ci',
      'ngrok config add-authtoken "$NGROK_AUTHTOKEN"',
      `git checkout ${hex(40)}`,
      'echo "sig=$(openssl dgst -sha256 -hmac "$KEY" file | cut -d" " -f2)"',
      "for f in /etc/akamai/*.edgerc; do echo client_secret=redacted; done",
    ].join("\n"),
    packageJson: JSON.stringify(
      {
        name: "acme-edge",
        version: "2.7.0",
        scripts: { deploy: "wrangler deploy", vercel: "vercel --prod", netlify: "netlify deploy --prod", db: "pscale connect acme main" },
        dependencies: {
          "@azure/storage-blob": "^12.17.0",
          "@google-cloud/storage": "^7.7.0",
          "@aws-sdk/client-s3": "^3.500.0",
          "@supabase/supabase-js": "^2.39.0",
          "@planetscale/database": "^1.14.0",
          cloudinary: "^2.0.0",
          "@okta/okta-sdk-nodejs": "^7.0.1",
          auth0: "^4.2.0",
          "@1password/sdk": "^0.1.0",
        },
        integrity: `sha512-${bytes(64).toString("base64")}`,
        resolved: `https://registry.npmjs.org/cloudinary/-/cloudinary-2.0.0.tgz#${hex(40)}`,
      },
      null,
      2,
    ),
    python: [
      "import os",
      "import boto3",
      "from azure.identity import ClientSecretCredential",
      "from google.cloud import storage",
      "",
      "TENANT_ID = '" + uuid() + "'",
      "CLIENT_ID = '" + uuid() + "'",
      "",
      "def azure():",
      "    return ClientSecretCredential(TENANT_ID, CLIENT_ID, os.environ['AZURE_CLIENT_SECRET'])",
      "",
      "def aws():",
      "    return boto3.Session(aws_session_token=os.environ.get('AWS_SESSION_TOKEN'))",
      "",
      "def gcs():",
      "    return storage.Client.from_service_account_json('/var/run/secrets/sa.json')",
      "",
      "class Settings:",
      "    databricks_host = 'https://dbc-" + hex(8) + ".cloud.databricks.com'",
      "    mongodb_atlas_project = '" + hex(24) + "'",
      "    heroku_app = 'acme-prod'",
      `    deploy_id = '${uuid()}'`,
    ].join("\n"),
    base64: Array.from({ length: 40 }, () => bytes(57).toString("base64")).join("\n"),
    base64url: Array.from({ length: 40 }, () => bytes(60).toString("base64url")).join("\n"),
    hexdump: dump.join("\n"),
    sha256sums: Array.from({ length: 40 }, (_, i) => `${hex(64)}  dist/acme-${i}.tar.gz`).join("\n"),
    uuids: Array.from({ length: 80 }, () => uuid()).join("\n"),
    minifiedJs:
      '!function(e,t){"object"==typeof exports?module.exports=t():e.edge=t()}(this,function(){var n="' +
      bytes(300).toString("base64") +
      '",r=function(e){return e.split("").map(function(c){return c.charCodeAt(0)^42})};return{decode:r,blob:n,azure:"https://acme.blob.core.windows.net",vercel:"https://api.vercel.com",token:function(){return process.env.VERCEL_TOKEN}}});',
  };
}

test("cloud and infra rules report nothing in a few KB of ordinary text", () => {
  const corpus = ordinaryText();
  assert.ok(Object.values(corpus).join("\n").length > 16000);
  for (const [name, text] of Object.entries(corpus)) {
    const hits = mine.scanText(text, { path: `/app/${name}` });
    assert.deepEqual(hits.map((h) => `${h.kind}: ${h.secret}`), [], `${name} holds no secret`);
  }
});

test("an age secret key is reported exactly when its bech32 checksum holds", () => {
  const keys = ageSecretKey.examples.match.map((ex) => ex.secret);
  const alphabet = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
  const detector = new Detector([ageSecretKey]);
  fc.assert(
    fc.property(fc.constantFrom(...keys), fc.integer({ min: 16, max: 73 }), fc.constantFrom(...alphabet.split("")), (key, at, ch) => {
      const mutated = key.slice(0, at) + ch + key.slice(at + 1);
      // Bech32 detects every single-character substitution: only the unchanged key may verify.
      assert.equal(isValidBech32(mutated), mutated === key);
      assert.equal(detector.scanText(`SOPS_AGE_KEY=${mutated}`).length > 0, mutated === key);
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
  const fillers = ["a", "A", "0", "a-", "a_", "1/", "=", "A.", "x:", "-P", "\\\"", " ", "%2F", "a=", "Q~", "-----"];
  const keywords = [...new Set(MINE.flatMap((r) => r.keywords))].filter((_, i) => i % 7 === 0 || i < 40);
  let worst = 0;
  let worstCase = "";
  for (const kw of keywords) {
    for (const filler of fillers) {
      const text = `${kw}${filler.repeat(Math.ceil(4000 / filler.length))}\n${kw}=${kw}:${kw} ${kw}`.repeat(2);
      const ms = leastMs(() => mine.scanText(text));
      if (ms > worst) [worst, worstCase] = [ms, `${kw} + ${filler}`];
    }
  }
  assert.ok(worst < 250, `slowest line (${worstCase}) took ${worst.toFixed(1)} ms`);
});

test("random bodies behind real prefixes are dropped by their structure checks", () => {
  // Each structured format decodes or checksums its body: random bytes in its shape never pass.
  for (let i = 0; i < 500; i++) {
    const b64 = (n: number) => randomBytes(n).toString("base64");
    const text = [
      `AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS${b64(60).replace(/=+$/, "")}`,
      `OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ${b64(150).replace(/=+$/, "")}`,
      `AGE-SECRET-KEY-1${Array.from(randomBytes(58), (b) => "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"[b % 32]).join("")}`,
      `https://x.blob.core.windows.net/c?sv=2022-11-02&sig=${encodeURIComponent(b64(33))}`,
    ].join("\n");
    assert.deepEqual(mine.scanText(text).map((h) => `${h.kind}: ${h.secret}`), []);
  }
});

test("the shared filters reject documentation values and accept random ones", () => {
  assert.equal(hasAscendingRun("xyzabcdefgq"), true);
  assert.equal(hasAscendingRun("q8Wz3nR5tY7u"), false);
  assert.equal(plausible("abc8Q~defghijklmnopqrstuvwxyz-_.~0123456"), false);
  assert.equal(plausible("your-api-key-goes-here-please"), false);
  assert.equal(plausible("AKIAxxxxxxxxxxxxxxxx"), false);
  assert.equal(plausible(randomBytes(30).toString("base64")), true);
  assert.equal(isBase64OfLength(randomBytes(64).toString("base64"), 64), true);
  assert.equal(isBase64OfLength(randomBytes(48).toString("base64"), 64), false);
});
