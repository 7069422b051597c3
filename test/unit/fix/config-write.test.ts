import { test } from "node:test";
import assert from "node:assert/strict";
import { context, dryRun, plan, scenarioDockerfile } from "./helpers.js";

test("s003 build arg: ARG NPM_TOKEN and npm set go; the install RUN writes, uses and removes ~/.npmrc with the token from a mount", () => {
  const p = plan(scenarioDockerfile("s003-npm-token-build-arg"), { buildArgs: { NPM_TOKEN: "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" } });
  assert.equal(
    p.after,
    "FROM node:18-alpine\nCOPY . .\n" +
      "RUN --mount=type=secret,id=NPM_TOKEN,target=/run/secrets/NPM_TOKEN \\\n" +
      '    npm set "//npm.pkg.example.com/:_authToken=$(cat /run/secrets/NPM_TOKEN)" && \\\n' +
      "    yarn install --production && \\\n" +
      "    rm -f /root/.npmrc\n" +
      'CMD ["node", "src/index.js"]\n',
  );
  assert.deepEqual(p.refusals, []);
  assert.deepEqual(p.notes, [], "the install RUN gets the token, so nothing is said about losing it");
  assert.deepEqual(
    p.changes.map((c) => c.kind),
    ["config-write", "secret-arg"],
  );
});

test("s003 secret mount: the mount and npm set move into the RUN that installs, which removes ~/.npmrc", () => {
  const p = plan(scenarioDockerfile("s003-secret-mount-written-to-npmrc"));
  assert.equal(
    p.after,
    "# syntax=docker/dockerfile:1\nFROM node:18-alpine\nCOPY . .\n" +
      "RUN --mount=type=secret,id=npm_token,target=/run/secrets/npm_token \\\n" +
      '    npm set "//npm.pkg.example.com/:_authToken=$(cat /run/secrets/npm_token)" && \\\n' +
      "    yarn install --production && \\\n" +
      "    rm -f /root/.npmrc\n" +
      'CMD ["node", "src/index.js"]\n',
  );
  assert.deepEqual(p.secrets, [{ id: "npm_token", from: "a secret the Dockerfile already read" }]);
});

test("a RUN that writes the config and uses it removes it at its own end", () => {
  const p = plan('FROM node:18\nARG NPM_TOKEN\nRUN npm config set //registry.example.com/:_authToken "$NPM_TOKEN" && npm ci\n');
  assert.equal(
    p.after,
    "FROM node:18\n" +
      "RUN --mount=type=secret,id=NPM_TOKEN,target=/run/secrets/NPM_TOKEN \\\n" +
      '    npm config set //registry.example.com/:_authToken "$(cat /run/secrets/NPM_TOKEN)" && npm ci && \\\n' +
      "    rm -f /root/.npmrc\n",
  );
});

test("the write is repeated in every RUN that reads the file, and dropped from a RUN that keeps other work", () => {
  const p = plan('FROM python:3\nARG PIP_TOKEN\nRUN apt-get update && pip config set global.index-url "https://u:$PIP_TOKEN@pypi.example.com/simple"\nRUN pip install app\nRUN pip install tool\n');
  assert.equal(
    p.after,
    "FROM python:3\nRUN apt-get update\n" +
      "RUN --mount=type=secret,id=PIP_TOKEN,target=/run/secrets/PIP_TOKEN \\\n" +
      '    pip config set global.index-url "https://u:$(cat /run/secrets/PIP_TOKEN)@pypi.example.com/simple" && \\\n' +
      "    pip install app && \\\n    rm -f /root/.config/pip/pip.conf\n" +
      "RUN --mount=type=secret,id=PIP_TOKEN,target=/run/secrets/PIP_TOKEN \\\n" +
      '    pip config set global.index-url "https://u:$(cat /run/secrets/PIP_TOKEN)@pypi.example.com/simple" && \\\n' +
      "    pip install tool && \\\n    rm -f /root/.config/pip/pip.conf\n",
  );
});

