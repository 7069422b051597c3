import type { Finding, LayerRef, Location, ScanResult } from "../findings/types.js";
import { preview } from "../detect/redact.js";
import { scrubber } from "./redaction.js";

export interface ReportOptions {
  showSecrets: boolean;
}

function layerJson(ref: LayerRef, scrub: (t: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = { index: ref.index };
  if (ref.digest) out.digest = ref.digest;
  if (ref.createdBy !== undefined) out.createdBy = scrub(ref.createdBy);
  return out;
}

function locationJson(l: Location, scrub: (t: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = { target: l.target, status: l.status };
  if (l.name) out.name = l.name;
  if (l.image) out.image = { id: l.image.id, tags: [...l.image.tags], intermediate: l.image.intermediate };
  switch (l.status) {
    case "history":
      out.history = { index: l.history.index, createdBy: scrub(l.history.createdBy) };
      break;
    case "config":
      out.config = { ...l.config };
      break;
    case "dockerfile":
      if (l.instruction) out.instruction = l.instruction;
      break;
    case "context":
      out.path = l.path;
      if (l.copiedBy?.length) out.copiedBy = l.copiedBy.map((c) => ({ ...c }));
      if (l.git) out.git = l.git;
      break;
    default: {
      out.path = l.path;
      if (l.inner) out.inner = l.inner;
      if (l.git) out.git = l.git;
      out.layer = layerJson(l.layer, scrub);
      if (l.removedBy) out.removedBy = layerJson(l.removedBy, scrub);
    }
  }
  if (l.dockerfile) out.dockerfile = { ...l.dockerfile };
  return out;
}

function findingJson(f: Finding, opts: ReportOptions, scrub: (t: string) => string): Record<string, unknown> {
  const value = f.secret.reveal();
  const out: Record<string, unknown> = {
    rule: f.rule,
    kind: f.kind,
    title: f.title,
    severity: f.severity,
    confidence: f.confidence,
    fingerprint: f.fingerprint,
    preview: preview(value),
  };
  if (opts.showSecrets) out.secret = value;
  if (f.heldBack) out.heldBack = f.heldBack;
  if (f.scope) out.scope = f.scope;
  if (f.message) out.message = scrub(f.message);
  if (f.name) out.name = f.name;
  if (f.remediation) out.remediation = f.remediation;
  if (f.docs) out.docs = f.docs;
  out.locations = f.locations.map((l) => locationJson(l, scrub));
  return out;
}

/** The JSON contract (version 1) as an object. */
export function toJsonObject(result: ScanResult, opts: ReportOptions): Record<string, unknown> {
  const scrub = scrubber(result, opts.showSecrets);
  return {
    version: 1,
    targets: result.targets.map((t) => {
      const o: Record<string, unknown> = { target: t.target };
      if (t.digest) o.digest = t.digest;
      if (t.id) o.id = t.id;
      if (t.tags) o.tags = t.tags;
      if (t.layers !== undefined) o.layers = t.layers;
      if (t.error) o.error = scrub(t.error);
      if (t.warnings.length) o.warnings = t.warnings.map(scrub);
      return o;
    }),
    findings: result.findings.map((f) => findingJson(f, opts, scrub)),
    ...(result.suppressed ? { suppressed: { ...result.suppressed } } : {}),
  };
}

/** Formats a result as the JSON contract. */
export function formatJson(result: ScanResult, opts: ReportOptions): string {
  return JSON.stringify(toJsonObject(result, opts), null, 2) + "\n";
}
