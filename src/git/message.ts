/**
 * The text people write into commit and annotated-tag objects (messages, author, committer and
 * tagger lines), picked out for the detector: everything but the object ids git fills in
 * (`tree`, `parent`, `object`, `type`) and the signatures (`gpgsig` headers, a tag's trailing
 * signature block). Nothing is copied: the text is handed on as views of the object's bytes.
 */

/** What kind of object a message is in. */
export type MessageKind = "commit" | "tag";

/** The pseudo-path a message hit has as `git.path` (and the path the rules see). */
export const MESSAGE_PATHS: Readonly<Record<MessageKind, string>> = { commit: "(commit message)", tag: "(tag message)" };

/** The message kind a `git.path` names, or undefined for a file of the repository. */
export function messageKindOf(path: string): MessageKind | undefined {
  return path === MESSAGE_PATHS.commit ? "commit" : path === MESSAGE_PATHS.tag ? "tag" : undefined;
}

/** Header fields that hold ids or signatures, never words a person wrote. */
const SKIPPED = new Set(["tree", "parent", "object", "type", "gpgsig", "gpgsig-sha256"]);

/** Lines git takes as the start of a signature appended to a tag's message (gpg-interface.c). */
const SIGNATURE_STARTS = ["-----BEGIN PGP SIGNATURE-----", "-----BEGIN PGP MESSAGE-----", "-----BEGIN SSH SIGNATURE-----", "-----BEGIN SIGNED MESSAGE-----"].map((s) => Buffer.from(s, "latin1"));

const NL = 0x0a;
const SP = 0x20;
const NEWLINE = Buffer.from("\n");

function startsWithAt(data: Buffer, at: number, end: number, prefix: Buffer): boolean {
  return end - at >= prefix.length && data.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;
}

function isSignatureStart(data: Buffer, at: number, end: number): boolean {
  return SIGNATURE_STARTS.some((s) => startsWithAt(data, at, end, s));
}

/** The end of the line starting at `at` (the newline's index, or `end`). */
function lineEnd(data: Buffer, at: number, end: number): number {
  const nl = data.indexOf(NL, at);
  return nl < 0 || nl >= end ? end : nl;
}

/** The lengths of the field names looked for: other names are never made strings (a header of a million lines stays cheap). */
const FIELD_LENGTHS = new Set([...SKIPPED, "mergetag"].map((f) => f.length));
const MAX_FIELD = Math.max(...FIELD_LENGTHS);

/** A header line's field name (the bytes before its first space) when it may be one looked for, else "". */
function fieldOf(data: Buffer, at: number, eol: number): string {
  const stop = Math.min(eol, at + MAX_FIELD + 1);
  let end = stop;
  for (let i = at; i < stop; i++) {
    if (data[i] === SP) {
      end = i;
      break;
    }
  }
  return FIELD_LENGTHS.has(end - at) ? data.toString("latin1", at, end) : "";
}

/** Where the signature of a signed message starts in [from, end): the last line git would take for one, else `end`. */
function signatureStart(data: Buffer, from: number, end: number, lineOffset: number): number {
  let sig = end;
  for (let at = from; at < end; ) {
    const eol = lineEnd(data, at, end);
    if (isSignatureStart(data, at + lineOffset, eol)) sig = at;
    at = eol + 1;
  }
  return sig;
}

/**
 * Calls `part` with the text of a commit or tag object worth scanning, in order: the kept header
 * lines, then the message (a tag's without its signature). The parts, joined, read as the
 * object's text with the skipped lines left out. A merge commit's `mergetag` header (the signed
 * tag it merged, indented by one space) is read as a tag. Never throws; linear in the object's size.
 */
export function forEachMessagePart(data: Buffer, kind: MessageKind, part: (text: Buffer) => void): void {
  const split = data.indexOf("\n\n");
  const headEnd = split < 0 ? data.length : split;
  // Kept lines next to each other are handed on as one part: a header of a million short lines stays cheap.
  let run = -1;
  const flush = (to: number): void => {
    if (run >= 0) part(data.subarray(run, to));
    run = -1;
  };
  for (let at = 0; at < headEnd; ) {
    const eol = lineEnd(data, at, headEnd);
    // A continuation line (` …`) goes with the field above: in the run when it is kept, else skipped with it.
    if (data[at] !== SP) {
      const field = fieldOf(data, at, eol);
      if (kind === "commit" && field === "mergetag") {
        flush(at);
        // The field's value runs on over the continuation lines after it.
        let blockEnd = eol;
        while (blockEnd + 1 < headEnd && data[blockEnd + 1] === SP) blockEnd = lineEnd(data, blockEnd + 1, headEnd);
        mergedTagParts(data, at + field.length + 1, blockEnd, part);
        at = blockEnd + 1;
        continue;
      }
      if (SKIPPED.has(field)) flush(at);
      else if (run < 0) run = at;
    }
    at = eol + 1;
  }
  if (run >= 0) line(data, run, headEnd, part);
  if (split < 0) return;
  const bodyStart = split + 2;
  const bodyEnd = kind === "tag" ? signatureStart(data, bodyStart, data.length, 0) : data.length;
  if (bodyEnd > bodyStart) part(data.subarray(bodyStart, bodyEnd));
}

/** One line, from `at` to `eol`, with its newline. */
function line(data: Buffer, at: number, eol: number, part: (text: Buffer) => void): void {
  if (eol < data.length && data[eol] === NL) part(data.subarray(at, eol + 1));
  else {
    part(data.subarray(at, eol));
    part(NEWLINE);
  }
}

/**
 * A `mergetag` header's tag, from `start` (after `mergetag `) to `end`: its first line as is, each
 * further line without its leading space. Kept as for a tag: no `object`/`type` lines, no signature.
 */
function mergedTagParts(data: Buffer, start: number, end: number, part: (text: Buffer) => void): void {
  // Every line after the first starts with the space that marks a continuation.
  const lineText = (at: number): number => (at === start ? at : at + 1);
  let body = -1;
  for (let at = start; at < end && body < 0; ) {
    const eol = lineEnd(data, at, end);
    if (lineText(at) >= eol) body = eol + 1;
    at = eol + 1;
  }
  const headEnd = body < 0 ? end : body;
  for (let at = start; at < headEnd; ) {
    const eol = lineEnd(data, at, end);
    const text = lineText(at);
    if (text < eol && !SKIPPED.has(fieldOf(data, text, eol))) line(data, text, eol, part);
    at = eol + 1;
  }
  if (body < 0 || body >= end) return;
  const sig = signatureStart(data, body, end, 1);
  for (let at = body; at < sig; ) {
    const eol = lineEnd(data, at, end);
    line(data, Math.min(at + 1, eol), eol, part);
    at = eol + 1;
  }
}
