import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { parseDockerfileInstructions } from "../../../src/dockerfile/index.js";
import { planCopies } from "../../../src/context/copies.js";
import { CORPUS, corpusFiles } from "../../helpers/corpus.js";

test("COPY/ADD planning never throws on the real-world Dockerfiles, and every plan answers for a path", { skip: !existsSync(CORPUS) && "no ../shared/dockerfiles" }, () => {
  let plans = 0;
  let selectors = 0;
  for (const f of corpusFiles()) {
    const model = parseDockerfileInstructions(readFileSync(f, "utf8"), f);
    const plan = planCopies(model, { file: f });
    for (const s of plan.selectors) {
      assert.equal(typeof s.selects(".env"), "boolean");
      s.selects("src/config/.env");
    }
    plans++;
    selectors += plan.selectors.length;
  }
  assert.ok(plans > 100, `${plans} Dockerfiles`);
  assert.ok(selectors > 100, `${selectors} COPY/ADD from the context`);
});
