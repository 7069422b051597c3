import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readLoose, looseType } from "../../../src/git/loose.js";
import { gitLimits, WorkBudget } from "../../../src/git/options.js";
import { Repo, hitsOf, holdStore, read } from "./repo.js";

const GITHUB = "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";
const AWS = "AKIAZON5RNXXRBWA7VYB";
const NPM = "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";
const GITLAB = "glpat-Ab3dE6gH9jK2mN5pQ8sT";

test("every loose object reads back exactly as git cat-file gives it (commits, trees, blobs, tags)", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "a.txt"), "hello\n");
    mkdirSync(join(repo.dir, "dir"));
    writeFileSync(join(repo.dir, "dir", "b.bin"), Buffer.from([0, 1, 2, 255, 0]));
    repo.commit("first");
    writeFileSync(join(repo.dir, "empty"), "");
    repo.commit("second");
    repo.git("tag", "-a", "v1", "-m", "release");
    const objects = repo.allObjects();
    assert.ok(objects.size >= 8);
    const store = holdStore(repo.gitDir);
    const budget = new WorkBudget(gitLimits({}));
    for (const [id, want] of objects) {
      const file = store.files.get(`objects/${id.slice(0, 2)}/${id.slice(2)}`);
      assert.ok(file, `loose file of ${id}`);
      const got = readLoose(file.bytes, budget);
      assert.equal(got.type, want.type);
      assert.ok(got.data.equals(want.data), `content of ${id}`);
      assert.equal(looseType(file.bytes), want.type);
    }
  } finally {
    repo.remove();
  }
});

test("a secret committed then removed is found in the loose store: its commit, its path, not in HEAD", () => {
  const repo = new Repo();
  try {
    mkdirSync(join(repo.dir, "config"));
    writeFileSync(join(repo.dir, "config", "settings.json"), `{"github_token": "${GITHUB}"}\n`);
    writeFileSync(join(repo.dir, "README.md"), "app\n");
    const added = repo.commit("add settings");
    repo.git("rm", "-q", "config/settings.json");
    repo.commit("remove token");
    const reading = read(holdStore(repo.gitDir));
    assert.deepEqual(reading.notes, []);
    const hits = hitsOf(reading, GITHUB);
    assert.equal(hits.length, 1);
    assert.deepEqual(hits[0]!.git, { commits: [added], path: "config/settings.json", inHead: false });
    assert.match(hits[0]!.file, /^\/app\/\.git\/objects\/[0-9a-f]{2}\/[0-9a-f]{38}$/);
    assert.equal(reading.hits.length, 1, "nothing else in this history is a secret");
  } finally {
    repo.remove();
  }
});

test("a secret kept through edits of its file is in HEAD, named by every commit that changed the file while it held it", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "deploy.env"), `AWS_ACCESS_KEY_ID=${AWS}\nREGION=eu-west-1\n`);
    const c1 = repo.commit("deploy config");
    writeFileSync(join(repo.dir, "deploy.env"), `AWS_ACCESS_KEY_ID=${AWS}\nREGION=us-east-1\n`);
    const c2 = repo.commit("move region");
    writeFileSync(join(repo.dir, "other.txt"), "x\n");
    repo.commit("unrelated");
    const hits = hitsOf(read(holdStore(repo.gitDir)), AWS);
    assert.equal(hits.length, 1);
    assert.deepEqual(hits[0]!.git, { commits: [c2, c1], path: "deploy.env", inHead: true });
  } finally {
    repo.remove();
  }
});

test("a secret moved to another file stays in HEAD: inHead follows the value, not the blob", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "old.cfg"), `token=${GITLAB}\n`);
    const c1 = repo.commit("old");
    repo.git("mv", "old.cfg", "new.cfg");
    writeFileSync(join(repo.dir, "new.cfg"), `# moved\ntoken=${GITLAB}\n`);
    const c2 = repo.commit("moved and edited");
    const hits = hitsOf(read(holdStore(repo.gitDir)), GITLAB).sort((a, b) => a.git.path.localeCompare(b.git.path));
    assert.deepEqual(
      hits.map((h) => h.git),
      [
        { commits: [c2], path: "new.cfg", inHead: true },
        { commits: [c1], path: "old.cfg", inHead: true },
      ],
    );
  } finally {
    repo.remove();
  }
});

