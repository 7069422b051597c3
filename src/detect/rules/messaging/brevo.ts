import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "./kit.js";

const DOCS = "https://help.brevo.com/hc/en-us/articles/209467485-Create-and-manage-your-API-keys";

/** Brevo (ex-Sendinblue) API v3 keys: `xkeysib-` + 64 hex + `-` + 16 alphanumerics. */
export const brevoApiKey: SecretRule = {
  id: "brevo-api-key",
  kind: "brevo-api-key",
  title: "Brevo (Sendinblue) API key",
  severity: "high",
  confidence: "high",
  keywords: ["xkeysib-"],
  pattern: /(?<![A-Za-z0-9])(?<secret>xkeysib-[0-9a-f]{64}-[A-Za-z0-9]{16})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(8, 72)), hit),
  remediation: "Delete the key in Brevo (SMTP & API → API keys) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "BREVO_API_KEY=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", secret: "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" },
      { text: "curl -H 'api-key: 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' https://api.brevo.com/v3/account", secret: "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" },
      { text: "defaultClient.authentications['api-key'].apiKey = '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';", secret: "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" },
      { text: '{"sendinblue": "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"}', secret: "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" },
      { text: "  api_key: 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", secret: "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" },
    ],
    noMatch: [
      { text: "BREVO_API_KEY=xkeysib-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx", why: "mask" },
      { text: "BREVO_API_KEY=xkeysib-203ab2fdcd992bee11c5bbc37b344764fe108b18200861f9f3c4cf1fc9ba3b6-LHEZNoXJkcjY07KY", why: "63 hex characters" },
      { text: "BREVO_API_KEY=xkeysib-63d2fa2131fc0cb27f51c691e9e88ce012d9c99fa82b15dffa8f5fcf7aa0f49b-GXhd1fSXXPzYEy4", why: "suffix one character short" },
      { text: "BREVO_API_KEY=xkeysib-63d2fa2131fc0cb27f51c691e9e88ce012d9c99fa82b15dffa8f5fcf7aa0f49b", why: "no suffix" },
      { text: "BREVO_API_KEY=xkeysib-YOUR_API_KEY", why: "placeholder" },
    ],
  },
};

/** Brevo SMTP keys: `xsmtpsib-` + 64 hex + `-` + 16 alphanumerics (the SMTP relay password). */
export const brevoSmtpKey: SecretRule = {
  id: "brevo-smtp-key",
  kind: "brevo-smtp-key",
  title: "Brevo (Sendinblue) SMTP key",
  severity: "high",
  confidence: "high",
  keywords: ["xsmtpsib-"],
  pattern: /(?<![A-Za-z0-9])(?<secret>xsmtpsib-[0-9a-f]{64}-[A-Za-z0-9]{16})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(9, 73)), hit),
  remediation: "Delete the SMTP key in Brevo (SMTP & API → SMTP) and generate a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "SMTP_PASSWORD=xsmtpsib-63d2fa2131fc0cb27f51c691e9e88ce012d9c99fa82b15dffa8f5fcf7aa0f49b-LHEZNoXJkcjY07KY", secret: "xsmtpsib-63d2fa2131fc0cb27f51c691e9e88ce012d9c99fa82b15dffa8f5fcf7aa0f49b-LHEZNoXJkcjY07KY" },
      { text: "spring.mail.password=xsmtpsib-63d2fa2131fc0cb27f51c691e9e88ce012d9c99fa82b15dffa8f5fcf7aa0f49b-LHEZNoXJkcjY07KY", secret: "xsmtpsib-63d2fa2131fc0cb27f51c691e9e88ce012d9c99fa82b15dffa8f5fcf7aa0f49b-LHEZNoXJkcjY07KY" },
      { text: "smtp:\n  pass: 'xsmtpsib-b1bfcde8d7ad6cc51eacfbacb38c15d8077a10c7a366c69cef141f35e2314731-ehwJh9JHyTklj7c4'", secret: "xsmtpsib-b1bfcde8d7ad6cc51eacfbacb38c15d8077a10c7a366c69cef141f35e2314731-ehwJh9JHyTklj7c4" },
      { text: '"EMAIL_HOST_PASSWORD": "xsmtpsib-b1bfcde8d7ad6cc51eacfbacb38c15d8077a10c7a366c69cef141f35e2314731-ehwJh9JHyTklj7c4"', secret: "xsmtpsib-b1bfcde8d7ad6cc51eacfbacb38c15d8077a10c7a366c69cef141f35e2314731-ehwJh9JHyTklj7c4" },
      { text: "swaks --auth-password xsmtpsib-b4cdcc94c9aa1d7fb9a85c7ffd0b5295c1fad113f282bf5c855b39001e1d8708-JLSpPx9dI9IbzxPm --server smtp-relay.brevo.com", secret: "xsmtpsib-b4cdcc94c9aa1d7fb9a85c7ffd0b5295c1fad113f282bf5c855b39001e1d8708-JLSpPx9dI9IbzxPm" },
    ],
    noMatch: [
      { text: "SMTP_PASSWORD=xsmtpsib-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SMTP_PASSWORD=xsmtpsib-203ab2fdcd992bee11c5bbc37b344764fe108b18200861f9f3c4cf1fc9ba3b6-LHEZNoXJkcjY07KY", why: "63 hex characters" },
      { text: "SMTP_PASSWORD=xsmtpsib-63d2fa2131fc0cb27f51c691e9e88ce012d9c99fa82b15dffa8f5fcf7aa0f49b-lW2c6XXNXeqlGFuLK", why: "suffix one character long" },
      { text: "SMTP_PASSWORD=xsmtpsib-7FC523A9C1545971CF0A57E278D67F6A9AF950050D6FC4BA04AFB41A388D2634-LHEZNoXJkcjY07KY", why: "upper-case hex" },
      { text: "SMTP_PASSWORD=xsmtpsib-<your-smtp-key>", why: "placeholder" },
    ],
  },
};
