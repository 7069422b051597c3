import type { SecretRule } from "../../types.js";
import { jwkPrivateKey } from "./jwk.js";
import { pgpPrivateKey } from "./pgp.js";
import { PEM_KEY_RULES } from "./private-key.js";
import { puttyPrivateKey } from "./putty.js";
import { sshcomPrivateKey } from "./sshcom.js";
import { xmlRsaPrivateKey } from "./xml-rsa.js";

/** Private keys in every form: PEM, OpenSSH, PuTTY, PGP, XML, JWK (PKCS#12 and keystores: src/detect/structure). */
export const KEY_RULES: readonly SecretRule[] = [...PEM_KEY_RULES, puttyPrivateKey, sshcomPrivateKey, pgpPrivateKey, xmlRsaPrivateKey, jwkPrivateKey];
