/**
 * dredge as a library: the same power as the CLI.
 *
 *   import { scan, formatJson } from "dredge";
 *   const result = await scan(["oci:./layout"]);
 */
export { scan, type ScanOptions } from "./scan/index.js";
export { loadImages, resolveTarget } from "./sources/resolve.js";
export { formatJson, toJsonObject } from "./report/json.js";
export { formatText } from "./report/text.js";
export { formatSarif, toSarif } from "./report/sarif.js";
export { formatHtml, readDockerfiles } from "./report/html.js";
export { lint, lintText } from "./lint/index.js";
export { analyzeContext, contextFindings } from "./context/index.js";
export { fix, planFixText, buildCommands, type FixOptions, type FixResult } from "./fix/index.js";
export { auditHost, type HostAudit, type HostAuditOptions } from "./host/audit.js";
export { connectDocker, EngineClient } from "./sources/engine/index.js";
export { loadConfig, findConfig } from "./config/load.js";
export { applyConfigPolicy } from "./findings/policy.js";
export { applyBaseline, baselineOf, readBaseline, writeBaseline } from "./findings/baseline.js";
export { defaultCacheDir } from "./cache/dir.js";
export { exitCodeFor, parseFailOn, type FailOn } from "./cli/exit.js";
export { BUILTIN_RULES } from "./detect/rules/index.js";
export { Detector } from "./detect/engine.js";
export { Secret, preview } from "./detect/redact.js";
export { fingerprint } from "./detect/fingerprint.js";
export type { SecretRule, Severity, Confidence, RuleHit } from "./detect/types.js";
export type { Finding, Location, ScanResult, TargetResult } from "./findings/types.js";
export type { Image, Layer, ImageConfig, HistoryEntry, Platform } from "./image/types.js";
export { DredgeError } from "./util/errors.js";
export { VERSION } from "./version.js";
