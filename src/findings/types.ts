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

/** The engine image a location is in (`dredge host`): its id, tags, and whether it is an intermediate build image. */
export interface ImageRef {
  id: string;
  tags: string[];
  /** An untagged image the legacy builder left per step, or a dangling one. */
  intermediate: boolean;
}

interface LocationBase {
  target: string;
  /** `dredge host`: which engine image (or container) holds it. */
  image?: ImageRef;
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

/** A Dockerfile line (lint): `dockerfile` says which. */
export interface DockerfileLocation extends LocationBase {
  status: "dockerfile";
  dockerfile: DockerfileRef;
  /** The instruction keyword at that line, e.g. `RUN`. */
  instruction?: string;
}

/** A file of the build context that the build would send (and, with `copiedBy`, copy). */
export interface ContextLocation extends LocationBase {
  status: "context";
  /** Path relative to the context directory, `/`-separated. */
  path: string;
  /** The COPY/ADD instructions that take it into a stage. */
  copiedBy?: DockerfileRef[];
  /** Where in the history of a `.git` store, when `path` is one (as on a file location). */
  git?: { commits: string[]; path: string; inHead: boolean };
}

/** Every place a secret can be. */
export type Location = FileLocation | HistoryLocation | ConfigLocation | DockerfileLocation | ContextLocation;

/** How far a leak found before the build reaches (lint, context, host). */
export type Scope = "final" | "host" | "bug" | "log";

/** One secret, wherever it was found. */
export interface Finding {
  rule: string;
  kind: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  /** Salted, slow hash of the value (baselines, allow lists); `""` where a lint run was asked to skip it. */
  fingerprint: string;
  secret: Secret;
  name?: string;
  remediation?: string;
  /** Provider documentation on revoking or rotating this kind. */
  docs?: string;
  /**
   * Why the finding is held back from the default report: every place it was seen is test
   * data, documentation or a published test key, or the match is a low-confidence generic one.
   * It is still listed (low confidence) in JSON.
   */
  heldBack?: string;
  /** lint/context/host: how far the leak reaches. */
  scope?: Scope;
  /** lint: what a person must be told, in words (never the secret). */
  message?: string;
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
  /** Every layer of the image, oldest first, with the instruction that made it (the HTML report's timeline; not in the JSON contract). */
  layerList?: LayerRef[];
}

/** The result of a scan: targets and findings, the secret values still inside (reporters decide what to show). */
export interface ScanResult {
  version: 1;
  targets: TargetResult[];
  findings: Finding[];
  /** Findings left out of `findings` by the project's choices (set by `applyConfigPolicy` / `applyBaseline`). */
  suppressed?: Suppressed;
}

/** How many findings were left out, and why. */
export interface Suppressed {
  /** Matched an `allow` entry of `.dredge.yaml`. */
  allowed: number;
  /** Reported by a rule `.dredge.yaml` disables. */
  disabled: number;
  /** Already in the `--baseline` file (present only when a baseline was given). */
  baselined?: number;
}
