import { posix } from "node:path";

/** A layer member's name as an absolute, normalised path in the image, and what was odd about it. */
export interface NormalisedPath {
  path: string;
  /** Set when the name was absolute or tried to climb out of the root with `..`. */
  suspicious?: "absolute" | "escapes-root";
}

/**
 * Normalises a tar member name to an absolute path inside the image. `..` can never climb
 * above `/` (as when a runtime applies the layer under its root), and such names are flagged.
 */
export function normaliseMemberName(name: string): NormalisedPath {
  let depth = 0;
  let escapes = false;
  for (const seg of name.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (depth === 0) escapes = true;
      else depth--;
    } else depth++;
  }
  let path = posix.normalize("/" + name);
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  if (escapes) return { path, suspicious: "escapes-root" };
  if (name.startsWith("/")) return { path, suspicious: "absolute" };
  return { path };
}

/** Whiteout prefix of the OCI / AUFS layer format. */
export const WHITEOUT_PREFIX = ".wh.";
/** A whiteout of this name makes its directory opaque (hides everything from lower layers). */
export const OPAQUE_MARKER = ".wh..wh..opq";

/** What a layer member does to the filesystem view, judged by its name. */
export type WhiteoutKind = { kind: "whiteout"; target: string } | { kind: "opaque"; dir: string } | { kind: "meta" } | undefined;

/** Recognises `.wh.NAME` (deletes NAME) and `.wh..wh..opq` (opaque directory) members. */
export function whiteoutOf(path: string): WhiteoutKind {
  const slash = path.lastIndexOf("/");
  const base = path.slice(slash + 1);
  if (!base.startsWith(WHITEOUT_PREFIX)) return undefined;
  const dir = slash <= 0 ? "/" : path.slice(0, slash);
  if (base === OPAQUE_MARKER) return { kind: "opaque", dir };
  // Other `.wh..wh.` names (AUFS hard-link bookkeeping) carry no filesystem meaning.
  if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) return { kind: "meta" };
  const name = base.slice(WHITEOUT_PREFIX.length);
  return { kind: "whiteout", target: dir === "/" ? `/${name}` : `${dir}/${name}` };
}
