/**
 * Which build-context files each COPY/ADD takes, as Docker resolves its sources: variables
 * expanded with the ARG and ENV values in scope at that line (global ARGs only where the stage
 * redeclares them, ENV inherited from a parent stage, `--build-arg` values first), the path
 * cleaned and taken relative to the context root (`..` cannot climb out), a directory copying
 * its whole tree, `.` everything, and wildcards matched per path component with Go's
 * `filepath.Match` (`**` spans directories only with `--parents`). `--exclude` patterns are
 * matched like `.dockerignore` patterns, relative to each source. COPY --from, heredocs and
 * URLs do not read the context and are left out. ADD of a local archive counts as copying it.
 */

import { posix } from "node:path";
import type { CopyInstruction, AddInstruction, DockerfileModel, Instruction, Stage } from "../dockerfile/index.js";
import { expandWord } from "../dockerfile/index.js";
import { DockerIgnore, cleanPath, patternsFrom } from "./dockerignore.js";
import { BadPatternError, goMatch, hasGlobMeta } from "./gomatch.js";
import type { CopyRef } from "./types.js";

/** One COPY/ADD that reads the build context, with a test for the paths it takes. */
export interface CopySelector {
  ref: CopyRef;
  /** Whether the instruction copies this context path (relative, `/`-separated). */
  selects(path: string): boolean;
}

export interface CopyPlan {
  selectors: CopySelector[];
  /** The stage the build ends with (`--target`, else the last). */
  target?: Stage;
  /** Indexes of the stages whose content reaches the target's image. */
  reaching: ReadonlySet<number>;
  warnings: string[];
}

export interface PlanOptions {
  /** The Dockerfile's name in output (`Dockerfile`, `docker/app.Dockerfile`). */
  file: string;
  buildArgs?: Readonly<Record<string, string>>;
  target?: string;
  /**
   * Resolves a source that is a symlink inside the context to the path it points to (relative
   * to the context root), as Docker follows a symlink named as a source; undefined when it is
   * not a symlink or points outside.
   */
  resolveLink?: (path: string) => string | undefined;
}

/** Platform args BuildKit defines; a stage sees them only where it declares them (`ARG TARGETOS`). */
const PLATFORM_ARGS: Readonly<Record<string, string>> = {
  TARGETPLATFORM: "linux/amd64",
  TARGETOS: "linux",
  TARGETARCH: "amd64",
  TARGETVARIANT: "",
  BUILDPLATFORM: "linux/amd64",
  BUILDOS: "linux",
  BUILDARCH: "amd64",
  BUILDVARIANT: "",
};

const URL_SOURCE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

interface StageState {
  env: Map<string, string>;
  workdir: string;
}

/** The stage a `--from`, `FROM` or `from=` reference names: an earlier stage by name or index. */
function stageRef(model: DockerfileModel, ref: string, before: number): Stage | undefined {
  const r = ref.toLowerCase();
  if (/^\d+$/.test(r)) {
    const s = model.stages[Number(r)];
    return s && s.index < before ? s : undefined;
  }
  return model.stages.find((s) => s.index < before && s.name === r);
}

/** The stage `--target` names (by name or index), else the last. */
function targetStage(model: DockerfileModel, target: string | undefined, warnings: string[]): Stage | undefined {
  const last = model.stages[model.stages.length - 1];
  if (target === undefined) return last;
  const t = target.toLowerCase();
  const found = model.stages.find((s) => s.name === t) ?? (/^\d+$/.test(t) ? model.stages[Number(t)] : undefined);
  if (!found) warnings.push(`target stage ${JSON.stringify(target)} is not in the Dockerfile; using the last stage`);
  return found ?? last;
}

function label(s: Stage): string {
  return s.name ?? String(s.index);
}

/** Expands a word with a lookup; the result and the names that had no value. */
function expand(model: DockerfileModel, text: string, lookup: (n: string) => string | undefined): { value: string; unset: string[] } {
  const r = expandWord(text, lookup, { escapeChar: model.ast.escapeChar });
  return { value: r.value, unset: r.unset };
}

