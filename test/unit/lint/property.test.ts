import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { lintText } from "../../../src/lint/index.js";

const FRAGMENTS = [
  "FROM alpine", "FROM alpine AS b", "FROM b", "FROM ${BASE}", "ARG ", "ENV ", "LABEL ", "RUN ", "COPY ", "ADD ", "WORKDIR ", "USER ", "SHELL ", "ONBUILD ",
  "--from=b ", "--from=0 ", "--mount=type=secret,id=t ", "--mount=type=secret,id=t,target=~/.x ", "--mount=type=secret,id=t,env=T ",
  "--mount=type=cache,target=/c ", "--mount=type=bind,from=b,target=/m ", "--mount=type=secret,id=t,required=false ",
  "NPM_TOKEN", "NPM_TOKEN=", "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", "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", "$NPM_TOKEN", "${NPM_TOKEN:-x}",
  "/run/secrets/t", "cat ", "echo ", "> ", ">> ", "| ", "&& ", "; ", "rm -rf ", "cp ", "tee ", "npm set ", "git clone ", "git config --global ",
  "docker login ", "set -x; ", "$(", ")", "`", "'", '"', "\\\n", "\n", " ", "<<EOF", "EOF", "<<-'X'", "\tX", ".netrc ", ". ", "/root ", "~/.npmrc ",
  "# dredge:ignore all\n", "# check=skip=all\n", "# escape=`\n", "[\"sh\", \"-c\", \"echo hi\"]", "{", "}", "\u0000", "é",
];

const dockerfileLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 300, size: "large" }).map((p) => p.join(""));

test("property: lint never throws and never hangs on Dockerfile-like text; every warning names a line", () => {
  fc.assert(
    fc.property(fc.oneof(dockerfileLike, fc.string({ unit: "binary", maxLength: 3000 })), fc.boolean(), (text, withArgs) => {
      const started = Date.now();
      const r = lintText(text, withArgs ? { buildArgs: { NPM_TOKEN: "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", BASE: "b" }, secrets: ["t"] } : {});
      assert.ok(Date.now() - started < 5000);
      for (const w of r.warnings) assert.match(w, /^line \d+: |^no FROM instruction/, w);
      for (const i of r.issues) {
        assert.ok(i.at.line >= 1 && i.at.column >= 1);
        if (i.value !== undefined) assert.ok(!i.message.includes(i.value) || i.value.length < 4, "no secret in a message");
      }
    }),
    { numRuns: 400 },
  );
});

test("a RUN with thousands of writes and removals stays fast", () => {
  const cmds = Array.from({ length: 5000 }, (_, i) => `echo $NPM_TOKEN > /f${i}; rm -f /g${i}`).join("; ");
  const started = Date.now();
  const r = lintText(`FROM alpine\nARG NPM_TOKEN\nRUN ${cmds}\nRUN rm -rf /f*\n`);
  assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  assert.ok(r.issues.length > 0);
});
