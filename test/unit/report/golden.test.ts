// Golden files of every reporter (text, with and without colour, JSON, SARIF) for a scan, a lint
// and a context result that use every kind of place. `UPDATE_GOLDEN=1` rewrites them; review the
// diff before committing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScanResult } from "../../../src/findings/types.js";
import { formatJson } from "../../../src/report/json.js";
import { formatSarif } from "../../../src/report/sarif.js";
import { formatText } from "../../../src/report/text.js";
import { assertReportSchema } from "../../helpers/json-schema.js";
import { contextResult, lintResult, scanResult, secretValues } from "./fixtures.js";
import { assertOfficialSarif } from "./sarif-schema.js";

const GOLDEN = fileURLToPath(new URL("../../../../test/unit/report/golden/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";
/** SARIF paths are relative to this root; it need not exist. */
const SRC_ROOT = "/work/project";

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) assert.fail(`${name}: no golden file; run with UPDATE_GOLDEN=1 to write it`);
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, readFileSync(file, "utf8"), `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`);
}

function noSecret(name: string, out: string): void {
  for (const v of secretValues()) assert.ok(!out.includes(v.trim()), `${name} holds the secret ${v.slice(0, 6)}…`);
}

const CASES: [string, () => ScanResult][] = [
  ["scan", scanResult],
  ["lint", lintResult],
  ["context", contextResult],
];

for (const [name, make] of CASES) {
  test(`${name}: text, JSON and SARIF match their golden files and hold no secret`, () => {
    const text = formatText(make(), { showSecrets: false, color: false });
    const json = formatJson(make(), { showSecrets: false });
    const sarif = formatSarif(make(), { showSecrets: false, srcRoot: SRC_ROOT });
    golden(`${name}.txt`, text);
    golden(`${name}.json`, json);
    golden(`${name}.sarif`, sarif);
    for (const [kind, out] of [["text", text], ["json", json], ["sarif", sarif]] as const) noSecret(`${name}.${kind}`, out);
    assertReportSchema(json, `${name}.json`);
    assertOfficialSarif(JSON.parse(sarif), `${name}.sarif`);
  });
}

test("scan: coloured text and text with held-back findings match their golden files", () => {
  golden("scan.color.txt", formatText(scanResult(), { showSecrets: false, color: true }));
  const all = formatText(scanResult(), { showSecrets: false, color: false, all: true });
  golden("scan.all.txt", all);
  noSecret("scan.all.txt", all);
  const sarifAll = formatSarif(scanResult(), { showSecrets: false, all: true, srcRoot: SRC_ROOT });
  golden("scan.all.sarif", sarifAll);
  noSecret("scan.all.sarif", sarifAll);
});
