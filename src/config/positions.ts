/** Where a value of a YAML document is: maps a JSON pointer (an ajv `instancePath`) to a line and column. */

import type { Document, LineCounter, Node } from "yaml";
import { yamlLib } from "../util/deferred.js";

/** A 1-based line and column in the config file. */
export interface Position {
  line: number;
  column: number;
}

/** `/rules/0/id` → `["rules", "0", "id"]` (RFC 6901 unescaping). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function scalarText(node: unknown): string | undefined {
  return yamlLib().isScalar(node) ? String(node.value) : undefined;
}

/**
 * The node at a pointer, and the key node that names it (for a map entry). Stops at the deepest
 * node that exists, so a pointer into something missing still lands near it.
 */
function walk(doc: Document, segments: readonly string[]): { node: Node | undefined; key: Node | undefined; complete: boolean } {
  let node = doc.contents as Node | null | undefined;
  let key: Node | undefined;
  let depth = 0;
  const { isMap, isPair, isSeq } = yamlLib();
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && scalarText(p.key) === segment);
      if (!pair) break;
      key = pair.key as Node | undefined;
      node = pair.value as Node | null | undefined;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined || !/^\d+$/.test(segment)) break;
      key = undefined;
      node = item as Node | null | undefined;
    } else break;
    depth++;
  }
  return { node: node ?? key ?? undefined, key, complete: depth === segments.length };
}

/** Finds positions in one parsed document. */
export class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private at(offset: number | undefined): Position | undefined {
    if (offset === undefined) return undefined;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** Where the value at `pointer` starts. */
  value(pointer: string): Position | undefined {
    const { node } = walk(this.doc, pointerSegments(pointer));
    return this.at(node?.range?.[0]);
  }

  /** Where the key `name` of the map at `pointer` is written (an unknown key, say). */
  key(pointer: string, name: string): Position | undefined {
    const { key, complete } = walk(this.doc, [...pointerSegments(pointer), name]);
    return complete && key ? this.at(key.range?.[0]) : this.value(pointer);
  }
}

/** ` (line 3, column 5)`, or "" when the position is not known. */
export function describePosition(p: Position | undefined): string {
  return p ? ` (line ${p.line}, column ${p.column})` : "";
}
