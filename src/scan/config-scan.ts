import type { Detector } from "../detect/engine.js";
import type { Image } from "../image/types.js";
import { parseCreatedBy, type NamedValue, type ParsedHistory } from "../image/history.js";
import type { ConfigLocation, HistoryLocation, Location } from "../findings/types.js";
import { sightingOf, type Sighting } from "./raw.js";
import { SECRET_VARIABLE, isSecretAssignment } from "./variable-rule.js";

/** A value that history or config shows to be secret, to look for in every layer's files. */
export interface KnownValue {
  value: string;
  name?: string;
  /** Layers it can have been written into: all, or only those made while it was in scope. */
  layers: "all" | Set<number>;
}

/** What the config and history say: sightings, and values to cross-reference in the layers. */
export interface ConfigScanResult {
  sightings: Sighting[];
  known: KnownValue[];
  /** History index of the entry that made each layer (undefined when unknown). */
  layerHistory: (number | undefined)[];
  parsedHistory: ParsedHistory[];
  warnings: string[];
}

function variableSighting(value: string, location: Location): Sighting {
  return {
    secret: value,
    ruleId: SECRET_VARIABLE.id,
    kind: SECRET_VARIABLE.kind,
    title: SECRET_VARIABLE.title,
    severity: SECRET_VARIABLE.severity,
    confidence: SECRET_VARIABLE.confidence,
    priority: SECRET_VARIABLE.priority,
    remediation: SECRET_VARIABLE.remediation,
    location,
  };
}

/**
 * Ties each layer to the history entry that made it: non-empty entries in order. When counts
 * differ (squashed or rewritten history), entries are aligned from the newest end.
 */
export function mapLayersToHistory(image: Image): { map: (number | undefined)[]; warning?: string } {
  const nonEmpty = image.config.history.map((h, i) => (h.emptyLayer ? -1 : i)).filter((i) => i >= 0);
  const n = image.layers.length;
  const map: (number | undefined)[] = new Array(n).fill(undefined);
  if (nonEmpty.length === 0) return { map };
  const offset = nonEmpty.length - n;
  for (let li = 0; li < n; li++) map[li] = nonEmpty[li + offset];
  if (nonEmpty.length !== n) {
    return { map, warning: `history has ${nonEmpty.length} layer-making entries for ${n} layers; matched them from the newest` };
  }
  return { map };
}

/**
 * Scans the image config (Env, Labels, Cmd, Entrypoint, Healthcheck, OnBuild, Shell, the legacy
 * container_config) and every history entry, value-aware: a secret-shaped name with a real value
 * is a secret whatever the value, and a value that is itself a credential is one whatever the name.
 */
