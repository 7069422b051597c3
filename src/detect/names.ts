/**
 * Secret-shaped variable names: ARG/ENV/config keys whose value is a secret whatever it looks
 * like (`MY_SECRET=foo` is a leak). Names that point at a secret instead of holding one
 * (`…_FILE`, `…_URL`, `…_PATH`) or that are public by nature (`PUBLIC_KEY`, `GPG_KEY`) are not.
 */
const SECRET_WORD =
  /(?:^|_)(?:secrets?|passwords?|passwd|passphrase|pwd|pass|tokens?|api_?keys?|access_?keys?|private_?keys?|secret_?keys?|auth_?keys?|client_?secrets?|signing_?keys?|encryption_?keys?|master_?keys?|session_?keys?|creds|credentials?|auth|pat)(?:_|$)|(?:secret|password|passwd|token|apikey)$/i;
const POINTER_SUFFIX =
  /_(?:file|files|path|dir|url|uri|endpoint|host|name|id|user|username|type|ttl|expiry|expires|timeout|length|size|len|enabled|enable|disabled|mode|version|header|prefix|suffix|field|env|var|location|policy|rotation|count|min|max|days|required|method|provider|store|helper)$/i;
const PUBLIC_NAME = /(?:public|pub)_?key|gpg_?keys?|key_?id|fingerprint/i;
const SHELL_VARIABLES = new Set(["PWD", "OLDPWD"]);

/** True when a variable of this name holds a secret. */
export function isSecretName(name: string): boolean {
  if (SHELL_VARIABLES.has(name)) return false;
  const n = name.replace(/[-.]/g, "_");
  if (!SECRET_WORD.test(n)) return false;
  if (POINTER_SUFFIX.test(n)) return false;
  if (PUBLIC_NAME.test(n) && !/private|secret/i.test(n)) return false;
  return true;
}
