/** What the benches share: measuring in a child process (bench/measure.ts) and taking medians. */
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository (this module runs from dist/bench/). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** What bench/measure.ts prints for one run. */
export interface Measurement {
  mode: string;
  seconds: number;
  maxRssMiB: number;
  findings?: number;
  locations?: number;
  kinds?: string[];
  warnings?: string[];
}

const MEASURE = join(dirname(fileURLToPath(import.meta.url)), "measure.js");

/** One measurement in its own process, so its peak RSS is its own. */
export function runMeasure(args: readonly string[]): Measurement {
  return JSON.parse(execFileSync(process.execPath, [MEASURE, ...args], { maxBuffer: 1 << 24 }).toString()) as Measurement;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
