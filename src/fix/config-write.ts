/**
 * Rewrite kind `config-write`: a command that writes a credential into a tool's config file
 * (`npm set …_authToken=…`, `pip config set`, `git config …`, `echo … >> ~/.netrc`, `aws
 * configure set`) runs instead inside each RUN that needs the file, which removes the file at
 * its end: the credential reaches the tool, never a layer. The secret comes from a mount.
 *
 * `planWrites` looks at every secret a RUN writes to a file and returns what to do, or why not.
 */

import { posix } from "node:path";
import type { RunInstruction } from "../dockerfile/index.js";
import { covers } from "../lint/paths.js";
import type { FileWrite } from "../lint/run.js";
import type { TaintSource } from "../lint/taint.js";
import type { RunFacts } from "./facts.js";
import { carriedOn, existedBefore, fileUse, type FileUse } from "./file-use.js";
import { applyMountCopied, verbatimCopy } from "./mount-copied.js";
import type { PlanState } from "./state.js";

/** A planned handling of one persistent secret write. */
export interface WriteFix {
  run: RunInstruction;
  /** The RUNs that get the write (the writer itself when it reads the file too). */
  readers: RunInstruction[];
  path: string;
  apply(): void;
}

export type WritesPlan = { fixes: WriteFix[] } | { refuse: string };

function quotePath(p: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(p) ? p : `'${p.replace(/'/g, "'\\''")}'`;
}

function describe(s: TaintSource): string {
  switch (s.type) {
    case "var":
      return `the value of ${s.origin} ${s.name}`;
    case "mount":
      return `the secret ${s.id}`;
    default:
      return `a literal ${s.kind}`;
  }
}

/**
 * The writes of `run` that persist (not removed later in the same RUN) and carry a source that
 * `wanted` selects, with the command that makes each.
 */
export function persistentWrites(run: RunFacts, wanted: (s: TaintSource) => boolean): { k: number; write: FileWrite; source: TaintSource }[] {
  const out: { k: number; write: FileWrite; source: TaintSource }[] = [];
  run.commands.forEach((cmd, k) => {
    for (const w of cmd.fx.writes) {
      const source = w.taint.find(wanted);
      if (!source) continue;
      if (/^\/(?:dev|proc|sys)(?:\/|$)/.test(w.path) || [...run.secretMounts.values()].some((m) => m.path !== undefined && covers(m.path, w.path))) continue;
      const removedLater = run.commands.some((c, i) => i >= k && c.fx.removals.some((r) => covers(r.pattern, w.path) || (w.alt !== undefined && covers(r.pattern, w.alt))));
      if (removedLater) continue;
      if (run.ins.mounts.some((m) => m.type !== "secret" && m.type !== "ssh" && m.target !== undefined && covers(posix.resolve(run.place.cwd, m.target), w.path))) continue;
      out.push({ k, write: w, source });
    }
  });
  return out;
}

/** What to do with the persistent writes of secret data `wanted` selects in `run`. */
export function planWrites(state: PlanState, run: RunFacts, wanted: (s: TaintSource) => boolean): WritesPlan {
  const fixes: WriteFix[] = [];
  const facts = state.facts;
  for (const { k, write, source } of persistentWrites(run, wanted)) {
    const path = write.path;
    const cmd = run.commands[k]!;
    const what = describe(source);
    const use = fileUse(facts, run, k, path);
    const stays = `line ${run.ins.line} writes ${what} into ${path} (${write.tool}), which stays in the image whatever supplies the value`;
    if (!use) {
      return { refuse: `${stays}; no build step that dredge knows reads that file, so no rewrite keeps the behaviour without the leak. If only the build needs it, create, use and remove it in one RUN; if the app needs it at run time, give it at run time (docker run --env/--secret, a mounted file)` };
    }
    if (use.sameRun.length === 0 && use.laterRuns.length === 0) {
      return { refuse: `${stays}; no later step reads that ${use.what} (it is written for run time, or for a step dredge cannot see): pass it at run time instead, or create, use and remove it in the RUN that needs it` };
    }
    const carried = carriedOn(facts, run, path);
    if (carried) return { refuse: `${stays}, and ${carried}: taking it out would change that stage` };
    const mount = verbatimCopy(run, cmd, path, write.taint);
    if (mount) {
      fixes.push({ run: run.ins, readers: readersOf(run, use), path, apply: () => applyMountCopied(state, run, k, path, mount, use) });
      continue;
    }
    const earlier = existedBefore(facts, run.ins, path, state.context ? (rel) => contextHas(state, rel) : undefined);
    if (earlier) {
      return { refuse: `${stays}; ${path} may already hold other settings before that (line ${earlier.line}), so removing it after use would change the image: mount a complete ${use.what} as a secret at ${path} in the RUN that needs it (RUN --mount=type=secret,id=…,target=${path})` };
    }
    const shapeProblem = shapeCheck(state, run, k, use);
    if (shapeProblem) return { refuse: `${stays}; ${shapeProblem}` };
    fixes.push({ run: run.ins, readers: readersOf(run, use), path, apply: () => applyConfigWrite(state, run, k, path, use, write) });
  }
  return { fixes };
}

