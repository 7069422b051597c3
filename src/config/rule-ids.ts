/** Checks that the rule ids and globs a config names (`rules.disable/enable`, `allow[].rule`) name rules dredge has. */

import { picomatchLib } from "../util/deferred.js";
import type { DredgeConfig } from "./types.js";

/** A config value that names no rule, and where it is (a JSON pointer into the config). */
export interface RuleIdProblem {
  pointer: string;
  message: string;
}

/** True when a rule pattern is a glob rather than one id. */
export function isGlob(pattern: string): boolean {
  return /[*?[\]{}]/.test(pattern);
}

/**
 * Every rule id a finding can carry: built-in secret rules, lint rules, context's sensitive
 * file, scan's name-based and cross-reference rules. Loaded lazily: only a config that names
 * rules pays for reading them.
 */
export async function knownRuleIds(): Promise<Set<string>> {
  const [{ BUILTIN_RULES }, { LINT_RULES }, { SENSITIVE_FILE_RULE }, { SECRET_VARIABLE }, { KNOWN_VALUE_RULE }] = await Promise.all([
    import("../detect/rules/index.js"),
    import("../lint/rules/index.js"),
    import("../context/findings.js"),
    import("../scan/variable-rule.js"),
    import("../scan/known-values.js"),
  ]);
  return new Set([...BUILTIN_RULES.map((r) => r.id), ...LINT_RULES.map((r) => r.id), SENSITIVE_FILE_RULE, SECRET_VARIABLE.id, KNOWN_VALUE_RULE]);
}

/** The rule patterns a config names, each with its JSON pointer. */
function namedPatterns(config: DredgeConfig): { pointer: string; pattern: string }[] {
  const out: { pointer: string; pattern: string }[] = [];
  for (const key of ["disable", "enable"] as const) {
    for (const [i, pattern] of (config.ruleSelection?.[key] ?? []).entries()) out.push({ pointer: `/rules/${key}/${i}`, pattern });
  }
  for (const [i, entry] of (config.allow ?? []).entries()) if (entry.rule !== undefined) out.push({ pointer: `/allow/${i}/rule`, pattern: entry.rule });
  return out;
}

/** Problems with the rule ids of a config: an id no rule has, a glob that matches none. */
export async function checkRuleIds(config: DredgeConfig): Promise<RuleIdProblem[]> {
  const named = namedPatterns(config);
  if (named.length === 0) return [];
  const known = await knownRuleIds();
  for (const rule of config.rules ?? []) known.add(rule.id);
  const problems: RuleIdProblem[] = [];
  for (const { pointer, pattern } of named) {
    if (isGlob(pattern)) {
      const match = picomatchLib()(pattern);
      if (![...known].some((id) => match(id))) problems.push({ pointer, message: `matches no rule (${pattern})` });
    } else if (!known.has(pattern)) {
      problems.push({ pointer, message: `is not the id of any rule (${pattern})` });
    }
  }
  return problems;
}
