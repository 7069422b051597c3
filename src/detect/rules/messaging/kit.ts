/**
 * Small pieces shared by the provider rules in messaging/, payments/, ai/ and observability/:
 * the "NAME = value" prefix of keyword-context rules, a look-alike filter for secret bodies,
 * keyword lists for short prefixes, and a strict base64 decoder for formats that carry a payload.
 */
import { decodeBase64 } from "../../base64.js";
import { shannonEntropy } from "../../entropy.js";
import { isPlaceholder } from "../../placeholders.js";
import type { RuleHit } from "../../types.js";

/** A UUID in its canonical 8-4-4-4-12 form (regex source). */
export const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/**
 * Regex source for a variable name containing `name` (itself a regex source; the rule's
 * pattern carries the `i` flag) followed by an assignment and an optional opening quote:
 * `DD_API_KEY=`, `datadog_api_key: "`, `"DD_API_KEY": "`, `ENV DD_API_KEY `, `'key' => '`,
 * `os.environ["DD_API_KEY"] = "`, `-H "DD-API-KEY: `, `\"dd_api_key\":\"` (JSON in a string).
 * Captures the whole variable name as `name`. Every quantifier is bounded.
 */
export function assignment(name: string): string {
  return (
    `(?<![A-Za-z0-9_.-])(?<name>[A-Za-z0-9_.-]{0,40}?(?:${name})[A-Za-z0-9_.-]{0,40})` +
    `(?:\\\\?["'\\]]){0,3}[ \\t]{0,4}(?:=>|:=|\\?=|[=:,]|[ \\t])[ \\t]{0,4}(?:\\\\?["'\`])?`
  );
}

/** Sequences that only documentation and hand-written examples put inside a key. */
const DOC_SEQUENCE = /0123456789|123456789|abcdefghij|ABCDEFGHIJ|deadbeef|example|sample|dummy|placeholder|your_?(?:api_?)?(?:key|token|secret)/i;

/**
 * True when `body` (the random part of a token, without its prefix) can be a real secret:
 * not a placeholder or mask, not a documentation sequence, no long run of one character, and
 * at least `minEntropy` bits of Shannon entropy per character.
 */
export function looksRandom(body: string, minEntropy = 3): boolean {
  if (isPlaceholder(body)) return false;
  if (isWordLike(body)) return false;
  if (DOC_SEQUENCE.test(body)) return false;
  if (/(.)\1{5,}/.test(body)) return false;
  return shannonEntropy(body) >= minEntropy;
}

/** True for identifiers made of words (`MailchimpTransactional`, `read_only_key`): code, not a key. */
function isWordLike(body: string): boolean {
  return /^[A-Za-z_.-]+$/.test(body) && body.replace(/[A-Z]?[a-z]{2,}|[A-Z]{2,}(?![a-z])/g, "").replace(/[_.-]/g, "") === "";
}

/** `hit` when `ok`, else undefined (a `check` that only accepts or drops). */
export function keepIf(ok: boolean, hit: RuleHit): RuleHit | undefined {
  return ok ? hit : undefined;
}

/**
 * Keywords for a prefix shorter than the engine's four-character minimum: the prefix followed
 * by each character that can start the token body (`hf_` → `hf_a` … `hf_z`). Matching is
 * ASCII case-insensitive, so lower-case letters stand for both cases.
 */
export function prefixKeywords(prefix: string, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"): string[] {
  return [...new Set(alphabet.toLowerCase())].map((c) => prefix + c);
}

export { decodeBase64 };

/** The JSON object `text` decodes to (base64 of a JSON object), or undefined. */
export function decodeJsonObject(text: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64(text);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
