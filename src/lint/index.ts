/** Dockerfile lint: stage graph, ARG/ENV scope, data flow from secret sources to sinks, plumbing checks. */

export { lint, lintText, defaultDetector, type DockerfileLint, type LintRunOptions } from "./lint.js";
export { lintFindings } from "./findings.js";
export { findDockerfiles, isDockerfileName } from "./discover.js";
export { buildStageGraph, findTarget, globalArgValues, resolveStageRef, type StageGraph, type StageNode } from "./graph.js";
export { parseShell, type Script, type Command, type Word } from "./shell.js";
export { LINT_RULES } from "./rules/index.js";
export type { IssueSite, LintExample, LintIssue, LintOptions, LintRuleMeta } from "./types.js";
