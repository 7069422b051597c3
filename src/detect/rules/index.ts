import type { SecretRule } from "../types.js";
import { AI_RULES } from "./ai/index.js";
import { CLOUD_RULES } from "./cloud/index.js";
import { FILE_RULES } from "./files/index.js";
import { GENERIC_RULES } from "./generic/index.js";
import { INFRA_RULES } from "./infra/index.js";
import { KEY_RULES } from "./keys/index.js";
import { MESSAGING_RULES } from "./messaging/index.js";
import { OBSERVABILITY_RULES } from "./observability/index.js";
import { PAYMENT_RULES } from "./payments/index.js";
import { REGISTRY_RULES } from "./registries/index.js";
import { VCS_RULES } from "./vcs/index.js";

/** Every built-in secret rule, in one explicit list per category (no registration by import). */
export const BUILTIN_RULES: readonly SecretRule[] = [
  ...CLOUD_RULES,
  ...VCS_RULES,
  ...REGISTRY_RULES,
  ...MESSAGING_RULES,
  ...PAYMENT_RULES,
  ...AI_RULES,
  ...OBSERVABILITY_RULES,
  ...INFRA_RULES,
  ...KEY_RULES,
  ...FILE_RULES,
  ...GENERIC_RULES,
];
