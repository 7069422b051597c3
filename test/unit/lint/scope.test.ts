import { test } from "node:test";
import assert from "node:assert/strict";
import { lintOf } from "./helpers.js";

test("a global ARG is in scope in a stage only where the stage redeclares it", () => {
  const text = "ARG NPM_TOKEN=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\nFROM node AS a\nRUN npm ci\nFROM node\nARG NPM_TOKEN\nRUN npm ci\n";
  const { keys, issues } = lintOf(text);
  assert.deepEqual(keys, ["5 final secret-arg-value"]);
  assert.equal(issues[0]!.value, "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", "the redeclared ARG takes the global default");
});

test("a --build-arg value overrides the default; without a value the ARG is judged by its name", () => {
  const text = "FROM alpine\nARG API_TOKEN=placeholder\nRUN ./build\n";
  assert.deepEqual(lintOf(text).keys, ["2 final secret-arg-name"]);
  const given = lintOf(text, { buildArgs: { API_TOKEN: "s3cr3t-Value-9" } });
  assert.deepEqual(given.keys, ["2 final secret-arg-value"]);
  assert.equal(given.issues[0]!.value, "s3cr3t-Value-9");
  assert.deepEqual(lintOf(text, { buildArgs: { API_TOKEN: "changeme" } }).keys, [], "a placeholder passed on the command line is no secret");
});

test("every RUN in scope records an ARG with a value, whether or not it uses it", () => {
  const { issues } = lintOf("FROM alpine\nARG DB_PASSWORD\nRUN apk add curl\n", { buildArgs: { DB_PASSWORD: "hunter2-xyz" } });
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, /RUN on line 3 records it/);
});

test("an ARG with no RUN after it in its stage never reaches the history (no name-only finding)", () => {
  assert.deepEqual(lintOf("FROM alpine\nRUN make\nARG GITHUB_TOKEN\nFROM alpine\nRUN make\n").keys, []);
});

test("an ARG's scope ends with its stage: a child stage built FROM it must redeclare it", () => {
  const { keys } = lintOf("FROM alpine AS base\nARG GITHUB_TOKEN\nFROM base\nRUN echo $GITHUB_TOKEN > /t\n");
  assert.deepEqual(keys, [], "the child's RUN does not see the parent's ARG");
});

test("ENV is inherited by a stage built FROM another; an ENV from a secret ARG is in the config", () => {
  const text = "FROM alpine AS base\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\nFROM base\nRUN echo $NPM_TOKEN > /root/.npmrc\n";
  const { keys } = lintOf(text);
  assert.ok(keys.includes("3 final secret-env"), keys.join("\n"));
  assert.ok(keys.includes("2 final secret-arg-name"), "the ARG is copied into the config");
  assert.ok(keys.includes("5 final secret-file-write"), "the child stage's RUN sees the inherited ENV");
});

test("predefined proxy args are in every RUN's environment but not in the history unless declared", () => {
  const proxy = { HTTPS_PROXY: "http://user:Zq8vLmN3xT1pass@proxy.example.com:3128" };
  assert.deepEqual(lintOf("FROM alpine\nRUN apk add curl\n", { buildArgs: proxy }).keys, []);
  assert.deepEqual(lintOf("FROM alpine\nARG HTTPS_PROXY\nRUN apk add curl\n", { buildArgs: proxy }).keys, ["2 final secret-arg-value"]);
  assert.deepEqual(lintOf("FROM alpine\nRUN echo $HTTPS_PROXY > /etc/proxy\n", { buildArgs: proxy }).keys, ["2 final secret-file-write"]);
});

test("ARG defaults referring to other ARGs carry their secret; ${V:-x} and ${V:+x} expand", () => {
  const { keys } = lintOf("FROM alpine\nARG GH_TOKEN\nARG AUTH_HEADER=\"token ${GH_TOKEN}\"\nRUN make\n");
  assert.ok(keys.includes("3 final secret-arg-name"), keys.join("\n"));
  const e = lintOf("FROM alpine\nARG MODE\nENV API_KEY=${MODE:+sk_live_REAscXV4vpetpGJDHOzkXlfC}\n", { buildArgs: { MODE: "on" } });
  assert.deepEqual(e.keys, ["3 final secret-env"]);
  assert.deepEqual(lintOf("FROM alpine\nARG MODE\nENV API_KEY=${MODE:+sk_live_REAscXV4vpetpGJDHOzkXlfC}\n").keys, [], "unset MODE: ${MODE:+…} is empty");
});

test("values that only point at a secret are not secrets: paths, URLs without credentials, key ids, fakes", () => {
  const text = [
    "FROM alpine",
    "ENV DB_PASSWORD=/run/app/db.pass",
    "ENV AUTH_SERVER=https://auth.example.com/",
    "ENV RELEASE_SIGNING_KEY=E813C892820A6FA13755B268F167DF1ACF9CE069",
    "ENV AWS_SECRET_ACCESS_KEY=FAKE_TO_TRIGGER_WARNING",
    "ENV TOKEN_TTL=3600",
  ].join("\n");
  assert.deepEqual(lintOf(text).keys, []);
});
