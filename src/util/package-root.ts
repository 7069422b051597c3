import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/**
 * A file shipped in dredge's package (schema/…), found by walking up to dredge's package.json:
 * this module sits at dist/src/util/ when built and in dist/bundle/ when bundled into the CLI.
 */
export function packageFile(...parts: string[]): string {
  if (root === undefined) {
    for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
      const manifest = join(dir, "package.json");
      if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "dredge") {
        root = dir;
        break;
      }
      if (dirname(dir) === dir) throw new Error("dredge's package.json was not found above its code");
    }
  }
  return join(root, ...parts);
}
