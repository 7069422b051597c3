/**
 * Rewrite kind `dockerignore`: sensitive files a broad COPY (`COPY . .`) takes from the build
 * context are kept out by `.dockerignore` (or the `<Dockerfile>.dockerignore` the build uses):
 * the fewest lines that do it, appended under a comment, the user's lines untouched. A file the
 * app needs (its settings, a file the Dockerfile names elsewhere, one the user re-included on
 * purpose) is not excluded: fix says why and what to do instead.
 */

import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, posix } from "node:path";
import type { ContextFile, ContextReport } from "../context/index.js";
import type { LintIssue } from "../lint/types.js";
import { lineEnding } from "./editor.js";
import type { PlanState } from "./state.js";
import type { IgnoreChange } from "./types.js";

/** Kinds of sensitive files that hold only credentials or history: the app does not read them. */
const NOT_FOR_THE_APP = new Set([
  "git-directory",
  "aws-config-directory",
  "ssh-directory",
  "gnupg-directory",
  "azure-config-directory",
  "gcloud-config-directory",
  "ssh-private-key",
  "private-key-file",
  "keystore",
  "dotenv-file",
  "gcp-credentials",
  "aws-credentials",
  "npm-config",
  "yarn-config",
  "netrc",
  "pypirc",
  "pip-config",
  "git-credentials",
  "docker-config",
  "kubeconfig",
  "terraform-state",
  "terraform-variables",
  "terraform-cli-config",
  "pgpass",
  "mysql-config",
  "vault-token",
  "package-registry-credentials",
]);

const BROAD = (p: string) => p === "." || p === "./" || p === "/" || p.endsWith("/") || /[*?[]/.test(p) || !posix.basename(p).includes(".");

/** Plans `.dockerignore` lines for the sensitive files broad COPYs take (issues not claimed by another kind). */
export function fixDockerignore(state: PlanState, issues: readonly LintIssue[]): void {
  const report = state.context;
  for (const issue of issues) {
    const path = issue.context?.path;
    if (!report || path === undefined) {
      state.refuse(issue, "the build context was not analysed (run fix with the context directory): dredge cannot tell which file to exclude");
      continue;
    }
    const file = report.sensitive.find((f) => f.path === path);
    const why = file ? reasonToKeep(state, file, issue) : "it is not in the build context dredge analysed";
    if (why) {
      state.refuse(issue, why);
      continue;
    }
    state.ignore.push({ path, reason: file!.kind === "dotenv-file" ? "environment for run time: pass it with docker run --env-file" : "not needed in the image" });
    state.claimed.add(issue);
    state.changes.push({
      kind: "dockerignore",
      lines: [issue.at.line],
      message: `${path} (${file!.reasons[0] ?? "sensitive file"}) is kept out of the build context, so ${shortCopy(state, issue.at.line)} no longer copies it into the image` +
        (file!.kind === "dotenv-file" ? `; if the app reads ${path} at run time, give it those variables at run time instead (docker run --env-file ${path})` : ""),
    });
  }
}

function shortCopy(state: PlanState, line: number): string {
  const ins = state.facts.model.instructions.find((i) => i.line === line);
  const t = ins?.node.original.replace(/\s+/g, " ").trim() ?? `line ${line}`;
  return `${t.length > 40 ? t.slice(0, 39) + "…" : t} (line ${line})`;
}

/** Why a sensitive context file must stay in the context, or undefined when it can be excluded. */
function reasonToKeep(state: PlanState, file: ContextFile, issue: LintIssue): string | undefined {
  if (file.reincludedBy) {
    return `${state.context?.ignoreFile ?? ".dockerignore"} re-includes ${file.path} on purpose (line ${file.reincludedBy.line ?? "?"}): dredge does not override that. Take the secret out of the file and give it at run time, or drop the re-include`;
  }
  const explicit = file.copiedBy.find((c) => {
    const ins = state.facts.model.instructions.find((i) => i.line === c.line);
    return ins && (ins.kind === "COPY" || ins.kind === "ADD") && ins.sources.some((s) => !BROAD(s.path)) && !state.isDeleted(ins);
  });
  if (explicit) return `line ${explicit.line} copies ${file.path} by name: excluding it would break the build`;
  if (!file.kind || !NOT_FOR_THE_APP.has(file.kind)) {
    const kinds = [...new Set(file.hits.map((h) => h.kind))].join(", ") || (file.reasons[0] ?? "secrets");
    return (
      `${file.path} holds ${kinds} and is part of what the app reads at run time (${file.kind === "appsettings" ? "its settings" : "not a credential store dredge can drop"}): ` +
      `it can be neither excluded nor mounted at build time. Take the secret out of the file and give it to the app at run time ` +
      `(an environment variable, e.g. ConnectionStrings__Default for appsettings.json, or a secret mounted with docker run / Kubernetes), then rotate it — it is in every image built so far`
    );
  }
  const base = posix.basename(file.path);
  const copyLine = issue.at.line;
  for (const ins of state.facts.model.instructions) {
    if (ins.line <= copyLine || state.isDeleted(ins)) continue;
    if (!["RUN", "CMD", "ENTRYPOINT", "COPY", "ADD", "HEALTHCHECK"].includes(ins.kind)) continue;
    const text = ins.node.original + (ins.kind === "RUN" ? ins.heredocs.map((h) => h.content).join("\n") : "");
    if (new RegExp(`(?:^|[^A-Za-z0-9_.-])${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:$|[^A-Za-z0-9_-])`).test(text)) {
      return `${ins.kind} on line ${ins.line} names ${base}: excluding it would change what that step does. If it is needed only while building, mount it there as a secret (RUN --mount=type=secret,id=…,target=…) and exclude it`;
    }
  }
  return undefined;
}

/** An ignore-file pattern that matches exactly this context path. */
function pattern(path: string): string {
  const escaped = path.replace(/[*?[\\]/g, "\\$&");
  return escaped.startsWith("!") || escaped.startsWith("#") ? "/" + escaped : escaped;
}

/** The ignore file the build uses (or `.dockerignore` to create), with the planned lines appended. */
export function ignoreChange(report: ContextReport | undefined, contextDir: string, entries: readonly { path: string; reason: string }[]): IgnoreChange | undefined {
  if (entries.length === 0) return undefined;
  const file = report?.ignoreFile !== undefined ? (isAbsolute(report.ignoreFile) ? report.ignoreFile : join(report.dir, report.ignoreFile)) : join(report?.dir ?? contextDir, ".dockerignore");
  const exists = existsSync(file);
  const before = exists ? readFileSync(file, "utf8") : "";
  const eol = exists ? lineEnding(before) : "\n";
  const existing = new Set(before.split(/\r?\n/).map((l) => l.trim()));
  const lines = [...new Set(entries.map((e) => pattern(e.path)))].filter((p) => !existing.has(p));
  if (lines.length === 0) return undefined;
  let after = before;
  if (after !== "" && !after.endsWith("\n")) after += eol;
  if (after !== "" && !/\r?\n\r?\n$/.test(after)) after += eol;
  after += `# Added by dredge fix: secrets the image does not need (the build gets the ones it uses with --secret)${eol}`;
  for (const l of lines) after += l + eol;
  return { file, exists, entries: lines, before, after };
}
