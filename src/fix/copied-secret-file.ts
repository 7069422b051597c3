/**
 * Rewrite kind `copied-secret-file`: `COPY secretfile DEST`, RUNs that use it, then `RUN rm` —
 * the file stays in the COPY layer. The RUNs between get a secret mount of that file at the same
 * path instead (every one of them saw the file before, so every one still does); the COPY and
 * the rm go, and the file is kept out of the build context. The build passes the file with
 * `--secret id=…,src=FILE`.
 */

import { posix } from "node:path";
import type { AddInstruction, CopyInstruction, RunInstruction } from "../dockerfile/index.js";
import { covers, resolveImagePath, resolveShellPath } from "../lint/paths.js";
import type { LintIssue } from "../lint/types.js";
import type { RunFacts } from "./facts.js";
import type { PlanState } from "./state.js";

const CHANGES_FILE = new Set(["chmod", "chown", "chgrp", "sed", "mv", "cp", "ln", "truncate", "tee", "touch", "install", "rsync", "dd", "shred"]);

/** Blank-separated words of a command with their offsets (quotes kept). */
function wordSpans(text: string): { start: number; end: number; raw: string }[] {
  const out: { start: number; end: number; raw: string }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    let quote = "";
    while (i < text.length && (quote !== "" || !/\s/.test(text[i]!))) {
      const c = text[i]!;
      if (quote === "" && (c === "'" || c === '"')) quote = c;
      else if (c === quote) quote = "";
      else if (c === "\\" && quote !== "'") i++;
      i++;
    }
    out.push({ start, end: i, raw: text.slice(start, i) });
  }
  return out;
}

