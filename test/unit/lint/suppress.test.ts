import { test } from "node:test";
import assert from "node:assert/strict";
import { lintOf } from "./helpers.js";

const LEAK = "ARG NPM_TOKEN\nRUN npm ci\n";

test("# dredge:ignore RULE reason on the line above silences that rule for that instruction", () => {
  assert.deepEqual(lintOf(`FROM node\n# dredge:ignore secret-arg-name the token is a read-only mirror token\n${LEAK}`).keys, []);
  assert.deepEqual(lintOf(`FROM node\n# dredge:ignore secret-arg-name\n\n# another comment\n${LEAK}`).keys, [], "comment and blank lines between");
  assert.deepEqual(lintOf(`FROM node\n# dredge:ignore secret-env\n${LEAK}`).keys, ["3 final secret-arg-name"], "another rule");
  assert.deepEqual(lintOf(`FROM node\n# dredge:ignore secret-arg-name\nRUN true\n${LEAK}`).keys, ["4 final secret-arg-name"], "only the next instruction");
});

test("# dredge:ignore on the line itself, a list of rules, and all", () => {
  assert.deepEqual(lintOf("FROM alpine\nRUN echo 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 > /t # dredge:ignore literal-secret,secret-file-write test fixture\n").keys, []);
  assert.deepEqual(lintOf("FROM alpine\n# dredge:ignore all\nRUN echo 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 > /t\n").keys, []);
  assert.deepEqual(
    lintOf("FROM alpine\nRUN echo a \\\n# dredge:ignore literal-secret\n  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\n").keys,
    [],
    "a comment inside a continued instruction",
  );
});

test("BuildKit's # check=skip=SecretsUsedInArgOrEnv skips the name-only ARG rule, not the value-aware ones", () => {
  const text = `# check=skip=SecretsUsedInArgOrEnv\nFROM node\n${LEAK}ENV STRIPE_KEY=sk_live_REAscXV4vpetpGJDHOzkXlfC\n`;
  assert.deepEqual(lintOf(text).keys, ["5 final secret-env"]);
  assert.deepEqual(lintOf(`# check=skip=all;error=true\nFROM node\n${LEAK}`).keys, []);
  assert.deepEqual(lintOf(`# check=skip=JSONArgsRecommended\nFROM node\n${LEAK}`).keys, ["3 final secret-arg-name"]);
});
