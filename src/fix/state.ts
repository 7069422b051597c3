/** The plan being built: the rewrite kinds add changes, refusals and secrets to it. */

import type { ArgDefinition, ArgInstruction, Instruction, RunInstruction } from "../dockerfile/index.js";
import type { LintIssue } from "../lint/types.js";
import type { ContextReport } from "../context/index.js";
import { removeLines, type Splice } from "./editor.js";
import type { DockerfileFacts } from "./facts.js";
import { RunChange, type Replacer } from "./run-change.js";
import type { PlannedChange, Refusal, SecretToSupply } from "./types.js";

/** A context file to keep out of the build context, and why. */
export interface IgnoreEntry {
  /** Relative to the context, `/`-separated. */
  path: string;
  reason: string;
}

export class PlanState {
  readonly runChanges = new Map<RunInstruction, RunChange>();
  readonly splices: Splice[] = [];
  readonly replacers: Replacer[] = [];
  readonly changes: PlannedChange[] = [];
  readonly refusals: Refusal[] = [];
  readonly notes: string[] = [];
  readonly secrets: SecretToSupply[] = [];
  readonly ignore: IgnoreEntry[] = [];
  /** ARG definitions to remove (the whole instruction when all of its go). */
  readonly argRemovals = new Map<ArgInstruction, Set<ArgDefinition>>();
  /** Issues a kind has dealt with (fixed or refused with its own reason). */
  readonly claimed = new Set<LintIssue>();
  private readonly deleted = new Set<Instruction>();
  /** Whether the build context holds a relative path (when the context is known). */
  contextFiles?: (rel: string) => boolean;

  constructor(
    readonly text: string,
    readonly facts: DockerfileFacts,
    readonly issues: readonly LintIssue[],
    readonly context: ContextReport | undefined,
    /** Makes a context path relative to where the build command runs. */
    readonly hostPath: (contextRelative: string) => string,
  ) {}

  change(run: RunInstruction): RunChange {
    let c = this.runChanges.get(run);
    if (!c) {
      c = new RunChange(this.facts.run(run));
      this.runChanges.set(run, c);
    }
    return c;
  }

  /** Removes a whole instruction (its lines, heredoc bodies included). */
  deleteInstruction(ins: Instruction): void {
    if (ins.kind === "RUN") {
      this.change(ins).deleted = true;
      return;
    }
    if (this.deleted.has(ins)) return;
    this.deleted.add(ins);
    this.splices.push(removeLines(this.text, ins.node.range.start.offset, ins.node.range.end.offset));
  }

  /** The splices of the planned ARG removals. */
  argSplices(): Splice[] {
    const out: Splice[] = [];
    const text = this.text;
    for (const [ins, defs] of this.argRemovals) {
      if (defs.size >= ins.args.length) {
        out.push(removeLines(text, ins.node.range.start.offset, ins.node.range.end.offset));
        continue;
      }
      ins.args.forEach((def, i) => {
        if (!defs.has(def)) return;
        const tok = ins.node.pairs?.find((p) => p.key === def.nameToken)?.token ?? def.nameToken;
        let start = tok.range.start.offset;
        let end = tok.range.end.offset;
        // The word and the blanks before it (after it, for the first word).
        if (i === 0) while (end < text.length && (text[end] === " " || text[end] === "\t")) end++;
        else while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
        out.push({ start, end, text: "" });
      });
    }
    return out;
  }

  isDeleted(ins: Instruction): boolean {
    return this.deleted.has(ins) || (ins.kind === "RUN" && this.runChanges.get(ins)?.deleted === true);
  }

  refuse(issue: LintIssue | undefined, reason: string, extra: Partial<Refusal> = {}): void {
    const r: Refusal = { rule: issue?.rule ?? extra.rule ?? "fix", line: issue?.at.line ?? extra.line ?? 0, reason };
    const name = issue?.context?.path ?? issue?.name ?? extra.name;
    if (name !== undefined) r.name = name;
    if (!this.refusals.some((x) => x.line === r.line && x.reason === r.reason)) this.refusals.push(r);
    if (issue) this.claimed.add(issue);
  }

  addSecret(s: SecretToSupply): void {
    if (!this.secrets.some((x) => x.id === s.id)) this.secrets.push(s);
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** A secret id not used yet, from a wanted name. */
  freshId(wanted: string): string {
    const clean = wanted.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^[._-]+/, "") || "secret";
    const taken = (id: string) => this.secrets.some((s) => s.id === id) || [...this.facts.model.instructions].some((i) => i.kind === "RUN" && i.mounts.some((m) => m.secretId === id));
    if (!taken(clean)) return clean;
    for (let n = 2; ; n++) if (!taken(`${clean}_${n}`)) return `${clean}_${n}`;
  }
}
