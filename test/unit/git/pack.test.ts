import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ObjectDatabase, type HeldFile } from "../../../src/git/odb.js";
import { gitLimits, WorkBudget } from "../../../src/git/options.js";
import { OBJECT_TYPES } from "../../../src/git/objects.js";
import { COMMITS, TOKEN, AWS_KEY, makeHistoryRepo } from "./history-repo.js";
import { Repo, hitsOf, holdStore, read } from "./repo.js";

/** The packs of a store directory, with their indexes. */
function packsOf(gitDir: string): { pack: HeldFile; idx: HeldFile }[] {
  const dir = join(gitDir, "objects", "pack");
  return readdirSync(dir)
    .filter((n) => n.endsWith(".pack"))
    .map((n) => ({
      pack: { path: join(dir, n), bytes: readFileSync(join(dir, n)) },
      idx: { path: join(dir, n.replace(/\.pack$/, ".idx")), bytes: readFileSync(join(dir, n.replace(/\.pack$/, ".idx"))) },
    }));
}

/** Entry type of each object of a pack, from git's own list of offsets (`git show-index`) and the entry's first byte. */
function entryTypes(repo: Repo, pack: { pack: HeldFile; idx: HeldFile }): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of repo.gitRaw(["show-index"], pack.idx.bytes).toString().trim().split("\n")) {
    const [offset, id] = line.split(" ");
    out.set(id!, (pack.pack.bytes[Number(offset)]! >> 4) & 7);
  }
  return out;
}

/** Reads every object of the store both ways (one at a time and all at once) and checks each against git's. */
function assertReadsLikeGit(repo: Repo): void {
  const want = repo.allObjects();
  const odb = new ObjectDatabase(packsOf(repo.gitDir), new Map(), 20, new WorkBudget(gitLimits({})));
  for (const [id, w] of want) {
    const got = odb.read(id);
    assert.ok(got, `read ${id}`);
    assert.equal(got.type, w.type);
    assert.ok(got.data.equals(w.data), `content of ${id} (${w.type})`);
  }
  const seen = new Map<string, number>();
  odb.forEach(new Set(OBJECT_TYPES), (id, obj) => {
    seen.set(id, (seen.get(id) ?? 0) + 1);
    const w = want.get(id);
    assert.ok(w && w.type === obj.type && w.data.equals(obj.data), `walked ${id}`);
  });
  assert.equal(seen.size, want.size);
  assert.ok([...seen.values()].every((n) => n === 1), "each object once");
  assert.deepEqual(odb.notes(), []);
}

const history = makeHistoryRepo();
process.on("exit", () => history.repo.remove());
const { repo, commits } = history;
repo.git("gc", "-q", "--aggressive");

test("git gc --aggressive of 200 commits: the token's blob is an ofs-delta, and every object reads exactly as git's", () => {
  const packs = packsOf(repo.gitDir);
  assert.equal(packs.length, 1);
  const blob = repo.git("rev-parse", `${commits[80]}:config/settings.json`).trim();
  const verify = repo.git("verify-pack", "-v", packs[0]!.idx.path);
  const line = verify.split("\n").find((l) => l.startsWith(blob))!;
  // `id type size size-in-pack offset depth base`: a delta names its depth and base.
  assert.equal(line.trim().split(/\s+/).length, 7, `verify-pack line: ${line}`);
  assert.equal(entryTypes(repo, packs[0]!).get(blob), 6, "OFS_DELTA entry");
  assertReadsLikeGit(repo);
});

test("the token in a delta-compressed blob, removed in a later commit: every commit that brought a version in, newest first, not in HEAD", () => {
  const reading = read(holdStore(repo.gitDir));
  assert.deepEqual(reading.notes, []);
  const token = hitsOf(reading, TOKEN);
  assert.equal(token.length, 1);
  assert.deepEqual(token[0]!.git, { commits: [110, 100, 90, 80, 70, 60, 50].map((i) => commits[i]), path: "config/settings.json", inHead: false });
  assert.match(token[0]!.file, /^\/app\/\.git\/objects\/pack\/pack-[0-9a-f]{40}\.pack$/);
  const aws = hitsOf(reading, AWS_KEY);
  assert.deepEqual(aws[0]?.git, { commits: [150, 30, 10].map((i) => commits[i]), path: "deploy/keys.py", inHead: true });
  assert.equal(reading.hits.length, 2);
});

