import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom, prefixKeywords } from "../messaging/kit.js";

/** Replicate API tokens: `r8_` + 37 alphanumerics. */
export const replicateApiToken: SecretRule = {
  id: "replicate-api-token",
  kind: "replicate-api-token",
  title: "Replicate API token",
  severity: "high",
  confidence: "high",
  keywords: prefixKeywords("r8_"),
  pattern: /(?<![A-Za-z0-9_])(?<secret>r8_[A-Za-z0-9]{37})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(3), 3.5), hit),
  remediation: "Disable the token at replicate.com/account/api-tokens and create a new one.",
  docs: "https://replicate.com/docs/topics/security/api-tokens",
  examples: {
    match: [
      { text: "REPLICATE_API_TOKEN=r8_FfrUQeWAQ3kH3wH9sE2VHoxv9RuqzywSOpvm3", secret: "r8_FfrUQeWAQ3kH3wH9sE2VHoxv9RuqzywSOpvm3" },
      { text: "curl -H 'Authorization: Bearer r8_FfrUQeWAQ3kH3wH9sE2VHoxv9RuqzywSOpvm3' https://api.replicate.com/v1/predictions", secret: "r8_FfrUQeWAQ3kH3wH9sE2VHoxv9RuqzywSOpvm3" },
      { text: "client = replicate.Client(api_token='r8_BHXoFcUBcOsWcTRRrmf6hZUT5ZecBDUV7qTgC')", secret: "r8_BHXoFcUBcOsWcTRRrmf6hZUT5ZecBDUV7qTgC" },
      { text: '{"replicate": "r8_BHXoFcUBcOsWcTRRrmf6hZUT5ZecBDUV7qTgC"}', secret: "r8_BHXoFcUBcOsWcTRRrmf6hZUT5ZecBDUV7qTgC" },
      { text: "  token: r8_p8ajEGMK14GAZUQA9Hl3AgfxeDMblfvKiSys2", secret: "r8_p8ajEGMK14GAZUQA9Hl3AgfxeDMblfvKiSys2" },
    ],
    noMatch: [
      { text: "REPLICATE_API_TOKEN=r8_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "REPLICATE_API_TOKEN=r8_Es5UbXdrxekS9teDiAEh0ReplvooBh", why: "too short" },
      { text: "REPLICATE_API_TOKEN=r8_FfrUQeWAQ3kH3wH9sE2VHoxv9RuqzywSOpvm3X", why: "too long" },
      { text: "hr8_FfrUQeWAQ3kH3wH9sE2VHoxv9RuqzywSOpvm3", why: "inside a word" },
      { text: "REPLICATE_API_TOKEN=r8_******", why: "mask" },
    ],
  },
};

