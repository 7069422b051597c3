// Secrets in commit and annotated-tag messages: real repositories made with the `git` binary
// (loose, and packed by `git gc --aggressive`), signed with SSH keys, amended, merged; and
// hostile objects made by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { MESSAGE_PATHS, forEachMessagePart, messageKindOf } from "../../../src/git/message.js";
import { tagTarget } from "../../../src/git/message-hits.js";
import type { HeldStore, StoreReading } from "../../../src/git/read-store.js";
import { looseBytes, objectId } from "./pack-writer.js";
import { Repo, hitsOf, holdStore, read } from "./repo.js";

const TOKEN = "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";
const HEAD_TOKEN = "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";
const GITLAB = "glpat-Ab3dE6gH9jK2mN5pQ8sT";
const NPM = "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";
const COMMIT = MESSAGE_PATHS.commit;
const TAG = MESSAGE_PATHS.tag;

/** The message hits of a reading (by secret when given). */
function messageHits(r: StoreReading, secret?: string): StoreReading["hits"] {
  return r.hits.filter((h) => messageKindOf(h.git.path) !== undefined && (secret === undefined || h.hit.secret === secret));
}

/** Every hit as (secret, git place), sorted: what a reading says, without the store file. */
function places(r: StoreReading): string[] {
  return r.hits.map((h) => JSON.stringify([h.hit.secret, h.git])).sort();
}

/** A store of hand-made loose objects. */
function looseStore(objects: [type: "commit" | "tag" | "blob" | "tree", data: Buffer][], head?: string): HeldStore {
  const files = new Map<string, { path: string; bytes: Buffer }>();
  for (const [type, data] of objects) {
    const id = objectId(type, data);
    const rel = `objects/${id.slice(0, 2)}/${id.slice(2)}`;
    files.set(rel, { path: `/app/.git/${rel}`, bytes: looseBytes(type, data) });
  }
  if (head) files.set("HEAD", { path: "/app/.git/HEAD", bytes: Buffer.from(`${head}\n`) });
  return { root: "/app/.git", files };
}

/** The text forEachMessagePart hands on, joined. */
function scanned(data: Buffer | string, kind: "commit" | "tag"): string {
  const parts: Buffer[] = [];
  forEachMessagePart(Buffer.from(data), kind, (p) => parts.push(p));
  return Buffer.concat(parts).toString("latin1");
}

/** A repository whose commits and tags can be signed with a fresh SSH key (no gpg agent, nothing global). */
function signingRepo(): Repo {
  const repo = new Repo();
  const key = join(repo.dir, ".signing-key");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "dev@example.com", "-f", key]);
  repo.git("config", "gpg.format", "ssh");
  repo.git("config", "user.signingkey", key);
  writeFileSync(join(repo.dir, ".gitignore"), ".signing-key*\n");
  return repo;
}

test("a token pasted into commit messages is found at (commit message) with the commit, the same in loose objects and after git gc --aggressive", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "app.js"), "console.log(1);\n");
    const first = repo.commit(`ci: use token ${TOKEN} for the release job`);
    writeFileSync(join(repo.dir, "app.js"), "console.log(2);\n");
    const second = repo.commit("refactor\n\nNothing secret here.");
    writeFileSync(join(repo.dir, "app.js"), "console.log(3);\n");
    const third = repo.commit(`retry with ${TOKEN}\n\nand the npm one: ${NPM}`);
    writeFileSync(join(repo.dir, "app.js"), "console.log(4);\n");
    const head = repo.commit(`deploy\n\nwith ${HEAD_TOKEN}`);
    assert.ok(second);

    const loose = read(holdStore(repo.gitDir));
    assert.deepEqual(loose.notes, []);
    assert.deepEqual(
      messageHits(loose).map((h) => [h.hit.secret, h.git]).sort(),
      [
        [HEAD_TOKEN, { commits: [head], path: COMMIT, inHead: true }],
        [NPM, { commits: [third], path: COMMIT, inHead: false }],
        [TOKEN, { commits: [third, first], path: COMMIT, inHead: false }],
      ].sort(),
    );
    assert.equal(loose.hits.length, 3, "no hit but the messages' (the files hold nothing)");
    const [fromLoose] = messageHits(loose, NPM);
    assert.equal(fromLoose!.file, `/app/.git/objects/${third.slice(0, 2)}/${third.slice(2)}`, "the loose commit object holds it");

    repo.git("gc", "-q", "--aggressive");
    const packedStore = holdStore(repo.gitDir);
    assert.ok(![...packedStore.files.keys()].some((rel) => /^objects\/[0-9a-f]{2}\//.test(rel)), "every object packed");
    const packed = read(packedStore);
    assert.deepEqual(packed.notes, []);
    assert.deepEqual(places(packed), places(loose));
    assert.match(messageHits(packed, NPM)[0]!.file, /^\/app\/\.git\/objects\/pack\/pack-[0-9a-f]+\.pack$/);
  } finally {
    repo.remove();
  }
});

