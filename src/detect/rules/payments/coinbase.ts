import type { SecretRule } from "../../types.js";
import { UUID, assignment, keepIf, looksRandom } from "../messaging/kit.js";

/**
 * Coinbase API secrets next to a Coinbase secret/key name: Commerce API keys (UUIDs, also in
 * `X-CC-Api-Key`), legacy API secrets (32 alphanumerics) and CDP Ed25519 secrets (88 base64).
 */
export const coinbaseApiSecret: SecretRule = {
  id: "coinbase-api-secret",
  kind: "coinbase-api-secret",
  title: "Coinbase API secret",
  severity: "critical",
  confidence: "medium",
  keywords: ["coinbase", "x-cc-api-key"],
  pattern: new RegExp(
    `${assignment("coinbase[a-z0-9_.-]{0,30}?(?:secret|api[_-]?key)|x-cc-api-key")}(?<secret>${UUID}|[A-Za-z0-9+/]{86}==|[A-Za-z0-9]{32})(?![A-Za-z0-9+/=-])`,
    "i",
  ),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.replace(/-|=+$/g, ""), 3.3), hit),
  remediation: "Delete the API key in Coinbase (Developer Platform → API keys, or Commerce → Settings → Security) and create a new one; review recent transfers.",
  docs: "https://docs.cdp.coinbase.com/get-started/authentication/cdp-api-keys",
  examples: {
    match: [
      { text: "COINBASE_COMMERCE_API_KEY=d6ff367a-e44d-4b1c-92de-a3669716f5d8", secret: "d6ff367a-e44d-4b1c-92de-a3669716f5d8" },
      { text: "curl -H 'X-CC-Api-Key: d6ff367a-e44d-4b1c-92de-a3669716f5d8' https://api.commerce.coinbase.com/charges", secret: "d6ff367a-e44d-4b1c-92de-a3669716f5d8" },
      { text: "COINBASE_API_SECRET=4YdUafe6TLnQFYlzRYf8ZCmUGaqUtoD5", secret: "4YdUafe6TLnQFYlzRYf8ZCmUGaqUtoD5" },
      { text: '"coinbaseApiSecret": "zotP6CDTi8dCJXr8LJDtocMVakzE5e0CKNeJo9e6ijBXvwFK0fyzeFPMhWINnCjvWOQMkX+dVkI7YMQf4Z6Lrt=="', secret: "zotP6CDTi8dCJXr8LJDtocMVakzE5e0CKNeJo9e6ijBXvwFK0fyzeFPMhWINnCjvWOQMkX+dVkI7YMQf4Z6Lrt==" },
      { text: "  coinbase_secret: 1TY2p0jB47GR5J7WKpJj7tminlSgGqQZ", secret: "1TY2p0jB47GR5J7WKpJj7tminlSgGqQZ" },
    ],
    noMatch: [
      { text: "COINBASE_API_KEY_NAME=organizations/7ffde185-2504-46cb-8eaf-366fbf63902c/apiKeys/f57d5a3b-4298-4def-a4c8-ad5ea03a9808", why: "a key name, not the secret" },
      { text: "COINBASE_API_SECRET=${COINBASE_API_SECRET}", why: "reference" },
      { text: "API_SECRET=4YdUafe6TLnQFYlzRYf8ZCmUGaqUtoD5", why: "nothing names Coinbase" },
      { text: "COINBASE_API_SECRET=5Nfn4cgGvVPgATWJmIBI", why: "too short" },
      { text: "COINBASE_API_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};
