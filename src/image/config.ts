import { DredgeError } from "../util/errors.js";
import { isObject } from "../util/json.js";
import type { HistoryEntry, ImageConfig, Platform } from "./types.js";


function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === "string") out[k] = val;
  return out;
}

function optString(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** Parses JSON text, naming `what` in the error. */
export function parseJson(text: Buffer | string, what: string): unknown {
  try {
    return JSON.parse(typeof text === "string" ? text : text.toString("utf8"));
  } catch (err) {
    throw new DredgeError("bad-json", `${what} is not valid JSON: ${(err as Error).message}`);
  }
}

function runtime(v: unknown): { env: string[]; labels: Record<string, string>; cmd: string[]; entrypoint: string[] } {
  const c = isObject(v) ? v : {};
  return { env: strings(c.Env), labels: stringMap(c.Labels), cmd: strings(c.Cmd), entrypoint: strings(c.Entrypoint) };
}

/**
 * Reads an OCI / Docker image config. Unknown or mistyped fields are ignored rather than
 * fatal: a config is attacker-controlled input, and what can be read is still scanned.
 */
export function parseImageConfig(json: unknown, what = "image config"): ImageConfig {
  if (!isObject(json)) throw new DredgeError("bad-config", `${what} is not a JSON object`);
  const c = isObject(json.config) ? json.config : {};
  const health = isObject(c.Healthcheck) ? strings(c.Healthcheck.Test) : [];
  const rootfs = isObject(json.rootfs) ? json.rootfs : {};
  const history: HistoryEntry[] = [];
  if (Array.isArray(json.history)) {
    for (const h of json.history) {
      if (!isObject(h)) continue;
      const entry: HistoryEntry = { createdBy: typeof h.created_by === "string" ? h.created_by : "", emptyLayer: h.empty_layer === true };
      const created = optString(h.created);
      if (created) entry.created = created;
      const comment = optString(h.comment);
      if (comment) entry.comment = comment;
      history.push(entry);
    }
  }
  const config: ImageConfig = {
    ...runtime(c),
    healthcheck: health,
    onBuild: strings(c.OnBuild),
    shell: strings(c.Shell),
    diffIds: Array.isArray(rootfs.diff_ids) ? strings(rootfs.diff_ids) : [],
    history,
  };
  const user = optString(c.User);
  if (user) config.user = user;
  const wd = optString(c.WorkingDir);
  if (wd) config.workingDir = wd;
  const stop = optString(c.StopSignal);
  if (stop) config.stopSignal = stop;
  if (isObject(json.container_config)) config.containerConfig = runtime(json.container_config);
  const os = optString(json.os);
  const arch = optString(json.architecture);
  if (os && arch) {
    const platform: Platform = { os, architecture: arch };
    const variant = optString(json.variant);
    if (variant) platform.variant = variant;
    config.platform = platform;
  }
  return config;
}
