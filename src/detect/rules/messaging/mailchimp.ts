import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "./kit.js";

/** Mailchimp Marketing API keys: 32 hex + `-us` + the data-centre number. */
export const mailchimpApiKey: SecretRule = {
  id: "mailchimp-api-key",
  kind: "mailchimp-api-key",
  title: "Mailchimp API key",
  severity: "high",
  confidence: "high",
  keywords: ["-us0", "-us1", "-us2", "-us3", "-us4", "-us5", "-us6", "-us7", "-us8", "-us9"],
  pattern: /(?<![A-Za-z0-9])(?<secret>[0-9a-f]{32}-us[0-9]{1,2})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(0, 32)), hit),
  remediation: "Disable the key in Mailchimp (Profile → Extras → API keys) and create a new one.",
  docs: "https://mailchimp.com/help/about-api-keys/",
  examples: {
    match: [
      { text: "MAILCHIMP_API_KEY=bf35fac9b3ae2c00f95697ab92198400-us14", secret: "bf35fac9b3ae2c00f95697ab92198400-us14" },
      { text: "mailchimp.setConfig({ apiKey: 'bf35fac9b3ae2c00f95697ab92198400-us14', server: 'us14' });", secret: "bf35fac9b3ae2c00f95697ab92198400-us14" },
      { text: "curl --user 'anystring:067539d1794a85aa6084975ababdd1a0-us6' https://us6.api.mailchimp.com/3.0/", secret: "067539d1794a85aa6084975ababdd1a0-us6" },
      { text: '{"api_key": "067539d1794a85aa6084975ababdd1a0-us6"}', secret: "067539d1794a85aa6084975ababdd1a0-us6" },
      { text: "  apikey: 296487d53ded0911ec9ed1c2d9f6efa8-us21", secret: "296487d53ded0911ec9ed1c2d9f6efa8-us21" },
    ],
    noMatch: [
      { text: "MAILCHIMP_API_KEY=da5f23b9f92e0fd3c3387553b65ff22-us14", why: "31 hex characters" },
      { text: "MAILCHIMP_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-us14", why: "mask" },
      { text: "MAILCHIMP_API_KEY=bf35fac9b3ae2c00f95697ab92198400-eu1", why: "not a Mailchimp data centre" },
      { text: "MAILCHIMP_API_KEY=bf35fac9b3ae2c00f95697ab92198400-us123", why: "data centre number too long" },
      { text: "MAILCHIMP_API_KEY=0123456789abcdef0123456789abcdef-us1", why: "documentation-style sequence" },
    ],
  },
};

/** Mandrill (Mailchimp Transactional) API keys, next to a Mandrill name. */
export const mandrillApiKey: SecretRule = {
  id: "mandrill-api-key",
  kind: "mandrill-api-key",
  title: "Mandrill (Mailchimp Transactional) API key",
  severity: "high",
  confidence: "medium",
  keywords: ["mandrill"],
  pattern: new RegExp(`${assignment("mandrill")}(?<secret>(?:md-)?[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.replace(/^md-/, ""), 3.3), hit),
  remediation: "Delete the key in Mailchimp Transactional (Settings → SMTP & API Info) and create a new one.",
  docs: "https://mailchimp.com/developer/transactional/docs/authentication-and-account-security/",
  examples: {
    match: [
      { text: "MANDRILL_API_KEY=md-k8yT7TsCzozrk40Ytnhi9y", secret: "md-k8yT7TsCzozrk40Ytnhi9y" },
      { text: "MANDRILL_KEY=WtTXQoXJW3AuKnDDlr46Fk", secret: "WtTXQoXJW3AuKnDDlr46Fk" },
      { text: "MANDRILL_PASSWORD=md-k8yT7TsCzozrk40Ytnhi9y", secret: "md-k8yT7TsCzozrk40Ytnhi9y" },
      { text: '"mandrillApiKey": "WtTXQoXJW3AuKnDDlr46Fk"', secret: "WtTXQoXJW3AuKnDDlr46Fk" },
      { text: "spring.mail.mandrill.password=md-uNhJSLd67RimUg7gMeIZqX", secret: "md-uNhJSLd67RimUg7gMeIZqX" },
    ],
    noMatch: [
      { text: "MANDRILL_API_KEY=YOUR_API_KEY", why: "placeholder" },
      { text: "MANDRILL_API_KEY=md-MarjMpSDpU_q3undCbiL", why: "too short" },
      { text: "MANDRILL_API_KEY=md-xxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "API_KEY=md-k8yT7TsCzozrk40Ytnhi9y", why: "nothing names Mandrill" },
      { text: "MANDRILL_TEMPLATE=order-confirmation", why: "not a key" },
    ],
  },
};
