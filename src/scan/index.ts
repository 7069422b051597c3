import { BUILTIN_RULES } from "../detect/rules/index.js";
import type { SecretRule } from "../detect/types.js";
import { mergeSightings } from "../findings/merge.js";
import type { ScanResult, TargetResult } from "../findings/types.js";
import type { Platform } from "../image/types.js";
import type { ReadLayerOptions } from "../layers/read.js";
import { loadImages } from "../sources/resolve.js";
import { errorMessage } from "../util/errors.js";
import { scanImage, type ScanProgress } from "./scan-image.js";
import type { Sighting } from "./raw.js";

/** Options of a scan, as the library and the CLI take them. */
export interface ScanOptions extends ReadLayerOptions, ScanProgress {
  /** Platform to pick from multi-platform indexes (default linux/amd64). */
  platform?: Platform;
  /** Rules to run (default: every built-in rule). */
  rules?: readonly SecretRule[];
  /** Salt for finding fingerprints (default: dredge's fixed salt, so baselines are portable). */
  fingerprintSalt?: string;
}

/**
 * Scans image targets (`docker-archive:app.tar`, `oci:./layout`, `oci-archive:x.tar`,
 * `dir:./rootfs`, or a path to auto-detect) and returns every secret with all its locations.
 * A target that cannot be read gets an `error`; the others are still scanned.
 */
export async function scan(targets: string[], options: ScanOptions = {}): Promise<ScanResult> {
  const rules = options.rules ?? BUILTIN_RULES;
  const results: TargetResult[] = [];
  const sightings: Sighting[] = [];
  for (const target of targets) {
    let images;
    try {
      images = await loadImages(target, options.platform ? { platform: options.platform } : {});
    } catch (err) {
      results.push({ target, error: errorMessage(err), warnings: [] });
      continue;
    }
    for (const image of images) {
      const r: TargetResult = { target: image.target, warnings: [], layers: image.layers.length };
      if (image.digest) r.digest = image.digest;
      if (image.id) r.id = image.id;
      if (image.tags.length) r.tags = image.tags;
      try {
        const outcome = await scanImage(image, rules, options);
        r.warnings = outcome.warnings;
        sightings.push(...outcome.sightings);
        if (outcome.failedLayers > 0 && outcome.failedLayers === image.layers.length && image.config.history.length === 0) {
          r.error = "no layer could be read";
        }
      } catch (err) {
        r.error = errorMessage(err);
      }
      results.push(r);
    }
  }
  return { version: 1, targets: results, findings: await mergeSightings(sightings, options.fingerprintSalt) };
}
