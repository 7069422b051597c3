/**
 * Rewrite kind `secret-arg`: a secret ARG that RUN uses (its value lands in the history as
 * `|N NAME=…`) is removed; each RUN that names it reads the value from a secret mount instead
 * (`"$(cat /run/secrets/NAME)"` where `$NAME` was), or, when it is only read from the
 * environment, exports it from the mounted file first. Refused when the value is also written
 * into the image (a file no build step needs) or used outside RUN (ENV, LABEL, COPY, …).
 */

import { variableReferences, type ArgDefinition, type ArgInstruction, type Instruction, type RunInstruction } from "../dockerfile/index.js";
import type { LintIssue } from "../lint/types.js";
import type { VarSource } from "../lint/taint.js";
import { planWrites, type WriteFix } from "./config-write.js";
import { argReplacer, secretPath } from "./run-change.js";
import { variableRefs } from "./run-text.js";
import type { PlanState } from "./state.js";

/** A secret ARG declaration in a stage, as lint reported it. */
export interface SecretArg {
  stage: number;
  ins: ArgInstruction;
  def: ArgDefinition;
  source: VarSource;
  issue: LintIssue;
}

function uses(ins: Instruction, name: string, esc: "\\" | "`"): boolean {
  const texts = [ins.node.argsText, ...ins.node.flags.map((f) => f.raw)];
  return texts.some((t) => variableReferences(t, esc).includes(name));
}

