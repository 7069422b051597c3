import { posix } from "node:path";
import type { LayerEntry } from "../layers/read.js";

/** LayerFacts as plain arrays. */
export interface LayerFactsWire {
  written: string[];
  nonDirectories: string[];
  whiteouts: string[];
  opaques: string[];
}

/** What one layer does to the filesystem: paths it adds or replaces, deletes, and makes opaque. */
export class LayerFacts {
  /** Paths of every non-whiteout entry (files, directories, links…). */
  readonly written = new Set<string>();
  /** Paths of entries that are not directories (a file replacing a directory hides what was under it). */
  readonly nonDirectories = new Set<string>();
  readonly whiteouts = new Set<string>();
  readonly opaques = new Set<string>();

  /** A plain-object copy, to send between threads. */
  toWire(): LayerFactsWire {
    return { written: [...this.written], nonDirectories: [...this.nonDirectories], whiteouts: [...this.whiteouts], opaques: [...this.opaques] };
  }

  static fromWire(w: LayerFactsWire): LayerFacts {
    const f = new LayerFacts();
    for (const p of w.written) f.written.add(p);
    for (const p of w.nonDirectories) f.nonDirectories.add(p);
    for (const p of w.whiteouts) f.whiteouts.add(p);
    for (const p of w.opaques) f.opaques.add(p);
    return f;
  }

  record(e: LayerEntry): void {
    switch (e.type) {
      case "whiteout":
        this.whiteouts.add(e.path);
        break;
      case "opaque":
        this.opaques.add(e.path);
        break;
      default:
        this.written.add(e.path);
        if (e.type !== "directory") this.nonDirectories.add(e.path);
    }
  }
}

/** Where a file from a layer ended up in the final filesystem. */
export type FileFate = { status: "present" } | { status: "deleted" | "overwritten"; byLayer: number };

function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p = posix.dirname(path); p !== "/" && p !== "."; p = posix.dirname(p)) out.push(p);
  return out;
}

/**
 * Applies later layers to a file found in layer `index`, as a runtime stacks layers: a
 * `.wh.` entry for it or any parent deletes it, an opaque marker on a parent hides it, a
 * same-path entry replaces it, and a non-directory written over a parent removes it.
 * The first later layer that does any of these decides.
 */
export function fateOf(path: string, index: number, facts: readonly (LayerFacts | undefined)[]): FileFate {
  const parents = ancestors(path);
  for (let j = index + 1; j < facts.length; j++) {
    const f = facts[j];
    if (!f) continue;
    if (f.written.has(path)) return { status: "overwritten", byLayer: j };
    if (f.whiteouts.has(path)) return { status: "deleted", byLayer: j };
    for (const p of parents) {
      if (f.whiteouts.has(p) || f.opaques.has(p) || f.nonDirectories.has(p)) return { status: "deleted", byLayer: j };
    }
  }
  return { status: "present" };
}
