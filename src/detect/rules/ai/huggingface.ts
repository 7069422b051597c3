import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom, prefixKeywords } from "../messaging/kit.js";

const REMEDIATION = "Invalidate the token at huggingface.co/settings/tokens (Manage → Invalidate and refresh) and update its users.";
const DOCS = "https://huggingface.co/docs/hub/security-tokens";

/** Hugging Face user access tokens: `hf_` + 34 letters. */
export const huggingfaceToken: SecretRule = {
  id: "huggingface-access-token",
  kind: "huggingface-access-token",
  title: "Hugging Face user access token",
  severity: "high",
  confidence: "high",
  keywords: prefixKeywords("hf_", "abcdefghijklmnopqrstuvwxyz"),
  pattern: /(?<![A-Za-z0-9_])(?<secret>hf_[A-Za-z]{34})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(3), 3.5), hit),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "HF_TOKEN=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", secret: "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" },
      { text: "huggingface-cli login --token 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", secret: "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" },
      { text: "login(token='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')", secret: "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" },
      { text: "git clone https://user: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@huggingface.co/acme/model", secret: "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" },
      { text: '{"HUGGING_FACE_HUB_TOKEN": "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"}', secret: "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" },
    ],
    noMatch: [
      { text: "HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "HF_TOKEN=hf_ZIjYIGoUTTVyfHNvUScNqKhuQbUWGq", why: "too short" },
      { text: "from transformers import hf_hub_download", why: "an identifier" },
      { text: "HF_TOKEN=hf_9xMYef1KChD19EQ78gpcs9VvGm83T7ziZT9", why: "digits: not a Hugging Face token" },
      { text: "HF_TOKEN=hf_YourTokenGoesHereAndThenSomeMoreWords", why: "placeholder words" },
    ],
  },
};

/** Hugging Face organization API tokens (legacy): `api_org_` + 34 letters. */
export const huggingfaceOrgToken: SecretRule = {
  id: "huggingface-org-token",
  kind: "huggingface-org-token",
  title: "Hugging Face organization API token",
  severity: "high",
  confidence: "high",
  keywords: ["api_org_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>api_org_[A-Za-z]{34})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(8), 3.5), hit),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "HF_ORG_TOKEN=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", secret: "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" },
      { text: "HfApi(token='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')", secret: "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" },
      { text: '"hub_token": "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"', secret: "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" },
      { text: "curl -H 'Authorization: Bearer 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' https://huggingface.co/api/whoami-v2", secret: "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" },
      { text: "  token: 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", secret: "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" },
    ],
    noMatch: [
      { text: "api_org_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "api_org_ZDLZMRYsdFpQUFttExcb", why: "too short" },
      { text: "def api_org_settings(request):", why: "an identifier" },
      { text: "api_org_9xMYef1KChD19EQ78gpcs9VvGm83T7ziZT9", why: "digits" },
      { text: "my_api_org_gGdveMNeQdVYuLoIKbZUDjoTvUUuRGRpFR", why: "inside a longer name" },
    ],
  },
};
