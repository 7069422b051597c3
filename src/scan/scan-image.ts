import { createHash } from "node:crypto";
import { Detector } from "../detect/engine.js";
import { heldBackReason } from "../detect/provenance.js";
import type { SecretRule } from "../detect/types.js";
import type { Image, Layer } from "../image/types.js";
import type { ParsedHistory } from "../image/history.js";
import type { FileLocation, LayerRef } from "../findings/types.js";
import { scanConfigAndHistory } from "./config-scan.js";
import { KNOWN_VALUE_RULE, knownValueRules, knownValuesSearchIn, searchedInLayer } from "./known-values.js";
import { cachedLayerResult, storeLayerResult, type CachedLayers } from "./cached-layers.js";
import type { ConfigScanResult, KnownValue } from "./config-scan.js";
import { jobOf, scanLayer, type LayerScanOptions, type LayerScanResult } from "./layer-job.js";
import { MAX_HITS_PER_FILE, type FileHit } from "./layer-scan.js";
import { toWire, type LayerPool } from "./layer-pool.js";
import { LayerFacts, fateOf } from "./overlay.js";
import { sightingOf, type RuleInfo, type Sighting } from "./raw.js";
import { STRUCTURE_RULES } from "../detect/structure/keystore.js";
import { errorMessage } from "../util/errors.js";

/** Progress events for long scans (a CLI shows them on a TTY). */
export interface ScanProgress {
  /** A layer's read starts. */
  onLayer?(image: Image, index: number, total: number): void;
  /** A layer is done: the uncompressed bytes read, or taken from the layer cache. */
  onLayerDone?(image: Image, index: number, done: { bytes: number; cached: boolean }): void;
}

export interface ImageScanOptions extends LayerScanOptions, ScanProgress {
  /** Worker threads to scan layers in; only used with the built-in rules (rules hold functions). */
  pool?: LayerPool;
  /** The layer-result cache, and whether entries may be read (not with --show-secrets). */
  cache?: Omit<CachedLayers, "known">;
  /** A detector already built for `rules` (building one costs ~60 ms: a scan of many images builds it once). */
  detector?: Detector;
  /** Streamed layers already scanned in this run (an engine's images share layers but are saved one by one). */
  streamMemo?: StreamedLayerMemo;
}

export interface ImageScanOutcome {
  sightings: Sighting[];
  /** Each history entry read, and which entry made each layer (for tying findings to a Dockerfile). */
  parsedHistory: ParsedHistory[];
  layerHistory: (number | undefined)[];
  /** Every layer, oldest first, with its digest and the instruction that made it. */
  layerRefs: LayerRef[];
  warnings: string[];
  /** Layers that could not be read at all. */
  failedLayers: number;
}

/** The plain-data part of the options that layer scans (and worker threads) take. */
function layerOptions(o: LayerScanOptions): LayerScanOptions {
  const out: LayerScanOptions = {};
  if (o.maxExpansionRatio !== undefined) out.maxExpansionRatio = o.maxExpansionRatio;
  if (o.expansionFloor !== undefined) out.expansionFloor = o.expansionFloor;
  if (o.archives !== undefined) out.archives = o.archives;
  if (o.git !== undefined) out.git = o.git;
  return out;
}

