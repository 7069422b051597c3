/** Reads the Dockerfiles a result's locations name, for the HTML report's source panels (the only I/O of the report). */

import { open } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import type { ScanResult } from "../../findings/types.js";

/** Dockerfiles larger than this are not shown (a Dockerfile is kilobytes; this is not one). */
export const MAX_DOCKERFILE_BYTES = 1 << 20;

async function readSmallFile(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, "r");
    const st = await handle.stat();
    if (!st.isFile() || st.size > MAX_DOCKERFILE_BYTES) return undefined;
    return await handle.readFile("utf8");
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

/**
 * The text of every Dockerfile the result's locations name (`scan --dockerfile`, lint, the
 * COPYs of `context`), keyed by the name as the locations give it. A name is read relative to
 * `cwd` (as the command was given it), and for a `context:DIR` target also relative to DIR. One
 * that cannot be read, is not a regular file or is over 1 MiB is left out: the report still
 * names its lines, it only cannot show them.
 */
export async function readDockerfiles(result: ScanResult, cwd = process.cwd()): Promise<Map<string, string>> {
  const places = new Map<string, Set<string>>();
  for (const f of result.findings) {
    for (const l of f.locations) {
      const refs = [...(l.dockerfile ? [l.dockerfile] : []), ...(l.status === "context" ? (l.copiedBy ?? []) : [])];
      for (const ref of refs) {
        const dirs = places.get(ref.file) ?? new Set<string>();
        dirs.add(cwd);
        if (l.target.startsWith("context:")) dirs.add(resolve(cwd, l.target.slice("context:".length)));
        places.set(ref.file, dirs);
      }
    }
  }
  const out = new Map<string, string>();
  for (const [file, dirs] of places) {
    for (const dir of isAbsolute(file) ? [""] : dirs) {
      const text = await readSmallFile(isAbsolute(file) ? file : resolve(dir, file));
      if (text !== undefined) {
        out.set(file, text);
        break;
      }
    }
  }
  return out;
}