const unquote = (w: string) => w.replace(/^(['"])(.*)\1$/, "$2");

export function fixCopiedSecretFile(state: PlanState, issue: LintIssue, rmIssues: readonly LintIssue[]): void {
  const { facts } = state;
  const refuse = (reason: string) => {
    state.refuse(issue, reason);
    for (const r of rmIssues) state.claimed.add(r);
  };
  const copy = facts.model.instructions.find((i) => i.line === issue.at.line && (i.kind === "COPY" || i.kind === "ADD")) as CopyInstruction | AddInstruction | undefined;
  if (!copy) return refuse("the instruction could not be found");
  const place = facts.place(copy)!;
  const ctxPath = issue.context?.path ?? copy.sources[0]?.path.replace(/^\.\/+/, "");
  if (copy.kind === "ADD") return refuse(`ADD on line ${copy.line} copies ${ctxPath}: use COPY, or a secret mount (RUN --mount=type=secret,id=…,target=…) in the RUNs that need it`);
  if (copy.sources.length !== 1 || ctxPath === undefined) return refuse(`COPY on line ${copy.line} takes other files too: copy ${ctxPath ?? "the secret file"} separately, then run fix again`);
  if (copy.chown !== undefined) return refuse(`COPY on line ${copy.line} sets an owner (--chown): mount the file with uid=/gid= by hand (RUN --mount=type=secret,id=…,target=…,uid=…)`);
  const src = copy.sources[0]!.path;
  if (/[*?[$]/.test(src)) return refuse(`COPY on line ${copy.line} takes ${src} by a pattern: name the file, then run fix again`);
  const destRaw = copy.destination;
  const dest = resolveImagePath(destRaw || ".", place.cwd);
  const intoDir = posix.join(dest, posix.basename(src));
  const after = facts.after(copy);

  // The RUN that removes it tells where it was.
  let rmRun: RunFacts | undefined;
  let rmAt = -1;
  let path: string | undefined;
  for (const ins of after) {
    if (ins.kind !== "RUN") continue;
    const f = facts.run(ins);
    f.commands.forEach((c, k) => {
      if (rmRun || (c.program !== "rm" && c.program !== "unlink")) return;
      for (const r of c.fx.removals) {
        const candidates = destRaw.endsWith("/") || destRaw === "." ? [intoDir] : [intoDir, dest];
        const hit = candidates.find((p) => r.pattern === p) ?? candidates.find((p) => covers(r.pattern, p));
        if (hit) {
          rmRun = f;
          rmAt = k;
          path = hit;
          return;
        }
      }
    });
    if (rmRun) break;
  }
  if (!rmRun || path === undefined) {
    return refuse(`COPY on line ${copy.line} puts ${ctxPath} into the image, and no later step removes it: dredge cannot tell whether the app reads it at run time. If only the build needs it, mount it in the RUN that uses it (RUN --mount=type=secret,id=…,target=${dest === "/" ? "/" + posix.basename(src) : intoDir} …) and drop the COPY`);
  }
  const rm: RunFacts = rmRun;
  const between = after.slice(0, after.indexOf(rm.ins)).filter((i): i is RunInstruction => i.kind === "RUN");
  const users = [...between.map((r) => facts.run(r)), ...(rmAt > 0 ? [rm] : [])];
  const name = posix.basename(path);
  for (const u of users) {
    const changer = u.commands.find((c, k) => (u !== rm || k < rmAt) && CHANGES_FILE.has(c.program) && c.text.includes(name));
    if (changer) return refuse(`line ${u.ins.line} changes ${path} (${changer.program}): a secret mount is read-only, so dredge leaves this to you`);
    if (u.ins.node.original.includes(name) && /[^2]>>?\s*\S*/.test(u.ins.node.original) && u.commands.some((c) => c.text.includes(">") && c.text.includes(name))) {
      return refuse(`line ${u.ins.line} writes to ${path}: a secret mount is read-only, so dredge leaves this to you`);
    }
  }
  // The rm: the whole command when it only removes this file, else just the word.
  const rmCmd = rm.commands[rmAt]!;
  const spans = wordSpans(rmCmd.text);
  const targets = spans.slice(1).filter((w) => !w.raw.startsWith("-"));
  const mine = targets.filter((w) => {
    const p = resolveShellPath(unquote(w.raw), rmCmd.cwd, rm.place.home);
    return p !== undefined && (p === path || covers(p, path!) && p !== posix.dirname(path!));
  });
  if (mine.length === 0) return refuse(`the rm on line ${rm.ins.line} removes more than ${path}: remove it by hand`);
  if (rm.commands.length > 1 && (rm.shape?.complex !== undefined || rm.ins.heredocs.length > 0)) {
    return refuse(`the RUN on line ${rm.ins.line} ${rm.shape?.complex ?? "has a heredoc"}: dredge will not take its rm out; do it by hand`);
  }

  // Apply.
  state.deleteInstruction(copy);
  const rmChange = state.change(rm.ins);
  if (mine.length === targets.length) rmChange.drop.add(rmAt);
  else for (const w of mine) rmChange.cuts.push({ start: rmCmd.seg.start + w.start - 1, end: rmCmd.seg.start + w.end });
  const id = state.freshId(name.replace(/^\.+/, "") || "secret_file");
  const modes: string[] = [];
  if (copy.chmod !== undefined && /^[0-7]{3,4}$/.test(copy.chmod)) modes.push(`mode=0${copy.chmod.slice(-3)}`);
  for (const u of users) {
    const root = u.place.user === "root" || u.place.user === "0" || u.place.user === "";
    const extra = modes.length > 0 ? "," + modes.join(",") : root ? "" : ",mode=0444";
    state.change(u.ins).addMount({ id, target: path, ...(extra ? { extra } : {}) });
  }
  state.ignore.push({ path: ctxPath, reason: "mounted as a secret where the build needs it" });
  if (users.length > 0) state.addSecret({ id, from: `the context file ${ctxPath}`, src: state.hostPath(ctxPath) });
  state.claimed.add(issue);
  for (const r of rmIssues) state.claimed.add(r);
  const lines = users.map((u) => u.ins.line);
  state.changes.push({
    kind: "copied-secret-file",
    lines: [copy.line, ...lines, rm.ins.line],
    message:
      `COPY ${src} (line ${copy.line}) and the rm on line ${rm.ins.line} are gone: ` +
      (lines.length > 0 ? `the RUN${lines.length > 1 ? "s" : ""} on line${lines.length > 1 ? "s" : ""} ${lines.join(", ")} mount${lines.length > 1 ? "" : "s"} it as a secret at ${path} (RUN --mount=type=secret,id=${id},target=${path})` : `no step used it in between`) +
      `, so it never enters a layer; ${ctxPath} is kept out of the build context`,
  });
}
