import { createHash, randomBytes } from "node:crypto";
import { mkdir, rename, utimes, writeFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { LayerScanResult } from "../scan/layer-job.js";
import { errorMessage } from "../util/errors.js";
import { readOwnFileSync } from "../util/own-file.js";
import { detectionCodeVersion } from "./code-version.js";
import { sealResult } from "./sealed.js";

/** Bumped when the entry format changes. */
const FORMAT = 1;

/** What decides a layer's result besides its bytes: options and rules, all plain data. */
export interface DetectorSettings {
  /** The config's user rules, the layer read options, the nested readers' options. */
  settings: unknown;
  fingerprintSalt?: string;
}

/**
 * Per-layer scan results on disk, keyed by the layer's content digest and the detector that
 * made them, so scanning images that share layers costs their unique layers only. Entries hold
 * what the layer does to the filesystem and each hit's place, rule, fingerprint and preview:
 * never a secret value (see sealed.ts). Owner-only files; written whole or not at all.
 */
export class LayerCache {
  private constructor(
    private readonly dir: string,
    private readonly salt: string | undefined,
  ) {}

  /** Opens (creating) the cache for this detector under `root`. */
  static async open(root: string, detector: DetectorSettings): Promise<LayerCache> {
    const key = createHash("sha256")
      .update(JSON.stringify({ format: FORMAT, code: await detectionCodeVersion(), settings: detector.settings ?? null, salt: detector.fingerprintSalt ?? null }))
      .digest("hex")
      .slice(0, 32);
    const dir = join(root, "layers", key);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return new LayerCache(dir, detector.fingerprintSalt);
  }

  private file(digest: string): string {
    return join(this.dir, `${digest.replace(/[^A-Za-z0-9]/g, "_")}.json`);
  }

  /** The cached result of the layer with this digest (its `index` set by the caller), or undefined. */
  async get(digest: string): Promise<LayerScanResult | undefined> {
    // An entry another user could have written might hide a secret: only this user's own are read.
    const bytes = readOwnFileSync(this.file(digest));
    if (!bytes) return undefined;
    const text = bytes.toString("utf8");
    try {
      const entry = JSON.parse(text) as { digest?: string; result?: LayerScanResult };
      if (entry.digest !== digest || !entry.result || !Array.isArray(entry.result.hits)) return undefined;
      // The entry's time is its last use: `dredge cache prune` removes what no scan used lately.
      const now = new Date();
      await utimes(this.file(digest), now, now).catch(() => undefined);
      return entry.result;
    } catch {
      // A torn or foreign file is a miss; the next put replaces it.
      return undefined;
    }
  }

  /**
   * Stores a layer's result, sealed. Only whole reads are kept: a layer that failed, or whose
   * read stopped early, is scanned again next time. A cache that cannot be written costs the
   * next scan time, never this one's result: the error comes back for a warning.
   */
  async put(digest: string, result: LayerScanResult): Promise<string | undefined> {
    if (result.error || !result.facts || result.read?.problems.some((p) => p.fatal)) return undefined;
    const target = this.file(digest);
    const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      const sealed = await sealResult(result, this.salt);
      await writeFile(tmp, JSON.stringify({ digest, result: sealed }), { mode: 0o600, flag: "wx" });
      await rename(tmp, target);
      return undefined;
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      return `the layer cache could not be written (${errorMessage(err)})`;
    }
  }
}
