// Microsoft's SARIF Multitool (`validate`) over real SARIF from dredge: no error-level result,
// neither by the SARIF rules nor by the GitHub Advanced Security ingestion rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type * as Sarif from "sarif";
import { formatSarif } from "../../../src/report/sarif.js";
import { contextResult, lintResult, scanResult } from "./fixtures.js";
import { REPO, contextScenarios, lintScenarios, scanExample, scanLeakyLayout } from "./real-outputs.js";

const exec = promisify(execFile);
const MULTITOOL = join(REPO, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");

const work = mkdtempSync(join(tmpdir(), "dredge-multitool-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

/** Runs `Sarif.Multitool validate` on files; returns the results it reports. */
async function validate(files: readonly string[], ruleKinds: string): Promise<Sarif.Result[]> {
  // npm skips install scripts here, and the package's only script makes the binary executable.
  chmodSync(MULTITOOL, 0o755);
  const out = join(work, `validation-${ruleKinds.replace(/\W/g, "")}.sarif`);
  await exec(MULTITOOL, ["validate", ...files, "--output", out, "--log", "ForceOverwrite", "--rule-kind", ruleKinds], {
    maxBuffer: 1 << 26,
    // The .NET runtime needs ICU unless told to run without it.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
  });
  const log = JSON.parse(readFileSync(out, "utf8")) as Sarif.Log;
  return log.runs.flatMap((r) => r.results ?? []);
}

function describe(results: readonly Sarif.Result[]): string {
  return results.map((r) => `${r.level ?? "warning"} ${r.ruleId}: ${(r.message.text ?? JSON.stringify(r.message.arguments)).slice(0, 300)}`).join("\n");
}

test("Multitool validate finds no error in dredge's SARIF for images, Dockerfiles and build contexts", { timeout: 300_000 }, async () => {
  assert.ok(existsSync(MULTITOOL), "npm install brings @microsoft/sarif-multitool-linux");
  const files: string[] = [];
  const write = (name: string, text: string) => {
    const file = join(work, `${name}.sarif`);
    writeFileSync(file, text);
    files.push(file);
  };
  write("leaky-layout", formatSarif(await scanLeakyLayout(work), { showSecrets: false, srcRoot: work }));
  write("example", formatSarif(await scanExample(), { showSecrets: false, srcRoot: REPO }));
  write("example-all", formatSarif(await scanExample(), { showSecrets: false, all: true }));
  for (const { name, result } of await lintScenarios()) write(`lint-${name}`, formatSarif(result, { showSecrets: false, srcRoot: REPO }));
  for (const { name, result } of await contextScenarios()) write(`context-${name}`, formatSarif(result, { showSecrets: false, srcRoot: REPO }));
  write("fixture-scan", formatSarif(scanResult(), { showSecrets: false, all: true }));
  write("fixture-lint", formatSarif(lintResult(), { showSecrets: false }));
  write("fixture-context", formatSarif(contextResult(), { showSecrets: false }));

  // One run with both rule sets, and a log code scanning would reject: the validator must flag that one, and only that one.
  const bad = join(work, "rejected.sarif");
  writeFileSync(bad, JSON.stringify({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ ruleId: "a", message: { text: "m" }, locations: [] }] }] }));
  const results = await validate([...files, bad], "Sarif;Ghas");
  const errors = results.filter((r) => r.level === "error");
  const fileOf = (r: Sarif.Result) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "";
  assert.ok(errors.some((r) => fileOf(r).endsWith("rejected.sarif")), `the validator flags the rejected log:\n${describe(results)}`);
  assert.equal(describe(errors.filter((r) => !fileOf(r).endsWith("rejected.sarif"))), "", "no error in dredge's SARIF (SARIF and GitHub ingestion rules)");
  assert.ok(files.length > 40);
});
