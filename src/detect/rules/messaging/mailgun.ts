import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "./kit.js";

const SIGNING_NAME = /mailgun[a-z0-9_.-]{0,30}(?:signing|webhook)/i;

/**
 * Mailgun private API keys: the older `key-` + 32 hex anywhere, and the current
 * `<32 hex>-<8 hex>-<8 hex>` form on a line that names Mailgun.
 */
export const mailgunApiKey: SecretRule = {
  id: "mailgun-api-key",
  kind: "mailgun-api-key",
  title: "Mailgun private API key",
  severity: "high",
  confidence: "high",
  keywords: ["key-", "mailgun"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>key-[0-9a-f]{32}|(?<=mailgun[^\n]{0,80})[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9-])/i,
  priority: 10,
  check: (hit, _groups, _ctx, line) => {
    if (SIGNING_NAME.test(line)) return undefined; // the webhook signing key rule reports it
    const legacy = hit.secret.startsWith("key-");
    if (!looksRandom(legacy ? hit.secret.slice(4) : hit.secret.replace(/-/g, ""))) return undefined;
    return legacy ? hit : { ...hit, confidence: "medium" };
  },
  remediation: "Rotate the key in Mailgun (API Security → the key → delete, then add a new key) and update the senders.",
  docs: "https://help.mailgun.com/hc/en-us/articles/203380100-Where-can-I-find-my-API-keys-and-SMTP-credentials",
  examples: {
    match: [
      { text: "MAILGUN_API_KEY=key-a467231ce82071f15ccc0fadadd34864", secret: "key-a467231ce82071f15ccc0fadadd34864" },
      { text: "curl -s --user 'api:key-a467231ce82071f15ccc0fadadd34864' https://api.mailgun.net/v3/mg.acme.io/messages", secret: "key-a467231ce82071f15ccc0fadadd34864" },
      { text: "MAILGUN_API_KEY=de64e582d679709a459da70a5c0362f6-f0faa827-d3c5360e", secret: "de64e582d679709a459da70a5c0362f6-f0faa827-d3c5360e" },
      { text: 'mailgun:\n  secret: "key-c148c370b42296145905dfe96fe01c36"', secret: "key-c148c370b42296145905dfe96fe01c36" },
      { text: "const mg = mailgun.client({ username: 'api', key: 'de64e582d679709a459da70a5c0362f6-f0faa827-d3c5360e' });", secret: "de64e582d679709a459da70a5c0362f6-f0faa827-d3c5360e" },
    ],
    noMatch: [
      { text: "MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "MAILGUN_API_KEY=key-08c29a3a1db2085e53d3554ee78edae", why: "31 hex characters" },
      { text: "primary-key-a467231ce82071f15ccc0fadadd34864", why: "part of a longer name" },
      { text: "API_KEY=de64e582d679709a459da70a5c0362f6-f0faa827-d3c5360e", why: "new-style key without Mailgun named on the line" },
      { text: "MAILGUN_API_KEY=key-3ax6xnjp29jd6fds4gc373sgvjxteol0", why: "Mailgun's documentation example (not hex)" },
    ],
  },
};

/** Mailgun HTTP webhook signing keys, next to a Mailgun name that says signing or webhook. */
export const mailgunWebhookSigningKey: SecretRule = {
  id: "mailgun-webhook-signing-key",
  kind: "mailgun-webhook-signing-key",
  title: "Mailgun webhook signing key",
  severity: "medium",
  confidence: "medium",
  keywords: ["mailgun"],
  pattern: new RegExp(
    `${assignment("mailgun[a-z0-9_.-]{0,30}?(?:signing|webhook)")}(?<secret>key-[0-9a-f]{32}|[0-9a-f]{32}(?:-[0-9a-f]{8}-[0-9a-f]{8})?)(?![A-Za-z0-9-])`,
    "i",
  ),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.replace(/^key-|-/g, "")), hit),
  remediation: "Reset the HTTP webhook signing key in Mailgun (Sending → Webhooks → HTTP webhook signing key) and update the receivers.",
  docs: "https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/#securing-webhooks",
  examples: {
    match: [
      { text: "MAILGUN_WEBHOOK_SIGNING_KEY=a467231ce82071f15ccc0fadadd34864", secret: "a467231ce82071f15ccc0fadadd34864" },
      { text: "mailgun_signing_key: 'a467231ce82071f15ccc0fadadd34864-b37aaf5f-f0faa827'", secret: "a467231ce82071f15ccc0fadadd34864-b37aaf5f-f0faa827" },
      { text: '"MAILGUN_WEBHOOK_KEY": "key-5b9382d8edf39a7fb3ba65f5c074c06d"', secret: "key-5b9382d8edf39a7fb3ba65f5c074c06d" },
      { text: "ENV MAILGUN_SIGNING_KEY c148c370b42296145905dfe96fe01c36", secret: "c148c370b42296145905dfe96fe01c36" },
      { text: "config.mailgun.webhookSigningKey = 'c148c370b42296145905dfe96fe01c36';", secret: "c148c370b42296145905dfe96fe01c36" },
    ],
    noMatch: [
      { text: "MAILGUN_WEBHOOK_SIGNING_KEY=${SIGNING_KEY}", why: "reference" },
      { text: "MAILGUN_WEBHOOK_SIGNING_KEY=08c29a3a1db2085e53d3554ee78edae", why: "31 hex characters" },
      { text: "MAILGUN_WEBHOOK_URL=https://acme.io/hooks/mailgun", why: "a URL, not a key" },
      { text: "WEBHOOK_SIGNING_KEY=a467231ce82071f15ccc0fadadd34864", why: "nothing names Mailgun" },
      { text: "MAILGUN_WEBHOOK_SIGNING_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};