test("an annotated tag's message is found at (tag message) naming the commit it tags; tags of tags are peeled, a tag of a tree names itself", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "README"), "app\n");
    const tagged = repo.commit("release 1.0");
    repo.commit("after the release");
    repo.git("tag", "-a", "v1.0", tagged, "-m", `Release 1.0\n\nuploaded with ${GITLAB}`);
    repo.git("tag", "-a", "v1.0-final", "v1.0", "-m", `the final one, with ${NPM}`);
    const tree = repo.git("rev-parse", "HEAD^{tree}").trim();
    repo.git("tag", "-a", "tree-snapshot", tree, "-m", `snapshot, token ${TOKEN}`);
    const snapshot = repo.git("rev-parse", "tree-snapshot").trim();

    for (const store of [holdStore(repo.gitDir), (repo.git("gc", "-q", "--aggressive"), holdStore(repo.gitDir))]) {
      const r = read(store);
      assert.deepEqual(r.notes, []);
      assert.deepEqual(messageHits(r, GITLAB).map((h) => h.git), [{ commits: [tagged], path: TAG, inHead: false }]);
      assert.deepEqual(messageHits(r, NPM).map((h) => h.git), [{ commits: [tagged], path: TAG, inHead: false }], "peeled through v1.0");
      assert.deepEqual(messageHits(r, TOKEN).map((h) => h.git), [{ commits: [snapshot], path: TAG, inHead: false }]);
      assert.equal(r.hits.length, 3);
    }
  } finally {
    repo.remove();
  }
});

test("tagTarget: a commit through a chain of tags; the tag itself for a tree, a missing link or a cycle", () => {
  const c = "c".repeat(40);
  const tags = new Map([
    ["1".repeat(40), { object: "2".repeat(40), type: "tag" as const }],
    ["2".repeat(40), { object: c, type: "commit" as const }],
    ["3".repeat(40), { object: "9".repeat(40), type: "tag" as const }],
    ["4".repeat(40), { object: "5".repeat(40), type: "tag" as const }],
    ["5".repeat(40), { object: "4".repeat(40), type: "tag" as const }],
    ["6".repeat(40), { object: "e".repeat(40), type: "tree" as const }],
  ]);
  assert.equal(tagTarget("1".repeat(40), tags), c);
  assert.equal(tagTarget("3".repeat(40), tags), "3".repeat(40));
  assert.equal(tagTarget("4".repeat(40), tags), "4".repeat(40));
  assert.equal(tagTarget("6".repeat(40), tags), "6".repeat(40));
  assert.equal(tagTarget("7".repeat(40), tags), "7".repeat(40));
});

