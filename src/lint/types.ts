/** Types shared by the lint modules: rules, issues, options. */

import type { Confidence, Severity } from "../detect/types.js";
import type { Scope } from "../findings/types.js";

/** A Dockerfile position an issue points at. */
export interface IssueSite {
  line: number;
  column: number;
  /** Stage name, or its index as text. */
  stage: string;
  /** Instruction keyword, e.g. `RUN`. */
  instruction: string;
  /** ARG/ENV/LABEL name at this place, when there is one. */
  name?: string;
}

/** A build-context file an issue is about (from the context analysis). */
export interface IssueContextFile {
  /** Relative to the context directory, `/`-separated. */
  path: string;
  copiedBy: IssueSite[];
}

/** One problem lint found, before it becomes a finding. */
export interface LintIssue {
  rule: string;
  title: string;
  /** Secret kind when known (`npm-access-token`), `generic-secret`, or a `dockerfile-…` kind for plumbing bugs. */
  kind: string;
  scope: Scope;
  severity: Severity;
  confidence: Confidence;
  /** What a person must be told, in words; never the secret value. */
  message: string;
  /** The secret value when the Dockerfile or the build args give it. */
  value?: string;
  name?: string;
  /** Where it is: the instruction that leaks it. */
  at: IssueSite;
  /** Further Dockerfile lines it passes through (COPY --from that carries it on, the RUN that records it). */
  also: IssueSite[];
  context?: IssueContextFile;
  remediation: string;
  docs: string;
}

/** An example a rule proves itself against in its tests. */
export interface LintExample {
  dockerfile: string;
  /** Build args given to lint (`--build-arg`). */
  buildArgs?: Record<string, string>;
  /** Secret ids given to lint (`--secret id=…`). */
  secrets?: string[];
  target?: string;
}

/** A lint rule's metadata and the examples beside it. */
export interface LintRuleMeta {
  id: string;
  title: string;
  /** Kind reported when the secret's own kind is unknown. */
  kind: string;
  remediation: string;
  docs: string;
  /** The BuildKit check (`# check=skip=…`) that covers the same ground, when there is one. */
  buildkitCheck?: string;
  examples: {
    /** Each must report this rule at `line` with `scope`. */
    bad: (LintExample & { line: number; scope: Scope })[];
    /** Each must not report this rule (above low severity when `lowAllowed`). */
    good: (LintExample & { why: string })[];
  };
}

/** What lint is told about the build. */
export interface LintOptions {
  /** The file name used in locations (default `Dockerfile`). */
  file?: string;
  /** `--target`: the stage the build ends with (default the last). */
  target?: string;
  /** `--build-arg` values. */
  buildArgs?: Record<string, string>;
  /** Secret ids the build passes (`--secret id=…`); undefined when the build command is not known. */
  secrets?: string[];
}
