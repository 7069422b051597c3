/**
 * Paths inside the image being built: resolving what a command or instruction names against
 * the working directory and HOME, and matching shell/COPY glob patterns.
 */

import { posix } from "node:path";

/** Normalises an absolute path: no `.`/`..`, no trailing slash (except `/`). */
export function normalise(p: string): string {
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith("/") ? n.slice(0, -1) : n;
}

/**
 * An absolute path for `p` written in a command: `~` and `$HOME` are the home directory, a
 * relative path is under `cwd`. Undefined when it still holds an expansion (`$X`, `$(…)`).
 */
export function resolveShellPath(p: string, cwd: string, home: string): string | undefined {
  let s = p;
  if (s === "~" || s.startsWith("~/")) s = home + s.slice(1);
  s = s.replace(/^\$\{?HOME\}?(?=\/|$)/, home);
  if (s === "" || s.includes("$") || s.includes("`")) return undefined;
  return normalise(s.startsWith("/") ? s : posix.join(cwd, s));
}

/** A COPY/ADD/WORKDIR path: relative to `cwd`, no `~` expansion. */
export function resolveImagePath(p: string, cwd: string): string {
  return normalise(p.startsWith("/") ? p : posix.join(cwd, p));
}

const GLOB_CHARS = /[*?[]/;

export function hasGlob(p: string): boolean {
  return GLOB_CHARS.test(p);
}

const cache = new Map<string, RegExp>();

/** Shell/Go filepath.Match glob as a regular expression over a whole path (`*` and `?` do not match `/`). */
export function globRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  let out = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const j = pattern.indexOf("]", i + 2);
      if (j < 0) out += "\\[";
      else {
        let cls = pattern.slice(i + 1, j);
        if (cls.startsWith("!") || cls.startsWith("^")) cls = "^" + cls.slice(1);
        out += "[" + cls.replace(/\\/g, "\\\\") + "]";
        i = j;
      }
    } else if (c === "\\" && i + 1 < pattern.length) {
      out += "\\" + pattern[++i];
    } else out += c.replace(/[.+^${}()|\]\\/]/g, "\\$&");
  }
  out += "$";
  try {
    re = new RegExp(out);
  } catch {
    re = new RegExp("^" + pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "$");
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** True when `pattern` (an absolute path, maybe with globs) names `path` or a directory above it. */
export function covers(pattern: string, path: string): boolean {
  if (pattern === "/") return true;
  if (!hasGlob(pattern)) return path === pattern || path.startsWith(pattern + "/");
  const re = globRegExp(pattern);
  for (let p = path; p.length > 0; ) {
    if (re.test(p)) return true;
    const cut = p.lastIndexOf("/");
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return false;
}

/**
 * Where `path` lands when a COPY source `source` (absolute in the source tree, maybe a glob)
 * is copied to `dest`: undefined when the source does not select it. A directory source (or a
 * directory a glob matches) copies its contents; a file goes into `dest`, as `dest/<name>` when
 * `destIsDir` or the source is a glob.
 */
export function copyTarget(source: string, path: string, dest: string, destIsDir: boolean): string | undefined {
  if (source === "/" || (!hasGlob(source) && path.startsWith(source + "/"))) {
    const rel = source === "/" ? path.slice(1) : path.slice(source.length + 1);
    return normalise(posix.join(dest, rel));
  }
  if (!hasGlob(source) && path === source) return destIsDir ? normalise(posix.join(dest, posix.basename(path))) : dest;
  if (hasGlob(source)) {
    const re = globRegExp(source);
    // The match may be a directory above `path`: like a directory source, its contents are copied.
    for (let p = path; p.length > 0; ) {
      if (re.test(p)) {
        if (p === path) return normalise(posix.join(dest, posix.basename(p)));
        return normalise(posix.join(dest, path.slice(p.length + 1)));
      }
      const cut = p.lastIndexOf("/");
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
  }
  return undefined;
}

/**
 * Whether a destination written without a trailing slash is most likely a directory that already
 * exists (`COPY .netrc /root`, `cp /run/secrets/x /tmp`): its name has no dot and differs from the
 * source's.
 */
export function looksLikeDir(dest: string, source: string): boolean {
  const d = posix.basename(dest);
  return dest === "/" || (!d.includes(".") && d !== posix.basename(source));
}
