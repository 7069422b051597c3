import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "../messaging/kit.js";

/** Rollbar project access tokens (32 hex), next to a Rollbar name. */
export const rollbarAccessToken: SecretRule = {
  id: "rollbar-access-token",
  kind: "rollbar-access-token",
  title: "Rollbar access token",
  severity: "high",
  confidence: "medium",
  keywords: ["rollbar"],
  pattern: new RegExp(`${assignment("rollbar")}(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Disable the token in Rollbar (Project settings → Project Access Tokens) and create a new one.",
  docs: "https://docs.rollbar.com/docs/access-tokens",
  examples: {
    match: [
      { text: "ROLLBAR_ACCESS_TOKEN=8efeb6f5c64277d8782851ad8f01045c", secret: "8efeb6f5c64277d8782851ad8f01045c" },
      { text: "rollbar_token: '8efeb6f5c64277d8782851ad8f01045c'", secret: "8efeb6f5c64277d8782851ad8f01045c" },
      { text: "curl -H 'X-Rollbar-Access-Token: 280ff8263f2cb2ffa8f202c195725649' https://api.rollbar.com/api/1/items", secret: "280ff8263f2cb2ffa8f202c195725649" },
      { text: '"rollbarServerToken": "280ff8263f2cb2ffa8f202c195725649"', secret: "280ff8263f2cb2ffa8f202c195725649" },
      { text: "ENV ROLLBAR_ACCESS_TOKEN adf26743669fb9722643f30a111b7513", secret: "adf26743669fb9722643f30a111b7513" },
    ],
    noMatch: [
      { text: "ROLLBAR_ACCESS_TOKEN=POST_SERVER_ITEM_ACCESS_TOKEN", why: "Rollbar's documentation placeholder" },
      { text: "ROLLBAR_ACCESS_TOKEN=a1fb8955d4b7e68b502a7b4ff52f19e", why: "31 hex characters" },
      { text: "ACCESS_TOKEN=8efeb6f5c64277d8782851ad8f01045c", why: "nothing names Rollbar" },
      { text: "ROLLBAR_ENV=production", why: "not a token" },
      { text: "ROLLBAR_ACCESS_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** Bugsnag API (notifier) keys, 32 hex next to a Bugsnag name; they ship in apps, so medium. */
export const bugsnagApiKey: SecretRule = {
  id: "bugsnag-api-key",
  kind: "bugsnag-api-key",
  title: "Bugsnag API key",
  severity: "medium",
  confidence: "medium",
  keywords: ["bugsnag"],
  pattern: new RegExp(`${assignment("bugsnag")}(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Regenerate the project's notifier API key in Bugsnag (Project settings → Notifier API key) and redeploy.",
  docs: "https://docs.bugsnag.com/product/getting-started/",
  examples: {
    match: [
      { text: "BUGSNAG_API_KEY=8efeb6f5c64277d8782851ad8f01045c", secret: "8efeb6f5c64277d8782851ad8f01045c" },
      { text: "  bugsnag_key: 280ff8263f2cb2ffa8f202c195725649", secret: "280ff8263f2cb2ffa8f202c195725649" },
      { text: '"bugsnagApiKey": "280ff8263f2cb2ffa8f202c195725649"', secret: "280ff8263f2cb2ffa8f202c195725649" },
      { text: "export BUGSNAG_API_KEY='adf26743669fb9722643f30a111b7513'", secret: "adf26743669fb9722643f30a111b7513" },
      { text: "ENV BUGSNAG_API_KEY adf26743669fb9722643f30a111b7513", secret: "adf26743669fb9722643f30a111b7513" },
    ],
    noMatch: [
      { text: "BUGSNAG_API_KEY=your-api-key-here", why: "placeholder" },
      { text: "BUGSNAG_API_KEY=a1fb8955d4b7e68b502a7b4ff52f19e", why: "31 hex characters" },
      { text: "API_KEY=8efeb6f5c64277d8782851ad8f01045c", why: "nothing names Bugsnag" },
      { text: "BUGSNAG_RELEASE_STAGE=production", why: "not a key" },
      { text: "BUGSNAG_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};
