import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { crc32 } from "../../../src/detect/checksum.js";
import { Detector } from "../../../src/detect/engine.js";
import { BUILTIN_RULES } from "../../../src/detect/rules/index.js";
import { AI_RULES } from "../../../src/detect/rules/ai/index.js";
import { MESSAGING_RULES } from "../../../src/detect/rules/messaging/index.js";
import { OBSERVABILITY_RULES } from "../../../src/detect/rules/observability/index.js";
import { looksRandom } from "../../../src/detect/rules/messaging/kit.js";
import { PAYMENT_RULES } from "../../../src/detect/rules/payments/index.js";
import { prng } from "../../helpers/prng.js";
import { leastMs } from "../../helpers/timing.js";

/** The rules of this area: messaging, payments, AI and observability providers. */
const MINE = [...MESSAGING_RULES, ...PAYMENT_RULES, ...AI_RULES, ...OBSERVABILITY_RULES];
const MY_KINDS = new Set(MINE.map((r) => r.kind));
const mine = new Detector(MINE);
const all = new Detector(BUILTIN_RULES);

function randomBytes(rand: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
  return b;
}

function uuid(rand: () => number): string {
  const h = randomBytes(rand, 16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

test("messaging, payment, AI and observability rules cover at least 50 kinds, provider-named, with keywords of 4+ characters", () => {
  assert.ok(MINE.length >= 50, `${MINE.length} rules`);
  for (const rule of MINE) {
    assert.equal(rule.priority, 10, `${rule.id} is a provider rule`);
    assert.equal(rule.id, rule.kind, `${rule.id}: id and kind agree`);
    assert.match(rule.kind, /^[a-z0-9]+(?:-[a-z0-9]+)+$/, `${rule.id}: kind is lowercase-with-dashes`);
    assert.ok(rule.keywords.length > 0, `${rule.id} has keywords`);
    for (const kw of rule.keywords) assert.ok(kw.length >= 4 && /^[\x20-\x7e]+$/.test(kw), `${rule.id}: keyword ${JSON.stringify(kw)}`);
    assert.ok(rule.pattern.source.includes("(?<secret>"), `${rule.id} names its secret group`);
    if (rule.confidence === "medium") assert.notEqual(rule.severity, "info", `${rule.id}: a keyword-context rule still says how bad it is`);
  }
  for (const slack of MINE.filter((r) => r.id.startsWith("slack"))) assert.match(slack.kind, /^slack-/);
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

test("none of these rules fires on any rule's near misses when all built-in rules run together", () => {
  for (const rule of BUILTIN_RULES) {
    for (const ex of rule.examples.noMatch) {
      const hits = all.scanText(ex.text, ex.path ? { path: ex.path } : {}).filter((h) => MY_KINDS.has(h.kind));
      // Another area's near miss may hold a value that one of these rules' own examples report (its own kind).
      const unexpected = hits.filter((h) => !(h.kind !== rule.kind && KNOWN_SECRETS.get(h.secret)?.has(h.kind)));
      assert.deepEqual(unexpected.map((h) => `${h.kind}: ${h.secret}`), [], `near miss of ${rule.id} (${ex.why}): ${JSON.stringify(ex.text)}`);
    }
  }
});

test("these rules find nothing in other rules' positive examples except the example's own secret", () => {
  for (const rule of BUILTIN_RULES) {
    for (const ex of rule.examples.match) {
      const hits = mine.scanText(ex.text, ex.path ? { path: ex.path } : {});
      const others = hits.filter((h) => h.secret !== ex.secret && !KNOWN_SECRETS.get(h.secret)?.has(h.kind));
      assert.deepEqual(others.map((h) => `${h.kind}: ${h.secret}`), [], `${rule.id}: ${JSON.stringify(ex.text)}`);
    }
  }
});

test("each positive example of these rules is reported under its own kind only", () => {
  for (const rule of MINE) {
    for (const ex of rule.examples.match) {
      const kinds = new Set(mine.scanText(ex.text).filter((h) => h.secret === ex.secret).map((h) => h.kind));
      assert.deepEqual([...kinds], [rule.kind], `${rule.id}: ${JSON.stringify(ex.text)}`);
    }
  }
});

const SHELL = `#!/bin/sh
set -eu
# Install the agent. Keys come from the environment, never from this file.
: "\${DD_API_KEY:?set DD_API_KEY}"
: "\${SLACK_WEBHOOK_URL:=}"
DATADOG_SITE=datadoghq.eu
TWILIO_ACCOUNT_SID="\${TWILIO_ACCOUNT_SID:-}"
for f in /etc/ssl/certs/*.pem; do
  sha256sum "$f" >> /tmp/sums.txt
done
curl -fsSL https://install.datadoghq.com/scripts/install_script_agent7.sh -o /tmp/install.sh
echo "2b7f4e3c1d9a8b6e5f4c3d2a1b0e9f8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a  /tmp/install.sh" | sha256sum -c -
DD_API_KEY="$DD_API_KEY" DD_SITE="$DATADOG_SITE" bash /tmp/install.sh
if [ -n "$SLACK_WEBHOOK_URL" ]; then
  curl -s -X POST -H 'Content-type: application/json' --data '{"text":"agent installed"}' "$SLACK_WEBHOOK_URL"
fi
git log --oneline -n 3 # a1b2c3d fix(sentry): bump sdk to 8.12.0
export SENTRY_DSN="https://\${SENTRY_KEY}@o0.ingest.sentry.io/\${SENTRY_PROJECT}"
export STRIPE_PUBLISHABLE_KEY=pk_live_51Hx0000placeholderValue0000
printf 'telegram bot at %s:%s\\n' "$HOST" "$PORT"
openssl rand -hex 32 > /run/secrets/app_key
`;

/** A package.json followed by lockfile entries (versions, tarball URLs, sha512 integrity hashes). */
function packageJson(rand: () => number): string {
  const names = ["@slack/web-api", "discord.js", "stripe", "openai", "@anthropic-ai/sdk", "@sentry/node", "dd-trace", "twilio", "@sendgrid/mail", "mailgun.js", "@datadog/browser-rum", "newrelic", "launchdarkly-node-server-sdk", "@pagerduty/pdjs", "algoliasearch", "mapbox-gl", "@honeycombio/opentelemetry-node", "@grafana/faro-web-sdk", "shopify-api-node", "square"];
  const packages = Object.fromEntries(
    names.map((name, i) => [
      `node_modules/${name}`,
      { version: `${i % 9}.${i}.${(i * 7) % 13}`, resolved: `https://registry.npmjs.org/${name}/-/${name.split("/").pop()}-${i % 9}.${i}.0.tgz`, integrity: `sha512-${randomBytes(rand, 64).toString("base64")}` },
    ]),
  );
  return PACKAGE_JSON + "\n" + JSON.stringify({ name: "@acme/notifier", lockfileVersion: 3, packages }, null, 2);
}

const PACKAGE_JSON = JSON.stringify(
  {
    name: "@acme/notifier",
    version: "3.14.1",
    description: "Sends Slack, Discord, Telegram and Teams notifications; logs to Datadog and Sentry",
    scripts: { build: "tsc -p .", test: "node --test", "sentry:sourcemaps": "sentry-cli sourcemaps upload dist" },
    dependencies: {
      "@slack/web-api": "^7.3.1",
      "discord.js": "^14.15.3",
      stripe: "^16.2.0",
      openai: "^4.52.0",
      "@anthropic-ai/sdk": "^0.24.3",
      "@sentry/node": "^8.12.0",
      "dd-trace": "^5.17.0",
      twilio: "^5.2.0",
      "@sendgrid/mail": "^8.1.3",
      "launchdarkly-node-server-sdk": "^7.0.4",
    },
    packageManager: "pnpm@9.4.0+sha512.f549b8a52c9d2b8536762f99c0722205efc5af913e77835dbccc3b0b0b2ca9e7dc8022b78062c17291c48e88749c70ce88eb5a74f1fa8c4bf5e18bb46c8bd83a",
  },
  null,
  2,
);

const PYTHON = `"""Notification helpers: Slack, PagerDuty, Twilio and OpenAI clients built from settings."""
import os
import hashlib
from dataclasses import dataclass

import stripe
from openai import OpenAI
from twilio.rest import Client as TwilioClient

DATADOG_SITE = "datadoghq.com"
PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue"
SLACK_CHANNEL = "#alerts"
stripe.api_version = "2024-06-20"


@dataclass
class Settings:
    twilio_account_sid: str = os.environ.get("TWILIO_ACCOUNT_SID", "")
    twilio_auth_token: str = os.environ.get("TWILIO_AUTH_TOKEN", "")
    openai_api_key: str = os.environ["OPENAI_API_KEY"]
    mailgun_domain: str = "mg.example.com"
    honeycomb_dataset: str = "api-traces"


def fingerprint(payload: bytes) -> str:
    # e.g. 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
    return hashlib.sha256(payload).hexdigest()


def clients(s: Settings):
    twilio = TwilioClient(s.twilio_account_sid, s.twilio_auth_token)
    ai = OpenAI(api_key=s.openai_api_key)
    return twilio, ai


def cache_key(user_id: int) -> str:
    return f"datadog:metrics:{user_id}:{hashlib.md5(str(user_id).encode()).hexdigest()}"
`;

function base64Blob(rand: () => number): string {
  const b64 = randomBytes(rand, 6000).toString("base64");
  return b64.replace(/.{76}/g, "$&\n");
}

function hexDump(rand: () => number): string {
  const bytes = randomBytes(rand, 2048);
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    const hex = row.toString("hex").replace(/(.{4})/g, "$1 ").trim();
    lines.push(`${off.toString(16).padStart(8, "0")}: ${hex}  ${row.toString("latin1").replace(/[^\x20-\x7e]/g, ".")}`);
  }
  return lines.join("\n") + "\n" + Array.from({ length: 40 }, () => randomBytes(rand, 20).toString("hex")).join("\n");
}

function uuidList(rand: () => number): string {
  const lines: string[] = [];
  for (let i = 0; i < 150; i++) lines.push(i % 3 === 0 ? `  {"id": "${uuid(rand)}", "trace_id": "${randomBytes(rand, 16).toString("hex")}"},` : uuid(rand));
  return lines.join("\n");
}

function minifiedJs(rand: () => number): string {
  const parts: string[] = [];
  for (let i = 0; i < 60; i++) {
    const id = randomBytes(rand, 12).toString("base64url");
    parts.push(
      `function ${id.slice(0, 2)}(e,t){var n=e.exports,r="${id}";return t.msg.text&&n.sendgrid?n.sk-1:r.split(".")}`,
      `var Q${i}={discord:"https://discord.com/api/v10",hooks:"/hooks/",key:"${randomBytes(rand, 16).toString("hex")}"};`,
      `e.exports.live_${i}=function(){return "Bot "+t.token+"${randomBytes(rand, 24).toString("base64url")}"};`,
    );
  }
  return parts.join("");
}

test("these rules report nothing in ordinary text: a shell script, a package.json, a Python module, base64, hex dumps, UUID lists, minified JS", () => {
  const rand = prng(0x5eed);
  const corpus: [string, string][] = [
    ["shell script", SHELL],
    ["package.json and lockfile", packageJson(rand)],
    ["Python module", PYTHON],
    ["base64 of random bytes", base64Blob(rand)],
    ["hex dump", hexDump(rand)],
    ["UUID list", uuidList(rand)],
    ["minified JS", minifiedJs(rand)],
  ];
  for (const [what, text] of corpus) {
    assert.ok(text.length >= 1000, `${what} is a few KB (${text.length})`);
    const hits = mine.scanText(text);
    assert.deepEqual(hits.map((h) => `${h.kind}: ${h.secret}`), [], what);
  }
});

test("shared prefixes go to the right provider: Paystack vs Stripe, DeepSeek vs OpenAI, Honeycomb ingest vs configuration keys", () => {
  const kindsOf = (text: string) => all.scanText(text).filter((h) => MY_KINDS.has(h.kind)).map((h) => h.kind);
  assert.deepEqual(kindsOf("PAYSTACK_SECRET_KEY=sk_live_4f3a9c2e71b84d06a5e9f1c3b7d2e8a60c4f9b13"), ["paystack-secret-key"]);
  assert.deepEqual(kindsOf("STRIPE_SECRET_KEY=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"), ["stripe-secret-key"]);
  assert.deepEqual(kindsOf("DEEPSEEK_API_KEY=sk-4f3a9c2e71b84d06a5e9f1c3b7d2e8a6"), ["deepseek-api-key"]);
  assert.deepEqual(kindsOf("OPENAI_API_KEY=sk-4f3a9c2e71b84d06a5e9f1c3b7d2e8a6"), [], "32 hex after sk- without DeepSeek named is nobody's");
  assert.deepEqual(kindsOf("HONEYCOMB_API_KEY=hcaik_01j2k3m4n5p6q7r8s9t0v1w2x3Fq8Zr2Lw9Tk4Nc7Vb1Xm5Hd3Gs6Jp0Ay"), ["honeycomb-ingest-key"]);
  assert.deepEqual(kindsOf("DD_APP_KEY=9c2e71b84d06a5e9f1c3b7d2e8a60c4f9b134f3a"), ["datadog-application-key"]);
  assert.deepEqual(kindsOf("MAILGUN_WEBHOOK_SIGNING_KEY=key-4f3a9c2e71b84d06a5e9f1c3b7d2e8a6"), ["mailgun-webhook-signing-key"]);
});

test("keyword-context rules give the variable name with the secret", () => {
  const [hit] = mine.scanText("export DATADOG_API_KEY='4f3a9c2e71b84d06a5e9f1c3b7d2e8a6'");
  assert.equal(hit?.kind, "datadog-api-key");
  assert.equal(hit?.name, "DATADOG_API_KEY");
  assert.equal(hit?.confidence, "medium");
  const [header] = mine.scanText("-H 'X-Postmark-Server-Token: 0b6a4d3e-2f1c-4a8b-9e7d-5c3b1a2f4e6d'");
  assert.equal(header?.name, "X-Postmark-Server-Token");
});

test("a Grafana service account token is accepted only with its CRC-32 checksum", () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Za-z0-9]{32}$/), fc.integer({ min: 0, max: 7 }), (body, flip) => {
      const le = Buffer.alloc(4);
      le.writeUInt32LE(crc32(`glsa_${body}`));
      const sum = le.toString("hex");
      const good = `glsa_${body}_${sum}`;
      const badSum = sum.slice(0, flip) + (sum[flip] === "0" ? "1" : "0") + sum.slice(flip + 1);
      const found = mine.scanText(`GRAFANA_TOKEN=${good}`).filter((h) => h.kind === "grafana-service-account-token");
      assert.deepEqual(found.map((h) => h.secret), [good]);
      assert.deepEqual(mine.scanText(`GRAFANA_TOKEN=glsa_${body}_${badSum}`).filter((h) => h.kind === "grafana-service-account-token"), []);
    }),
  );
});

