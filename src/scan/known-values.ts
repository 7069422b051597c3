import { shannonEntropy } from "../detect/entropy.js";
import type { SecretRule } from "../detect/types.js";
import type { KnownValue } from "./config-scan.js";
import { escapeRegExp } from "../util/text.js";

/** Rule id of cross-reference hits: a value history or config made secret, found again in a file. */
export const KNOWN_VALUE_RULE = "known-value";

/** A value long and varied enough that finding it anywhere is no coincidence. */
export function isDistinctive(value: string): boolean {
  return value.length >= 8 && shannonEntropy(value) >= 2.5;
}

/** Values worth looking for in files: three characters or more, on one line. */
function isSearchable(v: KnownValue): boolean {
  return v.value.length >= 3 && !/[\r\n]/.test(v.value);
}

/** The layers a known value is looked for in: every one for a distinctive value, else those made while it was in scope. */
function layersSearched(v: KnownValue): KnownValue["layers"] {
  return isDistinctive(v.value) ? "all" : v.layers;
}

/** Whether a known value is looked for in layer `index`. */
export function searchedInLayer(v: KnownValue, index: number): boolean {
  const layers = layersSearched(v);
  return layers === "all" || layers.has(index);
}

/** Whether any of `values` is looked for in a layer (the layer cache re-reads only those). */
export function knownValuesSearchIn(values: KnownValue[]): (layer: number) => boolean {
  const scopes = values.filter(isSearchable).map(layersSearched);
  if (scopes.includes("all")) return () => true;
  const layers = new Set(scopes.flatMap((l) => (l === "all" ? [] : [...l])));
  return (layer) => layers.has(layer);
}

/**
 * Rules that find known secret values in files, whatever they look like. A short or plain value
 * (`foo`) is looked for only in the layers made while it was in scope, and only as a whole word,
 * so that `MY_SECRET=foo` finds `/secret.txt` without flagging every `foo` of the base image.
 */
export function knownValueRules(values: KnownValue[]): SecretRule[] {
  return values
    .filter(isSearchable)
    .map((v, i) => {
      const distinctive = isDistinctive(v.value);
      const layers = layersSearched(v);
      // The engine matches latin1 text of the bytes: the value is spelt the same way.
      const bytes = Buffer.from(v.value, "utf8").toString("latin1");
      const literal = escapeRegExp(bytes);
      const pattern = distinctive ? new RegExp(`(?<secret>${literal})`) : new RegExp(`(?<![A-Za-z0-9_])(?<secret>${literal})(?![A-Za-z0-9_])`);
      const name = v.name;
      const rule: SecretRule = {
        id: `${KNOWN_VALUE_RULE}#${i}`,
        kind: "known-value",
        title: "A value history or config shows to be secret",
        severity: "high",
        confidence: "high",
        keywords: [bytes],
        pattern,
        priority: 100,
        check: (hit, _g, ctx) => {
          if (layers !== "all" && (ctx.layer === undefined || !layers.has(ctx.layer))) return undefined;
          return name ? { ...hit, name } : hit;
        },
        remediation: "",
        docs: "",
        examples: { match: [], noMatch: [] },
      };
      return rule;
    });
}
