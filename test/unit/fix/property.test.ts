import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseDockerfileInstructions } from "../../../src/dockerfile/index.js";
import { planFixText } from "../../../src/fix/index.js";

const names = fc.constantFrom("NPM_TOKEN", "MY_SECRET", "API_KEY", "VERSION", "HOME");
const ref = names.chain((n) => fc.constantFrom(`$${n}`, `\${${n}}`, `"$${n}"`, `'$${n}'`, `\${${n}:-x}`, `"u:$${n}@h"`));
const command = fc.oneof(
  ref.map((r) => `curl -u ${r} https://x`),
  ref.map((r) => `npm set "//r/:_authToken=${r.replace(/"/g, "")}"`),
  ref.map((r) => `echo ${r} > /tmp/f`),
  ref.map((r) => `echo "machine h password ${r.replace(/"/g, "")}" >> ~/.netrc`),
  fc.constantFrom("npm ci", "yarn install", "pip install a", "rm -f /root/.netrc", "cat /run/secrets/npm_token", "cp /run/secrets/npmrc /root/.npmrc", "git clone https://x/y", "sh -c 'echo $MY_SECRET'"),
);
const joiner = fc.constantFrom(" && ", " && \\\n    ", "; ", " || ", " | ", " \\\n  # note\n  && ");
const run = fc
  .tuple(fc.array(fc.tuple(command, joiner), { minLength: 0, maxLength: 3 }), command, fc.constantFrom("", "--mount=type=secret,id=npm_token ", "--mount=type=secret,id=npmrc ", "--mount=type=cache,target=/c "))
  .map(([pairs, last, flag]) => `RUN ${flag}${pairs.map(([c, j]) => c + j).join("")}${last}`);
const line = fc.oneof(
  { weight: 3, arbitrary: run },
  { weight: 2, arbitrary: names.map((n) => `ARG ${n}`) },
  { weight: 1, arbitrary: names.map((n) => `ENV X_${n}=$${n}`) },
  { weight: 1, arbitrary: fc.constantFrom("COPY . .", "COPY .netrc /root", "WORKDIR /app", "USER node", "# comment", "", "FROM alpine AS b", "FROM b", "RUN <<EOF\necho $NPM_TOKEN\nEOF", 'RUN ["sh", "-c", "echo $MY_SECRET"]', "SHELL [\"/bin/bash\", \"-c\"]") },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const dockerfile = fc
  .tuple(fc.constantFrom("", "# escape=`\n", "# syntax=docker/dockerfile:1\n"), fc.array(line, { maxLength: 8 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
  .map(([head, lines, eol, final]) => (head + ["FROM node:18", ...lines].join("\n") + (final ? "\n" : "")).replace(/\n/g, eol));

test("fix never throws, its output parses as cleanly as its input, and fixing again changes nothing", () => {
  fc.assert(
    fc.property(dockerfile, (text) => {
      const p = planFixText(text);
      if (p.after === text) return;
      assert.ok(p.changes.length > 0, "text changed without a change");
      assert.ok(parseDockerfileInstructions(p.after).errors.length <= parseDockerfileInstructions(text).errors.length, p.after);
      assert.equal(planFixText(p.after).after, p.after, `not idempotent:\n${text}\n---\n${p.after}`);
    }),
    { numRuns: 400 },
  );
});

test("fix never throws on arbitrary text", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      const p = planFixText("FROM a\n" + text);
      assert.equal(typeof p.after, "string");
    }),
    { numRuns: 300 },
  );
});