test("echo >> ~/.netrc, git config credentials and aws configure set are config writes too", () => {
  const netrc = plan('FROM python:3\nARG NETRC_PASSWORD\nRUN echo "machine pypi.example.com login deploy password $NETRC_PASSWORD" >> ~/.netrc\nRUN pip install app\n');
  assert.deepEqual(netrc.refusals, []);
  assert.match(netrc.after, /\n {4}echo "machine pypi\.example\.com login deploy password \$\(cat \/run\/secrets\/NETRC_PASSWORD\)" >> ~\/\.netrc && \\\n {4}pip install app && \\\n {4}rm -f \/root\/\.netrc\n$/);

  const git = plan('FROM alpine\nARG GITHUB_TOKEN\nRUN git config --global url."https://x:${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/"\nRUN git clone https://github.com/acme/lib.git\n');
  assert.deepEqual(git.refusals, []);
  assert.match(git.after, /git clone https:\/\/github\.com\/acme\/lib\.git && \\\n {4}rm -f \/root\/\.gitconfig\n$/);

  const aws = plan("FROM python:3\nARG AWS_SECRET_ACCESS_KEY\nRUN aws configure set aws_secret_access_key $AWS_SECRET_ACCESS_KEY\nRUN aws s3 cp s3://bucket/file .\n");
  assert.deepEqual(aws.refusals, []);
  assert.match(aws.after, /aws configure set aws_secret_access_key \$\(cat \/run\/secrets\/AWS_SECRET_ACCESS_KEY\) && \\\n {4}aws s3 cp s3:\/\/bucket\/file \. && \\\n {4}rm -f \/root\/\.aws\/credentials\n$/);
});

test("a config write nothing reads later is refused: the file is written for run time", () => {
  const text = 'FROM node:18\nARG NPM_TOKEN\nRUN npm ci\nRUN npm set "//r.example.com/:_authToken=$NPM_TOKEN"\n';
  const p = plan(text);
  assert.equal(p.after, text);
  assert.match(p.refusals[0]!.reason, /no later step reads that npm config/);
});

test("a config file that may exist before is not removed: refused with the mount of a whole file as the way", async () => {
  const dir = context({ Dockerfile: 'FROM node:18\nWORKDIR /app\nCOPY . .\nARG NPM_TOKEN\nRUN npm config set --location=project //r.example.com/:_authToken "$NPM_TOKEN"\nRUN npm ci\n', ".npmrc": "registry=https://r.example.com/\n", "package.json": "{}\n" });
  const r = await dryRun(dir);
  assert.equal(r.plan.after, r.plan.before);
  assert.ok(r.plan.refusals.some((x) => /\/app\/\.npmrc may already hold other settings before that \(line 3\)/.test(x.reason)), JSON.stringify(r.plan.refusals));
});

test("moving commands into a RUN joined by ; or || is refused, not guessed", () => {
  const text = 'FROM node:18\nARG NPM_TOKEN\nRUN npm set "//r/:_authToken=$NPM_TOKEN"\nRUN npm ci || npm install\n';
  const p = plan(text);
  assert.equal(p.after, text);
  assert.match(p.refusals[0]!.reason, /line 4 joins commands with `\|\|`/);
});

test("a file carried on to another stage is refused", () => {
  const text = 'FROM node:18 AS deps\nARG NPM_TOKEN\nRUN npm set "//r/:_authToken=$NPM_TOKEN"\nRUN npm ci\nFROM deps\nCMD ["node"]\n';
  const p = plan(text);
  assert.equal(p.after, text);
  assert.match(p.refusals[0]!.reason, /built FROM this stage/);
});

test("mount-copied: a secret copied into ~/.npmrc is mounted there instead", () => {
  const p = plan("FROM node:18\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc\nRUN npm ci\n");
  assert.equal(p.after, "FROM node:18\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc \\\n    npm ci\n");
  assert.equal(p.changes[0]?.kind, "mount-copied");
  const same = plan("FROM node:18\nRUN --mount=type=secret,id=npmrc cat /run/secrets/npmrc > /root/.npmrc && npm ci\n");
  assert.equal(same.after, "FROM node:18\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc \\\n    npm ci\n");
});