export function scanConfigAndHistory(image: Image, detector: Detector): ConfigScanResult {
  const rules = new Map(detector.ruleList.map((r) => [r.id, r]));
  const sightings: Sighting[] = [];
  const known: KnownValue[] = [];
  const warnings: string[] = [];
  const target = image.target;
  const cfg = image.config;

  const scanValueText = (text: string, location: Location, name?: string) => {
    for (const hit of detector.scanText(text)) {
      const loc = { ...location };
      if (hit.name ?? name) loc.name = hit.name ?? name;
      sightings.push(sightingOf(hit, rules, loc));
    }
  };
  const scanPair = (pair: NamedValue, location: Location) => {
    const loc = { ...location, name: pair.name };
    if (isSecretAssignment(pair.name, pair.value)) sightings.push(variableSighting(pair.value, loc));
    // The name gives context to rules that need it (aws_secret_access_key=…).
    scanValueText(`${pair.name}=${pair.value}`, loc, pair.name);
  };
  const configLoc = (field: string, key?: string): ConfigLocation => {
    const loc: ConfigLocation = { target, status: "config", config: { field } };
    if (key !== undefined) loc.config.key = key;
    return loc;
  };

  const envPairs = (env: string[]) =>
    env.map((e) => {
      const eq = e.indexOf("=");
      return eq < 0 ? { name: e, value: "" } : { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
  for (const p of envPairs(cfg.env)) scanPair(p, configLoc("Env", p.name));
  for (const [k, v] of Object.entries(cfg.labels)) scanPair({ name: k, value: v }, configLoc("Labels", k));
  const lists: [string, string[]][] = [
    ["Cmd", cfg.cmd],
    ["Entrypoint", cfg.entrypoint],
    ["Healthcheck", cfg.healthcheck],
    ["OnBuild", cfg.onBuild],
    ["Shell", cfg.shell],
  ];
  for (const [field, list] of lists) if (list.length) scanValueText(list.join(" "), configLoc(field));
  if (cfg.user) scanValueText(cfg.user, configLoc("User"));
  if (cfg.containerConfig) {
    const cc = cfg.containerConfig;
    const seenEnv = new Set(cfg.env);
    for (const p of envPairs(cc.env.filter((e) => !seenEnv.has(e)))) scanPair(p, configLoc("ContainerConfig.Env", p.name));
    if (cc.cmd.length) scanValueText(cc.cmd.join(" "), configLoc("ContainerConfig.Cmd"));
  }
  const configValues = new Set(sightings.map((s) => s.secret));

  // History, oldest first: ARG names declared so far make `|N K=V` parsing exact.
  const declared = new Set<string>();
  const parsedHistory: ParsedHistory[] = [];
  const { map: layerHistory, warning } = mapLayersToHistory(image);
  if (warning) warnings.push(warning);
  const layerOfHistory = new Map<number, number>();
  layerHistory.forEach((h, li) => h !== undefined && layerOfHistory.set(h, li));
  const valueScopes = new Map<string, Set<number>>();
  cfg.history.forEach((h, index) => {
    const parsed = parseCreatedBy(h.createdBy, declared, cfg.shell);
    parsedHistory.push(parsed);
    for (const a of parsed.declaredArgs) declared.add(a);
    const loc: HistoryLocation = { target, status: "history", history: { index, createdBy: h.createdBy } };
    const before = sightings.length;
    const pairs = [...parsed.buildArgs, ...parsed.pairs];
    for (const pair of pairs) if (isSecretAssignment(pair.name, pair.value)) sightings.push(variableSighting(pair.value, { ...loc, name: pair.name }));
    // One pass over the whole line finds credentials in the pairs' values and literal ones in
    // the command (RUN npm set …_authToken=npm_…); a hit inside a pair's value takes its name.
    for (const hit of detector.scanText(h.createdBy)) {
      const name = hit.name ?? pairs.find((p) => p.value.includes(hit.secret))?.name;
      sightings.push(sightingOf(hit, rules, name ? { ...loc, name } : loc));
    }
    const layer = layerOfHistory.get(index);
    for (const s of sightings.slice(before)) {
      const scope = valueScopes.get(s.secret) ?? new Set<number>();
      // A build arg can reach only the layer its RUN made; an ENV every later layer.
      if (layer !== undefined) scope.add(layer);
      if (parsed.instruction === "ENV" || parsed.instruction === "ARG") for (let li = 0; li < image.layers.length; li++) if ((layerHistory[li] ?? -1) > index) scope.add(li);
      valueScopes.set(s.secret, scope);
    }
  });
  if (cfg.history.length === 0 && image.layers.some((l) => l.kind === "blob")) warnings.push("image config has no history");

  const seen = new Set<string>();
  for (const s of sightings) {
    if (seen.has(s.secret)) continue;
    seen.add(s.secret);
    const kv: KnownValue = { value: s.secret, layers: configValues.has(s.secret) ? "all" : valueScopes.get(s.secret) ?? "all" };
    if (s.location.name) kv.name = s.location.name;
    known.push(kv);
  }
  return { sightings, known, layerHistory, parsedHistory, warnings };
}
