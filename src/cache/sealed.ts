import { fingerprint } from "../detect/fingerprint.js";
import { preview, sealedValue } from "../detect/redact.js";
import { publicTestKey } from "../detect/provenance.js";
import type { LayerScanResult } from "../scan/layer-job.js";

/**
 * The cacheable form of a layer's result: every secret value replaced by its sealed stand-in
 * (fingerprints computed with `salt`, one per distinct value), and whether it is a published
 * test key (that needs the value) kept beside it.
 */
export async function sealResult(result: LayerScanResult, salt: string | undefined): Promise<LayerScanResult> {
  const byValue = new Map<string, Promise<string>>();
  const seal = (value: string): Promise<string> => {
    let p = byValue.get(value);
    if (!p) {
      p = fingerprint(value, salt).then((fp) => sealedValue(fp, preview(value)));
      byValue.set(value, p);
    }
    return p;
  };
  const hits = await Promise.all(
    result.hits.map(async (h) => {
      const key = publicTestKey(h.hit.secret);
      const sealed = { ...h, hit: { ...h.hit, secret: await seal(h.hit.secret) } };
      return key ? { ...sealed, publicKey: key } : sealed;
    }),
  );
  return { ...result, hits };
}
