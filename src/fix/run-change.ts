/**
 * The changes planned for one RUN (secret mounts to add or drop, commands to add before or after
 * its script or to drop from it, secret references to replace by reads of the mounted file), and
 * their rendering into splices of the Dockerfile that keep every other byte.
 */

import type { RunInstruction } from "../dockerfile/index.js";
import { indentOf, lineEnding, removeLines, type Splice } from "./editor.js";
import type { RunFacts } from "./facts.js";
import { fileRange, fileSpan, quotingOf, variableRefs, type Quoting } from "./run-text.js";

/** A secret mount fix adds to a RUN. */
export interface NewMount {
  id: string;
  target: string;
  /** Further options, e.g. `,mode=0444`. */
  extra?: string;
  /** The flag as written elsewhere in the file, reused verbatim when a mount moves. */
  raw?: string;
}

/** A planning mistake found while rendering (a reference that cannot be replaced); the plan refuses instead. */
export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RenderError";
  }
}

/** Replaces a secret's appearances in shell text by a read of its mounted file. */
export interface Replacer {
  /** The secret id; its file is `/run/secrets/<id>`. */
  id: string;
  /** The lines this secret is fixed for (a replacer applies to RUNs in its scope only). */
  applies(run: RunInstruction): boolean;
  /** Edits to `text`, or `export` when the text needs the value as an environment variable instead. */
  find(text: string, quoting: Quoting[]): { start: number; end: number; text: string }[] | "export";
  /** The name to export when `find` says so. */
  exportName?: string;
}

export const secretPath = (id: string) => `/run/secrets/${id}`;
const catOf = (id: string) => `$(cat ${secretPath(id)})`;

/** A secret ARG: `$NAME` / `${NAME}` become `$(cat /run/secrets/NAME)` (same quoting, same word splitting). */
export function argReplacer(name: string, applies: (run: RunInstruction) => boolean): Replacer {
  return {
    id: name,
    exportName: name,
    applies,
    find(text, quoting) {
      const refs = variableRefs(text, name, quoting);
      if (refs.some((r) => r.form !== "plain" || r.quoting === "single")) return "export";
      return refs.map((r) => ({ start: r.start, end: r.end, text: catOf(name) }));
    },
  };
}

/** A literal credential: each appearance becomes a read of the secret file, quoted to stay one word. */
export function literalReplacer(value: string, id: string, applies: (run: RunInstruction) => boolean): Replacer {
  return {
    id,
    applies,
    find(text, quoting) {
      const out: { start: number; end: number; text: string }[] = [];
      for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + value.length)) {
        const q = quoting.slice(i, i + value.length);
        const first = q[0] ?? "none";
        if (q.some((x) => x !== first)) throw new RenderError("the literal value is written with escapes or across quotes");
        const cat = catOf(id);
        out.push({ start: i, end: i + value.length, text: first === "double" ? cat : first === "single" ? `'"${cat}"'` : `"${cat}"` });
      }
      return out;
    },
  };
}

