/** How bad an exposure is, most severe first. */
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How sure a detector is that a match is a real secret. */
export type Confidence = "high" | "medium" | "low";

/** Ranks a severity: 4 = critical … 0 = info. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
}

/** Where a piece of text being scanned comes from; rules may look at the path. */
export interface ScanContext {
  /** Absolute path in the image (files), or undefined for config/history text. */
  path?: string;
  /** Index of the layer being scanned. */
  layer?: number;
  /** The bytes are a binary (executable, library…): strings in it may be packed with no separator. */
  binary?: boolean;
}

/** A secret a rule found in a buffer. Offsets are byte offsets into the scanned buffer. */
export interface RuleHit {
  ruleId: string;
  kind: string;
  secret: string;
  /** Name the secret goes by at this place (ENV/ARG name, file key), when there is one. */
  name?: string;
  start: number;
  end: number;
  severity: Severity;
  confidence: Confidence;
}

/** Examples a rule proves itself against in tests: each `match` must yield `secret`, each `noMatch` nothing. */
export interface RuleExamples {
  match: { text: string; secret: string; path?: string }[];
  noMatch: { text: string; path?: string; why: string }[];
}

/**
 * One secret kind: how to find it (keywords for the prefilter, a pattern with a `secret`
 * group), how to reject look-alikes, and what to do about it.
 */
export interface SecretRule {
  id: string;
  /** Secret kind reported in findings, e.g. `github-token`. */
  kind: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  /**
   * Literal strings (ASCII, matched case-insensitively) one of which appears in or next to
   * every match; only regions around them are searched. Empty: the rule needs `paths`.
   */
  keywords: string[];
  /** Pattern with a named group `secret` (and optionally `name`); the engine adds the `g` flag. */
  pattern: RegExp;
  /** A literal that must be in a region for the pattern to be worth running there (a cheap pre-check). */
  requires?: string;
  /** Bytes of context to search after a keyword hit for multi-line secrets (default: to the end of the line). */
  reach?: number;
  /** Only files whose path matches; such a rule also runs without a keyword hit. */
  paths?: RegExp;
  /**
   * The check verifies a checksum or structure, so a match needs no boundaries in a binary (a
   * Go binary packs its string constants with no separator between them).
   */
  verified?: boolean;
  /** Lower rank = preferred when two rules report the same secret (provider rules 10, formats 20, generic 30+). */
  priority: number;
  /** Rejects a candidate (bad checksum, placeholder…); may adjust the hit. Return undefined to drop it. */
  check?(hit: RuleHit, groups: Record<string, string | undefined>, ctx: ScanContext, line: string): RuleHit | undefined;
  /** How to revoke or rotate this kind of secret (one line). */
  remediation: string;
  /** The provider's documentation on revoking or rotating it (https URL). */
  docs: string;
  examples: RuleExamples;
}
