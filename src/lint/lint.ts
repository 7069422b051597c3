/**
 * `dredge lint`: static analysis of Dockerfiles before the build. `lintText` is the pure core
 * (text in, issues out); `lint` reads files and directories, analyses each Dockerfile's build
 * context, and returns the same result type as `scan`, for the same reporters.
 */

import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { Detector } from "../detect/engine.js";
import { BUILTIN_RULES } from "../detect/rules/index.js";
import { redactText } from "../detect/redact.js";
import type { Severity } from "../detect/types.js";
import { parseDockerfileInstructions } from "../dockerfile/index.js";
import type { Scope, ScanResult, TargetResult } from "../findings/types.js";
import { contextFor, type ContextInfo } from "./context.js";
import { findDockerfiles } from "./discover.js";
import { lintFindings } from "./findings.js";
import { Flow } from "./flow.js";
import { buildStageGraph, findTarget } from "./graph.js";
import { readSuppressions } from "./suppress.js";
import type { LintIssue, LintOptions } from "./types.js";
import { compareText } from "../util/compare.js";

/** The result of linting one Dockerfile's text. */
export interface DockerfileLint {
  file: string;
  issues: LintIssue[];
  /** Parser errors and warnings (each names its line), and other problems read past. */
  warnings: string[];
  /** Set when the Dockerfile could not be linted at all (no stage, unknown --target). */
  error?: string;
}

let sharedDetector: Detector | undefined;

/** The detection engine with the built-in rules, made once. */
export function defaultDetector(): Detector {
  sharedDetector ??= new Detector(BUILTIN_RULES);
  return sharedDetector;
}

function severityFor(scope: Scope, base: Severity | undefined): Severity {
  switch (scope) {
    case "final":
      return base === "critical" ? "critical" : "high";
    case "bug":
      return "medium";
    default:
      return "low";
  }
}

/** Lints a Dockerfile's text. Never throws. */
export function lintText(text: string, opts: LintOptions & { detector?: Detector; context?: ContextInfo } = {}): DockerfileLint {
  const file = opts.file ?? "Dockerfile";
  const result: DockerfileLint = { file, issues: [], warnings: [] };
  try {
    const model = parseDockerfileInstructions(text, file);
    for (const d of [...model.errors, ...model.warnings]) result.warnings.push(`line ${d.line}: ${d.message}`);
    if (model.stages.length === 0) {
      if (model.ast.instructions.length > 0) result.warnings.push("no FROM instruction: nothing to lint");
      return result;
    }
    const target = findTarget(model, opts.target);
    if (target === undefined) {
      result.error = `target stage ${JSON.stringify(opts.target)} could not be found`;
      return result;
    }
    const buildArgs = opts.buildArgs ?? {};
    const graph = buildStageGraph(model, target, buildArgs);
    const flow = new Flow({
      model,
      graph,
      buildArgs,
      ...(opts.secrets ? { secrets: opts.secrets } : {}),
      detector: opts.detector ?? defaultDetector(),
      ...(opts.context ? { contextCopies: opts.context.copies, contextHas: opts.context.has } : {}),
    });
    const drafts = flow.run();
    result.warnings.push(...flow.warnings);
    const suppressions = readSuppressions(model.ast, text.split(/\r?\n|\r/));
    const seen = new Set<string>();
    for (const d of drafts) {
      if (suppressions.suppressed(d.rule, d.at.line)) continue;
      const { scope, carriedBy } = flow.resolve(d);
      // A secret written where a name belongs (`ENV ghp_…`) must not reach the message either.
      const raw = d.message(
        scope,
        carriedBy.map((c) => c.line),
      );
      const message = d.value !== undefined ? redactText(raw, [d.value]) : raw;
      const key = `${d.rule.id}|${d.at.line}|${d.at.column}|${d.value ?? ""}|${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const issue: LintIssue = {
        rule: d.rule.id,
        title: d.rule.title,
        kind: d.kind,
        scope,
        severity: severityFor(scope, d.severity),
        confidence: d.confidence,
        message,
        at: { ...d.at },
        also: [...d.also, ...carriedBy.filter((c) => !d.also.some((a) => a.line === c.line))],
        remediation: d.rule.remediation,
        docs: d.rule.docs,
      };
      if (d.value !== undefined) issue.value = d.value;
      if (d.name !== undefined && (d.value === undefined || !d.name.includes(d.value))) issue.name = d.name;
      if (issue.name === undefined) delete issue.at.name;
      if (d.context) issue.context = d.context;
      result.issues.push(issue);
    }
    result.issues.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column || compareText(a.rule, b.rule));
  } catch (e) {
    // Lint must never crash on a Dockerfile; an internal failure is said, not thrown.
    result.warnings.push(`internal error while linting: ${e instanceof Error ? e.message : String(e)}`);
  }
  return result;
}

/** Options of a lint run over files and directories. */
export interface LintRunOptions extends Omit<LintOptions, "file"> {
  /** The build context directory (default: each Dockerfile's directory); false to skip context analysis. */
  context?: string | false;
  detector?: Detector;
  /** Fingerprint salt (`.dredge.yaml`). */
  salt?: string;
  /**
   * false: findings of real secret values get no fingerprint (`""`), for output that shows none
   * and no baseline or allow list that matches by one. A person's password costs a deliberately
   * slow KDF (~50 ms), a third of a pre-commit hook's budget. Default true.
   */
  fingerprints?: boolean;
}

/**
 * Lints Dockerfiles and the Dockerfiles found in directories. Each becomes a target of the
 * result (an unreadable one with its error), with findings of status `dockerfile` and
 * `context` locations.
 */
export async function lint(paths: readonly string[], opts: LintRunOptions = {}): Promise<ScanResult> {
  const detector = opts.detector ?? defaultDetector();
  const { files, errors } = await findDockerfiles(paths);
  const targets: TargetResult[] = errors.map((e) => ({ target: e.path, error: e.error, warnings: [] }));
  const issuesByFile: { file: string; issues: LintIssue[] }[] = [];
  for (const file of files) {
    const t: TargetResult = { target: file, warnings: [] };
    targets.push(t);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      t.error = "cannot be read";
      continue;
    }
    let context: ContextInfo | undefined;
    if (opts.context !== false) {
      const got = await contextFor(opts.context ?? dirname(file), file, {
        detector,
        buildArgs: opts.buildArgs ?? {},
        ...(opts.target !== undefined ? { target: opts.target } : {}),
      });
      if (got.warning) t.warnings.push(got.warning);
      if (got.info) {
        context = got.info;
        t.warnings.push(...got.info.warnings);
      }
    }
    const res = lintText(text, {
      file,
      detector,
      ...(opts.target !== undefined ? { target: opts.target } : {}),
      ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}),
      ...(opts.secrets ? { secrets: opts.secrets } : {}),
      ...(context ? { context } : {}),
    });
    t.warnings.push(...res.warnings);
    if (res.error) t.error = res.error;
    issuesByFile.push({ file, issues: res.issues });
  }
  const perFile = await Promise.all(issuesByFile.map(({ file, issues }) => lintFindings(issues, file, opts.salt, opts.fingerprints ?? true)));
  return { version: 1, targets, findings: perFile.flat() };
}
