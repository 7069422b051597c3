/**
 * The fix planner: lints the Dockerfile (with its build context when there is one), turns the
 * problems that reach the final image into the rewrites each kind can prove safe from the data
 * flow, refuses the rest with a reason, and renders the rewrites as splices of the original text.
 * Nothing reaches the text unless the whole plan renders and the result parses as cleanly as the
 * original did.
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Detector } from "../detect/engine.js";
import type { ContextReport } from "../context/index.js";
import { parseDockerfileInstructions, type ArgInstruction, type RunInstruction } from "../dockerfile/index.js";
import { contextCopies, type ContextInfo } from "../lint/context.js";
import { buildStageGraph, findTarget } from "../lint/graph.js";
import { lintText } from "../lint/lint.js";
import type { LiteralSource, VarSource } from "../lint/taint.js";
import type { LintIssue } from "../lint/types.js";
import { DredgeError } from "../util/errors.js";
import { planWrites } from "./config-write.js";
import { fixCopiedSecretFile } from "./copied-secret-file.js";
import { fixDockerignore, ignoreChange } from "./dockerignore.js";
import { applySplices, EditConflict, type Splice } from "./editor.js";
import { DockerfileFacts } from "./facts.js";
import { fixLiteralSecret } from "./literal-secret.js";
import { RenderError } from "./run-change.js";
import { fixSecretArg, type SecretArg } from "./secret-arg.js";
import { PlanState } from "./state.js";
import type { FixPlan } from "./types.js";

export interface PlanOptions {
  /** The Dockerfile's name in messages. */
  file?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  detector?: Detector;
  /** The analysed build context (`analyzeContext` with this Dockerfile). */
  context?: ContextReport;
  /** The context directory (where a new `.dockerignore` goes when there is no report). */
  contextDir?: string;
  /** A context-relative path as the build command names it (default: as is). */
  hostPath?: (contextRelative: string) => string;
}

