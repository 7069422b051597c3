import { UsageError } from "../util/errors.js";
import type { ArchiveLimits } from "./limits.js";

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1 << 20, mb: 1 << 20, mib: 1 << 20, g: 1 << 30, gb: 1 << 30, gib: 1 << 30 };

/** A byte count from the command line: `67108864`, `64M`, `64MiB`, `512k`, `1G` (binary units). */
export function parseBytes(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UsageError(`${flag} must be a number of bytes such as 67108864, 64M or 1G (got ${JSON.stringify(text)})`);
  const n = Math.round(Number(m[1]) * unit);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag} is too large (got ${JSON.stringify(text)})`);
  return n;
}

/** Scan options for archives from `--archive-depth N` (0 = off) and `--archive-memory BYTES`; empty when neither is given. */
export function archiveOptions(depth: string | undefined, memory: string | undefined): { archives?: ArchiveLimits | false } {
  const limits: ArchiveLimits = {};
  if (depth !== undefined) {
    const n = Number(depth);
    if (!/^\s*\d+\s*$/.test(depth) || !Number.isSafeInteger(n) || n > 32) throw new UsageError(`--archive-depth must be a whole number from 0 (archives off) to 32 (got ${JSON.stringify(depth)})`);
    if (n === 0) return { archives: false };
    limits.depth = n;
  }
  if (memory !== undefined) limits.memoryBytes = parseBytes(memory, "--archive-memory");
  return Object.keys(limits).length ? { archives: limits } : {};
}
