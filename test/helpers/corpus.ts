/** The real-world Dockerfile corpus: ../shared/dockerfiles beside the repository, or `$DREDGE_DOCKERFILES`. */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** (This module runs from dist/test/helpers/.) */
export const CORPUS = resolve(process.env.DREDGE_DOCKERFILES ?? fileURLToPath(new URL("../../../../shared/dockerfiles", import.meta.url)));

/** Every file under the corpus, sorted. */
export function corpusFiles(dir = CORPUS): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
