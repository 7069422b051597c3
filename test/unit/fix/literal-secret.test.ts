import { test } from "node:test";
import assert from "node:assert/strict";
import { plan, scenarioDockerfile } from "./helpers.js";

const TOKEN = "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";

test("a literal token written by npm set before the install is read from a mount, and must be rotated", () => {
  const p = plan(`FROM node:18-alpine\nCOPY . .\nRUN npm set "//npm.pkg.example.com/:_authToken=${TOKEN}"\nRUN yarn install --production\n`);
  assert.equal(
    p.after,
    "FROM node:18-alpine\nCOPY . .\n" +
      "RUN --mount=type=secret,id=npm_access_token,target=/run/secrets/npm_access_token \\\n" +
      '    npm set "//npm.pkg.example.com/:_authToken=$(cat /run/secrets/npm_access_token)" && \\\n' +
      "    yarn install --production && \\\n    rm -f /root/.npmrc\n",
  );
  assert.deepEqual(p.secrets, [{ id: "npm_access_token", from: "the npm-access-token written in the Dockerfile", literal: true }]);
  assert.ok(p.notes.some((n) => /already exposed/.test(n) && /rotate/.test(n)));
  assert.doesNotMatch(JSON.stringify({ ...p, before: "", after: "", secretValues: [] }), new RegExp(TOKEN));
});

test("an unquoted literal is quoted where it is replaced; a single-quoted one leaves the quotes around a double-quoted read", () => {
  const unquoted = plan(`FROM alpine\nRUN curl -fsS -H Authorization:${"ghp_" + "0lR8acRYSi4MDF8kWCBX1KpeZUaLJ42AUq8l"} https://api.github.com/user -o /dev/null\n`);
  assert.match(unquoted.after, /-H Authorization:"\$\(cat \/run\/secrets\/github_[a-z_]+\)" https/);
  const single = plan(`FROM alpine\nRUN curl -fsS -H 'Authorization: token ${"ghp_" + "0lR8acRYSi4MDF8kWCBX1KpeZUaLJ42AUq8l"}' https://api.github.com/user -o /dev/null\n`);
  assert.match(single.after, /-H 'Authorization: token '"\$\(cat \/run\/secrets\/github_[a-z_]+\)"'' https/);
});

test("s003 hardcoded: a literal token written to ~/.npmrc that nothing reads later is refused, with rotation said", () => {
  const text = scenarioDockerfile("s003-npm-token-hardcoded");
  const p = plan(text);
  assert.equal(p.after, text);
  assert.ok(p.refusals.some((r) => /no later step reads that npm config/.test(r.reason) && /rotate/.test(r.reason)), JSON.stringify(p.refusals));
});

test("a literal in ENV is refused: it is in the image config", () => {
  const text = "FROM alpine\nENV STRIPE_API_KEY=sk_live_REAscXV4vpetpGJDHOzkXlfC\n";
  const p = plan(text);
  assert.equal(p.after, text);
  assert.ok(p.refusals.some((r) => /image config/.test(r.reason) && /rotate/.test(r.reason)));
});
