import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "../messaging/kit.js";

const REMEDIATION = "Generate new secret keys in the Paystack dashboard (Settings → API Keys & Webhooks → Generate new secret key).";
const DOCS = "https://paystack.com/docs/api/authentication/";

/** Paystack live secret keys: `sk_live_` + 40 lower-case hex (Stripe's prefix, Paystack's body). */
export const paystackSecretKey: SecretRule = {
  id: "paystack-secret-key",
  kind: "paystack-secret-key",
  title: "Paystack live secret key",
  severity: "critical",
  confidence: "high",
  keywords: ["sk_live_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sk_live_[0-9a-f]{40})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(8)), hit),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "PAYSTACK_SECRET_KEY=sk_live_9abbac3fe4379c1b5400015f1b6da3bd65297d5a", secret: "sk_live_9abbac3fe4379c1b5400015f1b6da3bd65297d5a" },
      { text: "curl https://api.paystack.co/transaction -H 'Authorization: Bearer sk_live_9abbac3fe4379c1b5400015f1b6da3bd65297d5a'", secret: "sk_live_9abbac3fe4379c1b5400015f1b6da3bd65297d5a" },
      { text: '"paystack": {"secretKey": "sk_live_0ec37d224e548c32e3dd5878ad427aeacdbfdfcb"}', secret: "sk_live_0ec37d224e548c32e3dd5878ad427aeacdbfdfcb" },
      { text: "const paystack = require('paystack')('sk_live_0ec37d224e548c32e3dd5878ad427aeacdbfdfcb');", secret: "sk_live_0ec37d224e548c32e3dd5878ad427aeacdbfdfcb" },
      { text: "  secret_key: sk_live_a11299e3eeed0fbaefe4e0bf6649d289ddfcfa33", secret: "sk_live_a11299e3eeed0fbaefe4e0bf6649d289ddfcfa33" },
    ],
    noMatch: [
      { text: "PAYSTACK_PUBLIC_KEY=pk_live_9abbac3fe4379c1b5400015f1b6da3bd65297d5a", why: "public key" },
      { text: "PAYSTACK_SECRET_KEY=sk_live_3bd65369c2dc3e176fd1f7ee8d400c02b201c28", why: "39 hex characters" },
      { text: "PAYSTACK_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "PAYSTACK_SECRET_KEY=sk_live_DF8C00A3FC5106FA2CBDCB17BAFD0FD2B0EA4158", why: "upper-case hex is not Paystack's" },
      { text: "PAYSTACK_SECRET_KEY=sk_live_9abbac3fe4379c1b5400015f1b6da3bd65297d5a0", why: "41 hex characters" },
    ],
  },
};

/** Paystack test secret keys: `sk_test_` + 40 lower-case hex. */
export const paystackTestSecretKey: SecretRule = {
  id: "paystack-test-secret-key",
  kind: "paystack-test-secret-key",
  title: "Paystack test secret key",
  severity: "medium",
  confidence: "high",
  keywords: ["sk_test_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sk_test_[0-9a-f]{40})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(8)), hit),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "PAYSTACK_SECRET_KEY=sk_test_9abbac3fe4379c1b5400015f1b6da3bd65297d5a", secret: "sk_test_9abbac3fe4379c1b5400015f1b6da3bd65297d5a" },
      { text: "Authorization: Bearer sk_test_9abbac3fe4379c1b5400015f1b6da3bd65297d5a", secret: "sk_test_9abbac3fe4379c1b5400015f1b6da3bd65297d5a" },
      { text: '{"paystack_key": "sk_test_0ec37d224e548c32e3dd5878ad427aeacdbfdfcb"}', secret: "sk_test_0ec37d224e548c32e3dd5878ad427aeacdbfdfcb" },
      { text: "paystack = Paystack(secret_key='sk_test_0ec37d224e548c32e3dd5878ad427aeacdbfdfcb')", secret: "sk_test_0ec37d224e548c32e3dd5878ad427aeacdbfdfcb" },
      { text: "  secret: sk_test_a11299e3eeed0fbaefe4e0bf6649d289ddfcfa33", secret: "sk_test_a11299e3eeed0fbaefe4e0bf6649d289ddfcfa33" },
    ],
    noMatch: [
      { text: "PAYSTACK_PUBLIC_KEY=pk_test_9abbac3fe4379c1b5400015f1b6da3bd65297d5a", why: "public key" },
      { text: "PAYSTACK_SECRET_KEY=sk_test_3bd65369c2dc3e176fd1f7ee8d400c02b201c28", why: "39 hex characters" },
      { text: "PAYSTACK_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "PAYSTACK_SECRET_KEY=sk_test_DF8C00A3FC5106FA2CBDCB17BAFD0FD2B0EA4158", why: "upper-case hex is not Paystack's" },
      { text: "PAYSTACK_SECRET_KEY=sk_test_9abbac3fe4379c1b5400015f1b6da3bd65297d5a0", why: "41 hex characters" },
    ],
  },
};
