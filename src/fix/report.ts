/**
 * How `dredge fix` reports: a unified diff of what changes (`--dry-run`), what was rewritten,
 * what was refused and why, the build command that supplies the secrets, and what to do by
 * hand — as text for people or JSON. Secret values never appear: the diff and every message go
 * through redaction with the values lint found.
 */

import { createTwoFilesPatch } from "diff";
import { relative } from "node:path";
import { redactText } from "../detect/redact.js";
import type { FixResult } from "./fix.js";

/** A unified diff of one file (empty when unchanged). Uses the `diff` package: Myers' algorithm, standard hunks. */
export function unifiedDiff(name: string, before: string, after: string, created = false): string {
  if (before === after) return "";
  return createTwoFilesPatch(created ? "/dev/null" : `a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
}

/** The diff of every file the fix changes. */
export function fixDiff(result: FixResult, cwd: string): string {
  const { plan } = result;
  let out = unifiedDiff(relative(cwd, result.dockerfile), plan.before, plan.after);
  if (plan.ignore) out += unifiedDiff(relative(cwd, plan.ignore.file), plan.ignore.before, plan.ignore.after, !plan.ignore.exists);
  return out;
}

const BUILDKIT = "the legacy builder (DOCKER_BUILDKIT=0) has no secret mounts: build with BuildKit (DOCKER_BUILDKIT=1 docker build, or docker buildx build; Docker before 23.0 also needs `# syntax=docker/dockerfile:1` on the first line), buildah or podman";

/** The report for people. */
export function formatFixText(result: FixResult, opts: { cwd: string; dryRun: boolean; secrets: readonly string[] }): string {
  const { plan } = result;
  const lines: string[] = [];
  const name = relative(opts.cwd, result.dockerfile) || result.dockerfile;
  if (opts.dryRun) {
    const diff = fixDiff(result, opts.cwd);
    if (diff) lines.push(diff.trimEnd(), "");
  }
  const verb = opts.dryRun ? "would be" : "was";
  switch (result.outcome) {
    case "clean":
      lines.push(`${name}: nothing to fix`);
      break;
    case "fixed":
      lines.push(`${name}: fixed${opts.dryRun ? " (dry run: nothing written)" : ""}`);
      break;
    case "partial":
      lines.push(`${name}: partly fixed${opts.dryRun ? " (dry run: nothing written)" : ""} — ${plan.refusals.length} problem${plan.refusals.length > 1 ? "s" : ""} left as ${plan.refusals.length > 1 ? "they are" : "it is"}`);
      break;
    case "refused":
      lines.push(`${name}: not changed — ${plan.refusals.length} problem${plan.refusals.length > 1 ? "s" : ""} dredge will not rewrite`);
      break;
  }
  if (plan.changes.length > 0) {
    lines.push("", `Rewritten:`);
    for (const c of plan.changes) lines.push(`  • [${c.kind}] ${c.message}`);
  }
  if (plan.ignore) lines.push(`  • ${relative(opts.cwd, plan.ignore.file) || plan.ignore.file} ${plan.ignore.exists ? "gets" : "is created with"} ${plan.ignore.entries.join(", ")}`);
  if (plan.refusals.length > 0) {
    lines.push("", "Not rewritten:");
    for (const r of plan.refusals) lines.push(`  • ${r.line > 0 ? `line ${r.line}` : "context"}${r.name ? ` (${r.name})` : ""}: ${r.reason}`);
  }
  if (plan.secrets.length > 0) {
    lines.push("", `Build it with the secret${plan.secrets.length > 1 ? "s" : ""} it now reads (${BUILDKIT}):`);
    lines.push(`  ${result.commands.docker}`, `  ${result.commands.buildah}`, `  ${result.commands.podman}`);
    for (const l of result.commands.legend) lines.push(`  where ${l}`);
    for (const s of plan.secrets) lines.push(`  secret ${s.id}: ${s.from}`);
  }
  const byHand = [...plan.notes];
  if (byHand.length > 0) {
    lines.push("", "By hand:");
    for (const n of byHand) lines.push(`  • ${n}`);
  }
  if (result.written.length > 0) {
    lines.push("", `Written: ${result.written.map((w) => `${relative(opts.cwd, w.file) || w.file}${w.backup ? ` (backup ${relative(opts.cwd, w.backup)})` : ""}`).join(", ")}`);
  } else if (!opts.dryRun && result.outcome !== "clean" && result.outcome !== "refused") lines.push("", `Nothing ${verb} written.`);
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  return redactText(lines.join("\n") + "\n", opts.secrets);
}

/** The JSON report (version 1): planned edits, refusals with reasons, secrets to supply, commands — never a secret value. */
export function formatFixJson(result: FixResult, opts: { cwd: string; dryRun: boolean; secrets: readonly string[] }): string {
  const { plan } = result;
  const out = {
    version: 1,
    dockerfile: relative(opts.cwd, result.dockerfile) || result.dockerfile,
    context: relative(opts.cwd, result.contextDir) || ".",
    outcome: result.outcome,
    dryRun: opts.dryRun,
    changes: plan.changes,
    refused: plan.refusals,
    ignore: plan.ignore ? { file: relative(opts.cwd, plan.ignore.file) || plan.ignore.file, created: !plan.ignore.exists, entries: plan.ignore.entries } : undefined,
    secrets: plan.secrets,
    commands: { docker: result.commands.docker, buildah: result.commands.buildah, podman: result.commands.podman, legend: result.commands.legend },
    notes: plan.notes,
    diff: fixDiff(result, opts.cwd),
    written: result.written.map((w) => ({ file: relative(opts.cwd, w.file) || w.file, ...(w.backup ? { backup: relative(opts.cwd, w.backup) } : {}) })),
    warnings: result.warnings,
  };
  return redactText(JSON.stringify(out, null, 2) + "\n", opts.secrets);
}
