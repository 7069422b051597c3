import { GitFormatError } from "./options.js";

/** The four kinds of git object. */
export type ObjectType = "commit" | "tree" | "blob" | "tag";

export const OBJECT_TYPES: readonly ObjectType[] = ["commit", "tree", "blob", "tag"];

/** An object's type and content (without the `type size\0` header). */
export interface GitObject {
  type: ObjectType;
  data: Buffer;
}

export function isObjectType(s: string): s is ObjectType {
  return (OBJECT_TYPES as readonly string[]).includes(s);
}

/** What the history walk needs of a commit. */
export interface CommitInfo {
  tree: string;
  parents: string[];
  /** Committer time (seconds since the epoch), else the author's, else 0. */
  time: number;
}

const HEX = /^[0-9a-f]+$/;

function isId(s: string, hexLen: number): boolean {
  return s.length === hexLen && HEX.test(s);
}

/**
 * The header lines of a commit or tag (up to the blank line), continuation lines (` …`) dropped.
 * One at a time: a hostile header of millions of lines is never held as an array of strings.
 */
function* headerLines(data: Buffer): Generator<string> {
  const split = data.indexOf("\n\n");
  const end = split < 0 ? data.length : split;
  for (let at = 0; at < end; ) {
    const nl = data.indexOf(0x0a, at);
    const eol = nl < 0 || nl > end ? end : nl;
    if (data[at] !== 0x20) yield data.toString("latin1", at, eol);
    at = eol + 1;
  }
}

function timeOf(line: string): number | undefined {
  // `committer Name <email> 1700000000 +0000`: the time is the second field from the end.
  const m = /> (-?\d+) [+-]\d{4}$/.exec(line);
  if (!m) return undefined;
  const t = Number(m[1]);
  return Number.isSafeInteger(t) ? t : undefined;
}

/** Parses a commit's headers. */
export function parseCommit(data: Buffer, hexLen: number): CommitInfo {
  let tree: string | undefined;
  const parents: string[] = [];
  let committed: number | undefined;
  let authored: number | undefined;
  for (const line of headerLines(data)) {
    const sp = line.indexOf(" ");
    const key = sp < 0 ? line : line.slice(0, sp);
    const value = sp < 0 ? "" : line.slice(sp + 1);
    if (key === "tree" && tree === undefined) tree = value;
    else if (key === "parent") {
      if (!isId(value, hexLen)) throw new GitFormatError("commit has a malformed parent line");
      parents.push(value);
    } else if (key === "committer") committed = timeOf(value);
    else if (key === "author") authored = timeOf(value);
  }
  if (tree === undefined || !isId(tree, hexLen)) throw new GitFormatError("commit has no valid tree line");
  return { tree, parents, time: committed ?? authored ?? 0 };
}

/** One entry of a tree. */
export interface TreeEntry {
  mode: number;
  name: string;
  id: string;
}

/** A tree entry's kind, from its mode. */
export function entryKind(mode: number): "tree" | "blob" | "commit" | undefined {
  const type = mode & 0o170000;
  if (type === 0o040000) return "tree";
  if (type === 0o100000 || type === 0o120000) return "blob";
  if (type === 0o160000) return "commit";
  return undefined;
}

/**
 * Calls `visit` for each entry of a tree (`mode SP name NUL id` records, ids raw, `hashLen`
 * bytes) with its mode and where its name and id are in `data`: nothing is copied, so walking
 * every tree of a large history stays cheap. Throws GitFormatError on a malformed entry.
 */
export function forEachTreeEntry(data: Buffer, hashLen: number, visit: (mode: number, nameStart: number, nameEnd: number, idStart: number) => void): void {
  let pos = 0;
  while (pos < data.length) {
    let mode = 0;
    let i = pos;
    for (; i < data.length && data[i] !== 0x20; i++) {
      const d = data[i]! - 0x30;
      if (d < 0 || d > 7 || i - pos >= 7) throw new GitFormatError("tree entry with a malformed mode");
      mode = mode * 8 + d;
    }
    if (i === pos || i >= data.length) throw new GitFormatError("tree entry without a mode");
    const nul = data.indexOf(0, i + 1);
    if (nul < 0 || nul + 1 + hashLen > data.length) throw new GitFormatError("tree entry cut short");
    visit(mode, i + 1, nul, nul + 1);
    pos = nul + 1 + hashLen;
  }
}

/** Fields per entry in `treeOffsets`: entry start, name start, name end, id start, mode. */
export const TREE_FIELDS = 5;

/** Where each entry of a tree is (TREE_FIELDS numbers per entry); throws GitFormatError on a malformed tree. */
export function treeOffsets(data: Buffer, hashLen: number): Int32Array {
  // An entry takes at least hashLen + 3 bytes (a one-digit mode, a space, an empty name's NUL).
  const out = new Int32Array(Math.floor(data.length / (hashLen + 3)) * TREE_FIELDS);
  let n = 0;
  let start = 0;
  forEachTreeEntry(data, hashLen, (mode, ns, ne, id) => {
    out[n] = start;
    out[n + 1] = ns;
    out[n + 2] = ne;
    out[n + 3] = id;
    out[n + 4] = mode;
    n += TREE_FIELDS;
    start = id + hashLen;
  });
  return out.subarray(0, n);
}

/** Parses a tree into entries (ids as hex). */
export function parseTree(data: Buffer, hashLen: number): TreeEntry[] {
  const out: TreeEntry[] = [];
  forEachTreeEntry(data, hashLen, (mode, ns, ne, id) => out.push({ mode, name: data.toString("utf8", ns, ne), id: data.toString("hex", id, id + hashLen) }));
  return out;
}

/** What an annotated tag points at. */
export interface TagInfo {
  object: string;
  type: ObjectType;
}

export function parseTag(data: Buffer, hexLen: number): TagInfo {
  let object: string | undefined;
  let type: string | undefined;
  for (const line of headerLines(data)) {
    if (line.startsWith("object ")) object ??= line.slice(7);
    else if (line.startsWith("type ")) type ??= line.slice(5);
  }
  if (object === undefined || !isId(object, hexLen) || type === undefined || !isObjectType(type)) throw new GitFormatError("tag has no valid object/type lines");
  return { object, type };
}
