import type { RuleHit, SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "../messaging/kit.js";

const DOCS = "https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key";
const check = (hit: RuleHit) => keepIf(looksRandom(hit.secret.slice(8, 40)), hit);

/** LangSmith personal access tokens: `lsv2_pt_` + 32 hex + `_` + 10 hex. */
export const langsmithPersonalToken: SecretRule = {
  id: "langsmith-personal-access-token",
  kind: "langsmith-personal-access-token",
  title: "LangSmith personal access token",
  severity: "high",
  confidence: "high",
  keywords: ["lsv2_pt_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>lsv2_pt_[0-9a-f]{32}_[0-9a-f]{10})(?![A-Za-z0-9_])/,
  priority: 10,
  check,
  remediation: "Delete the token in LangSmith (Settings → API Keys) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "LANGSMITH_API_KEY=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", secret: "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" },
      { text: "LANGCHAIN_API_KEY='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'", secret: "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" },
      { text: 'os.environ["LANGCHAIN_API_KEY"] = "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"', secret: "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" },
      { text: "client = Client(api_key='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')", secret: "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" },
      { text: "  langsmith_key: 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", secret: "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" },
    ],
    noMatch: [
      { text: "LANGSMITH_API_KEY=lsv2_pt_813175099ed1495d0351dc03bf8fd718", why: "no suffix" },
      { text: "LANGSMITH_API_KEY=lsv2_pt_85b05aa8ead0fa68bd64e745409bcc9_f8445439cc", why: "31 hex characters" },
      { text: "LANGSMITH_API_KEY=lsv2_pt_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxx", why: "mask" },
      { text: "LANGSMITH_API_KEY=lsv2_pt_...", why: "elided" },
      { text: "LANGSMITH_API_KEY=lsv2_xx_813175099ed1495d0351dc03bf8fd718_f8445439cc", why: "unknown token type" },
    ],
  },
};

/** LangSmith service keys: `lsv2_sk_` + 32 hex + `_` + 10 hex (organization-level, not tied to a user). */
export const langsmithServiceKey: SecretRule = {
  id: "langsmith-service-key",
  kind: "langsmith-service-key",
  title: "LangSmith service key",
  severity: "high",
  confidence: "high",
  keywords: ["lsv2_sk_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>lsv2_sk_[0-9a-f]{32}_[0-9a-f]{10})(?![A-Za-z0-9_])/,
  priority: 10,
  check,
  remediation: "Delete the service key in LangSmith (Settings → API Keys) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "LANGSMITH_API_KEY=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", secret: "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" },
      { text: "export LANGCHAIN_API_KEY=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", secret: "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" },
      { text: '"LANGSMITH_API_KEY": "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"', secret: "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" },
      { text: "ENV LANGSMITH_API_KEY 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", secret: "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" },
      { text: "  key: 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", secret: "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" },
    ],
    noMatch: [
      { text: "LANGSMITH_API_KEY=lsv2_sk_813175099ed1495d0351dc03bf8fd718", why: "no suffix" },
      { text: "LANGSMITH_API_KEY=lsv2_sk_813175099ed1495d0351dc03bf8fd718_3ed737d3e", why: "suffix one character short" },
      { text: "LANGSMITH_API_KEY=lsv2_sk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxx", why: "mask" },
      { text: "LANGSMITH_API_KEY=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", why: "upper-case hex" },
      { text: "LANGSMITH_API_KEY=<lsv2_sk_...>", why: "placeholder" },
    ],
  },
};
