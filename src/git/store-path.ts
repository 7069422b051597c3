/**
 * Which files of a layer (or build context) belong to a git store, and which store: a `.git`
 * directory, a bare repository (a directory named `*.git`), or a submodule's store under
 * `.git/modules/`. Only the files the reader needs are named (objects, packs and their indexes,
 * refs, reflogs, the index, config): hooks, samples and logs of other tools are not held.
 */

/** A store file: the store's path and the file's path inside it. */
export interface StorePath {
  root: string;
  rel: string;
}

const LOOSE = /^objects\/[0-9a-f]{2}\/(?:[0-9a-f]{38}|[0-9a-f]{62})$/;
const PACK = /^objects\/pack\/pack-[0-9a-zA-Z_-]+\.(?:pack|idx)$/;
const TOP_FILES = new Set(["HEAD", "packed-refs", "config", "index", "ORIG_HEAD", "FETCH_HEAD", "MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD"]);
const TAIL_STARTS = new Set(["objects", "refs", "logs"]);

function isStoreRoot(segs: readonly string[]): boolean {
  const last = segs[segs.length - 1];
  if (last === undefined) return false;
  if (last === ".git" || (last.length > 4 && last.endsWith(".git"))) return true;
  // A submodule's store: …/.git/modules/<name…>
  const g = segs.lastIndexOf(".git");
  return g >= 0 && segs[g + 1] === "modules" && segs.length > g + 2;
}

function wanted(rel: string): boolean {
  if (rel.startsWith("objects/")) return LOOSE.test(rel) || PACK.test(rel);
  if (rel.startsWith("refs/") || rel.startsWith("logs/")) return rel.length > 5;
  return TOP_FILES.has(rel);
}

/** The store a file belongs to, or undefined when it is no store file the reader needs. */
export function storePathOf(path: string): StorePath | undefined {
  if (!path.includes(".git/")) return undefined;
  const segs = path.split("/");
  for (let j = 1; j < segs.length; j++) {
    const s = segs[j]!;
    if (!TAIL_STARTS.has(s) && !(j === segs.length - 1 && TOP_FILES.has(s))) continue;
    const root = segs.slice(0, j);
    if (!isStoreRoot(root)) continue;
    const rel = segs.slice(j).join("/");
    return wanted(rel) ? { root: root.join("/"), rel } : undefined;
  }
  return undefined;
}
