import { createHash } from "node:crypto";
import type { LayerCache } from "../cache/layer-cache.js";
import type { Detector } from "../detect/engine.js";
import type { Layer } from "../image/types.js";
import { openFileRange } from "../util/file-range.js";
import { KNOWN_VALUE_RULE } from "./known-values.js";
import { scanLayer, type LayerScanOptions, type LayerScanResult } from "./layer-job.js";

/** How a scan uses the layer cache. */
export interface CachedLayers {
  cache: LayerCache;
  /** Read entries (false with --show-secrets: cached entries hold no values to show). */
  read: boolean;
  /** The image's known values as rules, or undefined when it has none (history and config made nothing secret). */
  known?: { detector: Detector; appliesTo(layer: number): boolean };
}

/** The digest a layer is cached under as its source names it: the stored blob's, or an uncompressed member's diff ID. */
function claimedDigest(layer: Layer): string | undefined {
  if (layer.kind !== "blob") return undefined;
  return layer.digest ?? (layer.file ? layer.diffId : undefined);
}

async function hashOf(layer: Layer & { kind: "blob" }, alg: string): Promise<string> {
  const h = createHash(alg);
  for await (const chunk of openFileRange(layer.file!)) h.update(chunk as Buffer);
  return `${alg}:${h.digest("hex")}`;
}

/**
 * A layer's cached result, when the cache has one for these bytes. A local blob is hashed first
 * (~1.7 GB/s, far cheaper than a scan) so an archive that names another layer's digest gets no
 * result it does not deserve; a registry blob is trusted by its digest, the address it was
 * fetched and verified by. When the image's history or config made values secret that could be
 * in this layer, the layer is read again for those values only: a value can be any string, and
 * no per-layer index short of the layer's text would answer "does it contain X".
 */
export async function cachedLayerResult(layer: Layer, use: CachedLayers, opts: LayerScanOptions): Promise<LayerScanResult | undefined> {
  if (!use.read || layer.kind !== "blob") return undefined;
  const digest = claimedDigest(layer);
  if (!digest) return undefined;
  const entry = await use.cache.get(digest);
  if (!entry) return undefined;
  if (layer.file) {
    const alg = digest.split(":")[0]!;
    let actual: string;
    try {
      actual = await hashOf(layer, alg);
    } catch {
      return undefined;
    }
    if (actual !== digest) return undefined;
  }
  const result: LayerScanResult = { ...entry, index: layer.index };
  if (use.known?.appliesTo(layer.index)) {
    const again = await scanLayer(layer, use.known.detector, { ...opts, archives: false, git: false });
    if (again.error) return undefined;
    result.hits = [...result.hits, ...again.hits];
  }
  return result;
}

/** Stores a layer's result under the digest its read computed, without the image's own known values. */
export async function storeLayerResult(layer: Layer, result: LayerScanResult, use: CachedLayers): Promise<string | undefined> {
  if (layer.kind !== "blob") return undefined;
  const digest = result.read?.digest;
  if (!digest) return undefined;
  const general = { ...result, hits: result.hits.filter((h) => !h.hit.ruleId.startsWith(KNOWN_VALUE_RULE)) };
  return use.cache.put(digest, general);
}
