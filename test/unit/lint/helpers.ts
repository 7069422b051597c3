import { lintText } from "../../../src/lint/index.js";
import type { LintIssue, LintOptions } from "../../../src/lint/index.js";

/** Lints text; returns the issues as `line scope rule` strings and the issues themselves. */
export function lintOf(text: string, opts: LintOptions = {}): { keys: string[]; issues: LintIssue[]; warnings: string[] } {
  const r = lintText(text, opts);
  return { keys: r.issues.map((i) => `${i.at.line} ${i.scope} ${i.rule}`), issues: r.issues, warnings: r.warnings };
}

/** Whether an issue of `rule` is at `line` (with `scope` when given). */
export function has(issues: readonly LintIssue[], rule: string, line: number, scope?: string): boolean {
  return issues.some((i) => i.rule === rule && i.at.line === line && (scope === undefined || i.scope === scope));
}
