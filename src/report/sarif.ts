/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers): one run, a rule per rule id
 * reported, a result per finding.
 *
 * Locations: a Dockerfile line (lint, or `scan --dockerfile`) and a build-context file are
 * physical locations relative to `%SRCROOT%`; an image layer file, history entry or config
 * field is a logical location (`app.tar@sha256:…/layer/2/etc/app.env`). Code scanning rejects
 * a result whose first location has no physical artifact, so an image place that no Dockerfile
 * line maps to also names the image itself (the archive or directory scanned, or the reference)
 * as its artifact. A finding's first location is `locations[0]`, the others `relatedLocations`.
 *
 * Held-back findings (dependencies' test data, docs, published test keys, low-confidence generic
 * matches) are left out unless `all`: code scanning turns every result into an alert someone
 * must triage, the exit code ignores them, and the JSON report keeps them for audit. With `all`
 * they are in, at their severity's level, with `properties.heldBack` saying why.
 */

import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import { preview } from "../detect/redact.js";
import { severityRank, type Severity } from "../detect/types.js";
import { baseRuleId } from "../findings/policy.js";
import type { DockerfileRef, Finding, Location, ScanResult, TargetResult } from "../findings/types.js";
import { VERSION } from "../version.js";
import { scrubber } from "./redaction.js";
import { filePlace, placeText } from "./where.js";

export interface SarifOptions {
  showSecrets: boolean;
  /** Include held-back findings. */
  all?: boolean;
  /** The directory relative paths are taken from and `%SRCROOT%` stands for (default: the working directory). */
  srcRoot?: string;
}

/** The official schema of what this writes. */
export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

const SRCROOT = "%SRCROOT%";

const LEVEL: Record<Severity, Sarif.Result.level> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };

/** GitHub's bands: ≥ 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "1.0" };

const PRECISION = { high: "high", medium: "medium", low: "low" } as const;

/** Per-result context: the scrubber, the source root, the target results by name. */
interface Ctx {
  scrub: (t: string) => string;
  srcRoot: string;
  targets: Map<string, TargetResult>;
  usesSrcRoot: boolean;
}

