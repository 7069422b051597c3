import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkJsonOutput } from "../../helpers/json-schema.js";
import { runCli, type CliRun } from "../../helpers/cli.js";

const TOKEN = "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";

async function dredge(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runDredge(cwd, ...args);
  checkJsonOutput(args, r.stdout);
  return r;
}

function runDredge(cwd: string, ...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd });
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "dredge-lint-cli-"));
  mkdirSync(join(dir, "api"));
  mkdirSync(join(dir, "web"));
  writeFileSync(join(dir, "api", "Dockerfile"), 'FROM node:18\nARG NPM_TOKEN\nRUN npm set "//r/:_authToken=$NPM_TOKEN"\nCOPY . .\n');
  writeFileSync(join(dir, "api", ".env"), "DB_PASSWORD=Zq8vLmN3xT1pW\n");
  writeFileSync(join(dir, "web", "web.Dockerfile"), "FROM nginx\nCOPY site /usr/share/nginx/html\n");
  return dir;
}

test("lint over directories: every location names its file and line; exit 1 on high findings, 0 with --fail-on none", async () => {
  const dir = project();
  try {
    const r = await dredge(dir, "lint", ".", "--format", "json");
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.deepEqual(out.targets.map((t: { target: string }) => t.target).sort(), ["api/Dockerfile", "web/web.Dockerfile"]);
    for (const f of out.findings) {
      assert.ok(["final", "host", "bug", "log"].includes(f.scope));
      assert.ok(f.message);
      for (const l of f.locations) if (l.status === "dockerfile") assert.ok(l.dockerfile.file.endsWith("Dockerfile") && l.dockerfile.line > 0);
    }
    const rules = out.findings.map((f: { rule: string; locations: { dockerfile?: { line: number } }[] }) => `${f.rule}:${f.locations[0]!.dockerfile?.line}`);
    assert.ok(rules.includes("secret-arg-name:2") && rules.includes("secret-file-write:3") && rules.includes("sensitive-file-copy:4"), rules.join(" "));
    assert.equal((await dredge(dir, "lint", ".", "--fail-on", "none")).code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--build-arg values are value-aware and stay redacted unless --show-secrets; --no-context skips the context", async () => {
  const dir = project();
  try {
    const hidden = await dredge(dir, "lint", "api/Dockerfile", "--build-arg", `NPM_TOKEN=${TOKEN}`, "--no-context", "--format", "json");
    assert.equal(hidden.code, 1);
    assert.ok(!hidden.stdout.includes(TOKEN));
    const out = JSON.parse(hidden.stdout);
    assert.ok(out.findings.every((f: { rule: string }) => f.rule !== "sensitive-file-copy"), "no context: .env is not seen");
    assert.ok(out.findings.some((f: { kind: string; rule: string }) => f.rule === "secret-arg-value" && f.kind === "npm-access-token"));
    const shown = await dredge(dir, "lint", "api/Dockerfile", "--build-arg", `NPM_TOKEN=${TOKEN}`, "--show-secrets", "--format", "json", "-o", join(dir, "r.json"));
    assert.equal(shown.stdout, "");
    assert.ok(readFileSync(join(dir, "r.json"), "utf8").includes(TOKEN));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--secret ids, --target and text output", async () => {
  const dir = project();
  try {
    writeFileSync(join(dir, "Dockerfile"), "FROM alpine AS build\nRUN --mount=type=secret,id=npm ./build\nFROM alpine\n");
    const r = await dredge(dir, "lint", "Dockerfile", "--secret", "id=aws,src=/tmp/x", "--target", "build");
    assert.equal(r.code, 0, "a bug finding is medium: below the default --fail-on high");
    assert.match(r.stdout, /secret id npm is not passed by the build command \(it passes aws\)/);
    assert.match(r.stdout, /Dockerfile:2:1 RUN \(stage build\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bad usage and unreadable paths exit 2", async () => {
  const dir = project();
  try {
    assert.equal((await dredge(dir, "lint", "nope/Dockerfile")).code, 2);
    assert.equal((await dredge(dir, "lint", "api/Dockerfile", "--target", "missing")).code, 2);
    const bad = await dredge(dir, "lint", "api/Dockerfile", "--secret", "nonsense");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--secret/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("lint reads .dredge.yaml: user rules find their secret in the Dockerfile, and a bad config exits 2 naming the field", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-lint-config-"));
  try {
    writeFileSync(join(dir, "Dockerfile"), "FROM alpine\nRUN echo acme_k3j9x0q7w2e5r8t1y4u6i9o0p2a5s8d1 > /x\n");
    writeFileSync(join(dir, ".dredge.yaml"), "rules:\n  - id: acme-api-key\n    regex: 'acme_[a-z0-9]{32}'\n    keywords: [acme_]\n");
    const r = await dredge(dir, "lint", "Dockerfile", "--format", "json");
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { kind: string; locations: { dockerfile?: { line: number } }[] }[] };
    assert.ok(report.findings.some((f) => f.kind === "acme-api-key" && f.locations.some((l) => l.dockerfile?.line === 2)), r.stdout);
    writeFileSync(join(dir, ".dredge.yaml"), "rules:\n  - id: acme-api-key\n    regex: x\n    sevrity: high\n");
    const bad = await dredge(dir, "lint", "Dockerfile");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.dredge\.yaml: \/rules\/0 must NOT have additional properties \(sevrity\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
