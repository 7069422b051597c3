import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "../messaging/kit.js";

const REMEDIATION = "Regenerate the API keys in the Flutterwave dashboard (Settings → API Keys) and update the integration.";
const DOCS = "https://developer.flutterwave.com/docs/authentication";

/** Flutterwave live secret keys: `FLWSECK-` + 32 hex + `-X`. */
export const flutterwaveSecretKey: SecretRule = {
  id: "flutterwave-secret-key",
  kind: "flutterwave-secret-key",
  title: "Flutterwave live secret key",
  severity: "critical",
  confidence: "high",
  keywords: ["FLWSECK-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>FLWSECK-[0-9a-f]{32}-X)(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(8, 40)), hit),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "FLW_SECRET_KEY=FLWSECK-289161e806255c25a433392c726b1ffe-X", secret: "FLWSECK-289161e806255c25a433392c726b1ffe-X" },
      { text: "curl https://api.flutterwave.com/v3/payments -H 'Authorization: Bearer FLWSECK-289161e806255c25a433392c726b1ffe-X'", secret: "FLWSECK-289161e806255c25a433392c726b1ffe-X" },
      { text: "const flw = new Flutterwave(PUBLIC_KEY, 'FLWSECK-58ead50e9fbc6982eaa7f47acf86a428-X');", secret: "FLWSECK-58ead50e9fbc6982eaa7f47acf86a428-X" },
      { text: '{"secretKey": "FLWSECK-58ead50e9fbc6982eaa7f47acf86a428-X"}', secret: "FLWSECK-58ead50e9fbc6982eaa7f47acf86a428-X" },
      { text: "  secret_key: FLWSECK-d54bc97797a8784c1598308a99eb803b-X", secret: "FLWSECK-d54bc97797a8784c1598308a99eb803b-X" },
    ],
    noMatch: [
      { text: "FLW_PUBLIC_KEY=FLWPUBK-289161e806255c25a433392c726b1ffe-X", why: "public key" },
      { text: "FLW_SECRET_KEY=FLWSECK-a41cfb2a1d31b325fcdeaddebffc3b0-X", why: "31 hex characters" },
      { text: "FLW_SECRET_KEY=FLWSECK-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X", why: "mask" },
      { text: "FLW_SECRET_KEY=FLWSECK-289161e806255c25a433392c726b1ffe", why: "no -X suffix" },
      { text: "FLW_SECRET_KEY=FLWSECK_TEST-289161e806255c25a433392c726b1ffe-X", why: "test key: its own kind" },
    ],
  },
};

/** Flutterwave test secret keys: `FLWSECK_TEST-` + 32 hex + `-X`. */
export const flutterwaveTestSecretKey: SecretRule = {
  id: "flutterwave-test-secret-key",
  kind: "flutterwave-test-secret-key",
  title: "Flutterwave test secret key",
  severity: "medium",
  confidence: "high",
  keywords: ["FLWSECK_TEST-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>FLWSECK_TEST-[0-9a-f]{32}-X)(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(13, 45)), hit),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "FLW_SECRET_KEY=FLWSECK_TEST-289161e806255c25a433392c726b1ffe-X", secret: "FLWSECK_TEST-289161e806255c25a433392c726b1ffe-X" },
      { text: "Authorization: Bearer FLWSECK_TEST-289161e806255c25a433392c726b1ffe-X", secret: "FLWSECK_TEST-289161e806255c25a433392c726b1ffe-X" },
      { text: "flw = Rave('FLWPUBK_TEST-x-X', 'FLWSECK_TEST-58ead50e9fbc6982eaa7f47acf86a428-X', usingEnv=False)", secret: "FLWSECK_TEST-58ead50e9fbc6982eaa7f47acf86a428-X" },
      { text: '"FLW_SECRET_KEY": "FLWSECK_TEST-58ead50e9fbc6982eaa7f47acf86a428-X"', secret: "FLWSECK_TEST-58ead50e9fbc6982eaa7f47acf86a428-X" },
      { text: "  flutterwave_secret: FLWSECK_TEST-d54bc97797a8784c1598308a99eb803b-X", secret: "FLWSECK_TEST-d54bc97797a8784c1598308a99eb803b-X" },
    ],
    noMatch: [
      { text: "FLW_PUBLIC_KEY=FLWPUBK_TEST-289161e806255c25a433392c726b1ffe-X", why: "public key" },
      { text: "FLW_SECRET_KEY=FLWSECK_TEST-a41cfb2a1d31b325fcdeaddebffc3b0-X", why: "31 hex characters" },
      { text: "FLW_SECRET_KEY=FLWSECK_TEST-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X", why: "mask" },
      { text: "FLW_ENCRYPTION_KEY=FLWSECK_TEST2c6b895d1b0e", why: "encryption key shape, not a secret key" },
      { text: "FLW_SECRET_KEY=FLWSECK_TEST-<your-key>-X", why: "placeholder" },
    ],
  },
};
