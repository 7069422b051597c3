import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom, prefixKeywords } from "./kit.js";

/** SendGrid API keys: `SG.` + 22-character key id + `.` + 43-character secret (base64url). */
export const sendgridApiKey: SecretRule = {
  id: "sendgrid-api-key",
  kind: "sendgrid-api-key",
  title: "SendGrid API key",
  severity: "high",
  confidence: "high",
  keywords: prefixKeywords("sg.", "abcdefghijklmnopqrstuvwxyz0123456789-_"),
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(26), 3.5), hit),
  remediation: "Delete the key in SendGrid (Settings → API Keys) and create a new one with the least scopes needed.",
  docs: "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
  examples: {
    match: [
      { text: "SENDGRID_API_KEY=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", secret: "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" },
      { text: "spring.mail.password=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", secret: "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" },
      { text: "sg = SendGridAPIClient('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')", secret: "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" },
      { text: "curl -H \"Authorization: Bearer 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\" https://api.sendgrid.com/v3/mail/send", secret: "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" },
      { text: '{"smtp":{"user":"apikey","pass":"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"}}', secret: "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" },
    ],
    noMatch: [
      { text: "SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SENDGRID_API_KEY=SG.f4lr45hyrIz7LHLMp6kx6b.qibOBwuAOWrXLU8i0HP9GlYQwJcl2fiVoHXjBh6FXa", why: "secret one character short" },
      { text: "SENDGRID_API_KEY=SG.DWQNjhgvdrdj4vUrDFamZ.i37f6Pr_Nk4m62PoyCIP2COmaFB1hXh_iKnSR2CejYl", why: "key id one character short" },
      { text: "msg.f4lr45hyrIz7LHLMp6kx6b.i37f6Pr_Nk4m62PoyCIP2COmaFB1hXh_iKnSR2CejYl", why: "not the SG prefix" },
      { text: "SENDGRID_API_KEY=SG.your-api-key", why: "placeholder" },
    ],
  },
};
