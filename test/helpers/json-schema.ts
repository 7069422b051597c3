/**
 * Validation of dredge's JSON report against its published schema (schema/report-v1.schema.json),
 * for every test that reads `--format json` output.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";

/** The schema file in the repository (the compiled tests run from dist/test/helpers, or a dist-NAME copy). */
export const REPORT_SCHEMA_PATH = fileURLToPath(new URL("../../../schema/report-v1.schema.json", import.meta.url));

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  validator ??= new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(REPORT_SCHEMA_PATH, "utf8")) as object);
  return validator;
}

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? "invalid"} ${JSON.stringify(e.params)}`)
    .join("\n");
}

/** The schema's verdict on a report (text or parsed): undefined when valid, else the errors in words. */
export function reportSchemaErrors(report: unknown): string | undefined {
  const data = typeof report === "string" ? (JSON.parse(report) as unknown) : report;
  const v = validate();
  return v(data) ? undefined : describe(v.errors);
}

/** Asserts that a `--format json` report (its text, or the parsed object) matches the published schema. */
export function assertReportSchema(report: unknown, label = "report"): void {
  const errors = reportSchemaErrors(report);
  assert.equal(errors, undefined, `${label} does not match schema/report-v1.schema.json:\n${errors}`);
}

/** For CLI wrappers: validates stdout when the arguments ask for JSON on stdout and it printed something. */
export function checkJsonOutput(args: readonly string[], stdout: string): void {
  const i = args.findIndex((a) => a === "--format" || a === "-f");
  const format = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith("--format="))?.slice("--format=".length);
  if (format !== "json" || stdout.trim() === "") return;
  assertReportSchema(stdout, `dredge ${args.slice(0, 2).join(" ")} --format json`);
}
