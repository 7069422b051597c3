/** Validation against the official OASIS SARIF 2.1.0 schema (fixtures/sarif-schema-2.1.0.json, draft-04). */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";

export const OFFICIAL_SARIF_SCHEMA = fileURLToPath(new URL("../../../../test/unit/report/fixtures/sarif-schema-2.1.0.json", import.meta.url));

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (validator === undefined) {
    // The OASIS schema predates ajv's strict checks (e.g. `default` beside `$ref`): validate, do not lint it.
    const ajv = new Ajv04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(OFFICIAL_SARIF_SCHEMA, "utf8")) as object) as ValidateFunction;
  }
  return validator!;
}

/** Asserts that a SARIF log object is valid by the official schema. */
export function assertOfficialSarif(log: unknown, label = "SARIF"): void {
  const v = validate();
  const ok = v(log);
  const errors = (v.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
  assert.ok(ok, `${label} is not valid SARIF 2.1.0:\n${errors.join("\n")}`);
}
