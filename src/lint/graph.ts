/**
 * The stage graph of a Dockerfile: which stage each stage is built FROM, which stages it copies
 * from (`COPY --from`) or mounts (`RUN --mount=from=`), and which stages reach the image a build
 * of the target produces.
 *
 * Two different reaches matter. A stage built `FROM` another inherits its layers, history and
 * config, so everything of the stages in the target's FROM chain is in the final image. A stage
 * that is only copied from (or mounted) gives the final image the files copied and nothing else:
 * its layers, history and ENV stay on the build host.
 */

import { expandWord, type DockerfileModel, type Env, type Stage } from "../dockerfile/index.js";

/** A reference from one stage to another, at a Dockerfile line. */
export interface StageEdge {
  from: number;
  line: number;
  kind: "copy" | "mount";
}

export interface StageNode {
  stage: Stage;
  index: number;
  /** The stage's name, or its index as text. */
  label: string;
  /** The stage this one is built FROM, when it is a stage of this Dockerfile. */
  parent?: number;
  /** The base image reference after expanding global ARGs, when not a stage. */
  baseImage?: string;
  /** Stages it copies files from or mounts. */
  uses: StageEdge[];
}

export interface StageGraph {
  nodes: StageNode[];
  /** Index of the target stage (`--target`, else the last). */
  target: number;
  /** The target and its FROM ancestors: their layers, history and config are in the final image. */
  chain: Set<number>;
  /** Every stage the target build needs (the chain and what it copies from or mounts, transitively). */
  needed: Set<number>;
}

/** A stage reference (`--from=builder`, `FROM builder`, `--from=0`) to a stage index before `before`. */
export function resolveStageRef(model: DockerfileModel, ref: string, before: number): number | undefined {
  const r = ref.toLowerCase();
  for (let i = before - 1; i >= 0; i--) if (model.stages[i]!.name === r) return i;
  if (/^\d+$/.test(r)) {
    const n = Number(r);
    if (n < before) return n;
  }
  return undefined;
}

/** The target stage's index, or undefined when no stage has that name or index. */
export function findTarget(model: DockerfileModel, target: string | undefined): number | undefined {
  if (model.stages.length === 0) return undefined;
  if (target === undefined) return model.stages.length - 1;
  const t = target.toLowerCase();
  const byName = model.stages.findIndex((s) => s.name === t);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(t) && Number(t) < model.stages.length) return Number(t);
  return undefined;
}

/** Global ARG values (before the first FROM): defaults, overridden by build args. */
export function globalArgValues(model: DockerfileModel, buildArgs: Readonly<Record<string, string>> = {}): Map<string, string> {
  const globals = new Map<string, string>();
  for (const ins of model.globalArgs) {
    for (const def of ins.args) {
      const v = Object.prototype.hasOwnProperty.call(buildArgs, def.name)
        ? buildArgs[def.name]
        : def.rawDefault !== undefined
          ? expandWord(def.rawDefault, globals, { escapeChar: model.ast.escapeChar }).value
          : undefined;
      if (v !== undefined) globals.set(def.name, v);
    }
  }
  return globals;
}

/**
 * Builds the graph. Global ARGs (with the build args given) expand `FROM ${BASE}` and
 * `--from=${STAGE}` as Docker does.
 */
export function buildStageGraph(model: DockerfileModel, target: number, buildArgs: Readonly<Record<string, string>> = {}): StageGraph {
  const globals: Env = globalArgValues(model, buildArgs);
  const nodes: StageNode[] = model.stages.map((stage, index) => {
    const node: StageNode = { stage, index, label: stage.name ?? String(index), uses: [] };
    const image = expandWord(stage.from.image, globals).value;
    const parent = resolveStageRef(model, image, index);
    if (parent !== undefined) node.parent = parent;
    else node.baseImage = image;
    for (const ins of stage.instructions) {
      if (ins.kind === "COPY" && ins.from !== undefined) {
        const from = resolveStageRef(model, expandWord(ins.from, globals).value, index);
        if (from !== undefined) node.uses.push({ from, line: ins.line, kind: "copy" });
      } else if (ins.kind === "RUN") {
        for (const m of ins.mounts) {
          if (m.from === undefined) continue;
          const from = resolveStageRef(model, expandWord(m.from, globals).value, index);
          if (from !== undefined) node.uses.push({ from, line: ins.line, kind: "mount" });
        }
      }
    }
    return node;
  });
  const chain = new Set<number>();
  for (let i: number | undefined = target; i !== undefined && !chain.has(i); i = nodes[i]?.parent) chain.add(i);
  const needed = new Set<number>();
  const todo = [target];
  while (todo.length > 0) {
    const i = todo.pop()!;
    if (needed.has(i) || !nodes[i]) continue;
    needed.add(i);
    const n = nodes[i]!;
    if (n.parent !== undefined) todo.push(n.parent);
    for (const e of n.uses) todo.push(e.from);
  }
  return { nodes, target, chain, needed };
}
