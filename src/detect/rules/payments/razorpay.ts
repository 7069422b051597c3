import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "../messaging/kit.js";

/** Razorpay key secrets (24 alphanumerics), next to a Razorpay secret name. The `rzp_live_` key id is public. */
export const razorpayKeySecret: SecretRule = {
  id: "razorpay-key-secret",
  kind: "razorpay-key-secret",
  title: "Razorpay key secret",
  severity: "critical",
  confidence: "medium",
  keywords: ["razorpay", "rzp_"],
  pattern: new RegExp(`${assignment("(?:razorpay|rzp)[a-z0-9_.-]{0,30}?secret")}(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(/[0-9]/.test(hit.secret) && looksRandom(hit.secret, 3.3), hit),
  remediation: "Regenerate the API key in the Razorpay dashboard (Account & Settings → API Keys → Regenerate) and update the server.",
  docs: "https://razorpay.com/docs/payments/dashboard/account-settings/api-keys/",
  examples: {
    match: [
      { text: "RAZORPAY_KEY_SECRET=rUjGWZcQBTExZnIKIz1RbQJw", secret: "rUjGWZcQBTExZnIKIz1RbQJw" },
      { text: "razorpay_secret: 'rUjGWZcQBTExZnIKIz1RbQJw'", secret: "rUjGWZcQBTExZnIKIz1RbQJw" },
      { text: '{"RAZORPAY_SECRET": "bJ8o0dOhg8jQzrLOOsmvzrL6"}', secret: "bJ8o0dOhg8jQzrLOOsmvzrL6" },
      { text: "ENV RAZORPAY_KEY_SECRET bJ8o0dOhg8jQzrLOOsmvzrL6", secret: "bJ8o0dOhg8jQzrLOOsmvzrL6" },
      { text: "RZP_KEY_SECRET=XBXAC3LO0ivP6KH2y3KZtik7", secret: "XBXAC3LO0ivP6KH2y3KZtik7" },
    ],
    noMatch: [
      { text: "RAZORPAY_KEY_ID=rzp_live_Y6UvCeCeGZgvpV", why: "the key id is public" },
      { text: "RAZORPAY_KEY_SECRET=Oo4V4UYl38aLzTltrCma", why: "too short" },
      { text: "KEY_SECRET=rUjGWZcQBTExZnIKIz1RbQJw", why: "nothing names Razorpay" },
      { text: "RAZORPAY_KEY_SECRET=YOUR_KEY_SECRET_GOES_HERE", why: "placeholder" },
      { text: "RAZORPAY_WEBHOOK_SECRET=${WEBHOOK_SECRET}", why: "reference" },
    ],
  },
};
