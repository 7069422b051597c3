import type { SecretRule } from "../../types.js";
import { privateKey } from "./private-key.js";

/** Private keys in every form: PEM, OpenSSH, PuTTY, PGP, XML, PKCS#12, keystores. */
export const KEY_RULES: readonly SecretRule[] = [privateKey];
