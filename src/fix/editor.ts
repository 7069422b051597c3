/**
 * A text-splice editor: edits are (start, end, text) on offsets of the original text, and every
 * byte outside them is kept as it is — comments, indentation, continuations, heredocs, the
 * escape directive, CRLF line ends. Overlapping edits are a planning bug and are refused.
 */

export interface Splice {
  /** Offsets in the original text; `start === end` inserts. */
  start: number;
  end: number;
  text: string;
}

export class EditConflict extends Error {
  constructor(a: Splice, b: Splice) {
    super(`overlapping edits at ${a.start}-${a.end} and ${b.start}-${b.end}`);
    this.name = "EditConflict";
  }
}

/** Applies splices to text. Insertions at the same offset keep the order they were given in. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = splices.map((s, i) => ({ ...s, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = "";
  let at = 0;
  let prev: Splice | undefined;
  for (const s of sorted) {
    if (s.start < 0 || s.end > text.length || s.end < s.start) throw new RangeError(`edit ${s.start}-${s.end} outside the text (${text.length})`);
    if (s.start < at) throw new EditConflict(prev!, s);
    out += text.slice(at, s.start) + s.text;
    at = s.end;
    prev = s;
  }
  return out + text.slice(at);
}

/** The line ending the text uses (the first one found; `\n` when it has none). */
export function lineEnding(text: string): "\n" | "\r\n" {
  const nl = text.indexOf("\n");
  return nl > 0 && text.charCodeAt(nl - 1) === 0x0d ? "\r\n" : "\n";
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  const nl = text.lastIndexOf("\n", offset - 1);
  return nl < 0 ? 0 : nl + 1;
}

/** Offset just after the line break ending the line holding `offset` (the text's end on the last line). */
export function afterLineEnd(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * The splice that removes whole lines from the one holding `start` to the one holding `end - 1`,
 * line break included. On the last line without a line break, the break before it goes instead.
 */
export function removeLines(text: string, start: number, end: number): Splice {
  const a = lineStart(text, start);
  const b = afterLineEnd(text, Math.max(start, end - 1));
  if (b === text.length && !text.endsWith("\n") && a > 0) {
    const before = text.charCodeAt(a - 2) === 0x0d ? a - 2 : a - 1;
    return { start: before, end: b, text: "" };
  }
  return { start: a, end: b, text: "" };
}

/** The leading spaces and tabs of the line holding `offset`. */
export function indentOf(text: string, offset: number): string {
  const a = lineStart(text, offset);
  let b = a;
  while (b < text.length && (text[b] === " " || text[b] === "\t")) b++;
  return text.slice(a, b);
}
