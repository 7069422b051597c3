import { Detector } from "../detect/engine.js";
import type { SecretRule } from "../detect/types.js";
import type { Image } from "../image/types.js";
import { readLayer, type ReadLayerOptions } from "../layers/read.js";
import type { FileLocation, LayerRef } from "../findings/types.js";
import { errorMessage } from "../util/errors.js";
import { scanConfigAndHistory } from "./config-scan.js";
import { KNOWN_VALUE_RULE, knownValueRules } from "./known-values.js";
import { LayerScanner } from "./layer-scan.js";
import { fateOf, type LayerFacts } from "./overlay.js";
import type { Sighting } from "./raw.js";

/** Progress events for long scans (a CLI shows them on a TTY). */
export interface ScanProgress {
  onLayer?(image: Image, index: number, total: number): void;
}

export interface ImageScanOutcome {
  sightings: Sighting[];
  warnings: string[];
  /** Layers that could not be read at all. */
  failedLayers: number;
}

/** Scans one image: config and history, then every layer, then works out each file's fate. */
export async function scanImage(image: Image, rules: readonly SecretRule[], options: ReadLayerOptions & ScanProgress = {}): Promise<ImageScanOutcome> {
  const base = new Detector(rules);
  const config = scanConfigAndHistory(image, base);
  const warnings = [...image.warnings, ...config.warnings];
  const sightings = [...config.sightings];
  const extra = knownValueRules(config.known);
  const detector = extra.length ? new Detector([...rules, ...extra]) : base;
  const ruleById = new Map(detector.ruleList.map((r) => [r.id, r]));
  const knownOrigin = new Map(config.sightings.map((s) => [s.secret, s]));

  const facts: (LayerFacts | undefined)[] = [];
  const layerRefs: LayerRef[] = [];
  const perLayer: { index: number; scanner: LayerScanner }[] = [];
  let failedLayers = 0;
  for (const layer of image.layers) {
    options.onLayer?.(image, layer.index, image.layers.length);
    const historyIndex = config.layerHistory[layer.index];
    const ref: LayerRef = { index: layer.index };
    const digest = layer.kind === "blob" ? layer.digest ?? layer.diffId : undefined;
    if (digest) ref.digest = digest;
    if (historyIndex !== undefined) ref.createdBy = image.config.history[historyIndex]!.createdBy;
    layerRefs.push(ref);
    const scanner = new LayerScanner(detector, layer.index);
    try {
      const result = await readLayer(layer, scanner, options);
      for (const p of result.problems) warnings.push(`layer ${layer.index} (${layer.where}): ${p.message}`);
      // A layer cut short still tells what it wrote before the cut, but not all it deletes.
      facts.push(scanner.facts);
      if (result.problems.some((p) => p.fatal) && result.entries === 0) failedLayers++;
    } catch (err) {
      warnings.push(`layer ${layer.index} (${layer.where}): ${errorMessage(err)}`);
      facts.push(undefined);
      failedLayers++;
    }
    perLayer.push({ index: layer.index, scanner });
  }

  for (const { index, scanner } of perLayer) {
    // A hard link shares its target's content: the target's hits are the link's too.
    const byPath = new Map<string, typeof scanner.hits>();
    for (const h of scanner.hits) {
      const list = byPath.get(h.path);
      if (list) list.push(h);
      else byPath.set(h.path, [h]);
    }
    const all = [...scanner.hits];
    for (const [link, target] of scanner.hardLinks) for (const h of byPath.get(target) ?? []) all.push({ path: link, hit: h.hit });

    for (const { path, hit } of all) {
      const fate = fateOf(path, index, facts);
      const location: FileLocation = { target: image.target, status: fate.status, path, layer: layerRefs[index]! };
      if (fate.status !== "present") location.removedBy = layerRefs[fate.byLayer]!;
      if (hit.name) location.name = hit.name;
      const isKnown = hit.ruleId.startsWith(KNOWN_VALUE_RULE);
      const origin = isKnown ? knownOrigin.get(hit.secret) : undefined;
      const rule = ruleById.get(hit.ruleId);
      const s: Sighting = {
        secret: hit.secret,
        ruleId: origin?.ruleId ?? hit.ruleId,
        kind: origin?.kind ?? hit.kind,
        title: origin?.title ?? rule?.title ?? hit.ruleId,
        severity: origin?.severity ?? hit.severity,
        confidence: origin?.confidence ?? hit.confidence,
        priority: isKnown ? 100 : rule?.priority ?? 50,
        location,
      };
      const remediation = origin?.remediation ?? rule?.remediation;
      if (remediation) s.remediation = remediation;
      sightings.push(s);
    }
  }
  return { sightings, warnings, failedLayers };
}
