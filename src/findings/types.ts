import type { Confidence, Severity } from "../detect/types.js";
import type { Secret } from "../detect/redact.js";

/** The layer a file location is in, and the instruction that made it. */
export interface LayerRef {
  index: number;
  digest?: string;
  createdBy?: string;
}

/** A Dockerfile line a location maps to (`scan --dockerfile`, lint). */
export interface DockerfileRef {
  file: string;
  line: number;
  column?: number;
  stage?: string;
}

interface LocationBase {
  target: string;
  /** The name the secret goes by here (ARG/ENV/config key, file key), when there is one. */
  name?: string;
  dockerfile?: DockerfileRef;
}

/** A file in a layer: in the final filesystem, deleted by a later whiteout, or replaced by a later layer. */
export interface FileLocation extends LocationBase {
  status: "present" | "deleted" | "overwritten";
  path: string;
  layer: LayerRef;
  /** Path inside nested archives, outermost first. */
  inner?: string[];
  /** Where in a `.git` store, when `path` is one. */
  git?: { commits: string[]; path: string; inHead: boolean };
  /** Layer whose whiteout or file removed/replaced it. */
  removedBy?: LayerRef;
}

/** An image history entry (`docker history --no-trunc`). */
export interface HistoryLocation extends LocationBase {
  status: "history";
  history: { index: number; createdBy: string };
}

/** An image config field (`docker inspect`). */
export interface ConfigLocation extends LocationBase {
  status: "config";
  config: { field: string; key?: string };
}

/** Every place a secret can be. */
export type Location = FileLocation | HistoryLocation | ConfigLocation;

/** One secret, wherever it was found. */
export interface Finding {
  rule: string;
  kind: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  fingerprint: string;
  secret: Secret;
  name?: string;
  remediation?: string;
  locations: Location[];
}

/** What happened to one target. */
export interface TargetResult {
  target: string;
  digest?: string;
  id?: string;
  tags?: string[];
  /** Set when nothing of the target could be read. */
  error?: string;
  /** Problems read past (digest mismatch, a corrupt layer while others were fine…). */
  warnings: string[];
  layers?: number;
}

/** The result of a scan: targets and findings, the secret values still inside (reporters decide what to show). */
export interface ScanResult {
  version: 1;
  targets: TargetResult[];
  findings: Finding[];
}
