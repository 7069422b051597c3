/**
 * Suppressions written in the Dockerfile:
 * - `# dredge:ignore RULE[,RULE…] [reason]` on the line above an instruction (comment lines may
 *   sit between), inside a continued instruction, or at the end of one of its lines; `all` or `*`
 *   names every rule;
 * - BuildKit's `# check=skip=CheckName[,…]` parser directive (or `skip=all`), for the rules that
 *   cover the same ground as a BuildKit check.
 */

import type { DockerfileAst } from "../dockerfile/index.js";
import type { LintRuleMeta } from "./types.js";

const IGNORE_RE = /(?:^|#)\s*dredge:ignore\s+([A-Za-z0-9_*,-]+)/;

export interface Suppressions {
  /** True when `rule` is suppressed for the instruction covering `line`. */
  suppressed(rule: LintRuleMeta, line: number): boolean;
}

function rulesOf(spec: string): string[] {
  return spec
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** BuildKit check names `# check=skip=…` turns off (lower-cased); `all` for every check. */
export function skippedChecks(ast: DockerfileAst): Set<string> {
  const out = new Set<string>();
  for (const d of ast.directives) {
    if (d.name !== "check") continue;
    for (const part of d.value.split(";")) {
      const eq = part.indexOf("=");
      if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== "skip") continue;
      for (const name of rulesOf(part.slice(eq + 1))) out.add(name);
    }
  }
  return out;
}

/** Reads the suppressions of a parsed Dockerfile; `lines` is its text split into lines. */
export function readSuppressions(ast: DockerfileAst, lines: readonly string[]): Suppressions {
  const byLine = new Map<number, Set<string>>();
  const add = (from: number, to: number, rules: string[]) => {
    for (let l = from; l <= to; l++) {
      let set = byLine.get(l);
      if (!set) byLine.set(l, (set = new Set()));
      for (const r of rules) set.add(r);
    }
  };
  const ins = ast.instructions;
  // Comments: the next instruction (comment or blank lines between), or the instruction around them.
  const commentLines = new Set(ast.comments.map((c) => c.line));
  let k = 0;
  for (const c of ast.comments) {
    const m = IGNORE_RE.exec(c.text.startsWith("dredge:") ? c.text : `#${c.text}`);
    if (!m) continue;
    const rules = rulesOf(m[1]!);
    while (k < ins.length && ins[k]!.endLine < c.line) k++;
    const node = ins[k];
    if (!node) continue;
    if (node.startLine <= c.line) {
      add(node.startLine, node.endLine, rules);
      continue;
    }
    let gapOk = true;
    for (let l = c.line + 1; l < node.startLine; l++) {
      if (!commentLines.has(l) && (lines[l - 1] ?? "").trim() !== "") {
        gapOk = false;
        break;
      }
    }
    if (gapOk) add(node.startLine, node.endLine, rules);
  }
  // Trailing `# dredge:ignore …` on an instruction's own lines.
  for (const node of ins) {
    for (let l = node.startLine; l <= node.endLine; l++) {
      const text = lines[l - 1];
      if (text === undefined || !text.includes("dredge:ignore")) continue;
      const m = /#\s*dredge:ignore\s+([A-Za-z0-9_*,-]+)/.exec(text);
      if (m) add(node.startLine, node.endLine, rulesOf(m[1]!));
    }
  }
  const skipped = skippedChecks(ast);
  return {
    suppressed(rule, line) {
      if (rule.buildkitCheck && (skipped.has("all") || skipped.has(rule.buildkitCheck.toLowerCase()))) return true;
      const set = byLine.get(line);
      return set !== undefined && (set.has(rule.id) || set.has("all") || set.has("*"));
    },
  };
}
