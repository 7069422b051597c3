import { scrypt } from "node:crypto";
import { shannonEntropy } from "./entropy.js";

/** Salt used when `.dredge.yaml` sets none: fixed so baselines stay portable between machines. */
export const DEFAULT_FINGERPRINT_SALT = "dredge-fingerprint-v1";

// Values a person may have chosen (a password like `foo`, a passphrase) get scrypt N=2^14, r=8
// (~16 MiB, tens of milliseconds each), so trying candidates against a fingerprint is slow.
// Machine-made tokens and keys cannot be guessed whatever the cost, so they get N=2^10 and an
// image with hundreds of keys is not held up for minutes.
const SLOW = { N: 1 << 14, r: 8, p: 1, maxmem: 64 << 20 };
const QUICK = { N: 1 << 10, r: 8, p: 1, maxmem: 64 << 20 };

const TOKEN_PREFIX = /^(?:gh[pousr]_|github_pat_|npm_|AKIA|ASIA|ABIA|ACCA|A3T|[sr]k_(?:live|test)_|xox[bpares]-|xapp-|glpat-|-----BEGIN )/;

/** True unless the value is a provider token by its prefix, or long and random. */
function guessable(secret: string): boolean {
  if (TOKEN_PREFIX.test(secret) && secret.length >= 20) return false;
  return !(secret.length >= 32 && shannonEntropy(secret) >= 4.5);
}

/**
 * A stable, non-reversible identifier for a secret value (for baselines and de-duplication
 * across runs): a salted scrypt of the value, never a plain hash.
 */
export function fingerprint(secret: string, salt = DEFAULT_FINGERPRINT_SALT): Promise<string> {
  const params = guessable(secret) ? SLOW : QUICK;
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 16, params, (err, key) => (err ? reject(err) : resolve(key.toString("hex"))));
  });
}