test("a Discord bot token is accepted only when its first part decodes to a user id", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n }), fc.stringMatching(/^[A-Za-z0-9_-]{6}$/), fc.stringMatching(/^[A-Za-z0-9]{27}$/), (id, ts, mac) => {
      fc.pre(looksRandom(mac, 3.5));
      const token = `${Buffer.from(id.toString()).toString("base64url")}.${ts}.${mac}`;
      assert.deepEqual(mine.scanText(`DISCORD_TOKEN=${token}`).map((h) => h.secret), [token]);
      const digits = id.toString();
      const notDigits = `${Buffer.from(`${digits.slice(0, 6)}x${digits.slice(7)}`).toString("base64url")}.${ts}.${mac}`;
      assert.deepEqual(mine.scanText(`DISCORD_TOKEN=${notDigits}`).map((h) => h.kind).filter((k) => k === "discord-bot-token"), []);
    }),
  );
});

/** Pieces hostile input is made of: every keyword of these rules, and characters tokens are made of. */
const FRAGMENTS = [...new Set(MINE.flatMap((r) => r.keywords))].concat(["=", ":", '"', "'", " ", "\n", "-", "_", ".", "/", "@", "$", "AA", "T3BlbkFJ", "eyJ", "NRAL"]);

test("hostile input: any mix of keywords and token characters scans without throwing, and every hit is where it says", () => {
  const piece = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.stringMatching(/^[A-Za-z0-9+/=_-]{0,70}$/), fc.stringMatching(/^[0-9a-f]{0,70}$/));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      const text = pieces.join("");
      const buf = Buffer.from(text, "utf8");
      for (const hit of mine.scan(buf, {})) {
        assert.equal(buf.toString("latin1", hit.start, hit.end), hit.secret);
        assert.ok(MY_KINDS.has(hit.kind));
      }
    }),
    { numRuns: 400 },
  );
});

test("hostile input: long runs after keywords do not make any rule backtrack for long", () => {
  const fills = ["a", "1", "f", "A", "-", "_", "aA1", "a-", "0:", "=a"];
  for (const kw of [...new Set(MINE.flatMap((r) => r.keywords))]) {
    for (const fill of fills) {
      const text = `${kw}${fill.repeat(Math.ceil(3000 / fill.length))} x ${kw.toUpperCase()}=${fill.repeat(500)}`;
      const ms = leastMs(() => mine.scanText(text));
      assert.ok(ms < 250, `${JSON.stringify(kw)} + ${JSON.stringify(fill)}…: ${ms.toFixed(1)} ms`);
    }
  }
});
