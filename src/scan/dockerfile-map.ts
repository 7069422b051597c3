import type { DockerfileModel, Instruction, Stage } from "../dockerfile/index.js";
import type { DockerfileRef, Location } from "../findings/types.js";
import type { ParsedHistory } from "../image/history.js";

/** Where each history entry and config field of an image came from in its Dockerfile. */
export interface DockerfileMap {
  history: Map<number, DockerfileRef>;
  /** `Env.KEY`, `Labels.KEY`, `Cmd`, `Entrypoint`, `User`, `Healthcheck`, `OnBuild`, `Shell`. */
  config: Map<string, DockerfileRef>;
}

function stageLabel(s: Stage): string {
  return s.name ?? String(s.index);
}

/** The stage a build of `target` (default: the last stage) ends with. */
export function findStage(model: DockerfileModel, target?: string): Stage | undefined {
  if (target === undefined) return model.stages[model.stages.length - 1];
  const t = target.toLowerCase();
  return model.stages.find((s) => s.name === t) ?? model.stages[Number(t)];
}

/** Instructions whose results the stage's image holds: its parent stages' (FROM stage), then its own. */
function chain(model: DockerfileModel, stage: Stage, seen = new Set<number>()): { ins: Instruction; stage: Stage }[] {
  if (seen.has(stage.index)) return [];
  seen.add(stage.index);
  const from = stage.from.image.toLowerCase();
  const parent = model.stages.find((s) => s.index < stage.index && (s.name === from || String(s.index) === from));
  const own = stage.instructions.filter((i) => i.kind !== "FROM").map((ins) => ({ ins, stage }));
  return [...(parent ? chain(model, parent, seen) : []), ...own];
}

const normalise = (s: string) =>
  s
    .replace(/(^|\s)--(?:mount|network|security|device)=\S+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function commandText(ins: Instruction): string | undefined {
  if (ins.kind !== "RUN") return undefined;
  return ins.command.form === "shell" ? ins.command.command : ins.command.args.join(" ");
}

/** How well a history entry fits an instruction: 2 = same text, 1 = same instruction, 0 = no. */
function fit(h: ParsedHistory, ins: Instruction): number {
  if (h.instruction !== ins.kind) return 0;
  switch (ins.kind) {
    case "RUN": {
      const want = normalise(commandText(ins) ?? "");
      const have = normalise(h.body);
      return want && (have === want || have.includes(want) || want.includes(have)) ? 2 : 1;
    }
    case "ENV":
    case "LABEL":
    case "ARG": {
      const keys = ins.kind === "ARG" ? ins.args.map((a) => a.name) : ins.pairs.map((p) => p.key);
      const names = ins.kind === "ARG" ? h.declaredArgs : h.pairs.map((p) => p.name);
      return keys.length > 0 && keys.every((k) => names.includes(k)) ? 2 : 1;
    }
    default:
      return 1;
  }
}

/**
 * Maps an image's history to the Dockerfile that built it, newest first: each history entry is
 * matched to the latest unmatched instruction of the same kind (preferring the same text), so
 * instructions that leave no entry with one builder or another are skipped; entries older than
 * the first instruction are the base image's.
 */
export function mapDockerfile(model: DockerfileModel, file: string, history: ParsedHistory[], target?: string): DockerfileMap {
  const result: DockerfileMap = { history: new Map(), config: new Map() };
  const stage = findStage(model, target);
  if (!stage) return result;
  const list = chain(model, stage);
  const ref = (x: { ins: Instruction; stage: Stage }): DockerfileRef => ({ file, line: x.ins.line, column: x.ins.range.start.column, stage: stageLabel(x.stage) });
  let j = list.length - 1;
  for (let h = history.length - 1; h >= 0 && j >= 0; h--) {
    const entry = history[h]!;
    if (!entry.instruction) break;
    let best = -1;
    let bestFit = 0;
    for (let k = j; k >= 0 && k >= j - 8; k--) {
      const f = fit(entry, list[k]!.ins);
      if (f > bestFit) {
        best = k;
        bestFit = f;
        if (f === 2) break;
      }
    }
    if (best < 0) break;
    result.history.set(h, ref(list[best]!));
    j = best - 1;
  }
  // Config fields: the last instruction that set each one.
  for (const x of list) {
    const r = ref(x);
    const ins = x.ins;
    if (ins.kind === "ENV") for (const p of ins.pairs) result.config.set(`Env.${p.key}`, r);
    else if (ins.kind === "LABEL") for (const p of ins.pairs) result.config.set(`Labels.${p.key}`, r);
    else if (ins.kind === "CMD") result.config.set("Cmd", r);
    else if (ins.kind === "ENTRYPOINT") result.config.set("Entrypoint", r);
    else if (ins.kind === "USER") result.config.set("User", r);
    else if (ins.kind === "HEALTHCHECK") result.config.set("Healthcheck", r);
    else if (ins.kind === "ONBUILD") result.config.set("OnBuild", r);
    else if (ins.kind === "SHELL") result.config.set("Shell", r);
  }
  return result;
}

/** Adds the Dockerfile line to a location, given which history entry made each layer. */
export function withDockerfile<L extends Location>(loc: L, map: DockerfileMap, layerHistory: (number | undefined)[]): L {
  let r: DockerfileRef | undefined;
  if (loc.status === "history") r = map.history.get(loc.history.index);
  else if (loc.status === "config") r = map.config.get(loc.config.key !== undefined ? `${loc.config.field}.${loc.config.key}` : loc.config.field);
  else if (loc.status === "present" || loc.status === "deleted" || loc.status === "overwritten") {
    const h = layerHistory[loc.layer.index];
    if (h !== undefined) r = map.history.get(h);
  }
  return r ? { ...loc, dockerfile: r } : loc;
}
