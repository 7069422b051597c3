/**
 * Baselines: the findings a project has already seen, by fingerprint, so a run reports only new
 * ones (`--baseline FILE`); written by `--write-baseline FILE`. A baseline holds fingerprints,
 * rule, kind, the redacted preview and where each was: never a secret.
 */

import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { ValidateFunction } from "ajv";
import { ajvLib } from "../util/deferred.js";
import { DEFAULT_FINGERPRINT_SALT } from "../detect/fingerprint.js";
import { preview } from "../detect/redact.js";
import { scrubber } from "../report/redaction.js";
import { placeText } from "../report/where.js";
import { UsageError, errorMessage } from "../util/errors.js";
import type { ScanResult } from "./types.js";
import { compareText } from "../util/compare.js";

/** One finding of a baseline. */
export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  kind: string;
  /** Redacted preview, for the person reviewing the file. */
  preview: string;
  name?: string;
  /** Where it was, in words (`layer 2 /etc/app.env (deleted in layer 3)`). */
  places: string[];
}

/** The baseline file (version 1). */
export interface Baseline {
  version: 1;
  kind: "dredge-baseline";
  /** Which fingerprint salt made the fingerprints (a hash of it): fingerprints of another salt never match. */
  salt: string;
  findings: BaselineEntry[];
}

const FINGERPRINT = { type: "string", pattern: "^[0-9a-f]{16,128}$" } as const;

/** JSON Schema of a baseline file (`dredge schema baseline`). */
export const BASELINE_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://unpkg.com/dredge/schema/dredge-baseline-v1.schema.json",
  title: "dredge baseline (--write-baseline)",
  type: "object",
  additionalProperties: false,
  required: ["version", "kind", "salt", "findings"],
  properties: {
    version: { const: 1 },
    kind: { const: "dredge-baseline" },
    salt: { type: "string", pattern: "^[0-9a-f]{16}$", description: "hash of the fingerprint salt the fingerprints were made with" },
    findings: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["fingerprint", "rule", "kind", "preview", "places"],
        properties: {
          fingerprint: FINGERPRINT,
          rule: { type: "string", minLength: 1 },
          kind: { type: "string", minLength: 1 },
          preview: { type: "string" },
          name: { type: "string" },
          places: { type: "array", items: { type: "string" } },
        },
      },
    },
  },
} as const;

/** A `--format json` report used as a baseline: only its fingerprints count. */
const REPORT_AS_BASELINE = {
  type: "object",
  required: ["version", "findings"],
  properties: {
    version: { const: 1 },
    findings: { type: "array", items: { type: "object", required: ["fingerprint"], properties: { fingerprint: FINGERPRINT } } },
  },
} as const;

/** The validators, compiled on first use (a run without --baseline never pays for them). */
let validators: { baseline: ValidateFunction<Baseline>; report: ValidateFunction<{ findings: { fingerprint: string }[] }> } | undefined;

function compiled(): NonNullable<typeof validators> {
  if (!validators) {
    const ajv = new (ajvLib().Ajv)({ allErrors: false, strict: true });
    validators = { baseline: ajv.compile<Baseline>(BASELINE_SCHEMA), report: ajv.compile<{ findings: { fingerprint: string }[] }>(REPORT_AS_BASELINE) };
  }
  return validators;
}

/** The salt's identity as a baseline records it (a hash, so the file does not carry the salt). */
export function saltId(salt: string | undefined): string {
  return createHash("sha256").update(`dredge-baseline-salt\0${salt ?? DEFAULT_FINGERPRINT_SALT}`).digest("hex").slice(0, 16);
}

/** The baseline of a result: one entry per finding (held back ones too), sorted by fingerprint for stable diffs. */
export function baselineOf(result: ScanResult, salt?: string): Baseline {
  const scrub = scrubber(result, false);
  const seen = new Set<string>();
  const findings: BaselineEntry[] = [];
  for (const f of result.findings) {
    const key = `${f.fingerprint}|${f.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry: BaselineEntry = { fingerprint: f.fingerprint, rule: f.rule, kind: f.kind, preview: preview(f.secret.reveal()), places: f.locations.map((l) => scrub(`${l.target}: ${placeText(l)}`)) };
    if (f.name) entry.name = f.name;
    findings.push(entry);
  }
  findings.sort((a, b) => compareText(a.fingerprint, b.fingerprint) || compareText(a.rule, b.rule));
  return { version: 1, kind: "dredge-baseline", salt: saltId(salt), findings };
}

/** What a baseline file gives: the fingerprints, and the salt identity when the file records one. */
export interface LoadedBaseline {
  fingerprints: Set<string>;
  salt?: string;
}

/** Parses a baseline file, or a `--format json` report used as one; a clear error otherwise. */
export function parseBaseline(text: string, file: string): LoadedBaseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: not a dredge baseline: not valid JSON (${errorMessage(err)})`);
  }
  const { baseline: validateBaseline, report: validateReport } = compiled();
  if (validateBaseline(data)) return { fingerprints: new Set(data.findings.map((f) => f.fingerprint)), salt: data.salt };
  const asBaseline = validateBaseline.errors?.[0];
  if (typeof data === "object" && data !== null && !("kind" in data) && validateReport(data)) return { fingerprints: new Set(data.findings.map((f) => f.fingerprint)) };
  const e = asBaseline;
  throw new UsageError(`${file}: not a dredge baseline (nor a dredge JSON report): ${e ? `${e.instancePath || "/"} ${e.message ?? "is invalid"}` : "unexpected content"}`);
}

/** Reads `--baseline FILE`. */
export async function readBaseline(file: string): Promise<LoadedBaseline> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read the baseline ${file}: ${errorMessage(err)}`);
  }
  return parseBaseline(text, file);
}

/** Writes `--write-baseline FILE`; returns how many findings it holds. */
export async function writeBaseline(file: string, result: ScanResult, salt?: string): Promise<number> {
  const baseline = baselineOf(result, salt);
  try {
    await writeFile(file, JSON.stringify(baseline, null, 2) + "\n");
  } catch (err) {
    throw new UsageError(`cannot write the baseline ${file}: ${errorMessage(err)}`);
  }
  return baseline.findings.length;
}

/** Drops the findings whose fingerprint the baseline holds; counts them in `suppressed.baselined`. */
export function applyBaseline(result: ScanResult, baseline: LoadedBaseline): ScanResult {
  const findings = result.findings.filter((f) => !baseline.fingerprints.has(f.fingerprint));
  return {
    ...result,
    findings,
    suppressed: { allowed: result.suppressed?.allowed ?? 0, disabled: result.suppressed?.disabled ?? 0, baselined: result.findings.length - findings.length },
  };
}
