/**
 * A context report as findings of the shared type: one per secret value (its locations the
 * context files that hold it), one per sensitive file with no detectable value (its secret a
 * stable synthetic `context:PATH`, never its content). Severity by reach: copied into a stage
 * that reaches the image, high (critical for private keys and cloud credentials); copied only
 * into stages that do not, or only sent, low.
 */

import { heldBackReason } from "../detect/provenance.js";
import { preview } from "../detect/redact.js";
import { BUILTIN_RULES } from "../detect/rules/index.js";
import { SEVERITIES, severityRank, type SecretRule, type Severity } from "../detect/types.js";
import { mergeSightings } from "../findings/merge.js";
import type { ContextLocation, DockerfileRef, Finding } from "../findings/types.js";
import { sightingOf, type Sighting } from "../scan/raw.js";
import type { ContextFile, ContextReport, CopyRef } from "./types.js";
import { compareText } from "../util/compare.js";

/** Rule id of a file that is a secret by its name. */
export const SENSITIVE_FILE_RULE = "sensitive-file";

export interface ContextFindingOptions {
  /** Rules the detector ran (for titles and remediation; default the built-in ones). */
  rules?: readonly SecretRule[];
  /** Fingerprint salt (`.dredge.yaml`). */
  salt?: string;
  /** false: values' fingerprints are left empty, for output that shows none (see `needsFingerprints`). Default true. */
  fingerprints?: boolean;
}

type Reach = "final" | "host" | "sent";

function reachOf(f: ContextFile): Reach {
  if (f.copiedBy.some((r) => r.reachesTarget !== false)) return "final";
  return f.copiedBy.length ? "host" : "sent";
}

function ref(c: CopyRef): DockerfileRef {
  return { file: c.file, line: c.line, ...(c.column !== undefined ? { column: c.column } : {}), stage: c.stage };
}

function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

function copies(refs: readonly CopyRef[]): string {
  return refs.map((r) => `${r.file}:${r.line} (${r.instruction} into stage ${r.stage}, ${r.dest})`).join(", ");
}

/** What a person must be told about one context file, in words (never a secret). */
export function contextMessage(f: ContextFile, report: Pick<ContextReport, "ignoreFile">): string {
  const what = `${f.path}${f.directory ? "/" : ""} (${f.reasons.join("; ")})`;
  const ignoreFile = report.ignoreFile ?? ".dockerignore";
  const fix = report.ignoreFile ? `add \`${f.path}\` to ${ignoreFile}` : `there is no .dockerignore: create one with \`${f.path}\` in it`;
  const reinc = f.reincludedBy ? `; ${ignoreFile} line ${f.reincludedBy.line} (\`${f.reincludedBy.source}\`) re-includes it` : "";
  switch (reachOf(f)) {
    case "final": {
      const reaching = f.copiedBy.filter((r) => r.reachesTarget !== false);
      return `${what} is copied into the image by ${copies(reaching)}${reinc}; ${fix}, and rotate what it holds if an image with it was pushed`;
    }
    case "host":
      return `${what} is copied by ${copies(f.copiedBy)}, which does not reach the final image: it stays on the build host (intermediate images, build cache)${reinc}; ${fix}`;
    default:
      return `${what} is sent to the builder, not copied by any COPY/ADD${reinc}; ${fix}`;
  }
}

/** The findings of a context report; `target` names it in every location (e.g. `context:.`). */
export async function contextFindings(report: ContextReport, target: string, opts: ContextFindingOptions = {}): Promise<Finding[]> {
  const rules = new Map((opts.rules ?? BUILTIN_RULES).map((r) => [r.id, r] as const));
  const sightings: Sighting[] = [];
  /** Location path → the context file it belongs to. */
  const owner = new Map<string, ContextFile>();
  for (const f of report.sensitive) {
    const base: ContextLocation = { status: "context", target, path: f.path };
    if (f.copiedBy.length) base.copiedBy = f.copiedBy.map(ref);
    owner.set(f.path, f);
    if (f.hits.length === 0) {
      const s: Sighting = {
        secret: `context:${f.path}`,
        ruleId: SENSITIVE_FILE_RULE,
        kind: f.kind ?? "sensitive-file",
        title: "Sensitive file in the build context",
        severity: "high",
        confidence: "high",
        priority: 100,
        remediation: `Keep it out of the build context: add \`${f.path}\` to ${report.ignoreFile ?? ".dockerignore"}; pass what the build needs with \`docker build --secret\` instead.`,
        location: base,
      };
      if (f.heldBack) {
        s.heldBack = f.heldBack;
        s.confidence = "low";
      }
      sightings.push(s);
      continue;
    }
    f.hits.forEach((hit, i) => {
      const path = f.hitFiles?.[i] ?? f.path;
      owner.set(path, f);
      const location: ContextLocation = { ...base, path };
      if (hit.name) location.name = hit.name;
      const git = f.gitPlaces?.[i];
      if (git) location.git = { commits: [...git.commits], path: git.path, inHead: git.inHead };
      const sighting = sightingOf(hit, rules, location);
      const held = heldBackReason("/" + (git ? `${path}/${git.path}` : path), hit.secret);
      if (held) {
        sighting.heldBack = held;
        sighting.confidence = "low";
      }
      sightings.push(sighting);
    });
  }
  const findings = await mergeSightings(sightings, opts.salt, opts.fingerprints ?? true);
  for (const finding of findings) {
    let best: ContextFile | undefined;
    let bestRank = -1;
    let severity: Severity = "low";
    for (const l of finding.locations) {
      if (l.status !== "context") continue;
      const f = owner.get(l.path);
      if (!f) continue;
      const reach = reachOf(f);
      const rank = reach === "final" ? 2 : reach === "host" ? 1 : 0;
      if (reach === "final") {
        let s = maxSeverity("high", finding.severity);
        if (f.critical) s = "critical";
        severity = maxSeverity(severity, s);
      }
      if (rank > bestRank) {
        best = f;
        bestRank = rank;
      }
    }
    finding.severity = severity;
    finding.scope = bestRank === 2 ? "final" : "host";
    if (best) finding.message = contextMessage(best, report);
  }
  return findings.sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      compareText(firstPath(a), firstPath(b)) ||
      compareText(a.rule, b.rule) ||
      // (By what people see, so the order is the same whether fingerprints were computed or not.)
      compareText(preview(a.secret.reveal()), preview(b.secret.reveal())) ||
      compareText(a.fingerprint, b.fingerprint),
  );
}

function firstPath(f: Finding): string {
  const l = f.locations[0];
  return l && "path" in l ? l.path : "";
}
