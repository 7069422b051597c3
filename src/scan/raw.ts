import type { Confidence, RuleHit, SecretRule, Severity } from "../detect/types.js";
import type { Location } from "../findings/types.js";

/** One sighting of a secret at one location, before sightings are merged into findings. */
export interface Sighting {
  secret: string;
  ruleId: string;
  kind: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  /** Lower wins when several rules name the same secret. */
  priority: number;
  remediation?: string;
  docs?: string;
  /** Why this sighting is held back (test data, docs, a published test key); its confidence is then low. */
  heldBack?: string;
  location: Location;
}

/** What a sighting takes from its rule. */
export type RuleInfo = Pick<SecretRule, "title" | "priority" | "remediation" | "docs">;

/** The sighting a rule hit makes at a location (title, priority and remediation from its rule). */
export function sightingOf(hit: RuleHit, rules: ReadonlyMap<string, RuleInfo>, location: Location): Sighting {
  const rule = rules.get(hit.ruleId);
  const s: Sighting = {
    secret: hit.secret,
    ruleId: hit.ruleId,
    kind: hit.kind,
    title: rule?.title ?? hit.ruleId,
    severity: hit.severity,
    confidence: hit.confidence,
    priority: rule?.priority ?? 50,
    location,
  };
  if (rule?.remediation) s.remediation = rule.remediation;
  if (rule?.docs) s.docs = rule.docs;
  return s;
}
