import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseBuildArgs } from "../../../src/cli/context-command.js";
import { FAKE, withFiles } from "./helpers.js";
import { checkJsonOutput } from "../../helpers/json-schema.js";
import { runCli, type CliRun } from "../../helpers/cli.js";


async function dredge(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runDredge(cwd, ...args);
  checkJsonOutput(args, r.stdout);
  return r;
}

function runDredge(cwd: string, ...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd });
}

const CONTEXT = {
  "Dockerfile": "FROM alpine AS build\nARG CONF=conf\nCOPY ${CONF}/ /conf/\nFROM alpine\nCOPY app.js /app/\n",
  "app.js": "console.log(1)\n",
  "conf/.env": `GITHUB_TOKEN=${FAKE.github}\n`,
  ".gitignore": ".env\n",
};

test("dredge context: text names the file, the COPY that takes it, the stage, and what to add to .dockerignore", async () => {
  await withFiles(CONTEXT, async (dir) => {
    const r = await dredge(dir, "context");
    assert.equal(r.code, 0, "copied only into a stage that does not reach the image: low, under the default --fail-on high");
    assert.match(r.stdout, /conf\/\.env/);
    assert.match(r.stdout, /copied by Dockerfile:3 \(stage build\)/);
    assert.match(r.stdout, /stays on the build host/);
    assert.match(r.stdout, /there is no \.dockerignore: .*conf\/\.env/);
    assert.match(r.stdout, /`\.gitignore` does not apply to docker builds: it excludes conf\/\.env/);
    assert.ok(!r.stdout.includes(FAKE.github));
    assert.equal((await dredge(dir, "context", "--target", "build")).code, 1, "with --target build the copy reaches the image");
    assert.equal((await dredge(dir, "context", "--fail-on", "low")).code, 1);
  });
});

test("dredge context --format json, -o, --show-secrets, --build-arg, --file", async () => {
  await withFiles(CONTEXT, async (dir) => {
    const out = join(dir, "report.json");
    const r = await dredge(dir, "context", ".", "--format", "json", "-o", out, "--build-arg", "CONF=elsewhere", "--file", "Dockerfile");
    assert.equal(r.stdout, "");
    assert.equal(statSync(out).mode & 0o077, 0);
    const report = JSON.parse(readFileSync(out, "utf8"));
    assert.equal(report.version, 1);
    assert.equal(report.targets[0].target, "context:.");
    const loc = report.findings[0].locations[0];
    assert.equal(loc.status, "context");
    assert.equal(loc.path, "conf/.env");
    assert.equal(loc.copiedBy, undefined, "with CONF=elsewhere no COPY takes conf/");
    assert.ok(!readFileSync(out, "utf8").includes(FAKE.github));
    const shown = await dredge(dir, "context", "--format", "json", "--show-secrets");
    assert.ok(shown.stdout.includes(FAKE.github));
  });
});

test("dredge context: bad usage and a missing directory exit 2", async () => {
  await withFiles(CONTEXT, async (dir) => {
    assert.equal((await dredge(dir, "context", "--format", "xml")).code, 2);
    const missing = await dredge(dir, "context", "no-such-dir");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no-such-dir/);
    assert.equal((await dredge(dir, "context", "--fail-on", "sometimes")).code, 2);
  });
});

test("--build-arg takes K=V, and K alone from the environment, as docker build does", () => {
  assert.deepEqual(parseBuildArgs(["A=1", "B=x=y", "C", "D"], { C: "from-env" }), { A: "1", B: "x=y", C: "from-env" });
  assert.throws(() => parseBuildArgs(["=v"]), /needs a name/);
});

test("dredge context reads .dredge.yaml: its fingerprint salt changes fingerprints as in scan", async () => {
  await withFiles(CONTEXT, async (dir) => {
    const fp = async (...args: string[]) => JSON.parse((await dredge(dir, "context", "--format", "json", ...args)).stdout).findings[0].fingerprint as string;
    const plain = await fp();
    writeFileSync(join(dir, "salted.yaml"), "fingerprintSalt: team-salt\n");
    const salted = await fp("--config", "salted.yaml");
    assert.notEqual(plain, salted);
    assert.equal(await fp("--config", "salted.yaml"), salted);
  });
});
