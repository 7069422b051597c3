/**
 * Golden tests: test/cases/dockerfile/<behaviour>/Dockerfile is parsed and its
 * dump compared with expected.txt next to it. Run with UPDATE_GOLDEN=1 to
 * rewrite the expected files after an intended change (then review the diff).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { dumpAst, parseDockerfile } from "../../../src/dockerfile/index.js";

const CASES = resolve(process.cwd(), "test/cases/dockerfile");
const update = process.env.UPDATE_GOLDEN === "1";

const cases = existsSync(CASES)
  ? readdirSync(CASES, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(CASES, e.name, "Dockerfile")))
      .map((e) => e.name)
      .sort()
  : [];

test("golden cases exist", () => {
  assert.ok(cases.length >= 2, `expected golden cases under ${CASES} (run the tests from the repository root)`);
});

for (const name of cases) {
  test(`golden: ${name}`, () => {
    const dir = join(CASES, name);
    const got = dumpAst(parseDockerfile(readFileSync(join(dir, "Dockerfile"), "utf8"), "Dockerfile"));
    const expectedFile = join(dir, "expected.txt");
    if (update || !existsSync(expectedFile)) {
      writeFileSync(expectedFile, got);
      if (!update) assert.fail(`${expectedFile} was missing and has been written; review it and run again`);
      return;
    }
    assert.equal(got, readFileSync(expectedFile, "utf8"));
  });
}
