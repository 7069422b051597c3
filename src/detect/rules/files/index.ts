import type { SecretRule } from "../../types.js";
import { dotenvSecret } from "./dotenv.js";
import { netrcPassword } from "./netrc.js";
import { npmrcAuth } from "./npmrc.js";

/** Sensitive files recognised by name and structure (.npmrc, .netrc, .env, kubeconfig…). */
export const FILE_RULES: readonly SecretRule[] = [netrcPassword, npmrcAuth, dotenvSecret];