test("objects no commit reaches are scanned too: a staged file by its index path, a written blob by its id, an amended commit by its id", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "a.txt"), "a\n");
    repo.commit("base");
    // Amended away: the first commit stays in the store (and the reflog).
    writeFileSync(join(repo.dir, ".npmrc"), `//registry.npmjs.org/:_authToken=${NPM}\n`);
    const amended = repo.commit("with npmrc");
    repo.git("rm", "-q", "--cached", ".npmrc");
    repo.git("commit", "-q", "--amend", "--allow-empty", "-m", "without npmrc");
    // Staged, never committed.
    writeFileSync(join(repo.dir, "creds.txt"), `AWS_ACCESS_KEY_ID=${AWS}\n`);
    repo.git("add", "creds.txt");
    // Written straight into the store.
    const blob = repo.gitRaw(["hash-object", "-w", "--stdin"], `token: ${GITLAB}\n`).toString().trim();
    const reading = read(holdStore(repo.gitDir));
    assert.deepEqual(reading.notes, []);
    assert.deepEqual(hitsOf(reading, NPM)[0]?.git, { commits: [amended], path: ".npmrc", inHead: false });
    assert.deepEqual(hitsOf(reading, AWS)[0]?.git, { commits: [], path: "creds.txt", inHead: false });
    assert.deepEqual(hitsOf(reading, GITLAB)[0]?.git, { commits: [], path: blob, inHead: false });
  } finally {
    repo.remove();
  }
});

test("a bare repository and a submodule's store are read like a .git directory", () => {
  const repo = new Repo({ bare: true });
  const work = new Repo();
  try {
    writeFileSync(join(work.dir, "key.txt"), `${GITLAB}\n`);
    const c = work.commit("key");
    work.git("push", "-q", repo.dir, "main");
    const hits = hitsOf(read(holdStore(repo.dir, "/srv/git/app.git")), GITLAB);
    assert.deepEqual(hits[0]?.git, { commits: [c], path: "key.txt", inHead: true });
    assert.ok(hits[0]!.file.startsWith("/srv/git/app.git/objects/"));
    const sub = holdStore(repo.dir, "/app/.git/modules/lib");
    assert.ok(sub.files.size > 0);
    assert.equal(hitsOf(read(sub), GITLAB).length, 1);
  } finally {
    repo.remove();
    work.remove();
  }
});

test("a SHA-256 repository is read with 32-byte ids", () => {
  const repo = new Repo({ args: ["--object-format=sha256"] });
  try {
    writeFileSync(join(repo.dir, "t.env"), `GITLAB_TOKEN=${GITLAB}\n`);
    const c = repo.commit("sha256");
    assert.equal(c.length, 64);
    const hits = hitsOf(read(holdStore(repo.gitDir)), GITLAB);
    assert.deepEqual(hits[0]?.git, { commits: [c], path: "t.env", inHead: true });
    repo.git("gc", "-q");
    assert.deepEqual(hitsOf(read(holdStore(repo.gitDir)), GITLAB)[0]?.git, { commits: [c], path: "t.env", inHead: true });
  } finally {
    repo.remove();
  }
});

test("a loose object over the object limit is a note, not a crash", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "big.txt"), Buffer.alloc(300_000, 0x61));
    writeFileSync(join(repo.dir, "k.txt"), `${GITLAB}\n`);
    repo.commit("big");
    const reading = read(holdStore(repo.gitDir), { maxObjectBytes: 100_000 });
    assert.equal(hitsOf(reading, GITLAB).length, 1);
    assert.equal(reading.notes.length, 1);
    assert.match(reading.notes[0]!, /1 loose objects not read .*more than/);
    assert.ok(!readFileSync(join(repo.dir, "k.txt"), "utf8").includes(reading.notes[0]!));
  } finally {
    repo.remove();
  }
});

test("a layer that holds only part of a store (what a later `git pull` added) is read without warnings about the objects in lower layers", () => {
  const repo = new Repo();
  try {
    mkdirSync(join(repo.dir, "src"));
    for (let i = 0; i < 5; i++) writeFileSync(join(repo.dir, "src", `f${i}.js`), `export const f${i} = ${i};\n`);
    repo.commit("base");
    const before = holdStore(repo.gitDir);
    writeFileSync(join(repo.dir, ".env"), `GITLAB_TOKEN=${GITLAB}\n`);
    const c = repo.commit("env");
    const after = holdStore(repo.gitDir);
    // The upper layer: only the files the second commit added or changed.
    for (const [rel, f] of [...after.files]) if (before.files.get(rel)?.bytes.equals(f.bytes)) after.files.delete(rel);
    assert.ok(after.files.size < before.files.size);
    const reading = read(after);
    assert.deepEqual(reading.notes, []);
    assert.deepEqual(hitsOf(reading, GITLAB)[0]?.git, { commits: [c], path: ".env", inHead: true });
  } finally {
    repo.remove();
  }
});