/** A path test for one expanded COPY source. */
function sourceTest(raw: string, parents: boolean, excludes: DockerIgnore | undefined, resolveLink: PlanOptions["resolveLink"], bad: (e: BadPatternError) => void): (path: string) => boolean {
  const norm = cleanPath("/" + raw).slice(1);
  const under = (root: string, path: string): string | undefined => {
    if (root === "") return path;
    if (path === root) return root.slice(root.lastIndexOf("/") + 1);
    return path.startsWith(root + "/") ? path.slice(root.length + 1) : undefined;
  };
  const excluded = (sub: string) => excludes !== undefined && excludes.excludes(sub);
  if (!hasGlobMeta(norm)) {
    const roots = [norm];
    const link = norm === "" ? undefined : resolveLink?.(norm);
    if (link !== undefined) roots.push(link);
    return (path) =>
      roots.some((root) => {
        const sub = under(root, path);
        return sub !== undefined && !excluded(sub);
      });
  }
  const comps = norm.split("/");
  const deep = parents && comps.includes("**");
  return (path) => {
    const parts = path.split("/");
    try {
      const k = deep ? matchDeep(comps, 0, parts, 0) : matchFlat(comps, parts);
      if (k < 0) return false;
      const root = parts.slice(0, k).join("/");
      return !excluded(under(root, path)!);
    } catch (e) {
      if (e instanceof BadPatternError) {
        bad(e);
        return false;
      }
      throw e;
    }
  };
}

/** Components of `parts` a glob of plain components matches at its start: its length, or -1. */
function matchFlat(comps: readonly string[], parts: readonly string[]): number {
  if (parts.length < comps.length) return -1;
  for (let i = 0; i < comps.length; i++) if (!goMatch(comps[i]!, parts[i]!)) return -1;
  return comps.length;
}

/** As matchFlat, where a `**` component spans any number of components (`--parents`). */
function matchDeep(comps: readonly string[], ci: number, parts: readonly string[], pi: number): number {
  if (ci === comps.length) return pi;
  if (comps[ci] === "**") {
    for (let j = pi; j <= parts.length; j++) {
      const k = matchDeep(comps, ci + 1, parts, j);
      if (k >= 0) return k;
    }
    return -1;
  }
  if (pi >= parts.length || !goMatch(comps[ci]!, parts[pi]!)) return -1;
  return matchDeep(comps, ci + 1, parts, pi + 1);
}

/**
 * Plans every COPY/ADD of the Dockerfile that reads the build context: what each takes, into
 * which stage, and whether that stage reaches the target's image.
 */
export function planCopies(model: DockerfileModel, opts: PlanOptions): CopyPlan {
  const warnings: string[] = [];
  const buildArgs = opts.buildArgs ?? {};
  const has = (n: string) => Object.prototype.hasOwnProperty.call(buildArgs, n);
  // Global ARGs: in scope for FROM lines, and in a stage where it redeclares them.
  const globals = new Map<string, string | undefined>();
  const globalLookup = (n: string) => (globals.has(n) ? globals.get(n) : PLATFORM_ARGS[n]);
  for (const a of model.globalArgs) {
    for (const def of a.args) {
      const value = has(def.name) ? buildArgs[def.name] : def.rawDefault !== undefined ? expand(model, def.rawDefault, globalLookup).value : undefined;
      globals.set(def.name, value);
    }
  }
  const target = targetStage(model, opts.target, warnings);
  const reaching = target ? reachingStages(model, target, globalLookup) : new Set<number>();
  const ends = new Map<number, StageState>();
  const selectors: CopySelector[] = [];
  for (const stage of model.stages) {
    const parent = stageRef(model, expand(model, stage.from.image, globalLookup).value, stage.index);
    const inherited = parent ? ends.get(parent.index) : undefined;
    const state: StageState = inherited ? { env: new Map(inherited.env), workdir: inherited.workdir } : { env: new Map(), workdir: "/" };
    const args = new Map<string, string | undefined>();
    // ENV wins over an ARG of the same name.
    const lookup = (n: string) => (state.env.has(n) ? state.env.get(n) : args.get(n));
    for (const ins of stage.instructions) {
      switch (ins.kind) {
        case "ARG":
          for (const def of ins.args) {
            let value: string | undefined;
            if (has(def.name)) value = buildArgs[def.name];
            else if (def.rawDefault !== undefined) value = expand(model, def.rawDefault, lookup).value;
            else if (globals.has(def.name)) value = globals.get(def.name);
            else value = PLATFORM_ARGS[def.name];
            args.set(def.name, value);
          }
          break;
        case "ENV": {
          const values = ins.pairs.map((p) => [p.key, expand(model, p.rawValue, lookup).value] as const);
          for (const [k, v] of values) state.env.set(k, v);
          break;
        }
        case "WORKDIR": {
          const w = expand(model, ins.path, lookup).value;
          state.workdir = posix.resolve(state.workdir, w || ".");
          break;
        }
        case "COPY":
        case "ADD":
          if (ins.kind === "COPY" && ins.from !== undefined) break;
          selectors.push(...copySelectors(model, ins, stage, state, lookup, reaching.has(stage.index), opts, warnings));
          break;
        default:
          break;
      }
    }
    ends.set(stage.index, state);
  }
  const plan: CopyPlan = { selectors, reaching, warnings };
  if (target) plan.target = target;
  return plan;
}

