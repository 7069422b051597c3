import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "./kit.js";

/** Mailjet secret (private) API keys: 32 hex next to `MJ_APIKEY_PRIVATE` or a Mailjet secret name. */
export const mailjetSecretKey: SecretRule = {
  id: "mailjet-secret-key",
  kind: "mailjet-secret-key",
  title: "Mailjet secret API key",
  severity: "high",
  confidence: "medium",
  keywords: ["mj_apikey_private", "mailjet"],
  pattern: new RegExp(`${assignment("mj_apikey_private|mailjet[a-z0-9_.-]{0,30}?(?:secret|private)")}(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Regenerate the secret key in Mailjet (Account settings → API Key Management) and update the senders.",
  docs: "https://documentation.mailjet.com/hc/en-us/articles/360042412734-Generating-and-Managing-API-keys",
  examples: {
    match: [
      { text: "MJ_APIKEY_PRIVATE=421f38f74801d7cf5358fbbe6efe2111", secret: "421f38f74801d7cf5358fbbe6efe2111" },
      { text: "export MJ_APIKEY_PRIVATE='421f38f74801d7cf5358fbbe6efe2111'", secret: "421f38f74801d7cf5358fbbe6efe2111" },
      { text: "MAILJET_SECRET_KEY=dc2fcb234527cf9eb4e0956c0f7db427", secret: "dc2fcb234527cf9eb4e0956c0f7db427" },
      { text: '"mailjetApiSecret": "dc2fcb234527cf9eb4e0956c0f7db427"', secret: "dc2fcb234527cf9eb4e0956c0f7db427" },
      { text: "  mailjet_private_key: 868fc7cae987c2532fd7f9aeee752598", secret: "868fc7cae987c2532fd7f9aeee752598" },
    ],
    noMatch: [
      { text: "MJ_APIKEY_PUBLIC=421f38f74801d7cf5358fbbe6efe2111", why: "the public half of the pair" },
      { text: "MJ_APIKEY_PRIVATE=$MJ_APIKEY_PRIVATE", why: "reference" },
      { text: "MJ_APIKEY_PRIVATE=4b205177df9a961362ffd88997709eb", why: "31 hex characters" },
      { text: "SECRET_KEY=421f38f74801d7cf5358fbbe6efe2111", why: "nothing names Mailjet" },
      { text: "MJ_APIKEY_PRIVATE=your_private_key", why: "placeholder" },
    ],
  },
};