test("an amended-away commit's message still names that commit, as a blob only it held does (unreachable objects are read)", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "README"), "app\n");
    repo.commit("base");
    writeFileSync(join(repo.dir, "deploy.env"), `GITLAB_TOKEN=${GITLAB}\n`);
    const amended = repo.commit(`deploy with ${GITLAB}`);
    repo.git("rm", "-q", "deploy.env");
    repo.git("commit", "-q", "--amend", "--allow-empty", "-m", "deploy");
    const head = repo.git("rev-parse", "HEAD").trim();
    assert.notEqual(head, amended);
    assert.equal(repo.git("rev-list", "--all").includes(amended), false, "unreachable from every ref");

    const r = read(holdStore(repo.gitDir));
    const hits = hitsOf(r, GITLAB).map((h) => h.git);
    assert.deepEqual(
      hits.sort((a, b) => (a.path < b.path ? -1 : 1)),
      [
        { commits: [amended], path: COMMIT, inHead: false },
        { commits: [amended], path: "deploy.env", inHead: false },
      ],
    );
  } finally {
    repo.remove();
  }
});

test("a token in a message and in a file is one (rule, secret) with two places: the file's and the message's", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, ".npmrc"), `//registry.npmjs.org/:_authToken=${NPM}\n`);
    const added = repo.commit(`add .npmrc (token ${NPM})`);
    repo.git("gc", "-q");
    const r = read(holdStore(repo.gitDir));
    const hits = hitsOf(r, NPM);
    assert.deepEqual(hits.map((h) => h.git).sort((a, b) => (a.path < b.path ? -1 : 1)), [
      { commits: [added], path: COMMIT, inHead: true },
      { commits: [added], path: ".npmrc", inHead: true },
    ]);
    assert.equal(new Set(hits.map((h) => h.hit.ruleId)).size, 1, "the same rule names both");
  } finally {
    repo.remove();
  }
});

test("signed commits and tags (SSH): the message is read, the signature is not; a merged signed tag (mergetag) is read in the merge commit", () => {
  const repo = signingRepo();
  try {
    writeFileSync(join(repo.dir, "README"), "app\n");
    repo.git("add", "-A");
    repo.git("commit", "-q", "-S", "-m", `signed, with ${GITLAB}`);
    const signed = repo.git("rev-parse", "HEAD").trim();
    assert.match(repo.git("cat-file", "commit", signed), /^gpgsig -----BEGIN SSH SIGNATURE-----$/m);
    repo.git("checkout", "-q", "-b", "feature");
    writeFileSync(join(repo.dir, "feature"), "x\n");
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "feature");
    repo.git("tag", "-s", "feature-1", "-m", `feature release; registry token ${NPM}`);
    assert.match(repo.git("cat-file", "tag", "feature-1"), /^-----BEGIN SSH SIGNATURE-----$/m);
    repo.git("checkout", "-q", "main");
    writeFileSync(join(repo.dir, "other"), "y\n");
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "other work");
    repo.git("merge", "-q", "--no-ff", "-m", "merge feature-1", "feature-1");
    const merge = repo.git("rev-parse", "HEAD").trim();
    assert.match(repo.git("cat-file", "commit", merge), /^mergetag object /m);
    // Only the merge commit keeps the tag's text once the tag is gone.
    repo.git("tag", "-d", "feature-1");
    repo.git("reflog", "expire", "--expire=now", "--all");
    repo.git("gc", "-q", "--prune=now");

    const r = read(holdStore(repo.gitDir));
    assert.deepEqual(r.notes, []);
    assert.deepEqual(
      r.hits.map((h) => [h.hit.secret, h.git]).sort(),
      [
        [GITLAB, { commits: [signed], path: COMMIT, inHead: false }],
        [NPM, { commits: [merge], path: COMMIT, inHead: true }],
      ].sort(),
      "nothing from the signatures",
    );
  } finally {
    repo.remove();
  }
});

