/**
 * The build context: what `docker build` would send from a directory (`.dockerignore` or
 * `<Dockerfile>.dockerignore` applied with Docker's rules), the sensitive files among it, and
 * which COPY/ADD instruction copies each into which stage.
 */

export type { AnalyzeContextOptions, ContextFile, ContextReport, CopyRef } from "./types.js";
export { analyzeContext, DEFAULT_MAX_FILE_BYTES } from "./analyze.js";
export { contextFindings, contextMessage, SENSITIVE_FILE_RULE, type ContextFindingOptions } from "./findings.js";
export { DockerIgnore, parseIgnoreFile, cleanPath, type IgnorePattern, type IgnoreError, type MatchResult } from "./dockerignore.js";
export { planCopies, reachingStages, type CopyPlan, type CopySelector } from "./copies.js";
export { goMatch, BadPatternError } from "./gomatch.js";
export { GitIgnore } from "./gitignore.js";
export { SENSITIVE_NAMES, sensitiveByName, type SensitiveName } from "./sensitive.js";
export { NODE_IO, type ContextIo } from "./walk.js";
