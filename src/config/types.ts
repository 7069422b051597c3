import type { Confidence, Severity } from "../detect/types.js";

/** A user secret rule as written in `.dredge.yaml` (plain data: it crosses into worker threads). */
export interface UserRuleSpec {
  id: string;
  title?: string;
  kind?: string;
  regex: string;
  keywords?: string[];
  entropy?: number;
  minLength?: number;
  paths?: string;
  excludePaths?: string;
  allow?: string[];
  severity?: Severity;
  confidence?: Confidence;
  remediation?: string;
  docs?: string;
}

/** The contents of `.dredge.yaml`. */
export interface DredgeConfig {
  fingerprintSalt?: string;
  rules?: UserRuleSpec[];
}
