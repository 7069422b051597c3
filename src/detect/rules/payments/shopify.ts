import type { RuleHit, SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "../messaging/kit.js";

const DOCS = "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/generate-app-access-tokens-admin";
const UNINSTALL = "Uninstall the app from the store (or rotate the token in the Dev Dashboard / Partner Dashboard) so a new token is issued, and review the store's activity.";

/** Shopify tokens: a 6-character prefix and 32 hex. */
const shopifyPattern = (prefix: string) => new RegExp(`(?<![A-Za-z0-9_])(?<secret>${prefix}[a-fA-F0-9]{32})(?![A-Za-z0-9])`);
const shopifyCheck = (hit: RuleHit) => keepIf(looksRandom(hit.secret.slice(6)), hit);

/** Admin API access tokens of custom apps (`shpat_`). */
export const shopifyAccessToken: SecretRule = {
  id: "shopify-access-token",
  kind: "shopify-access-token",
  title: "Shopify Admin API access token",
  severity: "critical",
  confidence: "high",
  keywords: ["shpat_"],
  pattern: shopifyPattern("shpat_"),
  priority: 10,
  check: shopifyCheck,
  remediation: UNINSTALL,
  docs: DOCS,
  examples: {
    match: [
      { text: "SHOPIFY_ACCESS_TOKEN=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", secret: "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" },
      { text: "curl -H 'X-Shopify-Access-Token: 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' https://acme.myshopify.com/admin/api/2024-07/shop.json", secret: "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" },
      { text: '{"shopify": {"adminToken": "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"}}', secret: "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" },
      { text: "session = shopify.Session('acme.myshopify.com', '2024-07', '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')", secret: "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" },
      { text: "  admin_api_token: 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", secret: "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" },
    ],
    noMatch: [
      { text: "SHOPIFY_ACCESS_TOKEN=shpat_e641a2624ca397c3eb074ab2292876f", why: "31 hex characters" },
      { text: "SHOPIFY_ACCESS_TOKEN=shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SHOPIFY_ACCESS_TOKEN=shpat_ko2f532n14mwjz5f6ajh6oyfe25fwbkz", why: "not hex" },
      { text: "SHOPIFY_ACCESS_TOKEN=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0", why: "33 hex characters" },
      { text: "SHOPIFY_ACCESS_TOKEN=shpat_<your_token>", why: "placeholder" },
    ],
  },
};

/** Access tokens issued to custom apps made in the Partner Dashboard (`shpca_`). */
export const shopifyCustomAppToken: SecretRule = {
  id: "shopify-custom-app-token",
  kind: "shopify-custom-app-token",
  title: "Shopify custom app access token",
  severity: "critical",
  confidence: "high",
  keywords: ["shpca_"],
  pattern: shopifyPattern("shpca_"),
  priority: 10,
  check: shopifyCheck,
  remediation: UNINSTALL,
  docs: DOCS,
  examples: {
    match: [
      { text: "SHOPIFY_TOKEN=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", secret: "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" },
      { text: "X-Shopify-Access-Token: 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", secret: "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" },
      { text: '"accessToken": "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"', secret: "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" },
      { text: "export SHOPIFY_TOKEN='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'", secret: "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" },
      { text: "  token: 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", secret: "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" },
    ],
    noMatch: [
      { text: "SHOPIFY_TOKEN=shpca_e641a2624ca397c3eb074ab2292876f", why: "31 hex characters" },
      { text: "SHOPIFY_TOKEN=shpca_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SHOPIFY_TOKEN=shpca_ko2f532n14mwjz5f6ajh6oyfe25fwbkz", why: "not hex" },
      { text: "SHOPIFY_TOKEN=shpcx_b0ae7a7358162a84e1b4de47dde1bf0a", why: "unknown prefix" },
      { text: "SHOPIFY_TOKEN=shpca_...", why: "elided" },
    ],
  },
};

/** Private app access tokens (`shppa_`), from the retired private-app model. */
export const shopifyPrivateAppToken: SecretRule = {
  id: "shopify-private-app-token",
  kind: "shopify-private-app-token",
  title: "Shopify private app access token",
  severity: "critical",
  confidence: "high",
  keywords: ["shppa_"],
  pattern: shopifyPattern("shppa_"),
  priority: 10,
  check: shopifyCheck,
  remediation: "Delete the private app in the store admin (Apps → Develop apps) and recreate it as a custom app with a new token.",
  docs: DOCS,
  examples: {
    match: [
      { text: "SHOPIFY_PASSWORD=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", secret: "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" },
      { text: "https://key: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@acme.myshopify.com/admin/api/2021-01/orders.json", secret: "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" },
      { text: '"password": "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"', secret: "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" },
      { text: "ShopifyAPI::Base.password = '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'", secret: "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" },
      { text: "  private_app_password: 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", secret: "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" },
    ],
    noMatch: [
      { text: "SHOPIFY_PASSWORD=shppa_e641a2624ca397c3eb074ab2292876f", why: "31 hex characters" },
      { text: "SHOPIFY_PASSWORD=shppa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SHOPIFY_PASSWORD=shppa_ko2f532n14mwjz5f6ajh6oyfe25fwbkz", why: "not hex" },
      { text: "SHOPIFY_PASSWORD=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f", why: "33 hex characters" },
      { text: "SHOPIFY_PASSWORD=shppa_00000000000000000000000000000000", why: "zeros" },
    ],
  },
};

/** App shared secrets (`shpss_`): sign OAuth and webhook HMACs, forge either. */
export const shopifySharedSecret: SecretRule = {
  id: "shopify-shared-secret",
  kind: "shopify-shared-secret",
  title: "Shopify app shared secret",
  severity: "high",
  confidence: "high",
  keywords: ["shpss_"],
  pattern: shopifyPattern("shpss_"),
  priority: 10,
  check: shopifyCheck,
  remediation: "Rotate the app's client secret in the Partner Dashboard / Dev Dashboard (the app → Client credentials → rotate) and update the app.",
  docs: "https://shopify.dev/docs/apps/build/authentication-authorization/client-secrets/rotate-revoke-client-credentials",
  examples: {
    match: [
      { text: "SHOPIFY_API_SECRET=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", secret: "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" },
      { text: "shopify.Context.initialize(API_SECRET_KEY='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')", secret: "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" },
      { text: '"apiSecretKey": "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"', secret: "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" },
      { text: "ENV SHOPIFY_API_SECRET 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", secret: "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" },
      { text: "  client_secret: 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", secret: "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" },
    ],
    noMatch: [
      { text: "SHOPIFY_API_SECRET=shpss_e641a2624ca397c3eb074ab2292876f", why: "31 hex characters" },
      { text: "SHOPIFY_API_SECRET=shpss_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SHOPIFY_API_SECRET=shpss_ko2f532n14mwjz5f6ajh6oyfe25fwbkz", why: "not hex" },
      { text: "SHOPIFY_API_KEY=b0ae7a7358162a84e1b4de47dde1bf0a", why: "the API key (client id) is public" },
      { text: "SHOPIFY_API_SECRET=shpss_{{ secret }}", why: "template" },
    ],
  },
};

/** Every Shopify rule, one per token kind. */
export const SHOPIFY_RULES: readonly SecretRule[] = [shopifyAccessToken, shopifyCustomAppToken, shopifyPrivateAppToken, shopifySharedSecret];
