import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { lintText } from "../../../src/lint/index.js";
import { CORPUS, corpusFiles } from "../../helpers/corpus.js";

test("every real-world Dockerfile lints with no crash and no error; counts per rule", { skip: !existsSync(CORPUS) && "no corpus" }, () => {
  const files = corpusFiles();
  assert.ok(files.length > 1000, `${files.length} files`);
  const counts = new Map<string, number>();
  const started = Date.now();
  for (const f of files) {
    const rel = relative(CORPUS, f);
    const r = lintText(readFileSync(f, "utf8"), { file: rel });
    assert.equal(r.error, undefined, `${rel}: ${r.error}`);
    const internal = r.warnings.filter((w) => w.includes("internal error"));
    assert.deepEqual(internal, [], rel);
    for (const i of r.issues) counts.set(`${i.rule} ${i.scope}`, (counts.get(`${i.rule} ${i.scope}`) ?? 0) + 1);
  }
  const seconds = (Date.now() - started) / 1000;
  const table = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`);
  console.log(`linted ${files.length} Dockerfiles in ${seconds.toFixed(1)} s; findings per rule and scope:\n${table.join("\n")}`);
});
