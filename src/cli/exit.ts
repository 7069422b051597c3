import { SEVERITIES, severityRank, type Severity } from "../detect/types.js";
import type { ScanResult } from "../findings/types.js";

/** `--fail-on` values: a severity, or `none` to never fail on findings. */
export type FailOn = Severity | "none";

export function parseFailOn(text: string): FailOn {
  const v = text.toLowerCase();
  if (v === "none" || (SEVERITIES as readonly string[]).includes(v)) return v as FailOn;
  throw new Error(`--fail-on must be one of ${SEVERITIES.join(", ")}, none (got ${JSON.stringify(text)})`);
}

/**
 * 0: nothing at or above the threshold; 1: findings at or above it; 2: nothing could be read.
 * Held-back findings (test data, docs, published test keys) count only with `all`.
 */
export function exitCodeFor(result: ScanResult, failOn: FailOn, all = false): 0 | 1 | 2 {
  if (result.targets.length > 0 && result.targets.every((t) => t.error)) return 2;
  if (failOn === "none") return 0;
  const floor = severityRank(failOn);
  return result.findings.some((f) => (all || !f.heldBack) && severityRank(f.severity) >= floor) ? 1 : 0;
}
