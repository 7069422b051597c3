/**
 * Refs of a store: HEAD (symbolic or detached), loose refs (`refs/**`), `packed-refs`, other
 * heads (ORIG_HEAD, FETCH_HEAD…) and reflogs (`logs/**`, both sides of each line). They are the
 * tips the history walk starts from; HEAD's commit decides `inHead`.
 */

/** The store files refs are read from: path relative to the store → bytes. */
export type RefFiles = ReadonlyMap<string, Buffer>;

export interface Refs {
  /** The commit (or tag) HEAD resolves to, when it does. */
  head?: string;
  /** Every id a ref, a reflog entry or a special head names (HEAD's among them). */
  tips: string[];
}

const MAX_SYMREF_HOPS = 8;

function idAt(line: string, hexLen: number): string | undefined {
  const id = line.slice(0, hexLen);
  return id.length === hexLen && /^[0-9a-f]+$/.test(id) && (line.length === hexLen || /\s/.test(line[hexLen]!)) ? id : undefined;
}

/** Loose and packed refs: ref name → id. */
function refTable(files: RefFiles, hexLen: number): Map<string, string> {
  const refs = new Map<string, string>();
  const packed = files.get("packed-refs");
  if (packed) {
    for (const line of packed.toString("latin1").split("\n")) {
      if (line.startsWith("#") || line.startsWith("^")) continue;
      const id = idAt(line, hexLen);
      if (id) refs.set(line.slice(hexLen + 1).trim(), id);
    }
  }
  // Loose refs win over packed ones (git writes the loose file when a packed ref moves).
  for (const [rel, bytes] of files) {
    if (!rel.startsWith("refs/")) continue;
    const text = bytes.toString("latin1").trim();
    const id = idAt(text, hexLen);
    if (id) refs.set(rel, id);
    else if (text.startsWith("ref: ")) refs.set(rel, text);
  }
  return refs;
}

function resolve(value: string, refs: Map<string, string>): string | undefined {
  let v: string | undefined = value;
  for (let hop = 0; v !== undefined && v.startsWith("ref: "); hop++) {
    if (hop >= MAX_SYMREF_HOPS) return undefined;
    v = refs.get(v.slice(5).trim());
  }
  return v;
}

/** Reads the refs of a store whose object ids are `hexLen` hex digits. */
export function readRefs(files: RefFiles, hexLen: number): Refs {
  const refs = refTable(files, hexLen);
  const tips = new Set<string>();
  for (const v of refs.values()) {
    const id = resolve(v, refs);
    if (id) tips.add(id);
  }
  let head: string | undefined;
  const headFile = files.get("HEAD")?.toString("latin1").trim();
  if (headFile !== undefined) {
    head = headFile.startsWith("ref: ") ? resolve(headFile, refs) : idAt(headFile, hexLen);
    if (head) tips.add(head);
  } else {
    // A layer that moved a branch but not HEAD (a later `git pull`) holds no HEAD file: HEAD is
    // most likely still on that branch (main or master, else the only branch the layer has).
    const heads = [...refs.keys()].filter((r) => r.startsWith("refs/heads/"));
    const branch = ["refs/heads/main", "refs/heads/master"].find((r) => refs.has(r)) ?? (heads.length === 1 ? heads[0] : undefined);
    if (branch) head = resolve(refs.get(branch)!, refs);
  }
  for (const [rel, bytes] of files) {
    const special = /^[A-Z_]*HEAD$/.test(rel) && rel !== "HEAD";
    if (!special && !rel.startsWith("logs/")) continue;
    for (const line of bytes.toString("latin1").split("\n")) {
      const first = idAt(line, hexLen);
      if (first) tips.add(first);
      // A reflog line is `old new name <email> time tz\tmessage`.
      if (rel.startsWith("logs/")) {
        const second = idAt(line.slice(hexLen + 1), hexLen);
        if (second) tips.add(second);
      }
    }
  }
  tips.delete("0".repeat(hexLen));
  const out: Refs = { tips: [...tips] };
  if (head) out.head = head;
  return out;
}
