import { shannonEntropy } from "../../entropy.js";
import { isPlaceholder } from "../../placeholders.js";
import type { RuleHit, SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "../messaging/kit.js";

const ROLL = "Roll the key in the Stripe dashboard (Developers → API keys → Roll key) and review the request log.";
const DOCS = "https://docs.stripe.com/keys#rolling-keys";

/** Stripe's own documentation test key, printed in countless tutorials. */
const DOC_KEYS = new Set(["sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2"]);

/**
 * A Stripe key body: not a placeholder, random enough, and not hex. Stripe bodies are mixed-case
 * base62; Paystack reuses the `sk_live_` / `sk_test_` prefixes with 40 lower-case hex
 * (./paystack.ts reports those), and a hex body of another length is nobody's key.
 */
function stripeKey(hit: RuleHit): RuleHit | undefined {
  const body = hit.secret.slice(8);
  if (/^(?:[0-9a-f]+|[0-9A-F]+)$/.test(body) || DOC_KEYS.has(hit.secret)) return undefined;
  return keepIf(!isPlaceholder(body) && shannonEntropy(body) >= 3.5, hit);
}

/** Stripe live secret keys (`sk_live_`): full access to the account's live data and money movement. */
export const stripeSecretKey: SecretRule = {
  id: "stripe-secret-key",
  kind: "stripe-secret-key",
  title: "Stripe live secret key",
  severity: "critical",
  confidence: "high",
  keywords: ["sk_live_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sk_live_[A-Za-z0-9]{24,247})(?![A-Za-z0-9])/,
  priority: 10,
  check: stripeKey,
  remediation: ROLL,
  docs: DOCS,
  examples: {
    match: [
      { text: "ENV STRIPE_API_KEY=sk_live_REAscXV4vpetpGJDHOzkXlfC", secret: "sk_live_REAscXV4vpetpGJDHOzkXlfC" },
      { text: "sk_live_51HqLyjWDarjtT1zdp7dcXB5nK8rW0n2JabcdEFGH1234567890", secret: "sk_live_51HqLyjWDarjtT1zdp7dcXB5nK8rW0n2JabcdEFGH1234567890" },
      { text: "'sk_live_REAscXV4vpetpGJDHOzkXlfC'", secret: "sk_live_REAscXV4vpetpGJDHOzkXlfC" },
      { text: 'Stripe.api_key = "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"', secret: "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" },
      { text: "curl https://api.stripe.com/v1/charges -u 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:", secret: "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" },
    ],
    noMatch: [
      { text: "pk_live_REAscXV4vpetpGJDHOzkXlfC", why: "publishable key: public by design" },
      { text: "sk_live_REAscXV4vpetp", why: "too short" },
      { text: "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", why: "placeholder" },
      { text: "task_live_REAscXV4vpetpGJDHOzkXlfC", why: "part of a word" },
      { text: "sk_prod_REAscXV4vpetpGJDHOzkXlfC", why: "no such mode" },
    ],
  },
};

/** Stripe live restricted keys (`rk_live_`): live access limited to the scopes chosen at creation. */
export const stripeRestrictedKey: SecretRule = {
  id: "stripe-restricted-key",
  kind: "stripe-restricted-key",
  title: "Stripe live restricted key",
  severity: "high",
  confidence: "high",
  keywords: ["rk_live_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>rk_live_[A-Za-z0-9]{24,247})(?![A-Za-z0-9])/,
  priority: 10,
  check: stripeKey,
  remediation: ROLL,
  docs: DOCS,
  examples: {
    match: [
      { text: 'stripe.api_key = "rk_live_51HqLyjWDarjtT1zdp7dcXB5nK8rW0n2J"', secret: "rk_live_51HqLyjWDarjtT1zdp7dcXB5nK8rW0n2J" },
      { text: "STRIPE_RESTRICTED_KEY=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", secret: "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" },
      { text: '{"stripe": {"key": "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"}}', secret: "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" },
      { text: "  reporting_key: rk_live_Wc03MAbV931K1dcIXaUnm7og", secret: "rk_live_Wc03MAbV931K1dcIXaUnm7og" },
      { text: "new Stripe('rk_live_Wc03MAbV931K1dcIXaUnm7og', { apiVersion: '2024-06-20' })", secret: "rk_live_Wc03MAbV931K1dcIXaUnm7og" },
    ],
    noMatch: [
      { text: "rk_live_xxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "rk_live_Nvq57xIr9Izh", why: "too short" },
      { text: "rk_prod_Wc03MAbV931K1dcIXaUnm7og", why: "no such mode" },
      { text: "park_live_Wc03MAbV931K1dcIXaUnm7og", why: "part of a word" },
      { text: "STRIPE_RESTRICTED_KEY=rk_live_...", why: "elided" },
    ],
  },
};

/** Stripe test-mode secret and restricted keys: reach only test data, still a credential. */
export const stripeTestKey: SecretRule = {
  id: "stripe-test-key",
  kind: "stripe-test-key",
  title: "Stripe test-mode secret key",
  severity: "medium",
  confidence: "high",
  keywords: ["sk_test_", "rk_test_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>[sr]k_test_[A-Za-z0-9]{24,247})(?![A-Za-z0-9])/,
  priority: 10,
  check: stripeKey,
  remediation: ROLL,
  docs: DOCS,
  examples: {
    match: [
      { text: "key=sk_test_51PDm6nXRMvRd1L9MGPBFldO34RIhH8kdUtVU7PG7kFBxm1UHxlkqTrZAUTLAtkvhoDQPF6wq1w09TL7Q2Mi4Gp7n7uS1rIBHWB", secret: "sk_test_51PDm6nXRMvRd1L9MGPBFldO34RIhH8kdUtVU7PG7kFBxm1UHxlkqTrZAUTLAtkvhoDQPF6wq1w09TL7Q2Mi4Gp7n7uS1rIBHWB" },
      { text: "STRIPE_SECRET_KEY=sk_test_Wc03MAbV931K1dcIXaUnm7og", secret: "sk_test_Wc03MAbV931K1dcIXaUnm7og" },
      { text: "stripe listen --api-key rk_test_51uWUmjmfZWbU8avMOQYw6axEathSdQn1phdSqJcL4ajihJPIF934btGWQlPO2AtvVCO3j97uvClgBVbFR4tuJNPbzK0fr3jp3Z", secret: "rk_test_51uWUmjmfZWbU8avMOQYw6axEathSdQn1phdSqJcL4ajihJPIF934btGWQlPO2AtvVCO3j97uvClgBVbFR4tuJNPbzK0fr3jp3Z" },
      { text: '"stripeSecretKey": "sk_test_Wc03MAbV931K1dcIXaUnm7og"', secret: "sk_test_Wc03MAbV931K1dcIXaUnm7og" },
      { text: "Stripe.apiKey = 'rk_test_51uWUmjmfZWbU8avMOQYw6axEathSdQn1phdSqJcL4ajihJPIF934btGWQlPO2AtvVCO3j97uvClgBVbFR4tuJNPbzK0fr3jp3Z';", secret: "rk_test_51uWUmjmfZWbU8avMOQYw6axEathSdQn1phdSqJcL4ajihJPIF934btGWQlPO2AtvVCO3j97uvClgBVbFR4tuJNPbzK0fr3jp3Z" },
    ],
    noMatch: [
      { text: "STRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc", why: "Stripe's documentation test key" },
      { text: "pk_test_Wc03MAbV931K1dcIXaUnm7og", why: "publishable key" },
      { text: "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "sk_test_ACiy5IYhe3", why: "too short" },
      { text: "desk_test_Wc03MAbV931K1dcIXaUnm7og", why: "part of a word" },
    ],
  },
};

/** Webhook endpoint signing secrets (`whsec_`, also used by Svix-based providers): forge events to the endpoint. */
export const stripeWebhookSecret: SecretRule = {
  id: "stripe-webhook-secret",
  kind: "stripe-webhook-secret",
  title: "Stripe webhook signing secret",
  severity: "high",
  confidence: "high",
  keywords: ["whsec_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>whsec_[A-Za-z0-9+/]{32,86}={0,2})(?![A-Za-z0-9+/=])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(6).replace(/=+$/, ""), 3.5), hit),
  remediation: "Roll the endpoint's signing secret (Developers → Webhooks → the endpoint → Roll secret) and update the receiver.",
  docs: "https://docs.stripe.com/webhooks#roll-endpoint-secrets",
  examples: {
    match: [
      { text: "STRIPE_WEBHOOK_SECRET=whsec_pe3b1Px9Ldfetl9r10UG1MjOM0ACoNWj", secret: "whsec_pe3b1Px9Ldfetl9r10UG1MjOM0ACoNWj" },
      { text: "endpoint_secret = 'whsec_e8b4e4f6bd7d93da32b363bf4d17dbd1a57bdcd2af60ccaa83d9ccf1a9b4ed23'", secret: "whsec_e8b4e4f6bd7d93da32b363bf4d17dbd1a57bdcd2af60ccaa83d9ccf1a9b4ed23" },
      { text: '"webhookSecret": "whsec_pe3b1Px9Ldfetl9r10UG1MjOM0ACoNWj"', secret: "whsec_pe3b1Px9Ldfetl9r10UG1MjOM0ACoNWj" },
      { text: "CLERK_WEBHOOK_SECRET=whsec_pMofnW2HWTvZwoWmce8i5LXUmO0RvorRfwhryY4z02A=", secret: "whsec_pMofnW2HWTvZwoWmce8i5LXUmO0RvorRfwhryY4z02A=" },
      { text: "  signing_secret: whsec_e8b4e4f6bd7d93da32b363bf4d17dbd1a57bdcd2af60ccaa83d9ccf1a9b4ed23", secret: "whsec_e8b4e4f6bd7d93da32b363bf4d17dbd1a57bdcd2af60ccaa83d9ccf1a9b4ed23" },
    ],
    noMatch: [
      { text: "STRIPE_WEBHOOK_SECRET=whsec_...", why: "elided" },
      { text: "STRIPE_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "STRIPE_WEBHOOK_SECRET=whsec_dxj6cA3TCeMpfA1b4dLJ", why: "too short" },
      { text: "STRIPE_WEBHOOK_SECRET=whsec_1234567890abcdef1234567890abcdef", why: "documentation sequence" },
      { text: "STRIPE_WEBHOOK_SECRET=whsec_YOUR_WEBHOOK_SIGNING_SECRET", why: "placeholder" },
    ],
  },
};

/** Every Stripe rule, one per credential kind. */
export const STRIPE_RULES: readonly SecretRule[] = [stripeSecretKey, stripeRestrictedKey, stripeTestKey, stripeWebhookSecret];
