import type { RuleHit, SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "../messaging/kit.js";

const REVOKE = "Delete the key at platform.openai.com (API keys, or the project's / organization's key list) and create a new one; review usage for the period it was exposed.";
const DOCS = "https://help.openai.com/en/articles/9047852-how-can-i-rotate-my-api-key";

/** The random part of an OpenAI key (after `sk-<type>-`), with the `T3BlbkFJ` marker taken out. */
const randomBody = (hit: RuleHit, prefixLength: number) => keepIf(looksRandom(hit.secret.slice(prefixLength).replace("T3BlbkFJ", ""), 3.5), hit);

/** OpenAI project keys (`sk-proj-`, now with the `T3BlbkFJ` marker in the middle). */
export const openaiProjectKey: SecretRule = {
  id: "openai-project-key",
  kind: "openai-project-key",
  title: "OpenAI project API key",
  severity: "high",
  confidence: "high",
  keywords: ["sk-proj-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-proj-[A-Za-z0-9_-]{40,250})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => randomBody(hit, 8),
  remediation: REVOKE,
  docs: DOCS,
  examples: {
    match: [
      { text: "OPENAI_API_KEY=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", secret: "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" },
      { text: 'client = OpenAI(api_key="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")', secret: "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" },
      { text: "curl https://api.openai.com/v1/models -H 'Authorization: Bearer sk-proj-RpQdZsuhZfkfrF4kVjweARktHBoRjK4XNSLTCyOJgR5jMcfZ'", secret: "sk-proj-RpQdZsuhZfkfrF4kVjweARktHBoRjK4XNSLTCyOJgR5jMcfZ" },
      { text: '{"openai": {"apiKey": "sk-proj-RpQdZsuhZfkfrF4kVjweARktHBoRjK4XNSLTCyOJgR5jMcfZ"}}', secret: "sk-proj-RpQdZsuhZfkfrF4kVjweARktHBoRjK4XNSLTCyOJgR5jMcfZ" },
      { text: "  api_key: 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", secret: "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" },
    ],
    noMatch: [
      { text: "OPENAI_API_KEY=sk-proj-...", why: "elided" },
      { text: "OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "OPENAI_API_KEY=sk-proj-4kFyWJRnjaYsPAYxnAh8", why: "too short" },
      { text: "OPENAI_API_KEY=sk-proj-your-api-key-here-and-some-more-words-to-fill", why: "placeholder words" },
      { text: "OPENAI_API_KEY=sk-proj-****************************************", why: "mask" },
    ],
  },
};

/** OpenAI service-account keys (`sk-svcacct-`): a project's bot identity. */
export const openaiServiceAccountKey: SecretRule = {
  id: "openai-service-account-key",
  kind: "openai-service-account-key",
  title: "OpenAI service account key",
  severity: "high",
  confidence: "high",
  keywords: ["sk-svcacct-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-svcacct-[A-Za-z0-9_-]{40,250})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => randomBody(hit, 11),
  remediation: REVOKE,
  docs: DOCS,
  examples: {
    match: [
      { text: "OPENAI_API_KEY=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", secret: "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" },
      { text: "openai.api_key = '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'", secret: "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" },
      { text: "Authorization: Bearer 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", secret: "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" },
      { text: '"OPENAI_API_KEY": "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"', secret: "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" },
      { text: "ENV OPENAI_API_KEY sk-svcacct-bLyiJEkchkQ0RGxXnQixSkE4pzVAEHBd1J5RlGKVPBI1255u", secret: "sk-svcacct-bLyiJEkchkQ0RGxXnQixSkE4pzVAEHBd1J5RlGKVPBI1255u" },
    ],
    noMatch: [
      { text: "OPENAI_API_KEY=sk-svcacct-...", why: "elided" },
      { text: "OPENAI_API_KEY=sk-svcacct-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "OPENAI_API_KEY=sk-svcacct-4kFyWJRnjaYsPAYxnAh8", why: "too short" },
      { text: "OPENAI_API_KEY=sk-svcacct-${KEY}", why: "reference" },
      { text: "OPENAI_API_KEY=sk-svcacc-bLyiJEkchkQ0RGxXnQixSkE4pzVAEHBd1J5RlGKVPBI1255u", why: "misspelt type" },
    ],
  },
};

/** OpenAI admin keys (`sk-admin-`): manage the organization's users, projects and keys. */
export const openaiAdminKey: SecretRule = {
  id: "openai-admin-key",
  kind: "openai-admin-key",
  title: "OpenAI admin API key",
  severity: "critical",
  confidence: "high",
  keywords: ["sk-admin-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-admin-[A-Za-z0-9_-]{40,250})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => randomBody(hit, 9),
  remediation: "Delete the admin key in the organization settings (Admin keys) and create a new one; review the audit log.",
  docs: "https://platform.openai.com/docs/api-reference/administration",
  examples: {
    match: [
      { text: "OPENAI_ADMIN_KEY=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", secret: "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" },
      { text: "curl https://api.openai.com/v1/organization/users -H 'Authorization: Bearer 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'", secret: "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" },
      { text: '{"adminKey": "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"}', secret: "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" },
      { text: "admin_key = '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'", secret: "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" },
      { text: "  key: sk-admin-bLyiJEkchkQ0RGxXnQixSkE4pzVAEHBd1J5RlGKVPBI1255u", secret: "sk-admin-bLyiJEkchkQ0RGxXnQixSkE4pzVAEHBd1J5RlGKVPBI1255u" },
    ],
    noMatch: [
      { text: "OPENAI_ADMIN_KEY=sk-admin-...", why: "elided" },
      { text: "OPENAI_ADMIN_KEY=sk-admin-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "OPENAI_ADMIN_KEY=sk-admin-4kFyWJRnjaYsPAYxnAh8", why: "too short" },
      { text: "OPENAI_ADMIN_KEY=<admin-key>", why: "placeholder" },
      { text: "task-admin-bLyiJEkchkQ0RGxXnQixSkE4pzVAEHBd1J5RlGKVPBI1255u", why: "not the sk- prefix" },
    ],
  },
};

/**
 * OpenAI user keys: legacy `sk-` + 20 + `T3BlbkFJ` + 20 (base64 of "OpenAI") and the newer
 * `sk-None-…` form, both carrying the marker.
 */
export const openaiApiKey: SecretRule = {
  id: "openai-api-key",
  kind: "openai-api-key",
  title: "OpenAI API key",
  severity: "high",
  confidence: "high",
  keywords: ["T3BlbkFJ"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-(?!proj-|svcacct-|admin-)[A-Za-z0-9_-]{20,120}T3BlbkFJ[A-Za-z0-9_-]{20,120})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => randomBody(hit, 3),
  remediation: REVOKE,
  docs: DOCS,
  examples: {
    match: [
      { text: "OPENAI_API_KEY=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", secret: "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" },
      { text: "openai.api_key = \"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\"", secret: "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" },
      { text: "const openai = new OpenAI({ apiKey: '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' });", secret: "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" },
      { text: "OPENAI_API_KEY=sk-None-sAL9HRL94ODK7_uofDDtcbr70LJW8-vu1k0T_-pCjWnboIuIDTuZh_gAMHRZ5dohwnyTp8yr-6T3BlbkFJ5uR5DAlctAWgOr0eI10mtgUugOZ_HSsKFDT2blMt132MO8NAP4wRAtbCUvRUqK-LnqZoFyrF9c", secret: "sk-None-sAL9HRL94ODK7_uofDDtcbr70LJW8-vu1k0T_-pCjWnboIuIDTuZh_gAMHRZ5dohwnyTp8yr-6T3BlbkFJ5uR5DAlctAWgOr0eI10mtgUugOZ_HSsKFDT2blMt132MO8NAP4wRAtbCUvRUqK-LnqZoFyrF9c" },
      { text: "Authorization: Bearer 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", secret: "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" },
    ],
    noMatch: [
      { text: "OPENAI_API_KEY=sk-Hj36sOMJcRWYYk6yI3OYT3BlbkFJHq9yolNJXR", why: "second half too short" },
      { text: "OPENAI_API_KEY=sk-XMCKJoyEiHI7mgY6BPp51UB184nclp52jfofyNJLUeH9NpLt", why: "no T3BlbkFJ marker: not an OpenAI key shape" },
      { text: "OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "OPENAI_API_KEY=pk-Hj36sOMJcRWYYk6yI3OYT3BlbkFJ719MEqGwmKtmHJReO6ON", why: "not the sk- prefix" },
      { text: "OPENAI_API_KEY=sk-proj-lAjG3UffKbT3BlbkFJD3G1GSOfPr", why: "project prefix, body too short for either rule" },
    ],
  },
};