test("what is scanned of a commit: author, committer, other headers and the message; not tree, parent, gpgsig; a mergetag's tag without its object/type lines and signature", () => {
  const tree = "a".repeat(40);
  const parent = "b".repeat(40);
  const commit = [
    `tree ${tree}`,
    `parent ${parent}`,
    "author A <a@x> 1 +0000",
    "committer C <c@x> 2 +0000",
    "encoding ISO-8859-1",
    "mergetag object " + "d".repeat(40),
    " type commit",
    " tag v1",
    " tagger T <t@x> 3 +0000",
    " ",
    " tag words",
    " -----BEGIN PGP SIGNATURE-----",
    " sig",
    " -----END PGP SIGNATURE-----",
    "gpgsig -----BEGIN SSH SIGNATURE-----",
    " U1NIU0lH",
    " -----END SSH SIGNATURE-----",
    "x-custom first",
    " continued",
    "",
    "subject",
    "",
    "body",
  ].join("\n");
  assert.equal(
    scanned(commit, "commit"),
    ["author A <a@x> 1 +0000", "committer C <c@x> 2 +0000", "encoding ISO-8859-1", "tag v1", "tagger T <t@x> 3 +0000", "tag words", "x-custom first", " continued", "subject", "", "body"].join("\n"),
  );
  const tag = `object ${tree}\ntype tree\ntag t\ntagger T <t@x> 3 +0000\n\nwords\n-----BEGIN PGP SIGNATURE-----\nnot a\n-----BEGIN SSH SIGNATURE-----\nsig\n`;
  // As git does, the last line that starts a signature starts it.
  assert.equal(scanned(tag, "tag"), "tag t\ntagger T <t@x> 3 +0000\nwords\n-----BEGIN PGP SIGNATURE-----\nnot a\n");
  assert.equal(scanned("author no body", "commit"), "author no body\n");
  assert.equal(scanned("", "commit"), "");
  assert.equal(scanned("\n\n\n", "tag"), "\n");
});

test("a token in the author or committer line is found; object ids in tree and parent lines are never handed to the rules", () => {
  const tree = objectId("tree", Buffer.alloc(0));
  const commit = Buffer.from(`tree ${tree}\nauthor ${NPM} <ci@x> 1700000000 +0000\ncommitter dev <dev@x> 1700000000 +0000\n\nmsg\n`);
  const id = objectId("commit", commit);
  const r = read(looseStore([["tree", Buffer.alloc(0)], ["commit", commit]], id));
  assert.deepEqual(r.notes, []);
  assert.deepEqual(r.hits.map((h) => [h.hit.secret, h.git]), [[NPM, { commits: [id], path: COMMIT, inHead: true }]]);
});

test("arbitrary commit and tag bodies never throw: the reader hands on views of the object only, and a token on its own line of a message is found", () => {
  const line = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom("tree " + "a".repeat(40), "parent zz", "gpgsig -----BEGIN PGP SIGNATURE-----", " cont", " ", "mergetag object x", "-----BEGIN SSH SIGNATURE-----", "type commit", "object " + "c".repeat(40), ""),
  );
  fc.assert(
    fc.property(fc.constantFrom("commit" as const, "tag" as const), fc.array(line, { maxLength: 30 }), fc.uint8Array({ maxLength: 300 }), (kind, lines, tail) => {
      const data = Buffer.concat([Buffer.from(lines.join("\n"), "utf8"), Buffer.from(tail)]);
      let total = 0;
      let added = 0;
      forEachMessagePart(data, kind, (p) => {
        const inside = p.buffer === data.buffer && p.byteOffset >= data.byteOffset && p.byteOffset + p.length <= data.byteOffset + data.length;
        if (!inside) {
          assert.equal(p.toString(), "\n", "only a closing newline is not a view of the object");
          added++;
        }
        total += p.length;
      });
      assert.ok(total <= data.length + added);
    }),
    { numRuns: 2000 },
  );

  // Whole stores of such objects through the reader: never a throw, and the token in the message found.
  const tree = Buffer.alloc(0);
  const treeId = objectId("tree", tree);
  fc.assert(
    fc.property(
      fc.constantFrom("commit" as const, "tag" as const),
      fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(" cont", "gpgsig x", "mergetag object y", " ", "parent 1")), { maxLength: 8 }),
      fc.array(fc.string({ maxLength: 50 }), { maxLength: 8 }),
      fc.nat(8),
      (kind, headers, message, at) => {
        const head = kind === "commit" ? `tree ${treeId}\nauthor a <a> 1 +0000\n` : `object ${treeId}\ntype tree\ntag t\n`;
        // Header lines never start the message early (no blank line) nor carry a newline of their own.
        const extra = headers.map((h) => h.replace(/\n/g, "")).filter((h) => h !== "");
        const body = [...message];
        body.splice(Math.min(at, body.length), 0, GITLAB);
        const data = Buffer.from(`${head}${extra.map((h) => h + "\n").join("")}\n${body.join("\n")}\n`);
        const r = read(looseStore([["tree", tree], [kind, data]]));
        const found = messageHits(r, GITLAB);
        assert.equal(found.length, 1, JSON.stringify(data.toString()));
        assert.equal(found[0]!.git.path, kind === "commit" ? COMMIT : TAG);
      },
    ),
    { numRuns: 300 },
  );
});

