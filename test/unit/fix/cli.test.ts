import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { context } from "./helpers.js";
import { runCli, type CliRun } from "../../helpers/cli.js";

const TOKEN = "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";
const DOCKERFILE = 'FROM node:18-alpine\nARG NPM_TOKEN\nCOPY . .\nRUN npm set "//npm.pkg.example.com/:_authToken=$NPM_TOKEN"\nRUN yarn install --production\n';

function dredge(cwd: string, ...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd });
}

test("--dry-run prints a unified diff and the build commands, and writes nothing", async () => {
  const dir = context({ Dockerfile: DOCKERFILE, "package.json": "{}\n" });
  const r = await dredge(dir, "fix", "--dry-run", "--build-arg", `NPM_TOKEN=${TOKEN}`);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ /m);
  assert.match(r.stdout, /^-ARG NPM_TOKEN$/m);
  assert.match(r.stdout, /DOCKER_BUILDKIT=1 docker build --secret id=NPM_TOKEN,env=NPM_TOKEN -f Dockerfile \./);
  assert.match(r.stdout, /buildah bud --secret id=NPM_TOKEN,src="\$NPM_TOKEN_FILE" -f Dockerfile \./);
  assert.match(r.stdout, /podman build --secret/);
  assert.ok(!r.stdout.includes(TOKEN));
  assert.equal(readFileSync(join(dir, "Dockerfile"), "utf8"), DOCKERFILE);
  assert.ok(!existsSync(join(dir, "Dockerfile.bak")));
});

test("fix writes the Dockerfile with a backup, or without one under --no-backup; a second run has nothing to fix", async () => {
  const dir = context({ Dockerfile: DOCKERFILE, "package.json": "{}\n" });
  const r = await dredge(dir, "fix", "Dockerfile");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(dir, "Dockerfile.bak"), "utf8"), DOCKERFILE);
  const fixed = readFileSync(join(dir, "Dockerfile"), "utf8");
  assert.match(fixed, /--mount=type=secret,id=NPM_TOKEN/);
  const again = await dredge(dir, "fix", "--no-backup");
  assert.equal(again.code, 0);
  assert.match(again.stdout, /nothing to fix/);
  assert.equal(readFileSync(join(dir, "Dockerfile"), "utf8"), fixed);

  const other = context({ Dockerfile: DOCKERFILE });
  assert.equal((await dredge(other, "fix", "--no-backup", ".")).code, 0);
  assert.ok(!existsSync(join(other, "Dockerfile.bak")));
});

test("--format json: planned edits, refusals, secrets and commands; never a secret value; exit 1 when refused", async () => {
  const dir = context({ Dockerfile: "FROM debian\nARG MY_SECRET\nRUN echo $MY_SECRET > secret.txt\n" });
  const r = await dredge(dir, "fix", "--format", "json", "--build-arg", "MY_SECRET=s3cr3t-value-42");
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as { version: number; outcome: string; refused: { line: number; reason: string }[]; changes: unknown[] };
  assert.equal(out.version, 1);
  assert.equal(out.outcome, "refused");
  assert.equal(out.refused[0]!.line, 2);
  assert.ok(!r.stdout.includes("s3cr3t-value-42"));
  assert.equal(readFileSync(join(dir, "Dockerfile"), "utf8"), "FROM debian\nARG MY_SECRET\nRUN echo $MY_SECRET > secret.txt\n");
});

test("bad usage exits 2 with a clear message", async () => {
  const dir = context({ Dockerfile: "FROM alpine\n" });
  const unknownTarget = await dredge(dir, "fix", "--target", "nope");
  assert.equal(unknownTarget.code, 2);
  assert.match(unknownTarget.stderr, /target stage "nope" could not be found/);
  const missing = await dredge(dir, "fix", "no/such/Dockerfile");
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read no\/such\/Dockerfile/);
});
