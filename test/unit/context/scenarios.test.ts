import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeContext, contextFindings } from "../../../src/context/index.js";
import { listScenarios, prepareWorkCopy } from "../../e2e/harness/scenarios.js";

const withContext = listScenarios().filter((s) => s.json.context !== undefined);

test("there are scenarios with context expectations", () => {
  assert.ok(withContext.length >= 5, `found ${withContext.length}`);
});

for (const s of withContext) {
  test(`scenario ${s.name}: dredge context reports what it must and nothing it must not`, async () => {
    const work = mkdtempSync(join(tmpdir(), `dredge-ctx-${s.name}-`));
    try {
      await prepareWorkCopy(s, work);
      const dir = join(work, "context");
      const report = await analyzeContext({ dir, ...(s.json.build.args ? { buildArgs: s.json.build.args } : {}) });
      const paths = report.sensitive.map((f) => f.path);
      const spec = s.json.context!;
      for (const e of spec.expect ?? []) assert.ok(paths.includes(e.path), `${e.path} must be reported; got ${JSON.stringify(paths)}`);
      for (const f of spec.forbid ?? []) {
        assert.ok(!paths.some((p) => p === f.path || p.startsWith(f.path + "/")), `${f.path} must not be reported; got ${JSON.stringify(paths)}`);
      }
      if (spec.clean) assert.deepEqual(paths, [], "a clean context reports nothing");
      // Every expected file is copied by the scenario's COPY, so it is a finding that reaches the image.
      const findings = await contextFindings(report, `context:${s.name}`);
      for (const e of spec.expect ?? []) {
        const f = findings.find((x) => x.locations.some((l) => l.status === "context" && (l.path === e.path || l.path.startsWith(e.path + "/"))));
        assert.ok(f, `a finding for ${e.path}`);
        assert.equal(f.scope, "final", `${e.path} is copied into the final image`);
        assert.ok(["high", "critical"].includes(f.severity), `${e.path}: ${f.severity}`);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}
