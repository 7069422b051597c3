/**
 * Who uses a secret file a RUN writes, and whether taking it out of the image is safe: the
 * commands after the write that read it, whether a later stage carries it on, and whether it
 * existed before (then removing it would change the image).
 */

import { posix } from "node:path";
import type { Instruction, RunInstruction } from "../dockerfile/index.js";
import { copyTarget, covers, resolveImagePath } from "../lint/paths.js";
import { resolveStageRef } from "../lint/graph.js";
import { configFile, reads } from "./consumers.js";
import type { DockerfileFacts, RunFacts } from "./facts.js";

/** The commands that read a config file after command `k` of `run`. */
export interface FileUse {
  what: string;
  /** Later commands of the same RUN that read it. */
  sameRun: number[];
  /** Later RUNs of the stage with a command that reads it. */
  laterRuns: RunInstruction[];
}

/** Why a written file cannot be taken out of the image, or undefined. */
export function carriedOn(facts: DockerfileFacts, run: RunFacts, path: string): string | undefined {
  const stage = run.place.stage;
  const child = facts.children(stage)[0];
  if (child !== undefined) return `stage ${facts.graph.nodes[child]!.label} is built FROM this stage and inherits ${path}`;
  for (const node of facts.graph.nodes) {
    for (const ins of node.stage.instructions) {
      if (ins.kind !== "COPY" || ins.from === undefined) continue;
      if (resolveStageRef(facts.model, ins.from, node.index) !== stage) continue;
      const dest = facts.place(ins)?.cwd ?? "/";
      for (const s of ins.sources) {
        if (copyTarget(resolveImagePath(s.path, "/"), path, resolveImagePath(ins.destination || ".", dest), true) !== undefined) {
          return `COPY --from on line ${ins.line} copies ${path} into another stage`;
        }
      }
    }
  }
  return undefined;
}

/** Who reads `path` after command `k` of `run`, when fix knows the file. */
export function fileUse(facts: DockerfileFacts, run: RunFacts, k: number, path: string): FileUse | undefined {
  const cfg = configFile(path, run.place.home);
  if (!cfg) return undefined;
  const sameRun: number[] = [];
  run.commands.forEach((c, i) => {
    if (i > k && reads(cfg, c.program, c.words)) sameRun.push(i);
  });
  const laterRuns: RunInstruction[] = [];
  for (const ins of facts.after(run.ins)) {
    if (ins.kind !== "RUN") continue;
    const f = facts.run(ins);
    if (f.commands.some((c) => reads(cfg, c.program, c.words))) laterRuns.push(ins);
    else if (!f.script && ins.command.form === "exec" && reads(cfg, posix.basename(ins.command.args[0] ?? ""), ins.command.args)) laterRuns.push(ins);
  }
  return { what: cfg.what, sameRun, laterRuns };
}

/** An earlier instruction of the stage (or of the stages it is built FROM) that may have put `path` there. */
export function existedBefore(facts: DockerfileFacts, ins: Instruction, path: string, contextHas?: (rel: string) => boolean): Instruction | undefined {
  const chain: Instruction[] = [];
  let place = facts.place(ins);
  chain.push(...facts.before(ins));
  while (place) {
    const parent = facts.graph.nodes[place.stage]?.parent;
    if (parent === undefined) break;
    const parentIns = facts.model.stages[parent]!.instructions;
    chain.unshift(...parentIns);
    place = parentIns[0] ? facts.place(parentIns[0]) : undefined;
  }
  const name = posix.basename(path);
  for (const before of chain.reverse()) {
    if (before.kind === "COPY" || before.kind === "ADD") {
      if (before.kind === "COPY" && before.from !== undefined) continue;
      const dest = resolveImagePath(before.destination || ".", facts.place(before)?.cwd ?? "/");
      if (dest === path) return before;
      if (!covers(dest, path)) continue;
      const rel = posix.relative(dest, path);
      for (const s of before.sources) {
        if (s.heredoc) {
          if (s.path === rel) return before;
          continue;
        }
        const src = s.path.replace(/^(?:\.\/)+/, "").replace(/^\/+/, "").replace(/\/+$/, "");
        // A file source lands as dest/<its name>; a directory (or `.`) brings what the context has under it.
        if (posix.basename(src) === name && posix.dirname(path) === dest) return before;
        if (/[*?[]/.test(src) || !contextHas) {
          // Without the context: a broad copy is taken to bring files at its top (a project's
          // .npmrc), not deeper ones (root/.npmrc for a COPY into /).
          if ((src === "" || src === "." || /[*?[]/.test(src)) && !rel.includes("/")) return before;
          continue;
        }
        if (contextHas(src === "" || src === "." ? rel : posix.join(src, rel))) return before;
      }
    } else if (before.kind === "RUN") {
      const text = before.node.original + before.heredocs.map((h) => h.content).join("\n");
      if (text.includes(name)) return before;
    }
  }
  return undefined;
}
