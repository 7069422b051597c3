import type { Confidence, Severity } from "../detect/types.js";
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
  location: Location;
}
