import { decodeBase64 } from "../../base64.js";
import { shannonEntropy } from "../../entropy.js";
import { isPlaceholder } from "../../placeholders.js";
import type { RuleHit, ScanContext } from "../../types.js";

/**
 * Helpers shared by the provider rules in cloud/ and infra/: the `NAME = value` shape of
 * keyword-context rules, and the look-alike filters every rule applies to its candidates.
 */

/**
 * Between a name and its value: `=`, `:`, `:=`, `=>` or blanks (`ENV NAME value`, `--flag value`),
 * each side optionally quoted (also JSON-escaped quotes, as in a config dumped into a string).
 */
const SEPARATOR = String.raw`\\?["'\x60]?(?:[ \t]*(?:=>|:=|=|:)[ \t]*|[ \t]+)\\?["'\x60]?`;

/**
 * A keyword-context pattern: a variable whose name contains one of `names` (a regex
 * alternation, matched case-insensitively) assigned a value of the shape `value`. `tail` is the
 * character class (without brackets) that may not follow the value, so a longer string does not
 * match a shorter format. The `i` flag also makes `value` case-insensitive: rules re-check the
 * exact shape in `check` (see `accept`).
 */
export function assigned(names: string, value: string, tail = String.raw`A-Za-z0-9_\-`): RegExp {
  return new RegExp(
    String.raw`(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,40}?(?:${names})[A-Za-z0-9_.-]{0,24}?)${SEPARATOR}(?<secret>${value})(?![${tail}*])`,
    "i",
  );
}

/**
 * Like `assigned`, but the name is optional: for formats that identify themselves by a prefix
 * and also have an older unprefixed form that counts only next to a name (the rule's `check`
 * looks at `groups.name` to tell them apart).
 */
export function maybeAssigned(names: string, value: string, tail = String.raw`A-Za-z0-9_\-`): RegExp {
  return new RegExp(
    String.raw`(?:(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,40}?(?:${names})[A-Za-z0-9_.-]{0,24}?)${SEPARATOR})?(?<![${tail}])(?<secret>${value})(?![${tail}*])`,
    "i",
  );
}

/** Words that documentation and templates put where a secret goes. */
const DOC_WORDS = /example|sample|dummy|placeholder|redacted|changeme|your|xxxxx|\*\*\*/i;

/** True when `s` holds a run of `n` characters each one code point above the previous (`abcdefg`, `1234567`). */
export function hasAscendingRun(s: string, n = 7): boolean {
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = s.charCodeAt(i) === s.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= n) return true;
  }
  return false;
}

/**
 * True when `secret` could be a real credential: not a placeholder or documentation value, not
 * an alphabet run (`abcdefg…`, `1234567…`), no run of seven equal characters, and at least
 * `minEntropy` bits of Shannon entropy per character. (Random hex meets either run about
 * once in 200,000 tokens.)
 */
export function plausible(secret: string, minEntropy = 3): boolean {
  if (isPlaceholder(secret) || DOC_WORDS.test(secret)) return false;
  if (hasAscendingRun(secret) || /(.)\1{6,}/.test(secret)) return false;
  return shannonEntropy(secret) >= minEntropy;
}

export interface AcceptOptions {
  /** The exact shape the secret must have (patterns built by `assigned` match case-insensitively). */
  shape?: RegExp;
  /** Minimum Shannon entropy in bits per character (default 3). */
  entropy?: number;
  /** Something the line around the match must hold (provider context). */
  line?: RegExp;
  /** The part of the secret the entropy and placeholder tests judge (default: all of it). */
  body?: (secret: string) => string;
}

/** A `check` that keeps a hit only when its secret has the exact shape and is `plausible`. */
export function accept(options: AcceptOptions = {}) {
  return (hit: RuleHit, _groups: Record<string, string | undefined>, _ctx: ScanContext, line: string): RuleHit | undefined => {
    if (options.shape && !options.shape.test(hit.secret)) return undefined;
    if (options.line && !options.line.test(line)) return undefined;
    const body = options.body ? options.body(hit.secret) : hit.secret;
    return plausible(body, options.entropy) ? hit : undefined;
  };
}

export { decodeBase64 };

/** True when `text` is the base64 of exactly `bytes` bytes, in canonical padded form. */
export function isBase64OfLength(text: string, bytes: number): boolean {
  const decoded = decodeBase64(text);
  return decoded !== undefined && decoded.length === bytes && decoded.toString("base64") === text;
}
