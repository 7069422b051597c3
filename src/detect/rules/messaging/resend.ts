import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "./kit.js";

/**
 * Resend API keys: `re_` + 8 + `_` + 24 alphanumerics. `re_` is too short and too common to
 * prefilter on, so the rule runs after the word "resend" (a client, a variable, the API host).
 */
export const resendApiKey: SecretRule = {
  id: "resend-api-key",
  kind: "resend-api-key",
  title: "Resend API key",
  severity: "high",
  confidence: "high",
  keywords: ["resend"],
  reach: 512,
  pattern: /(?<![A-Za-z0-9_])(?<secret>re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(3).replace("_", ""), 3.5), hit),
  remediation: "Delete the key in Resend (API Keys) and create a new one; keys do not expire on their own.",
  docs: "https://resend.com/docs/knowledge-base/how-to-handle-api-keys",
  examples: {
    match: [
      { text: "RESEND_API_KEY=re_u17M5ijE_Sb2JqHMa92U2byIniLacyI5W", secret: "re_u17M5ijE_Sb2JqHMa92U2byIniLacyI5W" },
      { text: "const resend = new Resend('re_u17M5ijE_Sb2JqHMa92U2byIniLacyI5W');", secret: "re_u17M5ijE_Sb2JqHMa92U2byIniLacyI5W" },
      { text: "curl -X POST 'https://api.resend.com/emails' \\\n  -H 'Authorization: Bearer re_cxD6H7mW_Z77nsBaCheePeT0KfaUO7kDB'", secret: "re_cxD6H7mW_Z77nsBaCheePeT0KfaUO7kDB" },
      { text: 'resend.api_key = "re_cxD6H7mW_Z77nsBaCheePeT0KfaUO7kDB"', secret: "re_cxD6H7mW_Z77nsBaCheePeT0KfaUO7kDB" },
      { text: "# resend\nkey: re_NODxP90Z_4P4duz36vwpBmPGue0iIivHe", secret: "re_NODxP90Z_4P4duz36vwpBmPGue0iIivHe" },
    ],
    noMatch: [
      { text: "const resend = new Resend('re_123456789');", why: "Resend's documentation example" },
      { text: "RESEND_API_KEY = 're_xxxxxxxxx';", why: "documentation mask" },
      { text: "RESEND_API_KEY=re_u17M5ijE_zk87BMmXaj7WsX58U0Ie", why: "too short" },
      { text: "re_u17M5ijE_Sb2JqHMa92U2byIniLacyI5W", why: "nothing names Resend" },
      { text: "RESEND_API_KEY=re_xxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};
