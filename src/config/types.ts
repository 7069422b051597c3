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

/**
 * Which rules report: a rule reports unless an id pattern in `disable` matches it, and a
 * pattern in `enable` puts it back (`disable: [generic-*]`, `enable: [generic-password]`).
 * Patterns are rule ids or globs over them.
 */
export interface RuleSelection {
  disable: string[];
  enable: string[];
}

/**
 * A finding the project accepts. Every field given must match: `fingerprint` (the finding's),
 * `rule` (an id or glob), `path` (a glob over the location's path: image path, context path or
 * Dockerfile). With `path`, only the matching locations are dropped; a finding left with none is.
 */
export interface AllowEntry {
  fingerprint?: string;
  rule?: string;
  path?: string;
  reason?: string;
}

/** Options of one registry host (`registry.hosts.HOST`), over the registry-wide ones. */
export interface RegistryHostConfig {
  /** Plain HTTP, or HTTPS without certificate checks (a local test registry). */
  insecure?: boolean;
  /** Seconds a request may go without progress. */
  timeout?: number;
  /** Seconds to wait for a connection. */
  connectTimeout?: number;
}

/** `registry:` options, read by the registry source. */
export interface RegistryConfig extends Omit<RegistryHostConfig, "insecure"> {
  hosts?: Record<string, RegistryHostConfig>;
}

/** The contents of `.dredge.yaml`, normalised (user rules as a list whichever form the file used). */
export interface DredgeConfig {
  /** The file it was read from (absent for the empty default). */
  file?: string;
  fingerprintSalt?: string;
  /** Default of `--fail-on`. */
  failOn?: Severity | "none";
  /** User secret rules (`rules:` as a list, or `rules.custom`). */
  rules?: UserRuleSpec[];
  /** `rules.disable` / `rules.enable`. */
  ruleSelection?: RuleSelection;
  allow?: AllowEntry[];
  /** Absolute: a relative `cacheDir` is taken from the config file's directory. */
  cacheDir?: string;
  registry?: RegistryConfig;
}
