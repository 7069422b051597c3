import type { SecretRule } from "../../types.js";
import { genericCredential, genericPassword, genericXmlCredential } from "./assignment.js";
import { connectionStringPassword } from "./connection-string.js";
import { jsonWebToken } from "./jwt.js";
import { urlCredentials } from "./url-credentials.js";

/** Formats that are not one provider's: connection strings, URLs with credentials, JWTs, assignments. */
export const GENERIC_RULES: readonly SecretRule[] = [connectionStringPassword, urlCredentials, jsonWebToken, genericPassword, genericCredential, genericXmlCredential];