/** Plans the rewrite of one secret ARG (or refuses it, changing nothing). */
export function fixSecretArg(state: PlanState, arg: SecretArg): void {
  const { facts } = state;
  const name = arg.def.name;
  const esc = facts.escapeChar;
  const refuse = (reason: string) => state.refuse(arg.issue, reason);
  // Every declaration of the name in the stage goes; the scope starts at the first.
  const decls = facts.model.stages[arg.stage]!.instructions.filter((i): i is ArgInstruction => i.kind === "ARG" && i.args.some((d) => d.name === name));
  const first = decls[0] ?? arg.ins;
  const after = facts.after(first);
  const runs: RunInstruction[] = [];
  for (const ins of after) {
    if (ins.kind === "RUN") {
      runs.push(ins);
      continue;
    }
    if (ins.kind === "ARG" || ins.kind === "ONBUILD") continue;
    if (uses(ins, name, esc)) {
      const into = ins.kind === "ENV" || ins.kind === "LABEL" ? "copies it into the image config" : "uses it where no secret mount can reach";
      return refuse(`${ins.kind} on line ${ins.line} ${into}: a secret mount only serves RUN. If the app needs ${name} at run time, pass it at run time (docker run --env / a secret) instead of baking it in`);
    }
  }
  const named: RunInstruction[] = [];
  for (const run of runs) {
    const f = facts.run(run);
    if (run.heredocs.some((h) => h.expand && variableReferences(h.content, esc).includes(name))) {
      return refuse(`the heredoc of the RUN on line ${run.line} reads $${name}: rewrite it to read ${secretPath(name)} (RUN --mount=type=secret,id=${name}) by hand`);
    }
    if (!f.script) {
      if (run.node.original.includes(name)) return refuse(`the RUN on line ${run.line} names ${name} but ${f.unreadable ?? "cannot be read"}: dredge cannot make it read a secret file; do it by hand`);
      continue;
    }
    if (variableRefs(f.script.text, name).length > 0) named.push(run);
  }
  // Writes of the value into files: fixable ones move, any other refuses the whole ARG.
  const writeFixes: WriteFix[] = [];
  for (const run of runs) {
    const plan = planWrites(state, facts.run(run), (s) => s === arg.source);
    if ("refuse" in plan) return refuse(plan.refuse);
    writeFixes.push(...plan.fixes);
  }
  const envOnly = named.length === 0;
  if (envOnly) {
    const bad = runs.find((r) => !facts.run(r).script || r.heredocIsScript);
    if (bad) return refuse(`ARG ${name} is only read from the environment, and the RUN on line ${bad.line} ${facts.run(bad).unreadable ?? "is a heredoc script"}: it cannot export it from a secret file`);
  }

  for (const w of writeFixes) w.apply();
  const stage = arg.stage;
  const declLine = first.line;
  const replacer = argReplacer(name, (run) => facts.place(run)?.stage === stage && run.line > declLine);
  if (envOnly) {
    const base = replacer.find;
    replacer.find = (text, quoting) => (text.trim() === "" ? base(text, quoting) : "export");
  }
  state.replacers.push(replacer);
  // Every RUN in scope gets the value it had, in the form it used.
  for (const run of envOnly ? runs : []) state.change(run);
  removeArg(state, arg);

  state.addSecret({ id: name, from: `the build arg ${name}`, buildArg: name });
  const readers = [...new Set([...(envOnly ? runs : named), ...writeFixes.flatMap((w) => w.readers)].filter((r) => !state.isDeleted(r) && !(state.runChanges.get(r)?.allDropped ?? false)).map((r) => r.line))].sort((a, b) => a - b);
  const many = readers.length > 1;
  state.changes.push({
    kind: "secret-arg",
    lines: [declLine, ...readers],
    message:
      `ARG ${name} (line ${declLine}) is gone, so its value no longer goes into the image history: ` +
      (envOnly
        ? `the RUN${many ? "s" : ""} on line${many ? "s" : ""} ${readers.join(", ")} export it from the secret file first (export ${name}="$(cat ${secretPath(name)})")`
        : `the RUN${many ? "s" : ""} on line${many ? "s" : ""} ${readers.join(", ")} read${many ? "" : "s"} it from a secret mount ("$(cat ${secretPath(name)})" where $${name} was)`) +
      `. With BuildKit (Dockerfile frontend 1.10 or later) the shorter RUN --mount=type=secret,id=${name},env=${name} keeps it an environment variable instead`,
  });
  if (arg.def.rawDefault !== undefined && arg.source.value !== undefined) {
    state.note(`ARG ${name} had a default value in the Dockerfile (line ${declLine}): it is exposed in the Dockerfile's history and in every image built with it — rotate it`);
  }
  const unnamed = envOnly ? [] : runs.filter((r) => !named.includes(r) && !writeFixes.some((w) => w.run === r || w.readers.includes(r)) && !state.isDeleted(r));
  if (unnamed.length > 0) {
    state.note(
      `the RUN${unnamed.length > 1 ? "s" : ""} on line${unnamed.length > 1 ? "s" : ""} ${unnamed.map((r) => r.line).join(", ")} had ${name} in ${unnamed.length > 1 ? "their" : "its"} environment without naming it; ${unnamed.length > 1 ? "they" : "it"} no longer get${unnamed.length > 1 ? "" : "s"} it. If a tool there reads $${name} from the environment, add --mount=type=secret,id=${name} and export ${name}="$(cat ${secretPath(name)})" to that RUN`,
    );
  }
}

/** Removes the ARG definition (the whole instruction when it declares nothing else), and an unused global twin. */
function removeArg(state: PlanState, arg: SecretArg): void {
  for (const ins of state.facts.model.stages[arg.stage]!.instructions) {
    if (ins.kind !== "ARG") continue;
    for (const def of ins.args) if (def.name === arg.def.name) removeDef(state, ins, def);
  }
  const model = state.facts.model;
  const name = arg.def.name;
  for (const g of model.globalArgs) {
    const def = g.args.find((d) => d.name === name);
    if (!def) continue;
    const redeclared = model.stages.some((s) => s.index !== arg.stage && s.instructions.some((i) => i.kind === "ARG" && i.args.some((d) => d.name === name)));
    const inFrom = model.stages.some((s) => variableReferences(s.from.node.argsText, state.facts.escapeChar).includes(name));
    if (!redeclared && !inFrom) removeDef(state, g, def);
  }
}

function removeDef(state: PlanState, ins: ArgInstruction, def: ArgDefinition): void {
  const set = state.argRemovals.get(ins) ?? new Set<ArgDefinition>();
  set.add(def);
  state.argRemovals.set(ins, set);
}