/** Groq API keys: `gsk_` + 52 alphanumerics. */
export const groqApiKey: SecretRule = {
  id: "groq-api-key",
  kind: "groq-api-key",
  title: "Groq API key",
  severity: "high",
  confidence: "high",
  keywords: ["gsk_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(4), 3.5), hit),
  remediation: "Delete the key at console.groq.com/keys and create a new one.",
  docs: "https://console.groq.com/docs/quickstart",
  examples: {
    match: [
      { text: "GROQ_API_KEY=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", secret: "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" },
      { text: "client = Groq(api_key='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')", secret: "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" },
      { text: "curl https://api.groq.com/openai/v1/models -H \"Authorization: Bearer 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\"", secret: "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" },
      { text: '"groqApiKey": "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"', secret: "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" },
      { text: "  api_key: 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", secret: "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" },
    ],
    noMatch: [
      { text: "GROQ_API_KEY=gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "GROQ_API_KEY=gsk_5KtuWOYOCGFVeSFIlZ6wBSQXkkVJ2kKQAXbPyVHp", why: "too short" },
      { text: "GROQ_API_KEY=gsk_hghxxc2SyBWEu49r9jIGHvyRcYq23G78XsVSjBgGWzp89RHTc8gvX", why: "too long" },
      { text: "GROQ_API_KEY=gsk_...", why: "elided" },
      { text: "msgsk_hghxxc2SyBWEu49r9jIGHvyRcYq23G78XsVSjBgGWzp89RHTc8gv", why: "inside a word" },
    ],
  },
};

/** Perplexity API keys: `pplx-` + 48 alphanumerics. */
export const perplexityApiKey: SecretRule = {
  id: "perplexity-api-key",
  kind: "perplexity-api-key",
  title: "Perplexity API key",
  severity: "high",
  confidence: "high",
  keywords: ["pplx-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(5), 3.5), hit),
  remediation: "Revoke the key in Perplexity's API settings and generate a new one.",
  docs: "https://docs.perplexity.ai/guides/getting-started",
  examples: {
    match: [
      { text: "PERPLEXITY_API_KEY=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", secret: "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" },
      { text: "client = OpenAI(api_key='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', base_url='https://api.perplexity.ai')", secret: "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" },
      { text: "Authorization: Bearer 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", secret: "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" },
      { text: '{"pplx": "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"}', secret: "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" },
      { text: "  key: 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", secret: "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" },
    ],
    noMatch: [
      { text: "PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "PERPLEXITY_API_KEY=pplx-5KtuWOYOCGFVeSFIlZ6wBSQXkkVJ2kKQAXbPyVHp", why: "too short" },
      { text: "PERPLEXITY_API_KEY=pplx-FuGVOV9wiuEMaAsxPwnbCYgIiukuymVUpFAhKAJtuyNSFYXkX", why: "too long" },
      { text: "PERPLEXITY_API_KEY=pplx-...", why: "elided" },
      { text: "PERPLEXITY_API_KEY=pplx-<your-key>", why: "placeholder" },
    ],
  },
};

/** xAI (Grok) API keys: `xai-` + 80 alphanumerics. */
export const xaiApiKey: SecretRule = {
  id: "xai-api-key",
  kind: "xai-api-key",
  title: "xAI API key",
  severity: "high",
  confidence: "high",
  keywords: ["xai-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>xai-[A-Za-z0-9]{80})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(4), 3.5), hit),
  remediation: "Delete the key in the xAI console (API Keys) and create a new one.",
  docs: "https://docs.x.ai/docs/overview",
  examples: {
    match: [
      { text: "XAI_API_KEY=xai-wW8EHKbAUNYQMIdzZ0pQaBg8w4XxET3WRBbdW6K8SgIkWyOT2Tlm03DfGbGfQBxJcOzUktPBfijTZdOH", secret: "xai-wW8EHKbAUNYQMIdzZ0pQaBg8w4XxET3WRBbdW6K8SgIkWyOT2Tlm03DfGbGfQBxJcOzUktPBfijTZdOH" },
      { text: "client = OpenAI(api_key='xai-wW8EHKbAUNYQMIdzZ0pQaBg8w4XxET3WRBbdW6K8SgIkWyOT2Tlm03DfGbGfQBxJcOzUktPBfijTZdOH', base_url='https://api.x.ai/v1')", secret: "xai-wW8EHKbAUNYQMIdzZ0pQaBg8w4XxET3WRBbdW6K8SgIkWyOT2Tlm03DfGbGfQBxJcOzUktPBfijTZdOH" },
      { text: "curl https://api.x.ai/v1/models -H 'Authorization: Bearer xai-LJdvGElJJInT9wzqItN2mIfxdMFscHATa6MFaKc2kDi3HefPBJ9jZ0WPd0lHuN13lG6XfweGn7VPsTRn'", secret: "xai-LJdvGElJJInT9wzqItN2mIfxdMFscHATa6MFaKc2kDi3HefPBJ9jZ0WPd0lHuN13lG6XfweGn7VPsTRn" },
      { text: '"grokKey": "xai-LJdvGElJJInT9wzqItN2mIfxdMFscHATa6MFaKc2kDi3HefPBJ9jZ0WPd0lHuN13lG6XfweGn7VPsTRn"', secret: "xai-LJdvGElJJInT9wzqItN2mIfxdMFscHATa6MFaKc2kDi3HefPBJ9jZ0WPd0lHuN13lG6XfweGn7VPsTRn" },
      { text: "  xai_key: xai-2EKdNZYxp6veQKcUt2eHO6xjM57hwFO1URTvjyIBknleb1SyHzd4Kzt4NB7VricghNBxeAhyqy4oe7mI", secret: "xai-2EKdNZYxp6veQKcUt2eHO6xjM57hwFO1URTvjyIBknleb1SyHzd4Kzt4NB7VricghNBxeAhyqy4oe7mI" },
    ],
    noMatch: [
      { text: "XAI_API_KEY=xai-EMF7k6j5w7auWet64wUmqp6bTAq5terOcxoC3ueHJVjnhA3wqGKtoTAiiDZu", why: "too short" },
      { text: "XAI_API_KEY=xai-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "XAI_API_KEY=xai-wW8EHKbAUNYQMIdzZ0pQaBg8w4XxET3WRBbdW6K8SgIkWyOT2Tlm03DfGbGfQBxJcOzUktPBfijTZdOHX", why: "too long" },
      { text: "import { xai } from '@ai-sdk/xai'; // xai-sdk", why: "package names" },
      { text: "maxai-wW8EHKbAUNYQMIdzZ0pQaBg8w4XxET3WRBbdW6K8SgIkWyOT2Tlm03DfGbGfQBxJcOzUktPBfijTZdOH", why: "inside a word" },
    ],
  },
};

/** OpenRouter API keys: `sk-or-v1-` + 64 hex. */
export const openrouterApiKey: SecretRule = {
  id: "openrouter-api-key",
  kind: "openrouter-api-key",
  title: "OpenRouter API key",
  severity: "high",
  confidence: "high",
  keywords: ["sk-or-v1-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-or-v1-[0-9a-f]{64})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(9)), hit),
  remediation: "Delete the key at openrouter.ai/settings/keys and create a new one; check its credit usage.",
  docs: "https://openrouter.ai/docs/api-reference/authentication",
  examples: {
    match: [
      { text: "OPENROUTER_API_KEY=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", secret: "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" },
      { text: "client = OpenAI(base_url='https://openrouter.ai/api/v1', api_key='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')", secret: "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" },
      { text: "Authorization: Bearer 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", secret: "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" },
      { text: '{"openrouter": "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"}', secret: "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" },
      { text: "  api_key: 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", secret: "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" },
    ],
    noMatch: [
      { text: "OPENROUTER_API_KEY=sk-or-v1-eaa368be98e26d5a078f29149a3de67c41688ec33cb4ec830329a0b340d464f", why: "63 hex characters" },
      { text: "OPENROUTER_API_KEY=sk-or-v1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "OPENROUTER_API_KEY=sk-or-v1-6C19824834E8019C373B387E5DCCD907F54B94EA1084D6D0C009545B79759590", why: "upper-case hex" },
      { text: "OPENROUTER_API_KEY=sk-or-v2-4d4eeb7f03def630d0081d9b530e4c67b15b2378943d40516d5bb6e70f6ee7dd", why: "unknown version" },
      { text: "OPENROUTER_API_KEY=sk-or-v1-...", why: "elided" },
    ],
  },
};
