/** Finding the Dockerfiles a `dredge lint` run is given: files as they are, directories searched. */

import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

const SKIP_DIRS = new Set(["node_modules", ".git"]);

/** `Dockerfile`, `Dockerfile.*`, `*.Dockerfile` (any case) and `Containerfile`, but not `*.dockerignore`. */
export function isDockerfileName(name: string): boolean {
  if (/\.dockerignore$/i.test(name)) return false;
  return /^(?:dockerfile|containerfile)(?:\..+)?$/i.test(name) || /.\.(?:dockerfile|containerfile)$/i.test(name);
}

export interface Discovered {
  /** Dockerfiles found, in the order the paths were given (each directory's sorted). */
  files: string[];
  /** Paths that could not be read, with why. */
  errors: { path: string; error: string }[];
}

async function walk(dir: string, out: string[], depth: number): Promise<void> {
  if (depth > 64) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(p, out, depth + 1);
    } else if ((e.isFile() || e.isSymbolicLink()) && isDockerfileName(e.name)) out.push(p);
  }
}

/** Expands paths into Dockerfiles: a file is taken as it is, a directory is searched recursively. */
export async function findDockerfiles(paths: readonly string[]): Promise<Discovered> {
  const files: string[] = [];
  const errors: Discovered["errors"] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch (e) {
      errors.push({ path: p, error: (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : "cannot be read" });
      continue;
    }
    if (s.isDirectory()) {
      const found: string[] = [];
      await walk(p, found, 0);
      if (found.length === 0) errors.push({ path: p, error: "no Dockerfile in this directory" });
      files.push(...found);
    } else files.push(p);
  }
  return { files: [...new Set(files)], errors };
}
