/**
 * Values that stand for a secret without being one, beyond what `isSecretAssignment` knows:
 * a path or URL to where the secret is kept, a public key's fingerprint under a `…_KEY` name,
 * a value that says it is fake. Found on real-world Dockerfiles (see the corpus test).
 */

const PATH = /^(?:\/|~\/|\.\.?\/)[\w.\-/~+@%{}$]*$/;
const URL_WITHOUT_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i;
const KEY_NAME = /key|gpg|pgp|fingerprint|sign/i;
const KEY_ID = /^(?:(?:0x)?[0-9a-f]{8}|(?:0x)?[0-9a-f]{16}|[0-9a-f]{40}|(?:[0-9a-f]{4} ?){10})$/i;
const FAKE = /(?:^|[^a-z])(?:fake|dummy|example|placeholder|changeme|redacted|notasecret|not[-_]a[-_]secret|insecure[-_]?default)(?:[^a-z]|$)/i;

/** True when `name=value` only points at or describes a secret: a path, a URL without credentials, a key id, a small number. */
export function isPointerValue(name: string, value: string): boolean {
  const v = value.trim();
  if (PATH.test(v) && /[A-Za-z]/.test(v)) return true;
  if (URL_WITHOUT_USERINFO.test(v)) return true;
  if (KEY_NAME.test(name) && v.split(/[\s,;]+/).every((part) => KEY_ID.test(part))) return true;
  return /^\d{1,5}$/.test(v);
}

/** True when a value says it is not real (`FAKE_TO_GENERATE_WARNING`, `dummy-token`). */
export function isFakeValue(value: string): boolean {
  return FAKE.test(value);
}