/** Scans one image: config and history, then every layer (in worker threads when given a pool), then each file's fate. */
export async function scanImage(image: Image, rules: readonly SecretRule[], options: ImageScanOptions = {}): Promise<ImageScanOutcome> {
  const base = options.detector ?? new Detector(rules);
  let config = scanConfigAndHistory(image, base);
  const warnings = [...image.warnings, ...config.warnings];
  const sightings = [...config.sightings];
  const extra = knownValueRules(config.known);
  const detector = extra.length ? new Detector([...rules, ...extra]) : base;
  const ruleById = new Map<string, RuleInfo>(detector.ruleList.map((r) => [r.id, r]));
  for (const r of STRUCTURE_RULES) ruleById.set(r.id, { ...r, priority: 10 });
  let knownOrigin = new Map(config.sightings.map((s) => [s.secret, s]));
  const opts = layerOptions(options);

  const pool = options.pool;
  const cache: CachedLayers | undefined = options.cache && { ...options.cache, ...knownForCache(config.known, extra) };
  // The image's known values as worker threads take them (plain data, and a key to rebuild their detector by).
  const knownWire = pool ? config.known.map(toWire) : [];
  const knownKey = pool ? JSON.stringify(knownWire) : "";
  const scanOne = async (layer: Layer): Promise<LayerScanResult> => {
    options.onLayer?.(image, layer.index, image.layers.length);
    const hit = cache && (await cachedLayerResult(layer, cache, opts));
    if (hit) {
      options.onLayerDone?.(image, layer.index, { bytes: 0, cached: true });
      return hit;
    }
    const job = pool ? jobOf(layer) : undefined;
    const r = job ? await pool!.run(job, knownWire, knownKey, opts) : await scanLayer(layer, detector, opts);
    options.onLayerDone?.(image, layer.index, { bytes: r.read?.contentBytes ?? 0, cached: false });
    if (cache) {
      const problem = await storeLayerResult(layer, r, cache);
      if (problem) warnings.push(problem);
    }
    return r;
  };
  let results: LayerScanResult[];
  if (image.streamLayers) {
    const streamed = await scanStreamedLayers(image, rules, base, config, opts, options, warnings);
    results = streamed.results;
    if (streamed.config) {
      // The stream held the image's own config: the one the source had (an engine's, from its API) was provisional.
      config = streamed.config;
      sightings.splice(0, sightings.length, ...config.sightings);
      knownOrigin = new Map(config.sightings.map((s) => [s.secret, s]));
    }
  } else if (pool) {
    results = await Promise.all(image.layers.map(scanOne));
  } else {
    // In-thread layers one after another: they share this thread anyway.
    results = [];
    for (const layer of image.layers) results.push(await scanOne(layer));
  }

  const layerRefs: LayerRef[] = image.layers.map((layer) => {
    const ref: LayerRef = { index: layer.index };
    const digest = layer.kind === "blob" ? layer.digest ?? layer.diffId : undefined;
    if (digest) ref.digest = digest;
    const h = config.layerHistory[layer.index];
    if (h !== undefined) ref.createdBy = image.config.history[h]!.createdBy;
    return ref;
  });
  let failedLayers = 0;
  const facts = results.map((r) => {
    const layer = image.layers[r.index]!;
    if (r.error) warnings.push(`layer ${r.index} (${layer.where}): ${r.error}`);
    for (const p of r.read?.problems ?? []) warnings.push(`layer ${r.index} (${layer.where}): ${p.message}`);
    for (const note of r.notes ?? []) warnings.push(`layer ${r.index}: ${note}`);
    for (const [path, n] of r.truncated ?? []) warnings.push(`layer ${r.index}: ${path}: ${n} more matches not reported (at most ${MAX_HITS_PER_FILE} per file)`);
    if (!r.facts || (r.read?.problems.some((p) => p.fatal) && r.read.entries === 0)) failedLayers++;
    // A layer cut short still tells what it wrote before the cut, but not all it deletes.
    return r.facts ? LayerFacts.fromWire(r.facts) : undefined;
  });

  for (const r of results) {
    // A hard link shares its target's content: the target's hits are the link's too.
    const byPath = new Map<string, typeof r.hits>();
    for (const h of r.hits) {
      const list = byPath.get(h.path);
      if (list) list.push(h);
      else byPath.set(h.path, [h]);
    }
    const all = withoutOuterRepeats(r.hits);
    for (const [link, target] of r.hardLinks) for (const h of byPath.get(target) ?? []) all.push({ ...h, path: link });

    for (const { path, hit, inner, git, publicKey } of all) {
      const fate = fateOf(path, r.index, facts);
      const location: FileLocation = { target: image.target, status: fate.status, path: git ? git.store : path, layer: layerRefs[r.index]! };
      if (inner) location.inner = inner;
      if (git) location.git = { commits: git.commits, path: git.path, inHead: git.inHead };
      if (fate.status !== "present") location.removedBy = layerRefs[fate.byLayer]!;
      if (hit.name) location.name = hit.name;
      // A known value found in a file is the same secret its history or config sighting named.
      const origin = hit.ruleId.startsWith(KNOWN_VALUE_RULE) ? knownOrigin.get(hit.secret) : undefined;
      const sighting = origin ? { ...origin, location } : sightingOf(hit, ruleById, location);
      const held = heldBackReason(inner ? `${path}/${inner.join("/")}` : git ? `${git.store}/${git.path}` : path, hit.secret, publicKey);
      if (held) {
        sighting.heldBack = held;
        sighting.confidence = "low";
      }
      sightings.push(sighting);
    }
  }
  return { sightings, warnings, failedLayers, parsedHistory: config.parsedHistory, layerHistory: config.layerHistory, layerRefs };
}

/** The image's known values as the cache needs them: a detector of those rules alone, and the layers they could be in. */
function knownForCache(known: KnownValue[], rules: SecretRule[]): Pick<CachedLayers, "known"> {
  if (rules.length === 0) return {};
  return { known: { detector: new Detector(rules), appliesTo: knownValuesSearchIn(known) } };
}

/**
 * A secret a nested reader found inside a file (an archive member, a `.git` object) is not
 * repeated as a sighting of the outer file's raw bytes (a stored zip entry is readable in both).
 */
function withoutOuterRepeats(hits: readonly FileHit[]): FileHit[] {
  const nested = new Set<string>();
  for (const h of hits) if (h.inner || h.git) nested.add(`${h.path}\0${h.hit.secret}`);
  if (nested.size === 0) return [...hits];
  return hits.filter((h) => h.inner || h.git || !nested.has(`${h.path}\0${h.hit.secret}`));
}

/** Results of streamed layers scanned in this run, to scan a blob many engine images share once (`dredge host`). */
export interface StreamedLayerMemo {
  /** By diff ID and the known values the layer was searched for. */
  results: Map<string, LayerScanResult>;
  /** Member names of one engine's saves → the diff ID read under that name. */
  names: Map<string, string>;
}

