import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseBuildArgs, parseCreatedBy } from "../../../src/image/history.js";

test("legacy RUN with one build arg", () => {
  const h = parseCreatedBy("|1 MY_SECRET=foo /bin/sh -c echo $MY_SECRET > secret.txt", new Set(["MY_SECRET"]));
  assert.equal(h.instruction, "RUN");
  assert.deepEqual(h.buildArgs, [{ name: "MY_SECRET", value: "foo" }]);
  assert.equal(h.body, "echo $MY_SECRET > secret.txt");
});

test("build arg values with spaces, quotes and = are split exactly using the declared ARG names", () => {
  const known = new Set(["A", "B", "C"]);
  const h = parseCreatedBy(`|3 A=one two B="quoted" value C=x=y z /bin/sh -c echo hi`, known);
  assert.deepEqual(h.buildArgs, [
    { name: "A", value: "one two" },
    { name: "B", value: `"quoted" value` },
    { name: "C", value: "x=y z" },
  ]);
  assert.equal(h.body, "echo hi");
});

test("a value that looks like another assignment stays in its pair when that name was never declared", () => {
  const h = parseCreatedBy("|1 PIP_EXTRA_INDEX_URL=https://deploy:pw@host/simple/ X=1 /bin/sh -c pip install", new Set(["PIP_EXTRA_INDEX_URL"]));
  assert.deepEqual(h.buildArgs, [{ name: "PIP_EXTRA_INDEX_URL", value: "https://deploy:pw@host/simple/ X=1" }]);
});

test("without declared names, any NAME= starts a pair", () => {
  const r = parseBuildArgs("|2 A=1 B=2 /bin/sh -c true", new Set());
  assert.deepEqual(r?.args, [
    { name: "A", value: "1" },
    { name: "B", value: "2" },
  ]);
});

test("legacy #(nop) ENV, ARG, LABEL and COPY entries", () => {
  const env = parseCreatedBy("/bin/sh -c #(nop)  ENV STRIPE_API_KEY=sk_live_REAscXV4vpetpGJDHOzkXlfC", new Set());
  assert.equal(env.instruction, "ENV");
  assert.deepEqual(env.pairs, [{ name: "STRIPE_API_KEY", value: "sk_live_REAscXV4vpetpGJDHOzkXlfC" }]);
  const arg = parseCreatedBy("/bin/sh -c #(nop)  ARG MY_SECRET", new Set());
  assert.deepEqual(arg.declaredArgs, ["MY_SECRET"]);
  assert.deepEqual(arg.pairs, []);
  const argDefault = parseCreatedBy("/bin/sh -c #(nop)  ARG TOKEN=abc def", new Set());
  assert.deepEqual(argDefault.pairs, [{ name: "TOKEN", value: "abc" }, { name: "def", value: "" }].slice(0, 1));
  const label = parseCreatedBy('/bin/sh -c #(nop)  LABEL a=b c="d e"', new Set());
  assert.deepEqual(label.pairs, [
    { name: "a", value: "b" },
    { name: "c", value: "d e" },
  ]);
  const copy = parseCreatedBy("/bin/sh -c #(nop) COPY dir:abc in /app ", new Set());
  assert.equal(copy.instruction, "COPY");
});

test("legacy ENV in the old `ENV K V` form", () => {
  const env = parseCreatedBy("/bin/sh -c #(nop)  ENV DB_PASSWORD s3cret value", new Set());
  assert.deepEqual(env.pairs, [{ name: "DB_PASSWORD", value: "s3cret value" }]);
});

test("BuildKit forms: RUN with build args and the buildkit marker, ENV, ARG with default, COPY", () => {
  const run = parseCreatedBy("RUN |1 NPM_TOKEN=npm_x /bin/sh -c npm set x # buildkit", new Set(["NPM_TOKEN"]));
  assert.equal(run.form, "buildkit");
  assert.deepEqual(run.buildArgs, [{ name: "NPM_TOKEN", value: "npm_x" }]);
  assert.equal(run.body, "npm set x");
  const env = parseCreatedBy("ENV API_TOKEN=abc123", new Set());
  assert.deepEqual(env.pairs, [{ name: "API_TOKEN", value: "abc123" }]);
  const arg = parseCreatedBy("ARG MY_SECRET=default", new Set());
  assert.deepEqual(arg.pairs, [{ name: "MY_SECRET", value: "default" }]);
  const copy = parseCreatedBy("COPY . . # buildkit", new Set());
  assert.equal(copy.instruction, "COPY");
  assert.equal(copy.body, ". .");
});

test("plain RUN and foreign entries", () => {
  assert.equal(parseCreatedBy("/bin/sh -c apk add curl", new Set()).instruction, "RUN");
  assert.equal(parseCreatedBy("", new Set()).instruction, undefined);
  assert.equal(parseCreatedBy("Imported from -", new Set()).instruction, undefined);
});

test("the history parser never throws on any created_by", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), (s, names) => {
      parseCreatedBy(s, new Set(names));
      parseCreatedBy(`|${s.length % 4} ${s}`, new Set(names));
    }),
    { numRuns: 1000 },
  );
});

test("buildah's |N counts words, not pairs: declared names still split the values exactly", () => {
  const h = parseCreatedBy(`|9 API_TOKEN="quoted" x=y z MY_SECRET=one two  words PLAIN=public value /bin/sh -c echo built`, new Set(["MY_SECRET", "API_TOKEN", "PLAIN"]));
  assert.deepEqual(h.buildArgs, [
    { name: "API_TOKEN", value: `"quoted" x=y z` },
    { name: "MY_SECRET", value: "one two  words" },
    { name: "PLAIN", value: "public value" },
  ]);
});

test("a predefined proxy arg starts a pair even though no ARG declared it", () => {
  const h = parseCreatedBy("|2 MY_SECRET=a b HTTP_PROXY=http://proxy:3128 /bin/sh -c true", new Set(["MY_SECRET"]));
  assert.deepEqual(h.buildArgs.map((a) => a.name), ["MY_SECRET", "HTTP_PROXY"]);
});
