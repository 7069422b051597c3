import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "../messaging/kit.js";

/** Plaid API secrets (30 hex), next to a Plaid secret name. The client id is not secret. */
export const plaidSecret: SecretRule = {
  id: "plaid-secret",
  kind: "plaid-secret",
  title: "Plaid API secret",
  severity: "critical",
  confidence: "medium",
  keywords: ["plaid"],
  pattern: new RegExp(`${assignment("plaid[a-z0-9_.-]{0,30}?secret")}(?<secret>[0-9a-f]{30})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Rotate the secret in the Plaid dashboard (Developers → Keys → Rotate secret) and update the server.",
  docs: "https://plaid.com/docs/account/security/#rotating-keys",
  examples: {
    match: [
      { text: "PLAID_SECRET=7fb8e597ff2f2d54c97c7823234595", secret: "7fb8e597ff2f2d54c97c7823234595" },
      { text: "plaid_secret: '7fb8e597ff2f2d54c97c7823234595'", secret: "7fb8e597ff2f2d54c97c7823234595" },
      { text: '"PLAID_SECRET_PRODUCTION": "9720a05f888264fa4034da951de172"', secret: "9720a05f888264fa4034da951de172" },
      { text: "ENV PLAID_SECRET 9720a05f888264fa4034da951de172", secret: "9720a05f888264fa4034da951de172" },
      { text: "configuration.api_key['plaidSecret'] = '45b5957356ccbc6bea74e3f7083b85'", secret: "45b5957356ccbc6bea74e3f7083b85" },
    ],
    noMatch: [
      { text: "PLAID_CLIENT_ID=6df1df395d5f4d1d75ce80ef", why: "the client id is not secret" },
      { text: "PLAID_SECRET=63fcfbbbb9880c12fda7b038326b4", why: "29 hex characters" },
      { text: "SECRET=7fb8e597ff2f2d54c97c7823234595", why: "nothing names Plaid" },
      { text: "PLAID_SECRET=your-plaid-secret", why: "placeholder" },
      { text: "PLAID_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** GoCardless live access tokens (`live_` + 40) on a line that names GoCardless. */
export const gocardlessAccessToken: SecretRule = {
  id: "gocardless-access-token",
  kind: "gocardless-access-token",
  title: "GoCardless live access token",
  severity: "critical",
  confidence: "medium",
  keywords: ["gocardless"],
  reach: 256,
  pattern: /(?<![A-Za-z0-9_-])(?<secret>live_[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(5), 3.5), hit),
  remediation: "Revoke the access token in the GoCardless dashboard (Developers → Access tokens) and create a new one.",
  docs: "https://developer.gocardless.com/getting-started/api/making-your-first-request/",
  examples: {
    match: [
      { text: "GOCARDLESS_ACCESS_TOKEN=live_AUqTyYgcezrJIepdPTVo3P0DwJ4RPtkX3a_dpOQp", secret: "live_AUqTyYgcezrJIepdPTVo3P0DwJ4RPtkX3a_dpOQp" },
      { text: "client = gocardless_pro.Client(access_token='live_AUqTyYgcezrJIepdPTVo3P0DwJ4RPtkX3a_dpOQp', environment='live')", secret: "live_AUqTyYgcezrJIepdPTVo3P0DwJ4RPtkX3a_dpOQp" },
      { text: '"gocardless": {"token": "live_FTP2U-UEE3zdSwRGJYxuFMjxiduql1_WKpfUG1TX"}', secret: "live_FTP2U-UEE3zdSwRGJYxuFMjxiduql1_WKpfUG1TX" },
      { text: "gocardless:\n  access_token: live_FTP2U-UEE3zdSwRGJYxuFMjxiduql1_WKpfUG1TX", secret: "live_FTP2U-UEE3zdSwRGJYxuFMjxiduql1_WKpfUG1TX" },
      { text: "ENV GOCARDLESS_TOKEN live_cM027y2yePWfuHClVYah8KQ71k_gnZEpMMKDktOV", secret: "live_cM027y2yePWfuHClVYah8KQ71k_gnZEpMMKDktOV" },
    ],
    noMatch: [
      { text: "GOCARDLESS_ACCESS_TOKEN=live_xoSlZgOZrhcJ1Gas4oum2QKhKRoXXL", why: "too short" },
      { text: "GOCARDLESS_ACCESS_TOKEN=live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "ACCESS_TOKEN=live_AUqTyYgcezrJIepdPTVo3P0DwJ4RPtkX3a_dpOQp", why: "nothing names GoCardless" },
      { text: "GOCARDLESS_ACCESS_TOKEN=sandbox_zAXksxvx5apCabwBcVMNiVznz72Fsc3E3iLaKHK4", why: "sandbox token (test data)" },
      { text: "GOCARDLESS_ENVIRONMENT=live", why: "not a token" },
    ],
  },
};

/** Mollie live API keys (`live_` + 30) on a line that names Mollie. */
export const mollieApiKey: SecretRule = {
  id: "mollie-api-key",
  kind: "mollie-api-key",
  title: "Mollie live API key",
  severity: "critical",
  confidence: "medium",
  keywords: ["mollie"],
  reach: 256,
  pattern: /(?<![A-Za-z0-9_-])(?<secret>live_[A-Za-z0-9]{30})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(5), 3.5), hit),
  remediation: "Reset the live API key in the Mollie dashboard (Developers → API keys → Reset) and update the shop.",
  docs: "https://docs.mollie.com/docs/authentication",
  examples: {
    match: [
      { text: "MOLLIE_API_KEY=live_imVyetm6nMlXeMcZiUeegaW5MqqO3N", secret: "live_imVyetm6nMlXeMcZiUeegaW5MqqO3N" },
      { text: '$mollie->setApiKey("live_imVyetm6nMlXeMcZiUeegaW5MqqO3N");', secret: "live_imVyetm6nMlXeMcZiUeegaW5MqqO3N" },
      { text: "mollie_client.set_api_key('live_rBwFZMuVdkFP68qgOQalCPi43iEjOw')", secret: "live_rBwFZMuVdkFP68qgOQalCPi43iEjOw" },
      { text: '"mollie": {"apiKey": "live_rBwFZMuVdkFP68qgOQalCPi43iEjOw"}', secret: "live_rBwFZMuVdkFP68qgOQalCPi43iEjOw" },
      { text: "mollie:\n  key: live_6Icm4fXwgsuudMa8byvJVfUye2QCQc", secret: "live_6Icm4fXwgsuudMa8byvJVfUye2QCQc" },
    ],
    noMatch: [
      { text: "MOLLIE_API_KEY=test_imVyetm6nMlXeMcZiUeegaW5MqqO3N", why: "test-mode key" },
      { text: "MOLLIE_API_KEY=live_4tTxr3d07U5bUjD997aJ", why: "too short" },
      { text: "API_KEY=live_imVyetm6nMlXeMcZiUeegaW5MqqO3N", why: "nothing names Mollie" },
      { text: "MOLLIE_API_KEY=live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "MOLLIE_API_KEY=live_imVyetm6nMlXeMcZiUeegaW5MqqO3NX", why: "31 characters" },
    ],
  },
};
