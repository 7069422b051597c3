import type { SecretRule } from "../../types.js";
import { anthropicAdminKey, anthropicApiKey } from "./anthropic.js";
import { huggingfaceOrgToken, huggingfaceToken } from "./huggingface.js";
import { groqApiKey, openrouterApiKey, perplexityApiKey, replicateApiToken, xaiApiKey } from "./inference.js";
import { langsmithPersonalToken, langsmithServiceKey } from "./langsmith.js";
import { cohereApiKey, deepseekApiKey, elevenlabsApiKey, fireworksApiKey, mistralApiKey, togetherApiKey, wandbApiKey } from "./named-keys.js";
import { openaiAdminKey, openaiApiKey, openaiProjectKey, openaiServiceAccountKey } from "./openai.js";
import { pineconeApiKey } from "./pinecone.js";

/** AI APIs: OpenAI, Anthropic, Hugging Face, Replicate, Groq, Cohere, Mistral… */
export const AI_RULES: readonly SecretRule[] = [
  openaiProjectKey,
  openaiServiceAccountKey,
  openaiAdminKey,
  openaiApiKey,
  anthropicApiKey,
  anthropicAdminKey,
  huggingfaceToken,
  huggingfaceOrgToken,
  replicateApiToken,
  groqApiKey,
  perplexityApiKey,
  xaiApiKey,
  openrouterApiKey,
  langsmithPersonalToken,
  langsmithServiceKey,
  pineconeApiKey,
  cohereApiKey,
  mistralApiKey,
  deepseekApiKey,
  togetherApiKey,
  fireworksApiKey,
  wandbApiKey,
  elevenlabsApiKey,
];
