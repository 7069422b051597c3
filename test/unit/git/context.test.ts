import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeContext, contextFindings } from "../../../src/context/index.js";
import type { ContextLocation } from "../../../src/findings/types.js";
import { Repo, builtinDetector } from "./repo.js";

const TOKEN = "glpat-Ab3dE6gH9jK2mN5pQ8sT";

function contextRepo(): { repo: Repo; added: string } {
  const repo = new Repo();
  writeFileSync(join(repo.dir, "Dockerfile"), "FROM alpine\nWORKDIR /app\nCOPY . .\n");
  mkdirSync(join(repo.dir, "ci"));
  writeFileSync(join(repo.dir, "ci", "deploy.yml"), `token: ${TOKEN}\n`);
  const added = repo.commit("ci");
  repo.git("rm", "-q", "ci/deploy.yml");
  repo.commit("drop the token");
  repo.git("gc", "-q");
  return { repo, added };
}

test("dredge context: a .git the build sends has its history read; a secret removed from the work tree is a context finding at .git with commits, path and inHead", async () => {
  const { repo, added } = contextRepo();
  try {
    const report = await analyzeContext({ dir: repo.dir, detector: builtinDetector() });
    assert.deepEqual(report.warnings, []);
    const git = report.sensitive.find((f) => f.path === ".git")!;
    assert.ok(git.copiedBy.length > 0, "COPY . . takes it");
    assert.ok(git.reasons.some((r) => /holds 1 secret \(gitlab-personal-access-token\)/.test(r)), git.reasons.join("; "));
    const findings = await contextFindings(report, "context:.");
    const f = findings.find((x) => x.secret.reveal() === TOKEN)!;
    assert.ok(f);
    assert.equal(f.scope, "final");
    const loc = f.locations[0] as ContextLocation;
    assert.equal(loc.status, "context");
    assert.equal(loc.path, ".git");
    assert.deepEqual(loc.git, { commits: [added], path: "ci/deploy.yml", inHead: false });
    assert.equal(loc.copiedBy?.[0]?.line, 3);
  } finally {
    repo.remove();
  }
});

test("dredge context: a .git the ignore file excludes is not read, and `git: false` turns the reading off", async () => {
  const { repo } = contextRepo();
  try {
    writeFileSync(join(repo.dir, ".dockerignore"), ".git\n");
    let report = await analyzeContext({ dir: repo.dir, detector: builtinDetector() });
    assert.equal(report.sensitive.find((f) => f.path === ".git"), undefined);
    writeFileSync(join(repo.dir, ".dockerignore"), "node_modules\n");
    report = await analyzeContext({ dir: repo.dir, detector: builtinDetector(), git: false });
    const git = report.sensitive.find((f) => f.path === ".git")!;
    assert.deepEqual(git.hits, []);
  } finally {
    repo.remove();
  }
});

test("dredge context: a .git store larger than the memory budget is read as far as it fits, with a warning", async () => {
  const { repo } = contextRepo();
  try {
    const report = await analyzeContext({ dir: repo.dir, detector: builtinDetector(), git: { maxStoreBytes: 1000 } });
    assert.ok(report.warnings.some((w) => /^\.git: the git store is larger than the 1000-byte memory budget/.test(w)), report.warnings.join("\n"));
    assert.ok(!report.warnings.join("\n").includes(TOKEN));
  } finally {
    repo.remove();
  }
});
