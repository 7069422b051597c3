/** Lint issues as findings: the same type (and reporters) as scan, with `dockerfile` and `context` locations. */

import { createHash } from "node:crypto";
import { fingerprint } from "../detect/fingerprint.js";
import { Secret } from "../detect/redact.js";
import { severityRank } from "../detect/types.js";
import type { ContextLocation, DockerfileLocation, Finding, Location } from "../findings/types.js";
import { syntheticValue } from "./flow.js";
import type { IssueSite, LintIssue } from "./types.js";

function dockerfileLocation(target: string, site: IssueSite): DockerfileLocation {
  const loc: DockerfileLocation = {
    target,
    status: "dockerfile",
    dockerfile: { file: target, line: site.line, column: site.column, stage: site.stage },
    instruction: site.instruction,
  };
  if (site.name !== undefined) loc.name = site.name;
  return loc;
}

/**
 * A fingerprint for a synthetic value (`dockerfile:FILE:LINE:RULE`, no secret in it): a plain
 * hash is enough and keeps a run over thousands of Dockerfiles fast. Real values get the slow,
 * salted KDF of `fingerprint`.
 */
function syntheticFingerprint(value: string, salt: string | undefined): string {
  return createHash("sha256").update(`dredge-lint-synthetic\0${salt ?? ""}\0${value}`).digest("hex").slice(0, 32);
}

const fingerprints = new Map<string, Promise<string>>();

function realFingerprint(value: string, salt: string | undefined): Promise<string> {
  const key = `${salt ?? ""}\0${value}`;
  let p = fingerprints.get(key);
  if (!p) {
    if (fingerprints.size > 10_000) fingerprints.clear();
    p = fingerprint(value, salt);
    fingerprints.set(key, p);
  }
  return p;
}

/**
 * Turns one Dockerfile's issues into findings. Issues of the same rule and scope with the same
 * secret value become one finding with several locations; an issue without a value keeps its own,
 * with a stable synthetic value so its fingerprint survives reruns. `fingerprints` false leaves
 * real values' fingerprints empty (see `LintRunOptions.fingerprints`).
 */
export async function lintFindings(issues: readonly LintIssue[], target: string, salt?: string, fingerprints = true): Promise<Finding[]> {
  const groups = new Map<string, LintIssue[]>();
  for (const i of issues) {
    const key = i.value !== undefined ? `${i.rule}|${i.scope}|v|${i.value}` : `${i.rule}|${i.scope}|s|${i.at.line}|${i.at.column}|${i.message}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  const out = await Promise.all(
    [...groups.values()].map(async (group) => {
      const first = group[0]!;
      const synthetic = first.value === undefined;
      const value = first.value ?? syntheticValue(target, first.at.line, first.rule);
      const locations: Location[] = [];
      const seen = new Set<string>();
      const push = (l: Location, key: string) => {
        if (seen.has(key)) return;
        seen.add(key);
        locations.push(l);
      };
      for (const i of group) {
        push(dockerfileLocation(target, i.at), `d|${i.at.line}|${i.at.column}`);
        for (const a of i.also) push(dockerfileLocation(target, a), `d|${a.line}|${a.column}`);
        if (i.context) {
          const c: ContextLocation = {
            target,
            status: "context",
            path: i.context.path,
            copiedBy: i.context.copiedBy.map((s) => ({ file: target, line: s.line, column: s.column, stage: s.stage })),
          };
          if (i.name !== undefined) c.name = i.name;
          push(c, `x|${i.context.path}`);
        }
      }
      const worst = group.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
      const f: Finding = {
        rule: first.rule,
        kind: first.kind,
        title: first.title,
        severity: worst.severity,
        confidence: first.confidence,
        fingerprint: synthetic ? syntheticFingerprint(value, salt) : fingerprints ? await realFingerprint(value, salt) : "",
        secret: new Secret(value),
        remediation: first.remediation,
        docs: first.docs,
        scope: first.scope,
        message: group.length === 1 ? first.message : [...new Set(group.map((i) => i.message))].join("; "),
        locations,
      };
      const name = group.find((i) => i.name !== undefined)?.name;
      if (name !== undefined) f.name = name;
      return f;
    }),
  );
  return out;
}