function copySelectors(
  model: DockerfileModel,
  ins: CopyInstruction | AddInstruction,
  stage: Stage,
  state: StageState,
  lookup: (n: string) => string | undefined,
  reaches: boolean,
  opts: PlanOptions,
  warnings: string[],
): CopySelector[] {
  const where = `${opts.file}:${ins.line}`;
  const unset = new Set<string>();
  const dest = expand(model, ins.destination, lookup);
  dest.unset.filter((n) => bareReference(ins.destination, n)).forEach((n) => unset.add(n));
  const destination = dest.value.startsWith("/") ? dest.value : posix.join(state.workdir, dest.value);
  const excludeWords = ins.exclude.map((e) => expand(model, e, lookup).value);
  const excludes = excludeWords.length ? new DockerIgnore(patternsFrom(excludeWords).patterns) : undefined;
  const ref: CopyRef = {
    file: opts.file,
    line: ins.line,
    column: ins.range.start.column,
    stage: label(stage),
    stageIndex: stage.index,
    instruction: ins.kind,
    dest: destination,
    reachesTarget: reaches,
  };
  let reportedBad = false;
  const tests: ((p: string) => boolean)[] = [];
  for (const src of ins.sources) {
    if (src.heredoc) continue;
    const e = expand(model, src.path, lookup);
    e.unset.filter((n) => bareReference(src.path, n)).forEach((n) => unset.add(n));
    if (URL_SOURCE.test(e.value)) continue;
    tests.push(
      sourceTest(e.value, ins.kind === "COPY" && ins.parents, excludes, opts.resolveLink, (err) => {
        if (reportedBad) return;
        reportedBad = true;
        warnings.push(`${where}: ${ins.kind} source ${err.message}: the build fails on it`);
      }),
    );
  }
  if (unset.size) {
    warnings.push(
      `${where}: ${ins.kind} uses ${[...unset].map((n) => "$" + n).join(", ")} with no value here (no default, no --build-arg): matched as empty, as Docker would`,
    );
  }
  if (tests.length === 0) return [];
  return [{ ref, selects: (p) => tests.some((t) => t(p)) }];
}

/** Whether `text` refers to `name` without a default (`$NAME`, `${NAME}`), so an unset value leaves a hole. */
function bareReference(text: string, name: string): boolean {
  return text.includes("${" + name + "}") || new RegExp("\\$" + name + "(?![A-Za-z0-9_])").test(text);
}

/** Stages whose content reaches the target: its FROM chain, and every stage it copies or mounts from (transitively). */
export function reachingStages(model: DockerfileModel, target: Stage, globalLookup: (n: string) => string | undefined): Set<number> {
  const seen = new Set<number>();
  const todo: Stage[] = [target];
  const expandRef = (ref: string) => expandWord(ref, globalLookup, { escapeChar: model.ast.escapeChar }).value;
  while (todo.length) {
    const s = todo.pop()!;
    if (seen.has(s.index)) continue;
    seen.add(s.index);
    const push = (ref: string | undefined) => {
      if (ref === undefined) return;
      const found = stageRef(model, expandRef(ref), s.index);
      if (found) todo.push(found);
    };
    push(s.from.image);
    for (const ins of s.instructions) fromRefs(ins).forEach(push);
  }
  return seen;
}

/** Stage references of an instruction: COPY --from, RUN --mount from=. */
function fromRefs(ins: Instruction): string[] {
  if (ins.kind === "COPY" && ins.from !== undefined) return [ins.from];
  if (ins.kind === "RUN") return ins.mounts.flatMap((m) => (m.from !== undefined ? [m.from] : []));
  return [];
}
