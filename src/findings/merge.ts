import { fingerprint } from "../detect/fingerprint.js";
import { Secret, unseal } from "../detect/redact.js";
import { severityRank, type Confidence } from "../detect/types.js";
import type { Sighting } from "../scan/raw.js";
import type { Finding, Location } from "./types.js";
import { compareText } from "../util/compare.js";

const STATUS_ORDER = ["present", "deleted", "overwritten", "history", "config", "dockerfile", "context"];
const CONFIDENCE_RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

function locationKey(l: Location): string {
  switch (l.status) {
    case "history":
      return `${l.target}|h|${l.history.index}`;
    case "config":
      return `${l.target}|c|${l.config.field}|${l.config.key ?? ""}`;
    case "dockerfile":
      return `${l.target}|d|${l.dockerfile.file}|${l.dockerfile.line}|${l.dockerfile.column ?? 0}`;
    // A .git store is one path holding many places: the file (or message) inside it tells them apart.
    case "context":
      return `${l.target}|x|${l.path}|${l.git?.path ?? ""}`;
    default:
      return `${l.target}|f|${l.layer.index}|${l.path}|${(l.inner ?? []).join("!")}|${l.git?.path ?? ""}`;
  }
}

function locationOrder(a: Location, b: Location): number {
  const ta = compareText(a.target, b.target);
  if (ta) return ta;
  const sa = STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
  if (a.status === "history" && b.status === "history") return a.history.index - b.history.index || sa;
  const la = "layer" in a ? a.layer.index : -1;
  const lb = "layer" in b ? b.layer.index : -1;
  if (la !== lb) return la - lb;
  if (sa) return sa;
  return compareText(locationKey(a), locationKey(b));
}

/**
 * Sightings grouped by secret. Sightings from the layer cache carry a sealed stand-in (fingerprint
 * and preview, no value): they join the group of the same secret read fresh by fingerprint, and
 * the group keeps the real value when one sighting has it.
 */
async function groupsBySecret(sightings: Sighting[], salt: string | undefined, fingerprints: boolean): Promise<{ value: string; fingerprint: string; group: Sighting[] }[]> {
  const byValue = new Map<string, Sighting[]>();
  for (const s of sightings) {
    const g = byValue.get(s.secret);
    if (g) g.push(s);
    else byValue.set(s.secret, [s]);
  }
  const keyed = await Promise.all(
    [...byValue.entries()].map(async ([value, group]) => ({ value, group, fingerprint: unseal(value)?.fingerprint ?? (fingerprints ? await fingerprint(value, salt) : "") })),
  );
  const byFingerprint = new Map<string, { value: string; fingerprint: string; group: Sighting[] }>();
  for (const k of keyed) {
    // (Without a fingerprint a value stands alone.)
    const key = k.fingerprint || `\0${k.value}`;
    const prev = byFingerprint.get(key);
    if (!prev) byFingerprint.set(key, { ...k, group: [...k.group] });
    else {
      prev.group.push(...k.group);
      if (unseal(prev.value)) prev.value = k.value;
    }
  }
  return [...byFingerprint.values()];
}

/**
 * Merges sightings into findings: one finding per secret value with all its locations. The
 * most specific rule names it (lowest priority number), the worst severity and the surest
 * confidence of its sightings stand. `fingerprints` false leaves fresh values' fingerprints
 * empty (output that shows none); only where no sealed sighting (layer cache) must join them.
 */
export async function mergeSightings(sightings: Sighting[], salt?: string, fingerprints = true): Promise<Finding[]> {
  const findings = (await groupsBySecret(sightings, salt, fingerprints)).map(({ value, fingerprint: fp, group }) => {
    const best = group.reduce((a, b) => (b.priority < a.priority ? b : a));
    const severity = group.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a)).severity;
    const confidence = group.reduce((a, b) => (CONFIDENCE_RANK[b.confidence] > CONFIDENCE_RANK[a.confidence] ? b : a)).confidence;
    const byKey = new Map<string, Location>();
    for (const s of group) {
      const key = locationKey(s.location);
      const prev = byKey.get(key);
      if (!prev || (!prev.name && s.location.name)) byKey.set(key, s.location);
    }
    const locations = [...byKey.values()].sort(locationOrder);
    const names = new Map<string, number>();
    for (const l of locations) if (l.name) names.set(l.name, (names.get(l.name) ?? 0) + 1);
    const name = [...names.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0];
    const finding: Finding = {
      rule: best.ruleId,
      kind: best.kind,
      title: best.title,
      severity,
      confidence,
      fingerprint: fp,
      secret: new Secret(value),
      locations,
    };
    if (name) finding.name = name;
    const remediation = best.remediation ?? group.find((s) => s.remediation)?.remediation;
    if (remediation) finding.remediation = remediation;
    // Held back only when every sighting is: one real location makes it count.
    if (group.every((s) => s.heldBack)) finding.heldBack = best.heldBack ?? group[0]!.heldBack!;
    else if (confidence === "low") finding.heldBack = "low confidence: a generic match that may be an example";
    const docs = best.docs ?? group.find((s) => s.docs)?.docs;
    if (docs) finding.docs = docs;
    return finding;
  });
  return findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      locationOrder(a.locations[0]!, b.locations[0]!) ||
      compareText(a.rule, b.rule) ||
      compareText(a.fingerprint, b.fingerprint),
  );
}