/** `n` distinct GitLab tokens, random-looking (from a hash). */
function gitlabTokens(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push("glpat-" + createHash("sha256").update(String(i)).digest("base64url").slice(0, 20));
  return out;
}

test("a hostile message: 8 MiB of distinct tokens stops at the hit cap with notes; a 32 MiB message with no newline or space is read in linear time", () => {
  const treeId = objectId("tree", Buffer.alloc(0));
  const tokens = gitlabTokens(8 << 20 >> 5).join(" ..... \n");
  const flood = Buffer.from(`tree ${treeId}\nauthor a <a> 1 +0000\n\n${tokens}\n`);
  let started = Date.now();
  const r = read(looseStore([["tree", Buffer.alloc(0)], ["commit", flood]]));
  const floodMs = Date.now() - started;
  assert.ok(floodMs < 20_000, `took ${floodMs} ms`);
  assert.equal(messageHits(r).length, 500);
  assert.ok(r.notes.some((n) => /commit or tag messages with more than 500 secrets, the rest of each not scanned: 1$/.test(n)), r.notes.join("\n"));
  assert.ok(r.notes.some((n) => /more matches in commit and tag messages not reported \(at most 500\)/.test(n)));
  for (const n of r.notes) assert.ok(!n.includes("glpat-"), "no secret in a note");

  const header = Buffer.alloc(32 << 20, "x");
  header.write(`tree ${treeId}\n`, 0);
  const longLine = Buffer.concat([header, Buffer.from(`\n\n${GITLAB}\n`)]);
  const manyLines = Buffer.concat([Buffer.from(`tree ${treeId}\n`), Buffer.alloc(16 << 20, "a\n"), Buffer.from(`\n${GITLAB}\n`)]);
  for (const data of [longLine, manyLines]) {
    started = Date.now();
    const big = read(looseStore([["tree", Buffer.alloc(0)], ["commit", data]]));
    const ms = Date.now() - started;
    assert.ok(ms < 20_000, `took ${ms} ms`);
    assert.equal(messageHits(big, GITLAB).length, 1);
  }
});

test("messages count against the store's budgets: a commit over maxObjectBytes is not read (a note), maxInflatedBytes stops the store", () => {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "README"), "app\n");
    repo.commit(`big message ${GITLAB}\n\n${"words ".repeat(2000)}`);
    const store = holdStore(repo.gitDir);
    assert.equal(messageHits(read(store), GITLAB).length, 1);
    const small = read(store, { maxObjectBytes: 4096 });
    assert.equal(messageHits(small, GITLAB).length, 0);
    assert.ok(small.notes.length >= 1, "the object left unread is noted");
    const stopped = read(store, { maxInflatedBytes: 100 });
    assert.equal(messageHits(stopped, GITLAB).length, 0);
    assert.match(stopped.notes.join("\n"), /stopped at the limit of more than/);
  } finally {
    repo.remove();
  }
});
