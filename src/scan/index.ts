import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { UserRuleSpec } from "../config/types.js";
import { compileUserRule } from "../config/user-rules.js";
import { Detector } from "../detect/engine.js";
import { BUILTIN_RULES } from "../detect/rules/index.js";
import type { SecretRule } from "../detect/types.js";
import { parseDockerfileInstructions, type DockerfileModel } from "../dockerfile/index.js";
import { mergeSightings } from "../findings/merge.js";
import type { ScanResult, TargetResult } from "../findings/types.js";
import type { Image, Platform } from "../image/types.js";
import type { LayerScanOptions } from "./layer-job.js";
import { loadImages } from "../sources/resolve.js";
import type { RegistryOptions } from "../sources/registry/index.js";
import { UsageError, errorMessage } from "../util/errors.js";
import { findStage, mapDockerfile, withDockerfile } from "./dockerfile-map.js";
import { LayerPool } from "./layer-pool.js";
import type { Sighting } from "./raw.js";
import { scanImage, type ImageScanOptions, type ScanProgress } from "./scan-image.js";
import { LayerCache } from "../cache/layer-cache.js";

/** Options of a scan, as the library and the CLI take them. */
export interface ScanOptions extends LayerScanOptions, ScanProgress {
  /** Platform to pick from multi-platform indexes (default linux/amd64). */
  platform?: Platform;
  /** How to reach registries for `registry:` targets: credentials, `insecure`, timeouts, retries. */
  registry?: RegistryOptions;
  /** Rules to run (default: every built-in rule). Rules given here run in-thread (they hold functions). */
  rules?: readonly SecretRule[];
  /** User rules from the config (`.dredge.yaml`), run beside `rules`; plain data, so worker threads take them too. */
  userRules?: UserRuleSpec[];
  /** Salt for finding fingerprints (default: dredge's fixed salt, so baselines are portable). */
  fingerprintSalt?: string;
  /** The Dockerfile the images were built from: locations then name its lines. */
  dockerfile?: string;
  /** The stage built (`--target`); default the last. */
  target?: string;
  /** Worker threads for scanning layers in parallel (default: none under 4 cores, else half the cores, at most 4; 1 = none). */
  threads?: number;
  /**
   * Directory of the layer-result cache (none by default; the CLI uses the user's cache dir).
   * Not used with custom `rules` (functions cannot be told apart by a cache key).
   */
  cacheDir?: string;
  /** Take results from the cache (default true); false still refreshes it (--show-secrets needs the values). */
  cacheRead?: boolean;
}

/**
 * Worker threads by default: each worker's inflate also runs on libuv's pool, so on 2 cores
 * workers only contend (measured: one thread 2.48 s vs two workers 2.66 s on the bench image,
 * and 85 MiB less memory). From 4 cores, half of them (at most 4).
 */
function defaultThreads(): number {
  const cores = availableParallelism();
  return cores >= 4 ? Math.min(Math.floor(cores / 2), 4) : 1;
}

/** Images smaller than this are scanned in-thread: starting workers would cost more than it saves. */
const PARALLEL_MIN_BYTES = 64 << 20;

function wantsPool(image: Image): boolean {
  const local = image.layers.filter((l) => l.kind === "blob" && l.file);
  const bytes = local.reduce((n, l) => n + (l.kind === "blob" ? l.file!.length : 0), 0);
  return local.length >= 2 && bytes >= PARALLEL_MIN_BYTES;
}

async function loadDockerfile(path: string): Promise<DockerfileModel> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read the Dockerfile ${path}: ${errorMessage(err)}`);
  }
  return parseDockerfileInstructions(text, path);
}

/**
 * Scans image targets (`docker-archive:app.tar`, `oci:./layout`, `oci-archive:x.tar`,
 * `dir:./rootfs`, or a path to auto-detect) and returns every secret with all its locations.
 * A target that cannot be read gets an `error`; the others are still scanned.
 */
export async function scan(targets: string[], options: ScanOptions = {}): Promise<ScanResult> {
  const userRules = options.userRules ?? [];
  const rules = [...(options.rules ?? BUILTIN_RULES), ...userRules.map(compileUserRule)];
  // Workers rebuild the built-in and user rules themselves: custom rules (functions) stay in-thread.
  const threads = options.rules ? 1 : options.threads ?? defaultThreads();
  // Workers start only when a layer is sent to them.
  const pool = threads > 1 ? new LayerPool(threads, userRules) : undefined;
  let cache: ImageScanOptions["cache"];
  let cacheProblem: string | undefined;
  if (options.cacheDir !== undefined && !options.rules) {
    try {
      cache = await openCache(options.cacheDir, options, userRules);
    } catch (err) {
      cacheProblem = `the layer cache in ${options.cacheDir} cannot be used (${errorMessage(err)}): every layer is scanned`;
    }
  }
  try {
    const result = await scanTargets(targets, { ...options, ...(cache ? { cache } : {}) }, rules, (image) => (pool && wantsPool(image) ? pool : undefined));
    if (cacheProblem) for (const t of result.targets) t.warnings.push(cacheProblem);
    return result;
  } finally {
    await pool?.close();
  }
}

/** The layer cache for this scan's detector: rules, read and nested-reader options, and salt are part of its key. */
async function openCache(dir: string, options: ScanOptions, userRules: UserRuleSpec[]): Promise<ImageScanOptions["cache"]> {
  const settings = { userRules, read: [options.maxExpansionRatio ?? null, options.expansionFloor ?? null], archives: options.archives ?? null, git: options.git ?? null };
  const cache = await LayerCache.open(dir, { settings, ...(options.fingerprintSalt ? { fingerprintSalt: options.fingerprintSalt } : {}) });
  return { cache, read: options.cacheRead ?? true };
}

async function scanTargets(targets: string[], options: ScanOptions & Pick<ImageScanOptions, "cache">, rules: readonly SecretRule[], poolFor: (image: Image) => LayerPool | undefined): Promise<ScanResult> {
  const results: TargetResult[] = [];
  const sightings: Sighting[] = [];
  const detector = new Detector(rules);
  const dockerfile = options.dockerfile !== undefined ? await loadDockerfile(options.dockerfile) : undefined;
  if (dockerfile && options.target !== undefined && !findStage(dockerfile, options.target)) {
    throw new UsageError(`the Dockerfile has no stage ${JSON.stringify(options.target)}`);
  }
  for (const target of targets) {
    let images;
    try {
      images = await loadImages(target, { ...(options.platform ? { platform: options.platform } : {}), ...(options.registry ? { registry: options.registry } : {}) });
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
        const pool = poolFor(image);
        const outcome = await scanImage(image, rules, { ...options, detector, ...(pool ? { pool } : {}) });
        r.warnings = outcome.warnings;
        r.layerList = outcome.layerRefs;
        if (dockerfile) {
          const map = mapDockerfile(dockerfile, options.dockerfile!, outcome.parsedHistory, options.target);
          for (const s of outcome.sightings) s.location = withDockerfile(s.location, map, outcome.layerHistory);
        }
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