const COPY_BROAD = (p: string) => p === "." || p === "./" || p === "/" || p.endsWith("/") || /[*?[$]/.test(p);

/** Problems that stay in the image for which fix has no rewrite: what to do instead. */
function generic(issue: LintIssue): string {
  switch (issue.rule) {
    case "secret-env":
      return `ENV ${issue.name ?? ""} puts the secret into the image config (docker inspect shows it): a build secret cannot stand in for a run-time setting. Pass it at run time (docker run --env/--env-file, an orchestrator secret), and rotate it`;
    case "secret-label":
      return `LABEL ${issue.name ?? ""} puts the secret into the image config: remove it, and rotate it`;
    case "rm-later-layer":
      return `the file removed here was put into a layer by an earlier step that dredge cannot rewrite: create, use and remove it in one RUN, or mount it as a secret`;
    default:
      return `${issue.title}: dredge has no rewrite it can prove safe for this. ${issue.remediation}`;
  }
}

/**
 * Plans the fix of one Dockerfile's text. Pure but for reading the ignore file to append to.
 * One rewrite can make another provable (a RUN that now removes ~/.npmrc at its end also takes
 * away a second token written to it), so planning runs again on its own result until nothing
 * changes: fixing a fixed Dockerfile changes nothing.
 */
export function planFixText(text: string, opts: PlanOptions = {}): FixPlan {
  let plan = planOnce(text, opts);
  for (let pass = 1; pass < 4 && plan.after !== plan.before; pass++) {
    const next = planOnce(plan.after, opts);
    if (next.after === next.before) {
      // The last pass's refusals are what is left; the ignore lines are planned alike by every pass.
      return { ...plan, refusals: next.refusals, notes: [...new Set([...plan.notes, ...next.notes])] };
    }
    const seen = new Set(plan.changes.map((c) => c.message));
    plan = {
      before: plan.before,
      after: next.after,
      changes: [...plan.changes, ...next.changes.filter((c) => !seen.has(c.message))],
      refusals: next.refusals,
      notes: [...new Set([...plan.notes, ...next.notes])],
      secrets: [...plan.secrets, ...next.secrets.filter((s) => !plan.secrets.some((x) => x.id === s.id))],
      secretValues: [...new Set([...plan.secretValues, ...next.secretValues])],
      ...(next.ignore ?? plan.ignore ? { ignore: (next.ignore ?? plan.ignore)! } : {}),
    };
  }
  return plan;
}

function planOnce(text: string, opts: PlanOptions): FixPlan {
  const file = opts.file ?? "Dockerfile";
  const secretValues: string[] = [];
  const empty: FixPlan = { before: text, after: text, changes: [], refusals: [], notes: [], secrets: [], secretValues };
  const model = parseDockerfileInstructions(text, file);
  if (model.stages.length === 0) return empty;
  const target = findTarget(model, opts.target);
  if (target === undefined) throw new DredgeError("usage", `target stage ${JSON.stringify(opts.target)} could not be found`);
  const buildArgs = opts.buildArgs ?? {};
  const graph = buildStageGraph(model, target, buildArgs);
  const report = opts.context;
  const contextInfo: ContextInfo | undefined = report ? { copies: contextCopies(report), has: (p) => existsSync(join(report.dir, p)), warnings: [] } : undefined;
  const linted = lintText(text, {
    file,
    ...(opts.target !== undefined ? { target: opts.target } : {}),
    buildArgs,
    ...(opts.detector ? { detector: opts.detector } : {}),
    ...(contextInfo ? { context: contextInfo } : {}),
  });
  for (const i of linted.issues) if (i.value !== undefined && !secretValues.includes(i.value)) secretValues.push(i.value);
  const issues = linted.issues.filter((i) => i.scope === "final");
  const hostOnly = linted.issues.filter((i) => i.scope === "host");
  if (model.errors.length > 0 && issues.length > 0) {
    const e = model.errors[0]!;
    const reason = `the Dockerfile has errors a builder would refuse (line ${e.line}: ${e.message}): dredge rewrites only a Dockerfile that builds`;
    return { ...empty, refusals: issues.map((i) => ({ rule: i.rule, line: i.at.line, reason })) };
  }

  // Taint sources for the RUN reader: the secret ARGs and literal credentials lint found.
  const args: SecretArg[] = [];
  const literals = new Map<number, LiteralSource[]>();
  const sources = {
    varsAt: (run: RunInstruction) => {
      const out = new Map<string, VarSource>();
      for (const a of args) if (a.stage === facts.place(run)?.stage && a.ins.line < run.line) out.set(a.def.name, a.source);
      return out;
    },
    literals,
  };
  const facts = new DockerfileFacts(text, model, graph, sources);
  for (const issue of issues) {
    if (issue.rule === "secret-arg-name" || issue.rule === "secret-arg-value") {
      const ins = model.instructions.find((i): i is ArgInstruction => i.kind === "ARG" && i.line === issue.at.line && i.args.some((d) => d.name === issue.at.name || d.name === issue.name));
      const def = ins?.args.find((d) => d.name === (issue.at.name ?? issue.name));
      const place = ins ? facts.place(ins) : undefined;
      if (!ins || !def || !place) continue;
      const source: VarSource = { type: "var", origin: "ARG", name: def.name, kind: issue.kind, line: ins.line };
      if (issue.value !== undefined) source.value = issue.value;
      args.push({ stage: place.stage, ins, def, source, issue });
    } else if (issue.rule === "literal-secret" && issue.value !== undefined) {
      const lit: LiteralSource = { type: "literal", value: issue.value, kind: issue.kind, severity: issue.severity };
      for (const line of [issue.at.line, ...issue.also.map((a) => a.line)]) literals.set(line, [...(literals.get(line) ?? []), lit]);
    }
  }

  const hostPath = opts.hostPath ?? ((p: string) => p);
  const state = new PlanState(text, facts, issues, report, hostPath);
  if (report) state.contextFiles = (rel) => existsSync(join(report.dir, rel));

  // 1. COPY secretfile + rm later → secret mount.
  for (const issue of issues) {
    if (issue.rule !== "sensitive-file-copy" || state.claimed.has(issue)) continue;
    const copy = model.instructions.find((i) => i.line === issue.at.line);
    if (!copy || (copy.kind !== "COPY" && copy.kind !== "ADD") || copy.sources.some((s) => COPY_BROAD(s.path))) continue;
    const rms = issues.filter((i) => i.rule === "rm-later-layer" && i.also.some((a) => a.line === copy.line));
    fixCopiedSecretFile(state, issue, rms);
  }
  // 2. Secret ARGs (with the files their values are written to).
  for (const arg of args) {
    fixSecretArg(state, arg);
    state.claimed.add(arg.issue);
    // The files its value is written to were fixed with it, or refused with it.
    for (const i of issues) {
      if (i.rule !== "secret-file-write" || i.name !== arg.def.name) continue;
      const at = model.instructions.find((x) => x.line === i.at.line);
      if (at && facts.place(at)?.stage === arg.stage) state.claimed.add(i);
    }
  }
  // 3. Literal credentials.
  for (const issue of issues) {
    if (issue.rule !== "literal-secret" || issue.value === undefined || state.claimed.has(issue)) continue;
    const lit = literals.get(issue.at.line)?.find((l) => l.value === issue.value);
    if (!lit) continue;
    fixLiteralSecret(state, { issue, value: issue.value, source: lit });
    for (const i of issues) if (i !== issue && i.value === issue.value && (i.rule === "secret-file-write" || i.rule === "literal-secret")) state.claimed.add(i);
  }
  // 4. Secret mounts written to files.
  for (const issue of issues) {
    if (issue.rule !== "secret-file-write" || state.claimed.has(issue)) continue;
    const run = model.instructions.find((i): i is RunInstruction => i.kind === "RUN" && i.line === issue.at.line);
    if (!run) continue;
    const plan = planWrites(state, facts.run(run), (s) => s.type === "mount");
    if ("refuse" in plan) {
      state.refuse(issue, plan.refuse);
      continue;
    }
    if (plan.fixes.length === 0) continue;
    for (const f of plan.fixes) f.apply();
    state.claimed.add(issue);
  }
  // 5. Broad COPYs of sensitive context files.
  fixDockerignore(
    state,
    issues.filter((i) => i.rule === "sensitive-file-copy" && !state.claimed.has(i)),
  );
  // 6. The rest: said, not rewritten.
  for (const issue of issues) if (!state.claimed.has(issue)) state.refuse(issue, generic(issue));
  for (const issue of hostOnly) {
    if (issue.rule === "secret-printed") continue;
    state.note(`line ${issue.at.line}: ${issue.message} — it stays on the build host (a stage the image does not include), so fix leaves it; clean the build cache if the host is shared`);
  }

  // Render.
  let after = text;
  try {
    const splices: Splice[] = [...state.splices, ...state.argSplices()];
    for (const ins of model.instructions) {
      if (ins.kind !== "RUN") continue;
      if (!state.runChanges.has(ins) && !state.replacers.some((r) => r.applies(ins))) continue;
      splices.push(...state.change(ins).render(text, state.replacers));
    }
    after = applySplices(text, splices);
    const again = parseDockerfileInstructions(after, file);
    if (again.errors.length > 0) throw new RenderError(`the rewritten Dockerfile would not parse (line ${again.errors[0]!.line}: ${again.errors[0]!.message})`);
  } catch (e) {
    if (!(e instanceof RenderError || e instanceof EditConflict || e instanceof RangeError)) throw e;
    return {
      ...empty,
      refusals: [...issues.map((i) => ({ rule: i.rule, line: i.at.line, reason: `dredge could not rewrite this safely (${e.message}); nothing was changed` }))],
    };
  }

  const ignore = ignoreChange(report, opts.contextDir ?? ".", state.ignore);
  const plan: FixPlan = { before: text, after, changes: state.changes, refusals: state.refusals, notes: state.notes, secrets: state.secrets, secretValues };
  if (ignore) plan.ignore = ignore;
  // Secrets the fixed Dockerfile reads that no rewrite introduced (it had them already).
  if (after !== text) {
    for (const ins of parseDockerfileInstructions(after, file).instructions) {
      if (ins.kind !== "RUN") continue;
      for (const m of ins.mounts) {
        if (m.type === "secret" && m.secretId && !plan.secrets.some((s) => s.id === m.secretId)) plan.secrets.push({ id: m.secretId, from: "a secret the Dockerfile already read" });
      }
    }
  }
  return plan;
}
