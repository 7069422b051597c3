import { isPlaceholder } from "../../placeholders.js";
import type { SecretRule } from "../../types.js";

/** Stripe secret and restricted keys (live and test mode). Publishable `pk_` keys are public by design. */
export const stripeKey: SecretRule = {
  id: "stripe-key",
  kind: "stripe-secret-key",
  title: "Stripe secret key",
  severity: "critical",
  confidence: "high",
  keywords: ["sk_live_", "rk_live_", "sk_test_", "rk_test_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>[sr]k_(?:live|test)_[A-Za-z0-9]{24,247})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => {
    if (isPlaceholder(hit.secret.slice(8))) return undefined;
    // Test-mode keys reach only test data: still a credential, but not a production one.
    return hit.secret.includes("_test_") ? { ...hit, kind: "stripe-test-key", severity: "medium" } : hit;
  },
  remediation: "Roll the key in the Stripe dashboard (Developers → API keys → Roll key) and review the request log.",
  docs: "https://docs.stripe.com/keys#rolling-keys",
  examples: {
    match: [
      { text: "ENV STRIPE_API_KEY=sk_live_REAscXV4vpetpGJDHOzkXlfC", secret: "sk_live_REAscXV4vpetpGJDHOzkXlfC" },
      { text: 'stripe.api_key = "rk_live_51HqLyjWDarjtT1zdp7dcXB5nK8rW0n2J"', secret: "rk_live_51HqLyjWDarjtT1zdp7dcXB5nK8rW0n2J" },
      { text: "key=sk_test_4eC39HqLyjWDarjtT1zdp7dc", secret: "sk_test_4eC39HqLyjWDarjtT1zdp7dc" },
      { text: "sk_live_51HqLyjWDarjtT1zdp7dcXB5nK8rW0n2JabcdEFGH1234567890", secret: "sk_live_51HqLyjWDarjtT1zdp7dcXB5nK8rW0n2JabcdEFGH1234567890" },
      { text: "'sk_live_REAscXV4vpetpGJDHOzkXlfC'", secret: "sk_live_REAscXV4vpetpGJDHOzkXlfC" },
    ],
    noMatch: [
      { text: "pk_live_REAscXV4vpetpGJDHOzkXlfC", why: "publishable key" },
      { text: "sk_live_REAscXV4vpetp", why: "too short" },
      { text: "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", why: "placeholder" },
      { text: "task_live_REAscXV4vpetpGJDHOzkXlfC", why: "part of a word" },
      { text: "sk_prod_REAscXV4vpetpGJDHOzkXlfC", why: "no such mode" },
    ],
  },
};
