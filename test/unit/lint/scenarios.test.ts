import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lint } from "../../../src/lint/index.js";
import { formatJson } from "../../../src/report/json.js";
import { severityRank } from "../../../src/detect/types.js";
import type { Finding, ScanResult } from "../../../src/findings/types.js";
import { collectSecrets, listScenarios, prepareWorkCopy, type LintExpectation } from "../../e2e/harness/scenarios.js";

const scenarios = listScenarios();
const work = mkdtempSync(join(tmpdir(), "dredge-lint-scenarios-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

function lines(f: Finding): number[] {
  return f.locations.flatMap((l) => (l.status === "dockerfile" ? [l.dockerfile.line] : []));
}

function describe(result: ScanResult): string {
  return result.findings.map((f) => `  line ${lines(f).join(",")} ${f.scope} ${f.severity} ${f.rule}: ${f.message ?? ""}`).join("\n") || "  (no findings)";
}

function check(name: string, result: ScanResult, expect: readonly LintExpectation[], clean: boolean): void {
  for (const t of result.targets) assert.equal(t.error, undefined, `${name}: ${t.target}: ${t.error}`);
  for (const e of expect) {
    const hit = result.findings.find((f) => f.scope === e.scope && lines(f).includes(e.line));
    assert.ok(hit, `${name}: expected a ${e.scope} finding at line ${e.line} (${e.about}); got:\n${describe(result)}`);
  }
  if (clean) {
    const loud = result.findings.filter((f) => severityRank(f.severity) > severityRank("low"));
    assert.deepEqual(loud.map((f) => `${lines(f).join(",")} ${f.rule}`), [], `${name}: lint.clean, but:\n${describe(result)}`);
  }
}

for (const s of scenarios) {
  const spec = s.json.lint;
  if (!spec) continue;
  test(`scenario ${s.name}: lint reports what scenario.json expects`, async () => {
    const dir = join(work, s.name);
    const added = await prepareWorkCopy(s, dir);
    const context = join(dir, "context");
    const dockerfile = join(context, "Dockerfile");
    const expect = spec.expect ?? [];
    const args = s.json.build.args;
    const secrets = collectSecrets(s, dir, added);

    // Without the build args: every expectation but the value-aware ones.
    const bare = await lint([dockerfile], { context });
    check(`${s.name} (no build args)`, bare, expect.filter((e) => !e.with_build_args), spec.clean === true);

    // With the build args (and the secrets) the build is given: all of them.
    const ids = Object.keys(s.json.build.secrets ?? {});
    const full = await lint([dockerfile], { context, ...(args ? { buildArgs: args } : {}), ...(ids.length ? { secrets: ids } : {}) });
    check(`${s.name} (build args)`, full, expect, spec.clean === true);

    // Output never shows a secret value unless asked.
    const json = formatJson(full, { showSecrets: false }) + formatJson(bare, { showSecrets: false });
    for (const v of secrets) assert.ok(!json.includes(v), `${s.name}: the JSON report shows a secret value (${v.length} chars)`);
  });
}

test("every scenario with lint expectations was run", () => {
  assert.ok(scenarios.filter((s) => s.json.lint).length >= 20);
});
