import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readRefs } from "../../../src/git/refs.js";
import { Repo, holdStore } from "./repo.js";

function refFiles(gitDir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [rel, f] of holdStore(gitDir).files) if (!rel.startsWith("objects/")) out.set(rel, f.bytes);
  return out;
}

test("HEAD resolves through a loose ref, through packed-refs, and detached; tips include every ref and both sides of each reflog line", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "a"), "1");
    const c1 = repo.commit("one");
    writeFileSync(join(repo.dir, "a"), "2");
    const c2 = repo.commit("two");
    repo.git("tag", "-a", "v1", "-m", "v1", c1);
    const tag = repo.git("rev-parse", "v1").trim();
    repo.git("branch", "old", c1);
    let refs = readRefs(refFiles(repo.gitDir), 40);
    assert.equal(refs.head, c2);
    assert.deepEqual(new Set(refs.tips), new Set([c1, c2, tag]));

    repo.git("pack-refs", "--all");
    refs = readRefs(refFiles(repo.gitDir), 40);
    assert.equal(refs.head, c2, "HEAD through packed-refs");
    assert.ok(refs.tips.includes(tag) && refs.tips.includes(c1));

    // Reset away: c2 is only in the reflog now.
    repo.git("reset", "-q", "--hard", c1);
    refs = readRefs(refFiles(repo.gitDir), 40);
    assert.equal(refs.head, c1);
    assert.ok(refs.tips.includes(c2), "the reflog keeps c2");

    repo.git("checkout", "-q", "--detach", c2);
    assert.equal(readRefs(refFiles(repo.gitDir), 40).head, c2);
  } finally {
    repo.remove();
  }
});

test("refs that are malformed, loop, or name nothing give no HEAD and no crash", () => {
  const files = new Map<string, Buffer>([
    ["HEAD", Buffer.from("ref: refs/heads/a\n")],
    ["refs/heads/a", Buffer.from("ref: refs/heads/b\n")],
    ["refs/heads/b", Buffer.from("ref: refs/heads/a\n")],
    ["packed-refs", Buffer.from("# pack-refs with: peeled\nnot-an-id refs/heads/x\n^zz\n")],
    ["logs/HEAD", Buffer.from("garbage\n" + "0".repeat(40) + " " + "1".repeat(40) + " x <y> 1 +0000\tcommit\n")],
  ]);
  const refs = readRefs(files, 40);
  assert.equal(refs.head, undefined);
  assert.deepEqual(refs.tips, ["1".repeat(40)]);
  assert.equal(readRefs(new Map(), 40).head, undefined);
});
