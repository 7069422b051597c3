import { re2Lib } from "../util/deferred.js";
import { shannonEntropy } from "../detect/entropy.js";
import type { SecretRule } from "../detect/types.js";
import { UsageError, errorMessage } from "../util/errors.js";
import type { UserRuleSpec } from "./types.js";

const SECRET_GROUP = /\(\?P?<secret>/;

/** Compiles an RE2 pattern, naming the rule when it does not compile. */
function re2(source: string, flags: string, what: string): RegExp {
  try {
    return new (re2Lib())(source, flags) as unknown as RegExp;
  } catch (err) {
    throw new UsageError(`${what}: not a valid RE2 regex: ${errorMessage(err)}`);
  }
}

/**
 * Turns a user rule into a secret rule. Its regex runs on RE2 (linear time: a user pattern
 * cannot hang a scan); without a `secret` group the whole match is the secret. With no
 * keywords, it runs over every file its `paths` allow.
 */
export function compileUserRule(spec: UserRuleSpec): SecretRule {
  const where = `rule ${spec.id} in the config`;
  const source = SECRET_GROUP.test(spec.regex) ? spec.regex : `(?P<secret>${spec.regex})`;
  const pattern = re2(source, "", where);
  const exclude = spec.excludePaths ? re2(spec.excludePaths, "", `${where} (excludePaths)`) : undefined;
  const keywords = spec.keywords ?? [];
  const paths = spec.paths ? re2(spec.paths, "", `${where} (paths)`) : keywords.length ? undefined : /[^]/;
  const allow = new Set(spec.allow ?? []);
  const rule: SecretRule = {
    id: spec.id,
    kind: spec.kind ?? spec.id,
    title: spec.title ?? `User rule ${spec.id}`,
    severity: spec.severity ?? "high",
    confidence: spec.confidence ?? "medium",
    keywords,
    pattern,
    priority: 5,
    check: (hit, _groups, ctx) => {
      if (exclude && ctx.path !== undefined && exclude.test(ctx.path)) return undefined;
      if (allow.has(hit.secret)) return undefined;
      if (spec.minLength !== undefined && hit.secret.length < spec.minLength) return undefined;
      if (spec.entropy !== undefined && shannonEntropy(hit.secret) < spec.entropy) return undefined;
      return hit;
    },
    remediation: spec.remediation ?? "Revoke and rotate this credential as your organisation's rule describes.",
    docs: spec.docs ?? "",
    examples: { match: [], noMatch: [] },
  };
  if (paths) rule.paths = paths;
  return rule;
}
