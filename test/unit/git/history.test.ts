import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { History, idKey } from "../../../src/git/history.js";
import { ObjectDatabase } from "../../../src/git/odb.js";
import { parseCommit, type CommitInfo } from "../../../src/git/objects.js";
import { gitLimits, WorkBudget } from "../../../src/git/options.js";
import { makeHistoryRepo } from "./history-repo.js";
import { Repo, hitsOf, holdStore, read } from "./repo.js";

/** The History of a repository's store, read with dredge's own object reader. */
function historyOf(repo: Repo): History {
  const store = holdStore(repo.gitDir);
  const loose = new Map([...store.files].filter(([rel]) => /^objects\/[0-9a-f]{2}\//.test(rel)).map(([rel, f]) => [rel.slice(8, 10) + rel.slice(11), f]));
  const packs = [...store.files].filter(([rel]) => rel.endsWith(".pack")).map(([rel, pack]) => ({ pack, idx: store.files.get(rel.replace(/\.pack$/, ".idx"))! }));
  const odb = new ObjectDatabase(packs, loose, 20, new WorkBudget(gitLimits({})));
  const commits = new Map<string, CommitInfo>();
  const trees = new Map<string, Buffer>();
  odb.forEach(new Set(["commit", "tree"]), (id, obj) => {
    if (obj.type === "commit") commits.set(id, parseCommit(obj.data, 40));
    else trees.set(idKey(id), obj.data);
  });
  return new History(commits, (k) => trees.get(k), 20);
}

test("every blob of 200 commits is named by a path it has in some commit (checked against git ls-tree of every commit)", () => {
  const { repo, commits } = makeHistoryRepo();
  try {
    repo.git("gc", "-q");
    const where = new Map<string, Set<string>>();
    for (const c of commits.slice(1)) {
      for (const line of repo.git("ls-tree", "-r", c).trim().split("\n")) {
        const [meta, path] = line.split("\t");
        const id = meta!.split(" ")[2]!;
        if (!where.has(id)) where.set(id, new Set());
        where.get(id)!.add(path!);
      }
    }
    const names = historyOf(repo).nameBlobs();
    assert.equal(names.size, where.size);
    for (const [id, paths] of where) {
      const name = names.get(idKey(id));
      assert.ok(name !== undefined && paths.has(name), `${id}: ${name} not in ${[...paths].join(", ")}`);
    }
  } finally {
    repo.remove();
  }
});

test("commits come newest first, a child always before its parents, also when they share a timestamp or a child is dated before its parent", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "a"), "1");
    repo.commit("one");
    // Same committer time for every commit from here on.
    const env = { GIT_COMMITTER_DATE: "1700000000 +0000", GIT_AUTHOR_DATE: "1700000000 +0000" };
    for (let i = 0; i < 5; i++) repo.gitWith(env, "commit", "-q", "--allow-empty", "-m", `e${i}`);
    const want = repo.git("rev-list", "--topo-order", "HEAD").trim().split("\n");
    assert.deepEqual(historyOf(repo).order(), want);
  } finally {
    repo.remove();
  }
});

test("a secret brought in on a branch and merged names the branch's commit, not the merge", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "README"), "app\n");
    repo.commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    writeFileSync(join(repo.dir, "ci.env"), "GITLAB_TOKEN=glpat-Ab3dE6gH9jK2mN5pQ8sT\n");
    const onBranch = repo.commit("ci token");
    repo.git("checkout", "-q", "main");
    writeFileSync(join(repo.dir, "other"), "x\n");
    repo.commit("other work");
    repo.git("merge", "-q", "--no-edit", "--no-ff", "feature");
    const hits = hitsOf(read(holdStore(repo.gitDir)), "glpat-Ab3dE6gH9jK2mN5pQ8sT");
    assert.deepEqual(hits[0]?.git, { commits: [onBranch], path: "ci.env", inHead: true });
  } finally {
    repo.remove();
  }
});
