import type { SecretRule } from "../../types.js";
import { connectionStringPassword } from "./connection-string.js";
import { urlCredentials } from "./url-credentials.js";

/** Formats that are not one provider's: connection strings, URLs with credentials, JWTs, assignments. */
export const GENERIC_RULES: readonly SecretRule[] = [connectionStringPassword, urlCredentials];
