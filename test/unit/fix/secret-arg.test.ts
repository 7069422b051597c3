import { test } from "node:test";
import assert from "node:assert/strict";
import { plan, scenarioDockerfile } from "./helpers.js";

test("s004: ARG MY_SECRET used by curl becomes a secret mount read where $MY_SECRET was", () => {
  const p = plan(scenarioDockerfile("s004-arg-in-curl"));
  assert.equal(
    p.after,
    "FROM alpine\n\nRUN apk update && apk add curl\n" +
      "RUN --mount=type=secret,id=MY_SECRET,target=/run/secrets/MY_SECRET \\\n" +
      '    curl -u "user:$(cat /run/secrets/MY_SECRET)" https://ifconfig.me\n',
  );
  assert.deepEqual(p.refusals, []);
  assert.deepEqual(p.secrets, [{ id: "MY_SECRET", from: "the build arg MY_SECRET", buildArg: "MY_SECRET" }]);
  assert.equal(p.changes[0]?.kind, "secret-arg");
  assert.match(p.changes[0]!.message, /env=MY_SECRET/, "the BuildKit-only env= form is mentioned as an option");
});

test("s001: a secret ARG written into a file is refused and nothing changes", () => {
  const text = scenarioDockerfile("s001-arg-in-history");
  const p = plan(text, { buildArgs: { MY_SECRET: "foo" } });
  assert.equal(p.after, text);
  assert.equal(p.changes.length, 0);
  assert.equal(p.refusals.length, 1);
  assert.equal(p.refusals[0]!.line, 2);
  assert.match(p.refusals[0]!.reason, /\/secret\.txt/);
  assert.match(p.refusals[0]!.reason, /stays in the image whatever supplies the value/);
});

test("an ARG only read from the environment is exported from the secret file in every RUN of its scope", () => {
  const p = plan("FROM node:18\nARG NPM_TOKEN\nCOPY . .\nRUN npm ci\n");
  assert.equal(
    p.after,
    "FROM node:18\nCOPY . .\n" +
      "RUN --mount=type=secret,id=NPM_TOKEN,target=/run/secrets/NPM_TOKEN \\\n" +
      '    export NPM_TOKEN="$(cat /run/secrets/NPM_TOKEN)" && \\\n' +
      "    npm ci\n",
  );
});

test("a reference inside single quotes (an inner sh -c) exports the value instead of replacing it", () => {
  const p = plan(`FROM alpine\nARG API_TOKEN\nRUN sh -c 'curl -fsS -H "X-Token: $API_TOKEN" https://api.example.com/health'\n`);
  assert.equal(
    p.after,
    "FROM alpine\n" +
      "RUN --mount=type=secret,id=API_TOKEN,target=/run/secrets/API_TOKEN \\\n" +
      '    export API_TOKEN="$(cat /run/secrets/API_TOKEN)" && \\\n' +
      `    sh -c 'curl -fsS -H "X-Token: $API_TOKEN" https://api.example.com/health'\n`,
  );
});

test("one name of a multi-name ARG goes, the others stay; a global twin nothing else uses goes too", () => {
  const p = plan('ARG GITHUB_TOKEN\nFROM alpine\nARG VERSION=1 GITHUB_TOKEN\nRUN curl -fsSL -H "Authorization: token ${GITHUB_TOKEN}" https://api.example.com/v$VERSION\n');
  assert.equal(
    p.after,
    "FROM alpine\nARG VERSION=1\n" +
      "RUN --mount=type=secret,id=GITHUB_TOKEN,target=/run/secrets/GITHUB_TOKEN \\\n" +
      '    curl -fsSL -H "Authorization: token $(cat /run/secrets/GITHUB_TOKEN)" https://api.example.com/v$VERSION\n',
  );
});

test("an existing continuation keeps its own indentation; other flags stay after the new mount", () => {
  const p = plan("FROM alpine\nARG MY_SECRET\nRUN --mount=type=cache,target=/var/cache/apk \\\n  apk add curl && \\\n  curl -u \"user:$MY_SECRET\" https://example.com\n");
  assert.equal(
    p.after,
    "FROM alpine\n" +
      "RUN --mount=type=secret,id=MY_SECRET,target=/run/secrets/MY_SECRET \\\n" +
      "  --mount=type=cache,target=/var/cache/apk \\\n  apk add curl && \\\n" +
      '  curl -u "user:$(cat /run/secrets/MY_SECRET)" https://example.com\n',
  );
});

test("an ARG copied into ENV is refused: the value would be in the config", () => {
  const text = "FROM alpine\nARG API_KEY\nENV KEY=$API_KEY\nRUN echo ok\n";
  const p = plan(text);
  assert.equal(p.after, text);
  assert.ok(p.refusals.some((r) => r.line === 2 && /ENV on line 3 copies it into the image config/.test(r.reason)));
});

test("an exec-form RUN, a heredoc and a Windows shell that name the ARG are refused", () => {
  for (const [text, why] of [
    ['FROM alpine\nARG MY_SECRET\nRUN ["sh", "-c", "curl -u user:$MY_SECRET https://x"]\n', /exec form/],
    ["FROM alpine\nARG MY_SECRET\nRUN <<EOF\ncurl -u user:$MY_SECRET https://x\nEOF\n", /heredoc/],
    ["FROM mcr.microsoft.com/windows/servercore\nARG MY_SECRET\nRUN curl -u user:%MY_SECRET% https://x $MY_SECRET\n", /not a POSIX shell/],
  ] as const) {
    const p = plan(text);
    assert.equal(p.after, text, text);
    assert.ok(p.refusals.some((r) => why.test(r.reason)), `${text}\n${JSON.stringify(p.refusals)}`);
  }
});

test("a secret ARG only in a builder stage stays (host only), with a note", () => {
  const text = 'FROM alpine AS build\nARG MY_SECRET\nRUN curl -u "user:$MY_SECRET" https://x -o /out\nFROM alpine\nCOPY --from=build /out /out\n';
  const p = plan(text);
  assert.equal(p.after, text);
  assert.deepEqual(p.refusals, []);
  assert.ok(p.notes.some((n) => /line 2: .*build host/.test(n)));
});
