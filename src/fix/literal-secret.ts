/**
 * Rewrite kind `literal-secret`: a credential written literally in a RUN is read from a secret
 * mount instead (`"$(cat /run/secrets/ID)"` in its place). The value is already exposed — in the
 * Dockerfile's history and in every image built from it — so fix says it must be rotated.
 * Refused when the value is also written into a file no build step needs, or appears outside RUN.
 */

import type { RunInstruction } from "../dockerfile/index.js";
import type { LintIssue } from "../lint/types.js";
import type { LiteralSource } from "../lint/taint.js";
import { planWrites, type WriteFix } from "./config-write.js";
import { literalReplacer, secretPath } from "./run-change.js";
import type { PlanState } from "./state.js";

/** A literal credential lint found, with the source the RUN reader follows for it. */
export interface LiteralSecret {
  issue: LintIssue;
  value: string;
  source: LiteralSource;
}

export function fixLiteralSecret(state: PlanState, lit: LiteralSecret): void {
  const { facts } = state;
  const refuse = (reason: string) => state.refuse(lit.issue, reason);
  const lines = [lit.issue.at.line, ...lit.issue.also.map((a) => a.line)];
  const runs: RunInstruction[] = [];
  for (const ins of facts.model.instructions) {
    const text = ins.node.original + (ins.kind === "RUN" ? ins.heredocs.map((h) => h.content).join("\n") : "");
    if (!text.includes(lit.value)) continue;
    if (ins.kind !== "RUN") {
      const where = ins.kind === "ENV" || ins.kind === "LABEL" ? "the image config" : "an instruction no secret mount reaches";
      return refuse(`the ${lit.issue.kind} is written in ${ins.kind} on line ${ins.line}, ${where}: remove it from the Dockerfile, pass it at run time (or as a build secret to the RUN that needs it), and rotate it — it is already exposed`);
    }
    const f = facts.run(ins);
    if (!f.script || ins.heredocs.some((h) => h.content.includes(lit.value))) {
      return refuse(`the ${lit.issue.kind} on line ${ins.line} is in a RUN that ${f.unreadable ?? "has it in a heredoc"}: move it to a secret mount by hand, and rotate it — it is already exposed`);
    }
    runs.push(ins);
  }
  if (runs.length === 0) return refuse(`the ${lit.issue.kind} on line${lines.length > 1 ? "s" : ""} ${lines.join(", ")} could not be located in a RUN: rotate it, and pass it as a build secret`);
  const writeFixes: WriteFix[] = [];
  for (const run of runs) {
    const plan = planWrites(state, facts.run(run), (s) => s === lit.source || (s.type === "literal" && s.value === lit.value));
    if ("refuse" in plan) return refuse(`${plan.refuse}. The value is written literally in the Dockerfile: rotate it`);
    writeFixes.push(...plan.fixes);
  }
  const id = state.freshId(lit.issue.kind.replace(/-/g, "_"));
  for (const w of writeFixes) w.apply();
  state.replacers.push(literalReplacer(lit.value, id, () => true));
  for (const run of runs) state.change(run);
  state.addSecret({ id, from: `the ${lit.issue.kind} written in the Dockerfile`, literal: true });
  const at = [...new Set([...runs.map((r) => r.line), ...writeFixes.map((w) => w.run.line)])];
  state.changes.push({
    kind: "literal-secret",
    lines: at,
    message: `the ${lit.issue.kind} written on line${at.length > 1 ? "s" : ""} ${at.join(", ")} is read from a secret mount instead ("$(cat ${secretPath(id)})", secret id ${id})`,
  });
  state.note(`the ${lit.issue.kind} that was written in the Dockerfile (line${at.length > 1 ? "s" : ""} ${at.join(", ")}) is already exposed — in the Dockerfile's git history and in every image built or pushed with it: rotate it, and supply the new value with --secret id=${id}`);
  state.claimed.add(lit.issue);
}
