/**
 * Loose objects (`objects/xx/yyyy…`): one zlib stream of `type SP size NUL content`.
 */

import { inflateBounded, inflatePrefix } from "./inflate.js";
import { isObjectType, type GitObject, type ObjectType } from "./objects.js";
import { GitFormatError, type WorkBudget } from "./options.js";

/** Longest `type size\0` header git writes (`commit 18446744073709551615\0`). */
const MAX_HEADER = 32;

function parseHeader(buf: Buffer): { type: ObjectType; size: number; start: number } | undefined {
  const nul = buf.subarray(0, MAX_HEADER).indexOf(0);
  if (nul < 0) return undefined;
  const m = /^(commit|tree|blob|tag) (0|[1-9]\d{0,15})$/.exec(buf.toString("latin1", 0, nul));
  if (!m || !isObjectType(m[1]!)) throw new GitFormatError("loose object has a malformed header");
  return { type: m[1], size: Number(m[2]), start: nul + 1 };
}

/** A loose object's type, from the start of its stream, without inflating all of it; undefined when unreadable. */
export function looseType(compressed: Buffer): ObjectType | undefined {
  try {
    return parseHeader(inflatePrefix(compressed, 256))?.type;
  } catch {
    return undefined;
  }
}

/** Reads a loose object whole; throws GitFormatError (or GitLimitError) on bad or oversized content. */
export function readLoose(compressed: Buffer, budget: WorkBudget): GitObject {
  // The header's size, read first, sizes the output to one exact allocation.
  let expected: number | undefined;
  try {
    const peek = parseHeader(inflatePrefix(compressed, 256));
    if (peek) expected = peek.start + peek.size;
  } catch {
    // A malformed header is reported by the full read below.
  }
  const raw = inflateBounded(compressed, budget.limits.maxObjectBytes + MAX_HEADER, budget, "loose object", expected);
  const h = parseHeader(raw);
  if (!h) throw new GitFormatError("loose object has no header");
  const data = raw.subarray(h.start);
  if (data.length !== h.size) throw new GitFormatError(`loose object holds ${data.length} bytes, its header says ${h.size}`);
  return { type: h.type, data };
}
