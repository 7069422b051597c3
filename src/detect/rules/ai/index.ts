import type { SecretRule } from "../../types.js";

/** AI APIs: OpenAI, Anthropic, Hugging Face, Cohere… */
export const AI_RULES: readonly SecretRule[] = [];
