import { test } from "node:test";
import assert from "node:assert/strict";
import { storePathOf } from "../../../src/git/store-path.js";

test("files a .git directory needs are named with their store; the rest of it is not", () => {
  const id = "ab" + "c".repeat(38);
  assert.deepEqual(storePathOf(`/app/.git/objects/ab/${"c".repeat(38)}`), { root: "/app/.git", rel: `objects/ab/${"c".repeat(38)}` });
  assert.deepEqual(storePathOf("/app/.git/objects/pack/pack-0123abcd.pack"), { root: "/app/.git", rel: "objects/pack/pack-0123abcd.pack" });
  assert.deepEqual(storePathOf("/app/.git/objects/pack/pack-0123abcd.idx"), { root: "/app/.git", rel: "objects/pack/pack-0123abcd.idx" });
  for (const rel of ["HEAD", "packed-refs", "config", "index", "ORIG_HEAD", "FETCH_HEAD", "refs/heads/main", "refs/heads/feature/config", "refs/tags/v1", "logs/HEAD", "logs/refs/heads/main"]) {
    assert.deepEqual(storePathOf(`/app/.git/${rel}`), { root: "/app/.git", rel }, rel);
  }
  for (const path of ["/app/.git/hooks/pre-commit.sample", "/app/.git/description", "/app/.git/objects/pack/pack-1.bitmap", "/app/.git/objects/info/packs", "/app/.git/COMMIT_EDITMSG", `/app/.git/objects/ab/${id.slice(2, 10)}`]) {
    assert.equal(storePathOf(path), undefined, path);
  }
});

test("a bare repository, a submodule's store and a nested repository are their own stores; a worktree's private files and look-alikes are none", () => {
  assert.deepEqual(storePathOf("/srv/git/app.git/HEAD"), { root: "/srv/git/app.git", rel: "HEAD" });
  assert.deepEqual(storePathOf("/srv/git/app.git/refs/heads/main"), { root: "/srv/git/app.git", rel: "refs/heads/main" });
  assert.deepEqual(storePathOf("/app/.git/modules/lib/sub/objects/pack/pack-1.pack"), { root: "/app/.git/modules/lib/sub", rel: "objects/pack/pack-1.pack" });
  assert.deepEqual(storePathOf("/app/vendor/x/.git/packed-refs"), { root: "/app/vendor/x/.git", rel: "packed-refs" });
  assert.deepEqual(storePathOf(".git/refs/heads/main"), { root: ".git", rel: "refs/heads/main" });
  assert.equal(storePathOf("/app/.git/worktrees/w1/HEAD"), undefined);
  assert.equal(storePathOf("/app/src/HEAD"), undefined);
  assert.equal(storePathOf("/app/.gitignore"), undefined);
  assert.equal(storePathOf("/app/.github/refs/x"), undefined);
  assert.equal(storePathOf("/.git/HEAD")?.root, "/.git");
});