function applyEdits(text: string, edits: { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export class RunChange {
  readonly mounts: NewMount[] = [];
  /** Commands (shell text) run before the script, in order. */
  readonly prefix: string[] = [];
  /** Commands run after it (`rm -f …`). */
  readonly suffix: string[] = [];
  /** Top-level commands dropped (indexes into the script's segments). */
  readonly drop = new Set<number>();
  /** Secret mounts (by id) whose flags are removed. */
  readonly dropMounts = new Set<string>();
  /** Logical ranges removed from the script (an argument of a command). */
  readonly cuts: { start: number; end: number }[] = [];
  deleted = false;

  constructor(readonly facts: RunFacts) {}

  addMount(m: NewMount): void {
    if (!this.mounts.some((x) => x.id === m.id && x.target === m.target)) this.mounts.push(m);
  }

  get empty(): boolean {
    return !this.deleted && this.mounts.length === 0 && this.prefix.length === 0 && this.suffix.length === 0 && this.drop.size === 0 && this.dropMounts.size === 0 && this.cuts.length === 0;
  }

  /** Whether every command of the script is dropped. */
  get allDropped(): boolean {
    const n = this.facts.shape?.segments.length ?? 0;
    return n > 0 && this.drop.size === n;
  }

  /** The splices of this RUN, with the replacers that apply to it. */
  render(text: string, replacers: readonly Replacer[]): Splice[] {
    const ins = this.facts.ins;
    const node = ins.node;
    if (this.deleted || (this.allDropped && this.prefix.length === 0 && this.suffix.length === 0)) return [removeLines(text, node.range.start.offset, node.range.end.offset)];
    const esc = this.facts.escape;
    const eol = lineEnding(text);
    const script = this.facts.script;
    const segments = this.facts.shape?.segments ?? [];
    const indent = continuationIndent(text, this.facts);
    const splices: Splice[] = [];
    const used = new Map<string, Replacer>();
    const exports: string[] = [];

    // References in the commands that stay.
    const active = replacers.filter((r) => r.applies(ins));
    if (script) {
      const quoting = quotingOf(script.text);
      for (const r of active) {
        const kept = segments.filter((_s, i) => !this.drop.has(i));
        const edits: { start: number; end: number; text: string }[] = [];
        let exported = false;
        for (const seg of kept) {
          const found = r.find(script.text.slice(seg.start, seg.end), quoting.slice(seg.start, seg.end));
          if (found === "export") exported = true;
          else for (const e of found) edits.push({ start: seg.start + e.start, end: seg.start + e.end, text: e.text });
        }
        if (exported) {
          if (!r.exportName) throw new RenderError(`secret ${r.id} cannot be replaced where it is used`);
          exports.push(`export ${r.exportName}="${catOf(r.id)}"`);
          used.set(r.id, r);
          continue;
        }
        for (const e of edits) {
          const span = fileSpan(script, e.start, e.end);
          if (!span) throw new RenderError(`a reference to secret ${r.id} is split across lines`);
          splices.push({ ...span, text: e.text });
          used.set(r.id, r);
        }
      }
    } else if (active.length > 0 && this.facts.ins.command.form === "exec") {
      const joined = this.facts.ins.command.args.join(" ");
      for (const r of active) {
        const found = r.find(joined, quotingOf(joined));
        if (found === "export" || found.length > 0) throw new RenderError("an exec-form RUN cannot read a secret file");
      }
    }

    // Commands added before the script: rewritten like the rest.
    const prefix = this.prefix.map((cmd) => {
      const quoting = quotingOf(cmd);
      const edits: { start: number; end: number; text: string }[] = [];
      for (const r of active) {
        const found = r.find(cmd, quoting);
        if (found === "export") {
          if (!r.exportName) throw new RenderError(`secret ${r.id} cannot be replaced where it is used`);
          if (!exports.some((x) => x.startsWith(`export ${r.exportName}=`))) exports.push(`export ${r.exportName}="${catOf(r.id)}"`);
          used.set(r.id, r);
        } else if (found.length > 0) {
          edits.push(...found);
          used.set(r.id, r);
        }
      }
      return applyEdits(cmd, edits);
    });

    // Mounts: the planned ones and those the replaced secrets need, unless the RUN has them already.
    const present = new Set([...this.facts.secretMounts.keys()].filter((id) => !this.dropMounts.has(id)));
    const mounts = [...this.mounts];
    for (const id of used.keys()) if (!mounts.some((m) => m.id === id)) mounts.push({ id, target: secretPath(id) });
    const flagsText = mounts
      .filter((m) => !present.has(m.id) || m.target !== this.facts.secretMounts.get(m.id)?.path)
      .map((m) => m.raw ?? `--mount=type=secret,id=${m.id},target=${m.target}${m.extra ?? ""}`);
    const firstFlag = node.flags[0];
    const flagAt = firstFlag?.range.start.offset ?? node.argsRange?.start.offset ?? node.keywordRange.end.offset;
    if (flagsText.length > 0) splices.push({ start: flagAt, end: flagAt, text: flagsText.map((f) => `${f} ${esc}${eol}${indent}`).join("") });
    for (const id of this.dropMounts) {
      const m = this.facts.secretMounts.get(id);
      const flag = m ? node.flags[m.flagIndex] : undefined;
      if (!flag) continue;
      splices.push({ start: flag.range.start.offset, end: nextContent(text, flag.range.end.offset, esc), text: "" });
    }

    const before = [...exports, ...prefix];
    if (before.length > 0 || this.suffix.length > 0 || this.drop.size > 0 || this.cuts.length > 0) {
      if (!script) throw new RenderError("the RUN's script cannot be located in the file");
      if (before.length > 0) {
        const at = script.map[0]!;
        splices.push({ start: at, end: at, text: before.map((c) => `${c} && ${esc}${eol}${indent}`).join("") });
      }
      // Dropped commands, with the operator that joins them to the rest.
      let i = 0;
      while (i < segments.length) {
        if (!this.drop.has(i)) {
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < segments.length && this.drop.has(j + 1)) j++;
        if (i > 0) {
          const prev = segments[i - 1]!;
          const start = fileRange(script, prev.start, prev.end).end;
          const end = fileRange(script, segments[j]!.start, segments[j]!.end).end;
          splices.push({ start, end, text: "" });
        }
        else if (j + 1 < segments.length) splices.push({ start: script.map[segments[0]!.start]!, end: script.map[segments[j + 1]!.start]!, text: "" });
        i = j + 1;
      }
      for (const c of this.cuts) splices.push({ ...fileRange(script, c.start, c.end), text: "" });
      if (this.suffix.length > 0) {
        const last = [...segments.keys()].filter((k) => !this.drop.has(k)).pop();
        if (last === undefined) throw new RenderError("nothing is left to add commands after");
        const end = fileRange(script, segments[last]!.start, segments[last]!.end).end;
        splices.push({ start: end, end, text: this.suffix.map((c) => ` && ${esc}${eol}${indent}${c}`).join("") });
      }
    }
    return splices;
  }
}

/** Where the next flag or word starts after `offset` (spaces and line continuations skipped). */
function nextContent(text: string, offset: number, esc: string): number {
  let i = offset;
  for (;;) {
    while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
    if (text[i] === esc) {
      let j = i + 1;
      while (j < text.length && (text[j] === " " || text[j] === "\t" || text[j] === "\r")) j++;
      if (text[j] === "\n") {
        i = j + 1;
        continue;
      }
    }
    return i;
  }
}

/** The indentation continuation lines of this RUN use: its second line's, else four spaces. */
function continuationIndent(text: string, facts: RunFacts): string {
  const node = facts.ins.node;
  const firstLineEnd = text.indexOf("\n", node.range.start.offset);
  const script = facts.script;
  if (script && firstLineEnd >= 0) {
    const later = script.map.find((o) => o > firstLineEnd);
    if (later !== undefined) {
      const ind = indentOf(text, later);
      if (ind.length > 0) return ind;
    }
  }
  return "    ";
}