test("a pack written with REF_DELTA entries (repack.useDeltaBaseOffset=false) reads the same", () => {
  const clone = new Repo({ bare: true });
  try {
    clone.git("fetch", "-q", repo.dir, "main:main");
    clone.git("-c", "repack.useDeltaBaseOffset=false", "-c", "pack.useDeltaBaseOffset=false", "repack", "-q", "-a", "-d", "-f", "--depth=50", "--window=50");
    const packs = packsOf(clone.gitDir);
    assert.equal(packs.length, 1);
    const types = [...entryTypes(clone, packs[0]!).values()];
    assert.ok(types.filter((t) => t === 7).length > 100, "REF_DELTA entries");
    assert.equal(types.filter((t) => t === 6).length, 0, "no OFS_DELTA entries");
    assertReadsLikeGit(clone);
    const token = hitsOf(read(holdStore(clone.gitDir)), TOKEN);
    assert.equal(token[0]?.git.commits.length, 7);
    assert.equal(token[0]?.git.inHead, false);
  } finally {
    clone.remove();
  }
});

test("a thin pack completed with git index-pack --fix-thin (bases appended after their deltas) reads the same", () => {
  const target = new Repo({ bare: true });
  try {
    target.git("fetch", "-q", repo.dir, `${commits[COMMITS - 30]}:refs/heads/main`);
    const thin = repo.gitRaw(["pack-objects", "--thin", "--stdout", "--revs", "-q"], `${commits[COMMITS]}\n^${commits[COMMITS - 30]}\n`);
    target.gitRaw(["index-pack", "--fix-thin", "--stdin"], thin);
    target.git("update-ref", "refs/heads/main", commits[COMMITS]!);
    const packs = packsOf(target.gitDir);
    assert.equal(packs.length, 2);
    const fixed = packs.find((p) => entryTypes(target, p).has(commits[COMMITS]!))!;
    const offsets = new Map(
      target
        .gitRaw(["show-index"], fixed.idx.bytes)
        .toString()
        .trim()
        .split("\n")
        .map((l) => [l.split(" ")[1]!, Number(l.split(" ")[0])] as const),
    );
    // A REF_DELTA entry: type 7, the size as a varint, then the base's 20-byte id.
    let forward = 0;
    for (const off of offsets.values()) {
      const bytes = fixed.pack.bytes;
      if (((bytes[off]! >> 4) & 7) !== 7) continue;
      let p = off;
      while (bytes[p]! & 0x80) p++;
      const base = bytes.toString("hex", p + 1, p + 21);
      if (offsets.get(base)! > off) forward++;
    }
    assert.ok(forward > 0, "deltas whose base index-pack appended after them");
    assertReadsLikeGit(target);
    const aws = hitsOf(read(holdStore(target.gitDir)), AWS_KEY);
    assert.deepEqual(aws[0]?.git.commits, [150, 30, 10].map((i) => commits[i]));
  } finally {
    target.remove();
  }
});

test("an index of version 1 reads like version 2", () => {
  const clone = new Repo({ bare: true });
  try {
    clone.git("fetch", "-q", repo.dir, "main:main");
    const pack = packsOf(clone.gitDir)[0]!;
    clone.git("index-pack", "--index-version=1", "-o", pack.idx.path + ".v1", pack.pack.path);
    const v1 = readFileSync(pack.idx.path + ".v1");
    assert.notEqual(v1.readUInt32BE(0), 0xff744f63);
    const odb = new ObjectDatabase([{ pack: pack.pack, idx: { path: pack.idx.path, bytes: v1 } }], new Map(), 20, new WorkBudget(gitLimits({})));
    const want = clone.allObjects();
    for (const [id, w] of want) assert.ok(odb.read(id)?.data.equals(w.data), id);
  } finally {
    clone.remove();
  }
});

test("objects in two packs and loose are each scanned once", () => {
  const clone = new Repo({ bare: true });
  try {
    clone.git("fetch", "-q", repo.dir, "main:main");
    clone.git("fetch", "-q", repo.dir, "main:copy");
    // A second pack holding the same objects (without deltas), and one loose copy of the token's blob.
    const objects = clone.git("rev-list", "--objects", "--all");
    clone.gitRaw(["pack-objects", "-q", "--window=0", join(clone.gitDir, "objects", "pack", "pack")], objects);
    assert.equal(packsOf(clone.gitDir).length, 2);
    const blob = clone.git("rev-parse", `${commits[60]}:config/settings.json`).trim();
    clone.gitRaw(["hash-object", "-w", "--stdin"], clone.gitRaw(["cat-file", "blob", blob]));
    const reading = read(holdStore(clone.gitDir));
    assert.equal(hitsOf(reading, TOKEN).length, 1);
    assert.equal(hitsOf(reading, TOKEN)[0]!.git.commits.length, 7);
  } finally {
    clone.remove();
  }
});
