import type { SecretRule } from "../../types.js";
import { decodeJsonObject, keepIf, looksRandom } from "../messaging/kit.js";

const DOCS = "https://docs.sentry.io/account/auth-tokens/";

/**
 * Sentry organization auth tokens: `sntrys_` + base64 of a JSON payload (`iat`, `url`,
 * `region_url`, `org`) + `_` + a 43-character base64 secret. The payload must decode.
 */
export const sentryOrgToken: SecretRule = {
  id: "sentry-org-auth-token",
  kind: "sentry-org-auth-token",
  title: "Sentry organization auth token",
  severity: "high",
  confidence: "high",
  keywords: ["sntrys_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sntrys_(?<payload>eyJ[A-Za-z0-9+/]{20,600}={0,2})_(?<key>[A-Za-z0-9+/]{43}))(?![A-Za-z0-9+/=_])/,
  priority: 10,
  check: (hit, groups) => {
    const payload = decodeJsonObject(groups.payload ?? "");
    return keepIf(payload !== undefined && ("org" in payload || "url" in payload) && looksRandom(groups.key ?? "", 3.5), hit);
  },
  remediation: "Revoke the token in Sentry (Settings → Organization Tokens) and create a new one for the CI that needs it.",
  docs: DOCS,
  examples: {
    match: [
      { text: "SENTRY_AUTH_TOKEN=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", secret: "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" },
      { text: "sentry-cli --auth-token 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 releases new 1.0", secret: "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" },
      { text: '"authToken": "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"', secret: "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" },
      { text: "[auth]\ntoken=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", secret: "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" },
      { text: "  sentry_token: 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", secret: "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" },
    ],
    noMatch: [
      { text: "SENTRY_AUTH_TOKEN=sntrys_eyJub3QiOiJqc29uIGVub3VnaCJ9_q6h1yFtraewwPOW6CfwZ+utlzgWbYWei0jEkKo6mZJi", why: "payload is JSON without Sentry's fields" },
      { text: "SENTRY_AUTH_TOKEN=sntrys_eyJbln6rGASY0fm5E17bBgJX68SdxKAWCfbDt5GIUDn11dfbqRwJOJheAMQ5kEw_q6h1yFtraewwPOW6CfwZ+utlzgWbYWei0jEkKo6mZJi", why: "payload does not decode to JSON" },
      { text: "SENTRY_AUTH_TOKEN=sntrys_YOUR_TOKEN_HERE", why: "placeholder" },
      { text: "SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE3MDAwMDAwMDAuMCwib3JnIjoiYWNtZSJ9_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "masked secret" },
      { text: "SENTRY_AUTH_TOKEN=sntrys_...", why: "elided" },
    ],
  },
};

/** Sentry user auth tokens: `sntryu_` + 64 hex. */
export const sentryUserToken: SecretRule = {
  id: "sentry-user-auth-token",
  kind: "sentry-user-auth-token",
  title: "Sentry user auth token",
  severity: "high",
  confidence: "high",
  keywords: ["sntryu_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sntryu_[0-9a-f]{64})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(7)), hit),
  remediation: "Revoke the token in Sentry (User Settings → Personal Tokens) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "SENTRY_AUTH_TOKEN=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", secret: "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" },
      { text: "curl -H 'Authorization: Bearer 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' https://sentry.io/api/0/organizations/", secret: "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" },
      { text: '"token": "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"', secret: "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" },
      { text: "export SENTRY_AUTH_TOKEN='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'", secret: "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" },
      { text: "  auth_token: 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", secret: "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" },
    ],
    noMatch: [
      { text: "Authorization: Bearer sntryu_YOUR_TOKEN_HERE", why: "Sentry's documentation placeholder" },
      { text: "SENTRY_AUTH_TOKEN=sntryu_fca4812e0d74ff8d84919f8cf571d25617250ba670181c730dddbb1455bb106", why: "63 hex characters" },
      { text: "SENTRY_AUTH_TOKEN=sntryu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SENTRY_AUTH_TOKEN=sntryu_B9E0A41B0128FD66DBA66FA7C5286EB57E6B8A6F5D98429045FD5A98DC597C7B", why: "upper-case hex" },
      { text: "SENTRY_AUTH_TOKEN=sntryu_e280c07fe0ee68d2cc0dfcebb3a477d0b8dd0a91dcedff6ddeabdf23d94af1060", why: "65 hex characters" },
    ],
  },
};

/**
 * Legacy Sentry DSNs carrying a secret key: `https://<public key>:<secret key>@host/<project>`.
 * The secret key is reported; a modern DSN with only the public key is not a secret.
 */
export const sentryDsnSecret: SecretRule = {
  id: "sentry-dsn-secret",
  kind: "sentry-dsn-secret",
  title: "Sentry DSN secret key",
  severity: "medium",
  confidence: "high",
  keywords: ["sentry"],
  pattern: /(?<![A-Za-z0-9+.-])https?:\/\/[0-9a-f]{32}:(?<secret>[0-9a-f]{32})@[A-Za-z0-9.-]{1,200}(?::[0-9]{1,5})?\/(?:[A-Za-z0-9._-]{1,60}\/)?[0-9]{1,20}(?![A-Za-z0-9/])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Revoke the client key in Sentry (Project Settings → Client Keys (DSN) → Revoke), create a new one and use the DSN without its secret part.",
  docs: "https://docs.sentry.io/concepts/key-terms/dsn-explainer/",
  examples: {
    match: [
      { text: "SENTRY_DSN=https://0d434b9c73a3f09b763e73597f101efd:3191b6879a42ce86d4ff1eccc5c9e035@o123456.ingest.sentry.io/4504123456789", secret: "3191b6879a42ce86d4ff1eccc5c9e035" },
      { text: "Sentry.init({ dsn: 'https://0d434b9c73a3f09b763e73597f101efd:3191b6879a42ce86d4ff1eccc5c9e035@sentry.io/1234567' });", secret: "3191b6879a42ce86d4ff1eccc5c9e035" },
      { text: "RAVEN_DSN: https://783dfbdf0374e4963d25b8cc5826c1a9:8c9681810e190a471368f1d7c7856313@sentry.acme.io/sentry/42  # sentry", secret: "8c9681810e190a471368f1d7c7856313" },
      { text: '"sentry": {"dsn": "http://783dfbdf0374e4963d25b8cc5826c1a9:8c9681810e190a471368f1d7c7856313@sentry.internal:9000/7"}', secret: "8c9681810e190a471368f1d7c7856313" },
      { text: "sentry_sdk.init('https://cac654228f83e840f71fa8f15b8b837d:76ea4d698ac30d27b31464c90d84c177@o99.ingest.us.sentry.io/55')", secret: "76ea4d698ac30d27b31464c90d84c177" },
    ],
    noMatch: [
      { text: "SENTRY_DSN=https://0d434b9c73a3f09b763e73597f101efd@o123456.ingest.sentry.io/4504123456789", why: "public key only: not a secret" },
      { text: "SENTRY_DSN=https://<key>:<secret>@sentry.io/<project>", why: "template" },
      { text: "SENTRY_DSN=https://0d434b9c73a3f09b763e73597f101efd:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx@sentry.io/1", why: "masked secret" },
      { text: "SENTRY_DSN=https://0d434b9c73a3f09b763e73597f101efd:74605595e9eaff6334bbf65de4b98af@sentry.io/1", why: "31 hex characters" },
      { text: "SENTRY_DSN=https://0d434b9c73a3f09b763e73597f101efd:3191b6879a42ce86d4ff1eccc5c9e035@sentry.io/", why: "no project id" },
    ],
  },
};

/** Every Sentry rule, one per credential kind. */
export const SENTRY_RULES: readonly SecretRule[] = [sentryOrgToken, sentryUserToken, sentryDsnSecret];
