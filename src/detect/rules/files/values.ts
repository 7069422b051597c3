import { isPlaceholder } from "../../placeholders.js";
import type { RuleHit } from "../../types.js";

/** The hit without one pair of matching quotes around its value (offsets follow). */
export function unquote(hit: RuleHit): RuleHit {
  const s = hit.secret;
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) {
    const secret = s.slice(1, -1);
    const start = hit.start + 1;
    return { ...hit, secret, start, end: start + Buffer.byteLength(secret, "utf8") };
  }
  return hit;
}

/**
 * A credential file's value as a secret: any value but an empty one, a placeholder, a
 * reference to somewhere else (`${VAR}`, `%(x)s`, `{{ }}`) or a file path. Config files hold
 * real values, so no entropy test: `password = hunter2` in `.pypirc` is a leak.
 */
export function fileValue(hit: RuleHit): RuleHit | undefined {
  const h = unquote(hit);
  const v = h.secret.trim();
  if (v === "" || isPlaceholder(v)) return undefined;
  if (/^\$\{|^\$[A-Za-z_]|^%\(|^\{\{|^<%|^#\{/.test(v)) return undefined;
  return h;
}
