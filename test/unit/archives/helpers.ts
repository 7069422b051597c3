import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { ArchiveLimits } from "../../../src/archives/limits.js";
import { Detector } from "../../../src/detect/engine.js";
import { BUILTIN_RULES } from "../../../src/detect/rules/index.js";
import { scanLayer } from "../../../src/scan/layer-job.js";
import type { FileHit } from "../../../src/scan/layer-scan.js";
import { makeTar, type TarSpec } from "../../helpers/tar-writer.js";

/** A GitHub token with a valid checksum (found with high confidence). */
export const TOKEN = "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";
/** An AWS access key ID (not AWS's documented example). */
export const AWS_KEY = "AKIAQ3EGRV4WLN7XCU2P";

let detector: Detector | undefined;
export function testDetector(): Detector {
  detector ??= new Detector(BUILTIN_RULES);
  return detector;
}

/** Runs `fn` with a fresh temporary directory, removed afterwards. */
export async function withTmp<T>(fn: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "dredge-arc-"));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a real tool; returns its stdout. */
export function sh(cmd: string, args: string[], opts: { cwd?: string; input?: Buffer | string } = {}): Buffer {
  return execFileSync(cmd, args, { cwd: opts.cwd, input: opts.input, maxBuffer: 1 << 30, stdio: ["pipe", "pipe", "pipe"] });
}

/** Runs a Python 3 program (for zipfile: ZIP64, data descriptors, hand-made hostile zips). */
export function python(code: string, cwd?: string): Buffer {
  return sh("python3", ["-c", code], cwd ? { cwd } : {});
}

export function read(dir: string, name: string): Buffer {
  return readFileSync(join(dir, name));
}

export interface LayerScan {
  hits: FileHit[];
  notes: string[];
  /** `path!inner!…` of every hit's file, with the rule id. */
  where: string[];
}

/** Scans one layer made of `files` with the archive reader on (`limits`), as a layer scan does. */
export async function scanFiles(files: TarSpec[], archives: ArchiveLimits | false = {}): Promise<LayerScan> {
  const tar = makeTar(files);
  const r = await scanLayer({ kind: "blob", index: 0, where: "test layer", open: () => Readable.from([tar]) }, testDetector(), { archives, git: false });
  if (r.error) throw new Error(r.error);
  const where = r.hits.map((h) => `${[h.path, ...(h.inner ?? [])].join("!")} ${h.hit.ruleId}`);
  return { hits: r.hits, notes: r.notes ?? [], where };
}

/**
 * Where a secret was found inside archives, as `path!inner…` strings (a stored member is also
 * readable in the archive's raw bytes: that plain sighting is left out, as scans drop it).
 */
export function placesOf(scan: LayerScan, secret: string): string[] {
  return scan.hits.filter((h) => h.hit.secret === secret && h.inner).map((h) => [h.path, ...h.inner!].join("!"));
}
