import { shannonEntropy } from "../../entropy.js";
import { isPlaceholder } from "../../placeholders.js";
import type { RuleHit } from "../../types.js";

/** Words documentation and templates put into stand-in tokens. */
const DOC_WORDS = /example|sample|dummy|placeholder|redacted|fake|your[_-]?(?:token|key|secret|password)|xxxx|\*\*\*\*|\.\.\./i;

/** True when `s` holds `run` characters in a row whose codes go up (or down) one by one: `abcdef`, `654321`. */
function hasSequence(s: string, run: number): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (up >= run || down >= run) return true;
  }
  return false;
}

/**
 * True when a token body could be random: not a placeholder or documentation word, no run of
 * six ascending or descending characters (`abcdef…`, `123456…`), and at least `minEntropy`
 * bits of Shannon entropy per character (random hex is near 3.8, random base62 near 4.3).
 */
export function isRandomLooking(body: string, minEntropy = 3): boolean {
  if (isPlaceholder(body) || DOC_WORDS.test(body)) return false;
  if (hasSequence(body, 6)) return false;
  return shannonEntropy(body) >= minEntropy;
}

/**
 * True when a random alphanumeric body has digits, lower- and upper-case letters, as all but a
 * fraction of a percent of random 30+ character ones do; camel-case words have no digits.
 */
export function hasMixedAlphanumerics(body: string): boolean {
  return /[0-9]/.test(body) && /[a-z]/.test(body) && /[A-Z]/.test(body);
}

/** A rule check keeping hits whose secret, past its first `skip` characters, looks random. */
export function randomBody(skip: number, minEntropy = 3): (hit: RuleHit) => RuleHit | undefined {
  return (hit) => (isRandomLooking(hit.secret.slice(skip), minEntropy) ? hit : undefined);
}

/** Like `randomBody`, for alphanumeric bodies of 30+ characters: also digits and both cases. */
export function randomAlphanumericBody(skip: number, minEntropy = 3.5): (hit: RuleHit) => RuleHit | undefined {
  return (hit) => {
    const body = hit.secret.slice(skip);
    return hasMixedAlphanumerics(body) && isRandomLooking(body, minEntropy) ? hit : undefined;
  };
}

/** What may follow a variable's name and keep it the same secret: `_PROD`, `-staging`, `_2`. */
const ENV_SUFFIX = String.raw`(?:[_.-]?(?:prod(?:uction)?|dev(?:elopment)?|staging|stage|test|ci|local|live|\d{1,3}))?`;

/**
 * A pattern for a value assigned to a provider-named variable on one line: env files and shell
 * (`NAME=v`, `export NAME="v"`), YAML (`name: v`), JSON (`"name": "v"`), code (`name = 'v'`,
 * `name => v`), build history (`|1 NAME=v`) and, with `spaces`, Dockerfile `ENV NAME v`.
 * `names` is a regex source for the name's distinctive part; up to 40 name characters may come
 * before it (`MY_CIRCLE_TOKEN`) and an environment or number after it (`CODECOV_TOKEN_PROD`),
 * but no other word (`…_TOKEN_SHA` names a hash of the token). `command`, when given, is a regex
 * source for another context the value may follow without a name (`snyk auth `). Case-insensitive.
 */
export function assignment(names: string, value: string, spaces = true, command?: string): RegExp {
  const sep = spaces ? String.raw`(?:\s*(?:=>|:=|[=:])\s*|\s+)` : String.raw`\s*(?:=>|:=|[=:])\s*`;
  const quote = String.raw`\\?["']?`;
  const named = String.raw`(?<![A-Za-z0-9])(?<name>[A-Za-z0-9_.-]{0,40}?(?:${names})${ENV_SUFFIX})${quote}${sep}${quote}`;
  return new RegExp(String.raw`(?:${named}${command ? `|${command}` : ""})(?<secret>${value})(?![A-Za-z0-9_-])`, "i");
}
