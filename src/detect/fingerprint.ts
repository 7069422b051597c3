import { scrypt } from "node:crypto";

/** Salt used when `.dredge.yaml` sets none: fixed so baselines stay portable between machines. */
export const DEFAULT_FINGERPRINT_SALT = "dredge-fingerprint-v1";

// scrypt N=2^14, r=8: ~16 MiB and tens of milliseconds per value, so trying candidate
// secrets against a fingerprint (a short password, say) is slow.
const PARAMS = { N: 1 << 14, r: 8, p: 1, maxmem: 64 << 20 };

/**
 * A stable, non-reversible identifier for a secret value (for baselines and de-duplication
 * across runs): a salted scrypt of the value, never a plain hash.
 */
export function fingerprint(secret: string, salt = DEFAULT_FINGERPRINT_SALT): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 16, PARAMS, (err, key) => (err ? reject(err) : resolve(key.toString("hex"))));
  });
}
