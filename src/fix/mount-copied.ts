/**
 * Rewrite kind `mount-copied`: a secret mount copied as it is into a file
 * (`cp /run/secrets/npmrc ~/.npmrc`, `cat /run/secrets/x > F`) is mounted at that file's path
 * instead, in the commands that read the file; the copy goes.
 */

import { parseShell } from "../lint/shell.js";
import type { MountSource } from "../lint/taint.js";
import type { CommandFacts, RunFacts } from "./facts.js";
import type { FileUse } from "./file-use.js";
import type { PlanState } from "./state.js";

/** The mount a command copies verbatim to `path`, when it is such a copy. */
export function verbatimCopy(run: RunFacts, cmd: CommandFacts, path: string, taint: readonly { type: string }[]): MountSource | undefined {
  if (taint.length !== 1 || taint[0]!.type !== "mount") return undefined;
  const mount = taint[0] as MountSource;
  const m = run.secretMounts.get(mount.id);
  if (!m?.path) return undefined;
  const redirects = parseShell(cmd.text).commands[0]?.redirects ?? [];
  const args = cmd.words.slice(1).filter((w) => !w.startsWith("-"));
  switch (cmd.program) {
    case "cp":
    case "install":
      // `cp -p` and friends keep the copy a copy; `-a`, `-r` on a file too.
      return args.length === 2 && args[0] === m.path ? mount : undefined;
    case "cat":
      return args.length === 1 && args[0] === m.path && redirects.length === 1 && redirects[0]!.op === ">" && path.length > 0 ? mount : undefined;
    default:
      return undefined;
  }
}

/** Mounts the secret at `path` in the RUNs that read it, and drops the copy from `run`. */
export function applyMountCopied(state: PlanState, run: RunFacts, k: number, path: string, mount: MountSource, use: FileUse): void {
  const target = { id: mount.id, target: path };
  for (const later of use.laterRuns) state.change(later).addMount(target);
  const change = state.change(run.ins);
  change.drop.add(k);
  if (use.sameRun.length > 0) change.addMount(target);
  const keptText = run.commands.filter((_c, i) => i !== k).map((c) => c.text).join("\n");
  const original = run.secretMounts.get(mount.id);
  if (original?.path !== undefined && !keptText.includes(original.path)) change.dropMounts.add(mount.id);
  const lines = [run.ins.line, ...use.laterRuns.map((r) => r.line)];
  state.changes.push({
    kind: "mount-copied",
    lines,
    message: `the secret ${mount.id} was copied into ${path}, which stayed in the image: it is now mounted at ${path} (RUN --mount=type=secret,id=${mount.id},target=${path}) for the RUN${lines.length > 1 ? "s" : ""} on line${lines.length > 1 ? "s" : ""} ${[...new Set(use.sameRun.length > 0 ? lines : lines.slice(1))].join(", ")}, and the copy is gone`,
  });
}
