// Every Dockerfile of the real-world corpus (../shared/dockerfiles), in-process, without context:
// nothing to fix → byte-identical; a fix parses as cleanly as the original and a second fix changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { parseDockerfileInstructions } from "../../../src/dockerfile/index.js";
import { planFixText } from "../../../src/fix/index.js";
import { CORPUS, corpusFiles } from "../../helpers/corpus.js";

test("every corpus Dockerfile: unchanged when nothing is fixed, parses and is idempotent when fixed", { skip: !existsSync(CORPUS) && `no corpus at ${CORPUS}` }, () => {
  const files = corpusFiles();
  assert.ok(files.length >= 4000, `corpus has ${files.length} files`);
  let changed = 0;
  const started = Date.now();
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const name = relative(CORPUS, f);
    const p = planFixText(text, { file: name });
    if (p.changes.length === 0) {
      assert.equal(p.after, text, `${name}: nothing fixed, yet the text changed`);
      continue;
    }
    changed++;
    assert.notEqual(p.after, text, name);
    assert.equal(parseDockerfileInstructions(p.after).errors.length, parseDockerfileInstructions(text).errors.length, `${name}: the fix does not parse`);
    assert.equal(planFixText(p.after, { file: name }).after, p.after, `${name}: a second fix changes it again`);
  }
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`fix corpus: ${files.length} Dockerfiles, ${changed} fixed, ${seconds.toFixed(1)} s\n`);
  assert.ok(changed >= 1, "the corpus holds at least one fixable Dockerfile");
});
