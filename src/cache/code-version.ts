import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { VERSION } from "../version.js";

/** The folders whose code decides what a layer scan finds. */
const DETECTION_CODE = ["detect", "scan", "layers", "archives", "git"];

async function jsFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".js"))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

let memo: Promise<string> | undefined;

/** Set by the CLI bundle (scripts/bundle-cli.mjs) to this function's result at build time. */
declare const DREDGE_DETECTION_CODE_VERSION: string | undefined;

/**
 * A hash of dredge's version and the code that finds secrets in layers, so a cached layer
 * result is never reused by a different detector (a development build changes it without a
 * version bump). The bundled CLI has it as a constant; the modules hash their folders once per process.
 */
export function detectionCodeVersion(): Promise<string> {
  if (typeof DREDGE_DETECTION_CODE_VERSION === "string") return Promise.resolve(DREDGE_DETECTION_CODE_VERSION);
  memo ??= (async () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), "..");
    const h = createHash("sha256").update(VERSION);
    for (const folder of DETECTION_CODE) {
      for (const file of await jsFiles(join(src, folder))) {
        h.update(file.slice(src.length)).update("\0").update(await readFile(file)).update("\0");
      }
    }
    return h.digest("hex");
  })();
  return memo;
}
