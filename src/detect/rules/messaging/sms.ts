import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "./kit.js";

/** Vonage (Nexmo) API secrets, next to a Vonage or Nexmo secret name. */
export const vonageApiSecret: SecretRule = {
  id: "vonage-api-secret",
  kind: "vonage-api-secret",
  title: "Vonage (Nexmo) API secret",
  severity: "high",
  confidence: "medium",
  keywords: ["nexmo", "vonage"],
  pattern: new RegExp(`${assignment("(?:nexmo|vonage)[a-z0-9_.-]{0,30}?secret")}(?<secret>[A-Za-z0-9]{8,32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(/[0-9]/.test(hit.secret) && /[A-Za-z]/.test(hit.secret) && looksRandom(hit.secret, 2.8), hit),
  remediation: "Create a new secret in the Vonage API dashboard (API settings → Add new secret) and delete the old one.",
  docs: "https://developer.vonage.com/en/account/secret-management",
  examples: {
    match: [
      { text: "NEXMO_API_SECRET=lEOJ0ymHF33ajXUp", secret: "lEOJ0ymHF33ajXUp" },
      { text: "VONAGE_API_SECRET='lEOJ0ymHF33ajXUp'", secret: "lEOJ0ymHF33ajXUp" },
      { text: '"vonageApiSecret": "dw5L7E5MnQyQ5wv4"', secret: "dw5L7E5MnQyQ5wv4" },
      { text: "vonage = Vonage(Auth(api_key='a1b2c3d4', api_secret='x'))\nVONAGE_SECRET: dw5L7E5MnQyQ5wv4", secret: "dw5L7E5MnQyQ5wv4" },
      { text: "ENV NEXMO_API_SECRET 2uPwogyZUYW5C6Tg", secret: "2uPwogyZUYW5C6Tg" },
    ],
    noMatch: [
      { text: "NEXMO_API_SECRET=YOUR_API_SECRET", why: "placeholder" },
      { text: "NEXMO_API_SECRET=abc", why: "too short" },
      { text: "API_SECRET=lEOJ0ymHF33ajXUp", why: "nothing names Vonage" },
      { text: "VONAGE_API_SECRET=${VONAGE_API_SECRET}", why: "reference" },
      { text: "VONAGE_API_SECRET=abcdefghijklmnop", why: "letters in order, no digits" },
    ],
  },
};

/** MessageBird (Bird) access keys (25 alphanumerics), next to a MessageBird name. */
export const messagebirdAccessKey: SecretRule = {
  id: "messagebird-access-key",
  kind: "messagebird-access-key",
  title: "MessageBird access key",
  severity: "high",
  confidence: "medium",
  keywords: ["messagebird"],
  pattern: new RegExp(`${assignment("messagebird")}(?<secret>[A-Za-z0-9]{25})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret, 3.3), hit),
  remediation: "Delete the access key in the MessageBird dashboard (Developers → API access) and create a new one.",
  docs: "https://developers.messagebird.com/api/#authentication",
  examples: {
    match: [
      { text: "MESSAGEBIRD_ACCESS_KEY=B3wCJbIQl9rlCxeefdkwAFACS", secret: "B3wCJbIQl9rlCxeefdkwAFACS" },
      { text: "MESSAGEBIRD_API_KEY='B3wCJbIQl9rlCxeefdkwAFACS'", secret: "B3wCJbIQl9rlCxeefdkwAFACS" },
      { text: '"messagebirdKey": "a8UVZOkdAWnNx8FPTFN0aa0Hd"', secret: "a8UVZOkdAWnNx8FPTFN0aa0Hd" },
      { text: "  messagebird_access_key: a8UVZOkdAWnNx8FPTFN0aa0Hd", secret: "a8UVZOkdAWnNx8FPTFN0aa0Hd" },
      { text: "ENV MESSAGEBIRD_ACCESS_KEY F8Q2yjIlopKyvs7nknTO87BaX", secret: "F8Q2yjIlopKyvs7nknTO87BaX" },
    ],
    noMatch: [
      { text: "MESSAGEBIRD_ACCESS_KEY=test_gshuPaZoeEG6ovbc8M79w0QyM", why: "documentation-style test key with a prefix" },
      { text: "MESSAGEBIRD_ACCESS_KEY=2H2gOLk6QiFxRLY3rp53m50t", why: "24 characters" },
      { text: "ACCESS_KEY=B3wCJbIQl9rlCxeefdkwAFACS", why: "nothing names MessageBird" },
      { text: "MESSAGEBIRD_ACCESS_KEY=xxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "MESSAGEBIRD_ORIGINATOR=AcmeShop", why: "a sender name" },
    ],
  },
};

/** Pusher Channels app secrets (20 hex), next to a Pusher secret name. */
export const pusherAppSecret: SecretRule = {
  id: "pusher-app-secret",
  kind: "pusher-app-secret",
  title: "Pusher app secret",
  severity: "high",
  confidence: "medium",
  keywords: ["pusher"],
  pattern: new RegExp(`${assignment("pusher[a-z0-9_.-]{0,30}?secret")}(?<secret>[0-9a-f]{20})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Rotate the app's key pair in the Pusher dashboard (App Keys → create a new key, delete the old one).",
  docs: "https://pusher.com/docs/channels/server_api/authenticating-users/",
  examples: {
    match: [
      { text: "PUSHER_APP_SECRET=d3dd0222f9ee5a16729b", secret: "d3dd0222f9ee5a16729b" },
      { text: "pusher_secret: 'd3dd0222f9ee5a16729b'", secret: "d3dd0222f9ee5a16729b" },
      { text: '"PUSHER_SECRET": "8cf0691ec0b4a49337ff"', secret: "8cf0691ec0b4a49337ff" },
      { text: "config.pusher.secret = '8cf0691ec0b4a49337ff'", secret: "8cf0691ec0b4a49337ff" },
      { text: "ENV PUSHER_APP_SECRET d1799c078a62e61e2527", secret: "d1799c078a62e61e2527" },
    ],
    noMatch: [
      { text: "PUSHER_APP_KEY=d3dd0222f9ee5a16729b", why: "the app key is public" },
      { text: "PUSHER_APP_SECRET=f9a5cca903f74e0b71f", why: "19 hex characters" },
      { text: "APP_SECRET=d3dd0222f9ee5a16729b", why: "nothing names Pusher" },
      { text: "PUSHER_APP_SECRET=xxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "PUSHER_APP_SECRET=\"${PUSHER_APP_SECRET}\"", why: "reference" },
    ],
  },
};
