import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findDockerfiles, isDockerfileName } from "../../../src/lint/index.js";

test("Dockerfile names: Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile; not .dockerignore files", () => {
  for (const n of ["Dockerfile", "dockerfile", "Dockerfile.prod", "api.Dockerfile", "Containerfile", "build.dockerfile"]) assert.ok(isDockerfileName(n), n);
  for (const n of ["Dockerfile.dockerignore", ".dockerignore", "Dockerfiles", "README.md", "dockerfile-lint.json"]) assert.ok(!isDockerfileName(n), n);
});

test("directories are searched recursively, skipping node_modules and .git; missing paths are errors", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-discover-"));
  try {
    for (const p of ["a/Dockerfile", "a/Dockerfile.dockerignore", "b/c/api.Dockerfile", "node_modules/x/Dockerfile", ".git/Dockerfile", "Dockerfile.dev"]) {
      mkdirSync(join(dir, p, ".."), { recursive: true });
      writeFileSync(join(dir, p), "FROM alpine\n");
    }
    const found = await findDockerfiles([dir, join(dir, "missing")]);
    assert.deepEqual(found.files.map((f) => f.slice(dir.length + 1)).sort(), ["Dockerfile.dev", "a/Dockerfile", "b/c/api.Dockerfile"]);
    assert.equal(found.errors.length, 1);
    assert.match(found.errors[0]!.error, /no such file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