function readersOf(run: RunFacts, use: FileUse): RunInstruction[] {
  return [...(use.sameRun.length > 0 ? [run.ins] : []), ...use.laterRuns];
}

function contextHas(state: PlanState, rel: string): boolean {
  return state.context?.sensitive.some((f) => f.path === rel) === true || state.contextFiles?.(rel) === true;
}

/** Why commands cannot be moved, added or dropped in the RUNs concerned, or undefined. */
function shapeCheck(state: PlanState, run: RunFacts, k: number, use: FileUse): string | undefined {
  const simple = (r: RunFacts) => r.shape !== undefined && r.shape.complex === undefined && r.ins.heredocs.length === 0;
  const why = (r: RunFacts) => `the RUN on line ${r.ins.line} ${r.shape?.complex ?? (r.ins.heredocs.length ? "has a heredoc" : (r.unreadable ?? "cannot be read"))}, so dredge will not move commands in or out of it`;
  if (!run.script) return why(run);
  if (run.commands.length > 1 && !simple(run)) return why(run);
  if (use.sameRun.length > 0 && !simple(run)) return why(run);
  for (const later of use.laterRuns) {
    const f = state.facts.run(later);
    if (!simple(f)) return why(f);
  }
  void k;
  return undefined;
}

function applyConfigWrite(state: PlanState, run: RunFacts, k: number, path: string, use: FileUse, write: FileWrite): void {
  const cmd = run.commands[k]!;
  const rm = `rm -f ${quotePath(path)}`;
  const mountIds = write.taint.filter((s) => s.type === "mount").map((s) => (s.type === "mount" ? s.id : ""));
  for (const later of use.laterRuns) {
    const c = state.change(later);
    for (const id of mountIds) {
      const m = run.secretMounts.get(id);
      if (m) c.addMount({ id, target: m.path ?? `/run/secrets/${id}`, raw: m.raw });
    }
    if (!c.prefix.includes(cmd.text)) c.prefix.push(cmd.text);
    if (!c.suffix.includes(rm)) c.suffix.push(rm);
  }
  const change = state.change(run.ins);
  if (use.sameRun.length > 0) {
    if (!change.suffix.includes(rm)) change.suffix.push(rm);
  } else {
    change.drop.add(k);
    const kept = run.commands.filter((_c, i) => !change.drop.has(i)).map((c) => c.text).join("\n");
    for (const id of mountIds) {
      const p = run.secretMounts.get(id)?.path;
      if (p !== undefined && !kept.includes(p) && !kept.includes(`/run/secrets/${id}`)) change.dropMounts.add(id);
    }
  }
  const where = [...(use.sameRun.length > 0 ? [run.ins.line] : []), ...use.laterRuns.map((r) => r.line)];
  state.changes.push({
    kind: "config-write",
    lines: [run.ins.line, ...use.laterRuns.map((r) => r.line)],
    message:
      `${cmd.program || write.tool} wrote the credential into ${path}, which stayed in the image: ` +
      (use.laterRuns.length > 0 ? `it now runs in the RUN${where.length > 1 ? "s" : ""} that read${where.length > 1 ? "" : "s"} the ${use.what} (line${where.length > 1 ? "s" : ""} ${where.join(", ")}), ` : `the same RUN `) +
      `which remove${where.length > 1 ? "" : "s"} ${path} at ${where.length > 1 ? "their" : "its"} end (${rm}), with the secret from a mount`,
  });
}
