/**
 * The project's choices from `.dredge.yaml` applied to a result: findings of disabled rules and
 * findings (or locations) the allow list accepts are dropped, and counted in `suppressed`.
 */

import { picomatchLib } from "../util/deferred.js";
import type { AllowEntry, RuleSelection } from "../config/types.js";
import type { Finding, Location, ScanResult } from "./types.js";

/** What `applyConfigPolicy` reads from the config. */
export interface FindingPolicy {
  ruleSelection?: RuleSelection;
  allow?: AllowEntry[];
}

type Matcher = (text: string) => boolean;

/** A rule id without its instance suffix (`known-value#3` → `known-value`). */
export function baseRuleId(rule: string): string {
  return rule.replace(/#\d+$/, "");
}

function ruleMatcher(pattern: string): Matcher {
  const match = picomatchLib()(pattern);
  return (id) => match(id) || match(baseRuleId(id));
}

/** Globs over paths: `/` at either end is ignored, and a pattern without `/` matches a file name anywhere. */
function pathMatcher(pattern: string): Matcher {
  const trimmed = pattern.replace(/^\/+/, "");
  const match = picomatchLib()(trimmed, { dot: true, basename: !trimmed.includes("/") });
  return (path) => match(path.replace(/^\/+/, ""));
}

/** The paths a location can be allowed by: its file (image or context path) or its Dockerfile. */
function locationPaths(l: Location): string[] {
  switch (l.status) {
    case "history":
    case "config":
      return [];
    case "dockerfile":
      return [l.dockerfile.file];
    default:
      return [l.path];
  }
}

interface CompiledAllow {
  fingerprint?: string;
  rule?: Matcher;
  path?: Matcher;
}

function compileAllow(entries: readonly AllowEntry[]): CompiledAllow[] {
  return entries.map((e) => {
    const c: CompiledAllow = {};
    if (e.fingerprint !== undefined) c.fingerprint = e.fingerprint;
    if (e.rule !== undefined) c.rule = ruleMatcher(e.rule);
    if (e.path !== undefined) c.path = pathMatcher(e.path);
    return c;
  });
}

/** Whether a rule is switched off: a disable pattern matches it and no enable pattern does. */
export function disabledRules(selection: RuleSelection | undefined): (rule: string) => boolean {
  if (!selection) return () => false;
  const disable = selection.disable.map(ruleMatcher);
  const enable = selection.enable.map(ruleMatcher);
  return (rule) => disable.some((m) => m(rule)) && !enable.some((m) => m(rule));
}

/** The finding without the locations an allow entry accepts; undefined when it keeps none. */
function withoutAllowed(f: Finding, allow: readonly CompiledAllow[]): Finding | undefined {
  const applies = allow.filter((a) => (a.fingerprint === undefined || a.fingerprint === f.fingerprint) && (a.rule === undefined || a.rule(f.rule)));
  if (applies.length === 0) return f;
  if (applies.some((a) => !a.path)) return undefined;
  const kept = f.locations.filter((l) => !locationPaths(l).some((p) => applies.some((a) => a.path!(p))));
  if (kept.length === 0) return undefined;
  return kept.length === f.locations.length ? f : { ...f, locations: kept };
}

/**
 * Drops the findings of disabled rules and what the allow list accepts. A finding with some
 * locations allowed by path keeps the others; one left with none is counted as allowed.
 */
export function applyConfigPolicy(result: ScanResult, policy: FindingPolicy): ScanResult {
  if (!policy.ruleSelection && !policy.allow?.length) return result;
  const allow = compileAllow(policy.allow ?? []);
  const isDisabled = disabledRules(policy.ruleSelection);
  let disabled = 0;
  let allowed = 0;
  const findings: Finding[] = [];
  for (const f of result.findings) {
    if (isDisabled(f.rule)) {
      disabled++;
      continue;
    }
    const kept = withoutAllowed(f, allow);
    if (kept) findings.push(kept);
    else allowed++;
  }
  const before = result.suppressed;
  return {
    ...result,
    findings,
    suppressed: { ...before, allowed: (before?.allowed ?? 0) + allowed, disabled: (before?.disabled ?? 0) + disabled },
  };
}
