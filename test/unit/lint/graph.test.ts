import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDockerfileInstructions } from "../../../src/dockerfile/index.js";
import { buildStageGraph, findTarget } from "../../../src/lint/index.js";

function graph(text: string, target?: string, buildArgs: Record<string, string> = {}) {
  const model = parseDockerfileInstructions(text);
  const t = findTarget(model, target);
  assert.notEqual(t, undefined);
  return buildStageGraph(model, t!, buildArgs);
}

const MULTI = `FROM alpine AS deps
RUN make deps
FROM deps AS build
RUN make
FROM alpine AS tools
RUN make tools
FROM alpine AS test
RUN --mount=from=tools,target=/t make test
FROM alpine
COPY --from=build /out /out
COPY --from=2 /bin /bin
`;

test("the final image holds the target and the stages it is built FROM, not those it copies from", () => {
  const g = graph(MULTI);
  assert.equal(g.target, 4);
  assert.deepEqual([...g.chain].sort(), [4]);
  assert.deepEqual([...g.needed].sort(), [0, 1, 2, 4]);
  assert.deepEqual(g.nodes[4]!.uses.map((u) => [u.from, u.line, u.kind]), [[1, 10, "copy"], [2, 11, "copy"]]);
  assert.deepEqual(g.nodes[3]!.uses.map((u) => [u.from, u.kind]), [[2, "mount"]]);
});

test("--target: FROM chain of the target stage, its mounts are needed but not in the image", () => {
  const g = graph(MULTI, "test");
  assert.deepEqual([...g.chain], [3]);
  assert.deepEqual([...g.needed].sort(), [2, 3]);
  const b = graph(MULTI, "BUILD");
  assert.deepEqual([...b.chain].sort(), [0, 1]);
});

test("stage references: by name (any case) or index, only to earlier stages; FROM ${ARG} expands global args", () => {
  const g = graph("ARG BASE=one\nFROM alpine AS one\nFROM ${BASE} AS two\nFROM later\nFROM alpine AS later\n");
  assert.equal(g.nodes[1]!.parent, 0);
  assert.equal(g.nodes[2]!.parent, undefined, "a stage defined later is an image name, not a stage");
  assert.equal(g.nodes[2]!.baseImage, "later");
  const h = graph("ARG BASE=one\nFROM alpine AS one\nFROM ${BASE}\n", undefined, { BASE: "debian" });
  assert.equal(h.nodes[1]!.parent, undefined);
});

test("an unknown target is reported as such", () => {
  assert.equal(findTarget(parseDockerfileInstructions("FROM a AS x\n"), "nope"), undefined);
  assert.equal(findTarget(parseDockerfileInstructions("FROM a AS x\nFROM b\n"), "1"), 1);
});
