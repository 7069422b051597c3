/** Types of `dredge fix`: what a plan changes, what it refuses, and what the build must supply. */

/** The rewrite kinds fix knows (one module each). */
export type FixKind =
  /** A secret ARG used by RUN becomes a secret mount read by its uses. */
  | "secret-arg"
  /** `COPY secretfile` + use + `RUN rm` becomes a secret mount at the same path. */
  | "copied-secret-file"
  /** A credential a command writes into a config file is written and removed in the RUN that needs it. */
  | "config-write"
  /** A secret mount copied verbatim into a file is mounted at that file's path instead. */
  | "mount-copied"
  /** Sensitive files a broad COPY takes are kept out by `.dockerignore`. */
  | "dockerignore"
  /** A credential written literally in the Dockerfile is read from a secret mount. */
  | "literal-secret";

/** One change a plan makes, in words (never a secret value). */
export interface PlannedChange {
  kind: FixKind;
  /** Dockerfile lines the change touches (1-based, in the original file). */
  lines: number[];
  message: string;
}

/** A problem fix leaves as it is, with the reason and what a person can do. */
export interface Refusal {
  /** The lint rule (or `context`) that reported the problem. */
  rule: string;
  /** The Dockerfile line of the problem (0 for a context file). */
  line: number;
  /** ARG/ENV name or context path, when there is one. */
  name?: string;
  reason: string;
}

/** A secret the fixed Dockerfile reads from a mount: the build must supply it. */
export interface SecretToSupply {
  id: string;
  /** Where the value came from before the fix, in words (`the build arg MY_SECRET`, `the context file .netrc`). */
  from: string;
  /** A file that holds it (relative to the directory fix ran in), when fix knows one. */
  src?: string;
  /** The build arg it replaces: its value used to come from `--build-arg NAME`. */
  buildArg?: string;
  /** The value was written literally in the Dockerfile: it is exposed and must be rotated. */
  literal?: boolean;
}

/** Lines appended to an ignore file. */
export interface IgnoreChange {
  /** The ignore file (absolute). */
  file: string;
  /** Whether it exists before the fix. */
  exists: boolean;
  /** The patterns added. */
  entries: string[];
  /** Its text before and after. */
  before: string;
  after: string;
}

/** What fix decided for one Dockerfile. */
export interface FixPlan {
  /** The Dockerfile's text before and after (equal when nothing changes). */
  before: string;
  after: string;
  changes: PlannedChange[];
  refusals: Refusal[];
  /** Things a person must know or do by hand (rotate an exposed value, a BuildKit-only option). */
  notes: string[];
  secrets: SecretToSupply[];
  ignore?: IgnoreChange;
  /** The secret values lint found (and the build args'): for redacting output, never to be printed. */
  secretValues: readonly string[];
}

/** `fixed` (every problem rewritten), `partial` (some refused), `refused` (nothing rewritten), `clean` (nothing to fix). */
export type FixOutcome = "fixed" | "partial" | "refused" | "clean";

export function outcomeOf(plan: Pick<FixPlan, "changes" | "refusals" | "ignore">): FixOutcome {
  const changed = plan.changes.length > 0 || (plan.ignore?.entries.length ?? 0) > 0;
  if (plan.refusals.length === 0) return changed ? "fixed" : "clean";
  return changed ? "partial" : "refused";
}
