/**
 * AI API keys without a distinctive prefix: found next to the provider's name (an environment
 * variable, a config key, or the provider's client on the same line).
 */
import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "../messaging/kit.js";

/** Cohere API keys (40 alphanumerics) next to `COHERE_API_KEY` / `CO_API_KEY`. */
export const cohereApiKey: SecretRule = {
  id: "cohere-api-key",
  kind: "cohere-api-key",
  title: "Cohere API key",
  severity: "high",
  confidence: "medium",
  keywords: ["cohere", "co_api_key"],
  pattern: new RegExp(`${assignment("cohere|co_api_key")}(?<secret>[A-Za-z0-9]{40})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret, 3.5), hit),
  remediation: "Delete the key in the Cohere dashboard (API keys) and create a new one.",
  docs: "https://docs.cohere.com/docs/rate-limits",
  examples: {
    match: [
      { text: "COHERE_API_KEY=e1Q9xLDcJzaIzOSSJuQQ9CMWEI1Qvlxb1YPPvOUY", secret: "e1Q9xLDcJzaIzOSSJuQQ9CMWEI1Qvlxb1YPPvOUY" },
      { text: "CO_API_KEY='e1Q9xLDcJzaIzOSSJuQQ9CMWEI1Qvlxb1YPPvOUY'", secret: "e1Q9xLDcJzaIzOSSJuQQ9CMWEI1Qvlxb1YPPvOUY" },
      { text: '"cohere_api_key": "Rl4lNXCjUHJkcXJXaIfBDkFNsDLzutcapzaCBfeK"', secret: "Rl4lNXCjUHJkcXJXaIfBDkFNsDLzutcapzaCBfeK" },
      { text: "ENV COHERE_API_KEY Rl4lNXCjUHJkcXJXaIfBDkFNsDLzutcapzaCBfeK", secret: "Rl4lNXCjUHJkcXJXaIfBDkFNsDLzutcapzaCBfeK" },
      { text: "config.cohere.apiKey = 'IlfrWP8RrR6LRC0imTFkNtMIeFYysqQvVvepwD35'", secret: "IlfrWP8RrR6LRC0imTFkNtMIeFYysqQvVvepwD35" },
    ],
    noMatch: [
      { text: "COHERE_API_KEY=<your-api-key>", why: "placeholder" },
      { text: "COHERE_API_KEY=Abj8yFrn3hidKmygCCCSlty1GQuqyUJOPBM7MP1", why: "39 characters" },
      { text: "API_KEY=e1Q9xLDcJzaIzOSSJuQQ9CMWEI1Qvlxb1YPPvOUY", why: "nothing names Cohere" },
      { text: "coherence_score: e1Q9xLDcJzaIzOSSJuQQ9CMWEI1Qvlxb1YPPvOUYX", why: "41 characters after an unrelated name" },
      { text: "COHERE_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** Mistral AI API keys (32 alphanumerics) next to a Mistral name. */
export const mistralApiKey: SecretRule = {
  id: "mistral-api-key",
  kind: "mistral-api-key",
  title: "Mistral AI API key",
  severity: "high",
  confidence: "medium",
  keywords: ["mistral"],
  pattern: new RegExp(`${assignment("mistral")}(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret, 3.5), hit),
  remediation: "Delete the key in the Mistral console (API Keys) and create a new one.",
  docs: "https://docs.mistral.ai/getting-started/quickstart/",
  examples: {
    match: [
      { text: "MISTRAL_API_KEY=FmupUqycAflmVdZQ1DupduMBjUr5VHdS", secret: "FmupUqycAflmVdZQ1DupduMBjUr5VHdS" },
      { text: "export MISTRAL_API_KEY='FmupUqycAflmVdZQ1DupduMBjUr5VHdS'", secret: "FmupUqycAflmVdZQ1DupduMBjUr5VHdS" },
      { text: '"mistralApiKey": "dy224Fh3LAwiDueRJH99IgXpEDW9EwyV"', secret: "dy224Fh3LAwiDueRJH99IgXpEDW9EwyV" },
      { text: "ENV MISTRAL_API_KEY dy224Fh3LAwiDueRJH99IgXpEDW9EwyV", secret: "dy224Fh3LAwiDueRJH99IgXpEDW9EwyV" },
      { text: "  mistral_key: uWQOliko8pcEIpNu2QKDfumjzvs4Cxrp", secret: "uWQOliko8pcEIpNu2QKDfumjzvs4Cxrp" },
    ],
    noMatch: [
      { text: "MISTRAL_API_KEY=your_api_key", why: "placeholder" },
      { text: "MISTRAL_API_KEY=1eYwXA1hDbW9eS4OBIK9XBDQUtGA74G", why: "31 characters" },
      { text: "API_KEY=FmupUqycAflmVdZQ1DupduMBjUr5VHdS", why: "nothing names Mistral" },
      { text: "MISTRAL_MODEL=mistral-large-latest", why: "a model name" },
      { text: "MISTRAL_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** DeepSeek API keys (`sk-` + 32 hex) on a line that names DeepSeek (OpenAI-compatible clients included). */
export const deepseekApiKey: SecretRule = {
  id: "deepseek-api-key",
  kind: "deepseek-api-key",
  title: "DeepSeek API key",
  severity: "high",
  confidence: "medium",
  keywords: ["deepseek"],
  reach: 256,
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-[0-9a-f]{32})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(3)), hit),
  remediation: "Delete the key at platform.deepseek.com (API keys) and create a new one.",
  docs: "https://api-docs.deepseek.com/",
  examples: {
    match: [
      { text: "DEEPSEEK_API_KEY=sk-9bcff5bb6433161e079b7e48498a9b5a", secret: "sk-9bcff5bb6433161e079b7e48498a9b5a" },
      { text: "client = OpenAI(api_key='sk-9bcff5bb6433161e079b7e48498a9b5a', base_url='https://api.deepseek.com')", secret: "sk-9bcff5bb6433161e079b7e48498a9b5a" },
      { text: "curl https://api.deepseek.com/chat/completions -H 'Authorization: Bearer sk-68959dbbfa0ea2a772a8fd54c2780f94'", secret: "sk-68959dbbfa0ea2a772a8fd54c2780f94" },
      { text: '"deepseek": {"apiKey": "sk-68959dbbfa0ea2a772a8fd54c2780f94"}', secret: "sk-68959dbbfa0ea2a772a8fd54c2780f94" },
      { text: "deepseek:\n  api_key: sk-821a4db59a8eb87060264b8c9c48a1c0", secret: "sk-821a4db59a8eb87060264b8c9c48a1c0" },
    ],
    noMatch: [
      { text: "DEEPSEEK_API_KEY=sk-0e847d1b3c03d035cc9f81cfff5528e", why: "31 hex characters" },
      { text: "OPENAI_API_KEY=sk-9bcff5bb6433161e079b7e48498a9b5a", why: "nothing names DeepSeek" },
      { text: "DEEPSEEK_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "DEEPSEEK_API_KEY=sk-l70uHPhaawTDQ3IeuFtL0ro3J75wuUVe", why: "not hex" },
      { text: "DEEPSEEK_API_KEY=<DeepSeek API Key>", why: "placeholder" },
    ],
  },
};

/** Together AI API keys (64 hex, or the newer `tgp_v1_` form) next to a Together name. */
export const togetherApiKey: SecretRule = {
  id: "together-api-key",
  kind: "together-api-key",
  title: "Together AI API key",
  severity: "high",
  confidence: "medium",
  keywords: ["together"],
  pattern: new RegExp(`${assignment("together[a-z0-9_.-]{0,20}?(?:api[_-]?key|token|key)")}(?<secret>[0-9a-f]{64}|tgp_v1_[A-Za-z0-9_-]{40,60})(?![A-Za-z0-9_-])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.replace(/^tgp_v1_/, ""), 3.3), hit),
  remediation: "Revoke the key in Together AI settings (API Keys) and create a new one.",
  docs: "https://docs.together.ai/reference/authentication-1",
  examples: {
    match: [
      { text: "TOGETHER_API_KEY=86f97f072979a0d14d33852688c73d6c4f529bc50161bb2ee486044c3cb5c913", secret: "86f97f072979a0d14d33852688c73d6c4f529bc50161bb2ee486044c3cb5c913" },
      { text: "together_api_key: '86f97f072979a0d14d33852688c73d6c4f529bc50161bb2ee486044c3cb5c913'", secret: "86f97f072979a0d14d33852688c73d6c4f529bc50161bb2ee486044c3cb5c913" },
      { text: "TOGETHER_API_KEY=tgp_v1_bjQ0SInrEBOxCS9QdciLiogAZqnyluahjJ7Xcysg1Dt", secret: "tgp_v1_bjQ0SInrEBOxCS9QdciLiogAZqnyluahjJ7Xcysg1Dt" },
      { text: '"togetherApiKey": "tgp_v1_bjQ0SInrEBOxCS9QdciLiogAZqnyluahjJ7Xcysg1Dt"', secret: "tgp_v1_bjQ0SInrEBOxCS9QdciLiogAZqnyluahjJ7Xcysg1Dt" },
      { text: "ENV TOGETHER_API_KEY a59a61172a0eda7dbc007663eb68fbf8d76a9a3653669aa04337771a76254b89", secret: "a59a61172a0eda7dbc007663eb68fbf8d76a9a3653669aa04337771a76254b89" },
    ],
    noMatch: [
      { text: "TOGETHER_API_KEY=4b1ff059aece14f87cd10fa1f703b65a174a57171978ca472e8cd87b275824d", why: "63 hex characters" },
      { text: "API_KEY=86f97f072979a0d14d33852688c73d6c4f529bc50161bb2ee486044c3cb5c913", why: "nothing names Together" },
      { text: "TOGETHER_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "TOGETHER_API_KEY=$TOGETHER_API_KEY", why: "reference" },
      { text: "TOGETHER_MODEL=meta-llama/Llama-3-70b-chat-hf", why: "a model name" },
    ],
  },
};

/** Fireworks AI API keys next to a Fireworks name. */
export const fireworksApiKey: SecretRule = {
  id: "fireworks-api-key",
  kind: "fireworks-api-key",
  title: "Fireworks AI API key",
  severity: "high",
  confidence: "medium",
  keywords: ["fireworks"],
  pattern: new RegExp(`${assignment("fireworks")}(?<secret>fw_[A-Za-z0-9]{20,40}|[A-Za-z0-9]{48})(?![A-Za-z0-9_])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.replace(/^fw_/, ""), 3.5), hit),
  remediation: "Delete the key in the Fireworks dashboard (Settings → API Keys) and create a new one.",
  docs: "https://docs.fireworks.ai/getting-started/quickstart",
  examples: {
    match: [
      { text: "FIREWORKS_API_KEY=fw_iOt35h3XLoWqobjwSYbL1uky", secret: "fw_iOt35h3XLoWqobjwSYbL1uky" },
      { text: "export FIREWORKS_API_KEY='fw_iOt35h3XLoWqobjwSYbL1uky'", secret: "fw_iOt35h3XLoWqobjwSYbL1uky" },
      { text: "FIREWORKS_API_KEY=JdvCLm5xnUM9Wn9LvHIhsUyX7GJBzkyjzGeErU0dC8APnlro", secret: "JdvCLm5xnUM9Wn9LvHIhsUyX7GJBzkyjzGeErU0dC8APnlro" },
      { text: '"fireworks_api_key": "JdvCLm5xnUM9Wn9LvHIhsUyX7GJBzkyjzGeErU0dC8APnlro"', secret: "JdvCLm5xnUM9Wn9LvHIhsUyX7GJBzkyjzGeErU0dC8APnlro" },
      { text: "fireworks.client.api_key = 'fw_vwO7wtTHVz1OezyNwMrvqBo7'", secret: "fw_vwO7wtTHVz1OezyNwMrvqBo7" },
    ],
    noMatch: [
      { text: 'os.environ["FIREWORKS_API_KEY"] = "<KEY>"', why: "placeholder" },
      { text: "FIREWORKS_API_KEY=your_fireworks_api_key_here", why: "documentation placeholder" },
      { text: "API_KEY=fw_iOt35h3XLoWqobjwSYbL1uky", why: "nothing names Fireworks" },
      { text: "FIREWORKS_API_KEY=fw_xO6cAFpEZQ", why: "too short" },
      { text: "FIREWORKS_MODEL=accounts/fireworks/models/deepseek-v3p1", why: "a model name" },
    ],
  },
};

/** Weights & Biases API keys (40 hex) next to `WANDB_API_KEY` or another W&B name. */
export const wandbApiKey: SecretRule = {
  id: "wandb-api-key",
  kind: "wandb-api-key",
  title: "Weights & Biases API key",
  severity: "high",
  confidence: "medium",
  keywords: ["wandb"],
  pattern: new RegExp(`${assignment("wandb")}(?<secret>[0-9a-f]{40})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Revoke the key at wandb.ai/authorize (User settings → API keys) and create a new one.",
  docs: "https://docs.wandb.ai/support/find_api_key/",
  examples: {
    match: [
      { text: "WANDB_API_KEY=16a61fcf223b442e1adb6d87b250371a5fa65532", secret: "16a61fcf223b442e1adb6d87b250371a5fa65532" },
      { text: "export WANDB_API_KEY='16a61fcf223b442e1adb6d87b250371a5fa65532'", secret: "16a61fcf223b442e1adb6d87b250371a5fa65532" },
      { text: '"wandb_key": "98184c8b32a219b02c3100f9f834154bce176bdc"', secret: "98184c8b32a219b02c3100f9f834154bce176bdc" },
      { text: "ENV WANDB_API_KEY 98184c8b32a219b02c3100f9f834154bce176bdc", secret: "98184c8b32a219b02c3100f9f834154bce176bdc" },
      { text: "os.environ['WANDB_API_KEY'] = '6a1425c318485258c273fc15f6c2d424e0fa9ef6'", secret: "6a1425c318485258c273fc15f6c2d424e0fa9ef6" },
    ],
    noMatch: [
      { text: "WANDB_API_KEY=647b7aa3822793cc22eeee91403e506caf29724", why: "39 hex characters" },
      { text: "API_KEY=16a61fcf223b442e1adb6d87b250371a5fa65532", why: "nothing names W&B" },
      { text: "WANDB_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "WANDB_RUN_ID=ih49ptkv", why: "a run id" },
      { text: "WANDB_API_KEY=$WANDB_API_KEY", why: "reference" },
    ],
  },
};

/** ElevenLabs API keys (`sk_` + 48 hex, older 32 hex) next to an ElevenLabs name or the `xi-api-key` header. */
export const elevenlabsApiKey: SecretRule = {
  id: "elevenlabs-api-key",
  kind: "elevenlabs-api-key",
  title: "ElevenLabs API key",
  severity: "high",
  confidence: "medium",
  keywords: ["eleven", "xi-api-key", "xi_api_key"],
  pattern: new RegExp(`${assignment("eleven|xi[_-]api[_-]key")}(?<secret>sk_[0-9a-f]{48}|[0-9a-f]{32})(?![A-Za-z0-9_])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.replace(/^sk_/, "")), hit),
  remediation: "Delete the key in ElevenLabs (Developers → API Keys) and create a new one.",
  docs: "https://elevenlabs.io/docs/api-reference/authentication",
  examples: {
    match: [
      { text: "ELEVENLABS_API_KEY=sk_eb8ed9ed8a5ea9894a330c43f192337bdaa0da99fb3d7843", secret: "sk_eb8ed9ed8a5ea9894a330c43f192337bdaa0da99fb3d7843" },
      { text: "curl -H 'xi-api-key: sk_eb8ed9ed8a5ea9894a330c43f192337bdaa0da99fb3d7843' https://api.elevenlabs.io/v1/voices", secret: "sk_eb8ed9ed8a5ea9894a330c43f192337bdaa0da99fb3d7843" },
      { text: "XI_API_KEY=68959dbbfa0ea2a772a8fd54c2780f94", secret: "68959dbbfa0ea2a772a8fd54c2780f94" },
      { text: '"elevenLabsApiKey": "sk_d1b77aa9c8b1ae02a1575fd65f5bacb265f19d72525b46c7"', secret: "sk_d1b77aa9c8b1ae02a1575fd65f5bacb265f19d72525b46c7" },
      { text: "ENV ELEVEN_API_KEY 68959dbbfa0ea2a772a8fd54c2780f94", secret: "68959dbbfa0ea2a772a8fd54c2780f94" },
    ],
    noMatch: [
      { text: "ELEVENLABS_API_KEY=sk_8014594282ddbbbfc70b891cc1fcae3af7da0d10", why: "too short" },
      { text: "API_KEY=sk_eb8ed9ed8a5ea9894a330c43f192337bdaa0da99fb3d7843", why: "nothing names ElevenLabs" },
      { text: "ELEVENLABS_VOICE_ID=PMVuHB83xCGIzn5QlP3I", why: "a voice id" },
      { text: "ELEVENLABS_API_KEY=sk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "ELEVENLABS_API_KEY=<your-api-key>", why: "placeholder" },
    ],
  },
};
