/** Where secret data in a build comes from (taint sources), and how to speak of them. */

import type { Severity } from "../detect/types.js";

/** A secret-named or secret-valued ARG or ENV. */
export interface VarSource {
  type: "var";
  origin: "ARG" | "ENV";
  name: string;
  /** The value when the Dockerfile or the build args give it. */
  value?: string;
  kind: string;
  severity?: Severity;
  line: number;
  /** For an ENV that takes its value from a secret ARG/ENV: that variable. */
  via?: VarSource;
}

/** A secret mount of the RUN being read (`--mount=type=secret`). */
export interface MountSource {
  type: "mount";
  id: string;
  /** Where the file appears, absolute; undefined when only exposed through `env`. */
  path?: string;
  env?: string;
}

/** A credential written literally in the Dockerfile. */
export interface LiteralSource {
  type: "literal";
  value: string;
  kind: string;
  severity: Severity;
}

export type TaintSource = VarSource | MountSource | LiteralSource;

/** A set of sources (identity-unique, in order). */
export type Taint = readonly TaintSource[];

export function union(...parts: (Taint | undefined)[]): Taint {
  const out: TaintSource[] = [];
  for (const p of parts) if (p) for (const s of p) if (!out.includes(s)) out.push(s);
  return out;
}

/** The sources that came from secret mounts (what the build log must never show). */
export function mountSources(t: Taint): MountSource[] {
  return t.filter((s): s is MountSource => s.type === "mount");
}

/** The secret value a taint carries, when one of its sources knows it. */
export function knownValue(t: Taint): { value: string; kind: string; severity?: Severity } | undefined {
  for (const s of t) {
    if (s.type === "literal") return { value: s.value, kind: s.kind, severity: s.severity };
    if (s.type === "var" && s.value !== undefined) {
      const out: { value: string; kind: string; severity?: Severity } = { value: s.value, kind: s.kind };
      if (s.severity) out.severity = s.severity;
      return out;
    }
  }
  return undefined;
}

/** The secret's kind as far as the taint tells. */
export function kindOf(t: Taint): string {
  for (const s of t) if (s.type !== "mount" && s.kind !== "generic-secret") return s.kind;
  return "generic-secret";
}

/** A source in words: `the value of ARG NPM_TOKEN`, `the secret npm_token (from its mount)`, `the literal github-token`. */
export function describeSource(s: TaintSource): string {
  switch (s.type) {
    case "var":
      return `the value of ${s.origin} ${s.name}`;
    case "mount":
      return `the secret ${s.id} (from its mount)`;
    case "literal":
      return `the literal ${s.kind}`;
  }
}

export function describeTaint(t: Taint): string {
  const parts = [...new Set(t.map(describeSource))];
  if (parts.length <= 1) return parts[0] ?? "a secret";
  return parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1];
}

/** The name the secret goes by (ARG/ENV name or mount id). */
export function nameOf(t: Taint): string | undefined {
  for (const s of t) if (s.type === "var") return s.name;
  for (const s of t) if (s.type === "mount") return s.env ?? s.id;
  return undefined;
}
