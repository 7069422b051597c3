import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import type { LayerCache } from "../cache/layer-cache.js";
import type { Detector } from "../detect/engine.js";
import type { FileRange, Layer } from "../image/types.js";
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

/** The identity of a blob's bytes on disk: file, range, size and change times (as git's index tells a changed file). */
async function identityOf(file: FileRange): Promise<string> {
  const s = await stat(file.path);
  return [s.dev, s.ino, s.size, s.mtimeMs, s.ctimeMs, file.start, file.length].join(":");
}

/** Digests this process computed of local blobs, by identity: images sharing a base layer hash it once per run. */
const hashed = new Map<string, string>();
const MAX_HASHED = 4096;

async function hashOf(layer: Layer & { kind: "blob" }, alg: string): Promise<string> {
  const file = layer.file!;
  const before = await identityOf(file);
  const known = hashed.get(`${alg}:${before}`);
  if (known) return known;
  const h = createHash(alg);
  for await (const chunk of openFileRange(file)) h.update(chunk as Buffer);
  const digest = `${alg}:${h.digest("hex")}`;
  // Kept only when the file did not change while it was read.
  if ((await identityOf(file)) === before) {
    if (hashed.size >= MAX_HASHED) hashed.clear();
    hashed.set(`${alg}:${before}`, digest);
  }
  return digest;
}

/**
 * A layer's cached result, when the cache has one for these bytes. A local blob is hashed first
 * (~1.7 GB/s, far cheaper than a scan; once per run for a file that does not change) so an archive that names another layer's digest gets no
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
