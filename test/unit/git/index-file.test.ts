import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { stagedPaths } from "../../../src/git/index-file.js";
import { GitFormatError } from "../../../src/git/options.js";
import { Repo } from "./repo.js";

function expected(repo: Repo): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of repo.git("ls-files", "-s").trim().split("\n")) {
    const [meta, path] = line.split("\t");
    const id = meta!.split(" ")[1]!;
    out.set(id, [...(out.get(id) ?? []), path!]);
  }
  return out;
}

test("staged paths read from index versions 2, 3 and 4 match git ls-files", () => {
  const repo = new Repo();
  try {
    mkdirSync(join(repo.dir, "src", "deep", "er"), { recursive: true });
    for (const p of ["a.txt", "src/b.js", "src/deep/c.json", "src/deep/er/d.env", "src/deep/er/dd.env", "same1", "same2"]) writeFileSync(join(repo.dir, p), p.startsWith("same") ? "same\n" : `${p}\n`);
    repo.git("add", "-A");
    repo.git("update-index", "--index-version", "2");
    assert.deepEqual(stagedPaths(readFileSync(join(repo.gitDir, "index")), 20), expected(repo));
    repo.git("update-index", "--index-version", "3");
    repo.git("update-index", "--skip-worktree", "a.txt");
    const v3 = readFileSync(join(repo.gitDir, "index"));
    assert.equal(v3.readUInt32BE(4), 3);
    assert.deepEqual(stagedPaths(v3, 20), expected(repo));
    repo.git("update-index", "--index-version", "4");
    const v4 = readFileSync(join(repo.gitDir, "index"));
    assert.equal(v4.readUInt32BE(4), 4);
    assert.deepEqual(stagedPaths(v4, 20), expected(repo));
  } finally {
    repo.remove();
  }
});

test("any bytes given as an index either parse or fail with a GitFormatError", () => {
  const repo = new Repo();
  let real: Buffer;
  try {
    writeFileSync(join(repo.dir, "x"), "x");
    repo.git("add", "x");
    real = readFileSync(join(repo.gitDir, "index"));
  } finally {
    repo.remove();
  }
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(255), (junk, at, byte) => {
      for (const buf of [Buffer.from(junk), Buffer.concat([Buffer.from("DIRC\0\0\0\x04\0\0\0\x09"), Buffer.from(junk)]), mutate(real, at, byte)]) {
        try {
          stagedPaths(buf, 20);
        } catch (err) {
          assert.ok(err instanceof GitFormatError, String(err));
        }
      }
    }),
    { numRuns: 500 },
  );
});

function mutate(buf: Buffer, at: number, byte: number): Buffer {
  const out = Buffer.from(buf);
  out[at % out.length] = byte;
  return out;
}
