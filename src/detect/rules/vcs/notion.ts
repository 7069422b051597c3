import type { SecretRule } from "../../types.js";
import { hasMixedAlphanumerics, isRandomLooking } from "./helpers.js";

/**
 * Notion integration tokens: `ntn_`, 11 digits and 35 alphanumerics since September 2024;
 * `secret_` and 43 alphanumerics before (a generic prefix, so reported with medium confidence).
 */
export const notionToken: SecretRule = {
  id: "notion-integration-token",
  kind: "notion-integration-token",
  title: "Notion integration token",
  severity: "high",
  confidence: "high",
  keywords: ["ntn_", "secret_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => {
    const legacy = hit.secret.startsWith("secret_");
    const body = hit.secret.slice(legacy ? 7 : 15);
    if (!hasMixedAlphanumerics(body) || !isRandomLooking(body, 3.5)) return undefined;
    return legacy ? { ...hit, confidence: "medium" } : hit;
  },
  remediation: "Refresh the integration's secret (notion.so/profile/integrations → the integration → Refresh) and update what uses it.",
  docs: "https://developers.notion.com/docs/authorization",
  examples: {
    match: [
      { text: "NOTION_TOKEN=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", secret: "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" },
      { text: "const notion = new Client({ auth: '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' })", secret: "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" },
      { text: 'curl -H "Authorization: Bearer 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" https://api.notion.com/v1/users', secret: "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" },
      { text: "NOTION_API_KEY=secret_yzUkjVs3ohb7FXphEPbmEzwnjGLtKsH6V1tXpVMJ8m5", secret: "secret_yzUkjVs3ohb7FXphEPbmEzwnjGLtKsH6V1tXpVMJ8m5" },
      { text: '{"notion_token": "secret_T5NQf7OSrAypwchULhKlbiKKpQHolxqWII6oIFH9XTv"}', secret: "secret_T5NQf7OSrAypwchULhKlbiKKpQHolxqWII6oIFH9XTv" },
    ],
    noMatch: [
      { text: "NOTION_TOKEN=ntn_2129206297XDY7F4dycNOASEuBxwbOmpUt6Rb1CtM4AMH", why: "10 digits" },
      { text: "NOTION_TOKEN=ntn_21292062971XDY7F4dycNOASEuBxwbOmpUt6Rb1CtM4AM", why: "34 characters after the digits" },
      { text: "NOTION_API_KEY=secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "aws_secret_access_key_id_for_the_backup_job_role_in_prod=1", why: "an identifier starting with secret_" },
      { text: "secret_KeyForTheBackupJobRoleInTheProductionAccount", why: "a long camel-case name without digits" },
      { text: "NOTION_TOKEN=ntn_<token>", why: "template" },
    ],
  },
};