/** Whether a known value is looked for in layer `index` (as knownValueRules scopes it). */
function knownInScope(known: readonly KnownValue[], secret: string, index: number): boolean {
  return known.some((v) => (v.value === secret || Buffer.from(v.value, "utf8").toString("latin1") === secret) && searchedInLayer(v, index));
}

/**
 * Scans the layers of an image that can only be read front to back, in the order they come.
 * A blob may say which layer it is only once read (its diff ID), so known values are looked for in
 * every blob and kept afterwards where they are in scope, by the config the stream ends with.
 */
async function scanStreamedLayers(
  image: Image,
  rules: readonly SecretRule[],
  base: Detector,
  provisional: ConfigScanResult,
  opts: LayerScanOptions,
  options: ImageScanOptions,
  warnings: string[],
): Promise<{ results: LayerScanResult[]; config?: ConfigScanResult }> {
  const extra = knownValueRules(provisional.known.map((v) => ({ ...v, layers: "all" as const })));
  const detector = extra.length ? new Detector([...rules, ...extra]) : base;
  const memo = options.streamMemo;
  const memoKey = createHash("sha256").update([...new Set(provisional.known.map((v) => v.value))].sort().join("\0")).digest("hex");
  const byIndex = new Map<number, LayerScanResult>();
  const indexesOf = (diffId: string | undefined) => (diffId ? image.layers.filter((l) => l.kind === "blob" && l.diffId === diffId).map((l) => l.index) : []);
  const configBefore = image.config;
  const warningsBefore = image.warnings.length;
  const announced = new Set<number>();
  const announce = (indexes: number[]) => {
    for (const i of indexes) {
      if (announced.has(i)) continue;
      announced.add(i);
      options.onLayer?.(image, i, image.layers.length);
    }
  };
  const done = (indexes: number[], r: LayerScanResult) => {
    announce(indexes);
    for (const i of indexes) {
      byIndex.set(i, { ...r, index: i });
      options.onLayerDone?.(image, i, { bytes: r.read?.contentBytes ?? 0, cached: false });
    }
  };
  try {
    await image.streamLayers!(async (given, content, hint) => {
      const promised = hint?.diffId ?? (hint?.name !== undefined ? memo?.names.get(hint.name) : undefined);
      const indexes = given.length ? given : indexesOf(promised);
      announce(indexes);
      const seen = promised && memo?.results.get(`${promised}\0${memoKey}`);
      if (seen) {
        // Scanned already in this run: only checked to be the same bytes.
        const h = createHash("sha256");
        for await (const c of content) h.update(c as Buffer);
        const actual = `sha256:${h.digest("hex")}`;
        if (actual === promised) return done(indexes, seen);
        return done(indexes, { index: -1, hits: [], hardLinks: [], error: `its bytes changed since they were read earlier in this run (${promised} then ${actual}); scan this image again` });
      }
      const first = image.layers[indexes[0] ?? -1];
      const layer: Layer =
        first?.kind === "blob" ? { ...first, file: undefined, open: () => content } : { kind: "blob", index: -1, where: `${image.target}: ${hint?.name ?? "a blob of the stream"}`, open: () => content };
      const r = await scanLayer(layer, detector, opts);
      const actual = r.read?.diffId;
      if (hint?.name !== undefined && actual) memo?.names.set(hint.name, actual);
      if (actual && memo && !r.error) memo.results.set(`${actual}\0${memoKey}`, r);
      if (!given.length && promised && actual && actual !== promised) {
        // The name promised another layer: the bytes say which it is.
        if (r.read) r.read.problems = r.read.problems.filter((p) => p.code !== "diffid-mismatch");
        return done(indexesOf(actual), r);
      }
      if (!indexes.length && !indexesOf(actual).length) {
        warnings.push(`${hint?.name ?? "a blob of the stream"} (${actual ?? "unread"}) is no layer of this image; skipped`);
        return;
      }
      done(indexes.length ? indexes : indexesOf(actual), r);
    });
  } catch (err) {
    warnings.push(`reading the archive stopped: ${errorMessage(err)}`);
  }
  warnings.push(...image.warnings.slice(warningsBefore));
  let final: ConfigScanResult | undefined;
  if (image.config !== configBefore) {
    final = scanConfigAndHistory(image, base);
    for (const w of provisional.warnings) {
      const at = warnings.indexOf(w);
      if (at >= 0) warnings.splice(at, 1);
    }
    warnings.push(...final.warnings);
    const missed = final.known.filter((v) => !provisional.known.some((p) => p.value === v.value)).map((v) => v.name ?? "a value");
    if (missed.length) warnings.push(`the image config in the stream makes values secret that the engine's API did not show (${missed.join(", ")}): they were not looked for in the layers`);
  }
  const known = (final ?? provisional).known;
  const results = image.layers.map((l) => byIndex.get(l.index) ?? { index: l.index, hits: [], hardLinks: [], error: "not found in the archive" });
  for (const r of results) r.hits = r.hits.filter((h) => !h.hit.ruleId.startsWith(KNOWN_VALUE_RULE) || knownInScope(known, h.hit.secret, r.index));
  return final ? { results, config: final } : { results };
}