function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** `aws-secret-access-key` → `AwsSecretAccessKey` (SARIF's readable rule name). */
function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

function encodePath(path: string): string {
  return path
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
}

/** A file on this machine as an artifact: relative to `%SRCROOT%` when under it, else an absolute file URI. */
function fileArtifact(path: string, ctx: Ctx): Sarif.ArtifactLocation {
  const abs = resolve(ctx.srcRoot, path);
  const rel = relative(ctx.srcRoot, abs);
  if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) {
    ctx.usesSrcRoot = true;
    return { uri: encodePath(rel.split(sep).join("/")), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(abs).href };
}

const LOCAL_PREFIX = /^(?:docker-archive|oci-archive|oci|dir):/;
const REMOTE_PREFIX = /^(?:docker|podman|registry|containers-storage):/;

/** The image a target names, as an artifact: the archive or directory scanned, or the reference (no base: not a file here). */
function targetArtifact(target: string, ctx: Ctx): Sarif.ArtifactLocation {
  if (REMOTE_PREFIX.test(target)) return { uri: encodePath(target.replace(REMOTE_PREFIX, "")) };
  const rest = target.replace(LOCAL_PREFIX, "");
  // `app.tar:name:tag`, `layout:ref`, `app.tar@1`: the part after the file name picks an image in it.
  const slash = rest.lastIndexOf("/");
  const colon = rest.indexOf(":", slash + 1);
  const path = (colon > 0 ? rest.slice(0, colon) : rest).replace(/@\d+$/, "");
  return fileArtifact(path, ctx);
}

function dockerfilePhysical(ref: DockerfileRef, ctx: Ctx): Sarif.PhysicalLocation {
  const region: Sarif.Region = { startLine: ref.line };
  if (ref.column) region.startColumn = ref.column;
  return { artifactLocation: fileArtifact(ref.file, ctx), region };
}

/** The directory a context location's path is relative to: `context:DIR`, else the Dockerfile's directory (lint's default context). */
function contextDir(target: string): string {
  return target.startsWith("context:") ? target.slice("context:".length) : dirname(target);
}

/** The physical place of a location, when it has one on this machine: a Dockerfile line or a context file. */
function physicalOf(l: Location, ctx: Ctx): Sarif.PhysicalLocation | undefined {
  if (l.status === "context") return { artifactLocation: fileArtifact(resolve(ctx.srcRoot, contextDir(l.target), l.path), ctx) };
  if (l.dockerfile) return dockerfilePhysical(l.dockerfile, ctx);
  return undefined;
}

/** The image a location is in, as a name: `target@digest`. */
function imageName(l: Location, ctx: Ctx): string {
  const digest = l.image?.id ?? ctx.targets.get(l.target)?.digest;
  return digest ? `${l.target}@${digest}` : l.target;
}

/** The logical place of an image location: layer file, history entry, config field. */
function logicalOf(l: Location, ctx: Ctx): Sarif.LogicalLocation | undefined {
  switch (l.status) {
    case "present":
    case "deleted":
    case "overwritten": {
      const place = filePlace(l);
      return { name: place.slice(place.lastIndexOf("/") + 1) || place, fullyQualifiedName: `${imageName(l, ctx)}/layer/${l.layer.index}${place.startsWith("/") ? "" : "/"}${place}`, kind: "resource" };
    }
    case "history":
      return { name: `history #${l.history.index}`, fullyQualifiedName: `${imageName(l, ctx)}/history/${l.history.index}`, kind: "element" };
    case "config": {
      const key = l.config.key ? `/${l.config.key}` : "";
      return { name: `${l.config.field}${l.config.key ? `.${l.config.key}` : ""}`, fullyQualifiedName: `${imageName(l, ctx)}/config/${l.config.field}${key}`, kind: "property" };
    }
    default:
      return undefined;
  }
}

/** What a location means, in one sentence. */
function locationMessage(l: Location, ctx: Ctx): string {
  const where = ctx.scrub(placeText(l));
  switch (l.status) {
    case "present":
      return `${where}: in the final filesystem of ${l.target}.`;
    case "deleted":
      return `${where}: removed in layer ${l.removedBy?.index ?? "?"} but still in layer ${l.layer.index}'s blob, which anyone who pulls ${l.target} can read.`;
    case "overwritten":
      return `${where}: replaced in layer ${l.removedBy?.index ?? "?"}, but the old version is still in layer ${l.layer.index}'s blob of ${l.target}.`;
    case "history":
      return `${where} of ${l.target}: docker history --no-trunc shows it.`;
    case "config":
      return `${where} of ${l.target}: docker inspect shows it.`;
    case "dockerfile":
      return `${where}${l.dockerfile.stage ? ` (stage ${l.dockerfile.stage})` : ""}.`;
    case "context": {
      const copied = (l.copiedBy ?? []).map((c) => `${c.file}:${c.line}`);
      return `${where}: sent to the builder${copied.length ? ` and copied by ${copied.join(", ")}` : ""}.`;
    }
  }
}

function sarifLocation(l: Location, id: number, primary: boolean, ctx: Ctx): Sarif.Location {
  const out: Sarif.Location = { id };
  const physical = physicalOf(l, ctx) ?? (primary ? { artifactLocation: targetArtifact(l.target, ctx) } : undefined);
  if (physical) out.physicalLocation = physical;
  const logical = logicalOf(l, ctx);
  if (logical) out.logicalLocations = [logical];
  out.message = { text: locationMessage(l, ctx) };
  return out;
}

/** The related places of a location: the COPY lines that take a context file into a stage. */
function copyLocations(l: Location, ctx: Ctx, nextId: () => number): Sarif.Location[] {
  if (l.status !== "context") return [];
  return (l.copiedBy ?? []).map((c) => ({
    id: nextId(),
    physicalLocation: dockerfilePhysical(c, ctx),
    message: { text: `${c.file}:${c.line} copies ${l.path}${c.stage ? ` into stage ${c.stage}` : ""}.` },
  }));
}

function resultMessage(f: Finding, value: string, ctx: Ctx): string {
  const name = f.name ? ` (${f.name})` : "";
  const first = f.locations[0];
  const where = first ? `${first.target}: ${ctx.scrub(placeText(first))}` : "";
  const more = f.locations.length > 1 ? `; ${f.locations.length - 1} more place${f.locations.length > 2 ? "s" : ""}` : "";
  const lead = `${f.title}: ${f.kind} ${value}${name} in ${where}${more}.`;
  const held = f.heldBack ? ` Held back: ${f.heldBack}.` : "";
  return f.message ? `${lead} ${sentence(ctx.scrub(f.message))}${held}` : `${lead}${held}`;
}

function toResult(f: Finding, ruleIndex: number, ctx: Ctx, opts: SarifOptions, baselined: boolean): Sarif.Result {
  const value = opts.showSecrets ? f.secret.reveal() : preview(f.secret.reveal());
  let id = 0;
  const nextId = () => id++;
  const [first, ...rest] = f.locations;
  const locations = first ? [sarifLocation(first, nextId(), true, ctx)] : [];
  const related = [...(first ? copyLocations(first, ctx, nextId) : []), ...rest.flatMap((l) => [sarifLocation(l, nextId(), false, ctx), ...copyLocations(l, ctx, nextId)])];
  const properties: Sarif.PropertyBag = { severity: f.severity, confidence: f.confidence, kind: f.kind, preview: preview(f.secret.reveal()) };
  if (opts.showSecrets) properties.secret = f.secret.reveal();
  if (f.name) properties.name = f.name;
  if (f.scope) properties.scope = f.scope;
  if (f.heldBack) properties.heldBack = f.heldBack;
  properties.statuses = [...new Set(f.locations.map((l) => l.status))];
  const result: Sarif.Result = {
    ruleId: baseRuleId(f.rule),
    ruleIndex,
    kind: "fail",
    level: LEVEL[f.severity],
    message: { text: resultMessage(f, value, ctx) },
    locations,
    partialFingerprints: { "dredgeFingerprint/v1": f.fingerprint },
    properties,
  };
  if (related.length) result.relatedLocations = related;
  if (baselined) result.baselineState = "new";
  return result;
}

function maxSeverity(findings: readonly Finding[]): Severity {
  return findings.reduce((a, f) => (severityRank(f.severity) > severityRank(a) ? f.severity : a), findings[0]!.severity);
}

/** Tags GitHub shows and filters by: the area, the CWE, the kinds of secret. */
function ruleTags(findings: readonly Finding[]): string[] {
  const scopes = new Set(findings.map((f) => f.scope));
  const statuses = new Set(findings.flatMap((f) => f.locations.map((l) => l.status)));
  const tags = ["security", "secret"];
  if (statuses.has("dockerfile")) tags.push("dockerfile");
  if (statuses.has("context")) tags.push("build-context");
  if ([...statuses].some((s) => s !== "dockerfile" && s !== "context")) tags.push("container-image");
  if (scopes.has("log")) tags.push("external/cwe/cwe-532");
  if ([...scopes].some((s) => s !== "bug" && s !== "log")) tags.push("external/cwe/cwe-798");
  return tags;
}

function ruleDescriptor(id: string, findings: readonly Finding[]): Sarif.ReportingDescriptor {
  const f = findings[0]!;
  const worst = maxSeverity(findings);
  const kinds = [...new Set(findings.map((x) => x.kind))].sort();
  const remediation = f.remediation ? sentence(f.remediation) : "Revoke and rotate the credential, then remove it from the image and its build.";
  const where = f.scope ? "in a Dockerfile or its build context, before the build" : "in a container image (a layer file, even one a later layer deleted, the history or the config)";
  const docs = f.docs && /^https:\/\//.test(f.docs) ? f.docs : undefined;
  const rule: Sarif.ReportingDescriptor = {
    id,
    name: pascal(id),
    shortDescription: { text: sentence(f.title) },
    fullDescription: { text: `${sentence(f.title)} dredge finds it ${where}. ${remediation}` },
    help: {
      text: `${remediation}${docs ? ` Documentation: ${docs}` : ""}`,
      markdown: `**${f.title}** (${kinds.map((k) => `\`${k}\``).join(", ")})\n\n${remediation}${docs ? `\n\n[Documentation](${docs})` : ""}`,
    },
    defaultConfiguration: { level: LEVEL[worst] },
    properties: { "security-severity": SECURITY_SEVERITY[worst], precision: PRECISION[f.confidence], tags: ruleTags(findings), kinds },
  };
  if (docs) rule.helpUri = docs;
  return rule;
}

/** Target errors and warnings as tool notifications (scrubbed). */
function notifications(result: ScanResult, ctx: Ctx): Sarif.Notification[] {
  const out: Sarif.Notification[] = [];
  for (const t of result.targets) {
    if (t.error) out.push({ level: "error", message: { text: sentence(`${t.target}: ${ctx.scrub(t.error)}`) } });
    for (const w of t.warnings) out.push({ level: "warning", message: { text: sentence(`${t.target}: ${ctx.scrub(w)}`) } });
  }
  return out;
}

/** The result as a SARIF log object. */
export function toSarif(result: ScanResult, opts: SarifOptions): Sarif.Log {
  const ctx: Ctx = {
    scrub: scrubber(result, opts.showSecrets),
    srcRoot: resolve(opts.srcRoot ?? process.cwd()),
    targets: new Map(result.targets.map((t) => [t.target, t])),
    usesSrcRoot: false,
  };
  const reported = opts.all ? result.findings : result.findings.filter((f) => !f.heldBack);
  const byRule = new Map<string, Finding[]>();
  for (const f of reported) {
    const id = baseRuleId(f.rule);
    const g = byRule.get(id);
    if (g) g.push(f);
    else byRule.set(id, [f]);
  }
  const ids = [...byRule.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const baselined = result.suppressed?.baselined !== undefined;
  const results = reported.map((f) => toResult(f, index.get(baseRuleId(f.rule))!, ctx, opts, baselined));
  const notes = notifications(result, ctx);
  const invocation: Sarif.Invocation = { executionSuccessful: !result.targets.some((t) => t.error) };
  if (notes.length) invocation.toolExecutionNotifications = notes;
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: "dredge",
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: "https://www.npmjs.com/package/dredge",
        rules: ids.map((id) => ruleDescriptor(id, byRule.get(id)!)),
      },
    },
    invocations: [invocation],
    results,
    columnKind: "utf16CodeUnits",
    properties: { targets: result.targets.map((t) => ({ target: t.target, ...(t.digest ? { digest: t.digest } : {}) })) },
  };
  if (ctx.usesSrcRoot) run.originalUriBaseIds = { [SRCROOT]: { uri: pathToFileURL(ctx.srcRoot).href.replace(/\/?$/, "/") } };
  return { $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run] };
}

/** Formats a result as SARIF 2.1.0. */
export function formatSarif(result: ScanResult, opts: SarifOptions): string {
  return JSON.stringify(toSarif(result, opts), null, 2) + "\n";
}
