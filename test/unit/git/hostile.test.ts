import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { FileHit } from "../../../src/scan/layer-scan.js";
import { gitTap } from "../../../src/git/tap.js";
import type { GitReadOptions } from "../../../src/git/options.js";
import type { HeldStore } from "../../../src/git/read-store.js";
import { looseBytes, makeDelta, objectId, writeIndex, writePack } from "./pack-writer.js";
import { Repo, builtinDetector, hitsOf, holdStore, read } from "./repo.js";

const SECRET = "glpat-Ab3dE6gH9jK2mN5pQ8sT";
const SECRET_TEXT = Buffer.from(`GITLAB_TOKEN=${SECRET}\n`);

function store(files: Record<string, Buffer>): HeldStore {
  return { root: "/app/.git", files: new Map(Object.entries(files).map(([rel, bytes]) => [rel, { path: `/app/.git/${rel}`, bytes }])) };
}

/** Runs files through the layer tap as a layer scan would; returns what it emitted and noted, and how long it took. */
async function throughTap(files: Map<string, Buffer>, options: GitReadOptions = {}): Promise<{ hits: FileHit[]; notes: string[]; ms: number }> {
  const hits: FileHit[] = [];
  const notes: string[] = [];
  const started = Date.now();
  const tap = gitTap(options)({ detector: builtinDetector(), layer: 0, emit: (h) => hits.push(h), note: (m) => notes.push(m) });
  for (const [path, bytes] of files) {
    const sink = tap.file({ path, type: "file", size: bytes.length, mode: 0o644 });
    if (!sink) continue;
    for (let i = 0; i < bytes.length; i += 4096) sink.data(bytes.subarray(i, i + 4096));
    sink.end();
  }
  await tap.finish?.();
  return { hits, notes, ms: Date.now() - started };
}

test("a REF_DELTA cycle (two deltas on each other) is refused with a note; the pack's other objects are read", () => {
  const good = objectId("blob", SECRET_TEXT);
  const a = objectId("blob", Buffer.from("a")); // ids the cycle claims
  const b = objectId("blob", Buffer.from("b"));
  const { pack, idx } = writePack(
    [
      { ref: b, delta: makeDelta(Buffer.from("b"), Buffer.from("a")) },
      { ref: a, delta: makeDelta(Buffer.from("a"), Buffer.from("b")) },
      { type: "blob", data: SECRET_TEXT },
    ],
    [a, b, good],
  );
  const started = Date.now();
  const reading = read(store({ "objects/pack/pack-1.pack": pack, "objects/pack/pack-1.idx": idx }));
  assert.ok(Date.now() - started < 2000);
  assert.equal(hitsOf(reading, SECRET).length, 1);
  assert.deepEqual(hitsOf(reading, SECRET)[0]!.git, { commits: [], path: good, inHead: false });
  assert.equal(reading.notes.length, 1);
  assert.match(reading.notes[0]!, /pack-1\.pack: 2 objects not read \(2 deltas in a cycle, too deep, or on a base that cannot be read\)/);
});

test("a REF_DELTA cycle across two packs is refused too", () => {
  const a = objectId("blob", Buffer.from("a"));
  const b = objectId("blob", Buffer.from("b"));
  const p1 = writePack([{ ref: b, delta: makeDelta(Buffer.from("b"), Buffer.from("a")) }], [a]);
  const p2 = writePack([{ ref: a, delta: makeDelta(Buffer.from("a"), Buffer.from("b")) }], [b]);
  const reading = read(store({ "objects/pack/pack-1.pack": p1.pack, "objects/pack/pack-1.idx": p1.idx, "objects/pack/pack-2.pack": p2.pack, "objects/pack/pack-2.idx": p2.idx }));
  assert.equal(reading.hits.length, 0);
  assert.equal(reading.notes.length, 2);
});

test("a REF_DELTA whose base is a loose object is resolved through it", () => {
  const base = Buffer.from("# settings\nGITLAB_TOKEN=none\n".repeat(20));
  const target = Buffer.concat([base, SECRET_TEXT]);
  const { pack, idx } = writePack([{ ref: objectId("blob", base), delta: makeDelta(base, target) }], [objectId("blob", target)]);
  const id = objectId("blob", base);
  const reading = read(store({ "objects/pack/pack-1.pack": pack, "objects/pack/pack-1.idx": idx, [`objects/${id.slice(0, 2)}/${id.slice(2)}`]: looseBytes("blob", base) }));
  assert.deepEqual(reading.notes, []);
  assert.equal(hitsOf(reading, SECRET).length, 1);
  assert.equal(hitsOf(reading, SECRET)[0]!.file, "/app/.git/objects/pack/pack-1.pack");
});

test("an OFS_DELTA chain deeper than the limit stops with a note", () => {
  const entries: Parameters<typeof writePack>[0][number][] = [{ type: "blob", data: Buffer.from("v0\n") }];
  const ids = [objectId("blob", Buffer.from("v0\n"))];
  let prev = Buffer.from("v0\n");
  for (let i = 1; i <= 60; i++) {
    const next = i === 60 ? SECRET_TEXT : Buffer.from(`v${i}\n`);
    entries.push({ ofs: i - 1, delta: makeDelta(prev, next) });
    ids.push(objectId("blob", next));
    prev = next;
  }
  const { pack, idx } = writePack(entries, ids);
  const files = { "objects/pack/pack-1.pack": pack, "objects/pack/pack-1.idx": idx };
  assert.equal(hitsOf(read(store(files)), SECRET).length, 1, "within the default limit");
  const limited = read(store(files), { maxDeltaDepth: 20 });
  assert.equal(hitsOf(limited, SECRET).length, 0);
  assert.match(limited.notes.join("\n"), /deeper than 20/);
});

test("an index pointing outside the pack, a truncated pack, a corrupt zlib stream: notes, and what can be read is", () => {
  const other = Buffer.from("nothing here\n");
  const { pack, idx } = writePack([{ type: "blob", data: other }, { type: "blob", data: SECRET_TEXT }], [objectId("blob", other), objectId("blob", SECRET_TEXT)]);
  const outside = writeIndex(
    [
      [objectId("blob", SECRET_TEXT), 12],
      [objectId("blob", Buffer.from("x")), pack.length + 100],
    ],
    Buffer.alloc(20),
  );
  let r = read(store({ "objects/pack/pack-1.pack": pack, "objects/pack/pack-1.idx": outside }));
  assert.match(r.notes.join("\n"), /1 index entries point outside the pack/);

  r = read(store({ "objects/pack/pack-1.pack": pack.subarray(0, pack.length - 30), "objects/pack/pack-1.idx": idx }));
  assert.ok(r.notes.length >= 1, "truncated pack noted");

  const corrupt = Buffer.from(pack);
  // The first entry: a one-byte header at 12, its zlib stream from 13 (2 header bytes, then deflate data).
  corrupt[15] = corrupt[15]! ^ 0xff;
  r = read(store({ "objects/pack/pack-1.pack": corrupt, "objects/pack/pack-1.idx": idx }));
  assert.equal(hitsOf(r, SECRET).length, 1, "the other object still read");
  assert.match(r.notes.join("\n"), /1 objects not read/);

  r = read(store({ "objects/pack/pack-1.pack": pack }));
  assert.match(r.notes.join("\n"), /no pack-1\.idx beside it/);
});

test("forged history: a tree inside itself and commits that are each other's parent end, with the secret found", () => {
  const blob = objectId("blob", SECRET_TEXT);
  const treeId = "1".repeat(40);
  const tree = Buffer.concat([Buffer.from("40000 loop\0"), Buffer.from(treeId, "hex"), Buffer.from("100644 s.env\0"), Buffer.from(blob, "hex")]);
  const c1 = "2".repeat(40);
  const c2 = "3".repeat(40);
  const commit = (parent: string) => Buffer.from(`tree ${treeId}\nparent ${parent}\nauthor a <a> 1 +0000\ncommitter a <a> 1 +0000\n\nx\n`);
  const loose = (id: string, type: "blob" | "tree" | "commit", data: Buffer) => [`objects/${id.slice(0, 2)}/${id.slice(2)}`, looseBytes(type, data)] as const;
  const files = Object.fromEntries([loose(blob, "blob", SECRET_TEXT), loose(treeId, "tree", tree), loose(c1, "commit", commit(c2)), loose(c2, "commit", commit(c1)), ["HEAD", Buffer.from(`${c1}\n`)]]);
  const started = Date.now();
  const r = read(store(files));
  assert.ok(Date.now() - started < 2000);
  const hits = hitsOf(r, SECRET);
  assert.ok(hits.some((h) => h.git.path === "s.env" && h.git.inHead && h.git.commits.length === 2));
});

/** A small real store: loose objects, and the same history packed. */
function realStores(): { loose: HeldStore; packed: HeldStore } {
  const repo = new Repo();
  try {
    writeFileSync(join(repo.dir, "a.env"), `GITLAB_TOKEN=${SECRET}\n`);
    repo.commit("one");
    writeFileSync(join(repo.dir, "a.env"), `GITLAB_TOKEN=${SECRET}\nMORE=1\n`);
    writeFileSync(join(repo.dir, "b.txt"), "b\n".repeat(100));
    repo.commit("two");
    const loose = holdStore(repo.gitDir);
    repo.git("gc", "-q", "--aggressive");
    return { loose, packed: holdStore(repo.gitDir) };
  } finally {
    repo.remove();
  }
}

test("mutated loose objects, pack indexes and packs never throw out of the tap and never hang", async () => {
  const { loose, packed } = realStores();
  const all = [...loose.files.values(), ...packed.files.values()].filter((f) => /objects\//.test(f.path));
  const base = (s: HeldStore) => new Map([...s.files.values()].map((f) => [f.path, f.bytes]));
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      fc.nat(all.length - 1),
      fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 8 }),
      fc.option(fc.nat(), { nil: undefined }),
      async (usePacked, which, flips, cut) => {
        const files = base(usePacked ? packed : loose);
        const target = all[which]!;
        if (!files.has(target.path)) return;
        let bytes = Buffer.from(target.bytes);
        for (const [at, v] of flips) bytes[at % bytes.length] = v;
        if (cut !== undefined) bytes = bytes.subarray(0, cut % (bytes.length + 1));
        files.set(target.path, bytes);
        const { ms } = await throughTap(files);
        assert.ok(ms < 5000, `took ${ms} ms`);
      },
    ),
    { numRuns: 300 },
  );
});

test("random bytes as every kind of store file never throw out of the tap", async () => {
  const kinds = ["objects/pack/pack-1.pack", "objects/pack/pack-1.idx", `objects/ab/${"c".repeat(38)}`, "HEAD", "packed-refs", "index", "config", "logs/HEAD"];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...kinds), fc.uint8Array({ maxLength: 2000 })), { maxLength: 8 }), async (entries) => {
      const files = new Map(entries.map(([rel, b]) => [`/app/.git/${rel}`, Buffer.from(b)]));
      // Give a random "pack" the real signature half the time, so the reader goes past the first check.
      const p = files.get("/app/.git/objects/pack/pack-1.pack");
      if (p && p.length > 12 && p[0]! & 1) p.write("PACK\0\0\0\x02", 0, "latin1");
      const { ms } = await throughTap(files);
      assert.ok(ms < 5000);
    }),
    { numRuns: 300 },
  );
});

test("a store over the memory budget is read as far as it fits, with a note naming the budget", async () => {
  const { packed } = realStores();
  const files = new Map([...packed.files.values()].map((f) => [f.path, f.bytes]));
  const { hits, notes } = await throughTap(files, { maxStoreBytes: 600 });
  assert.equal(hits.length, 0);
  assert.ok(notes.some((n) => /\/app\/\.git: the git store is larger than the 600-byte memory budget/.test(n)), notes.join("\n"));
  const full = await throughTap(files);
  assert.deepEqual(full.notes, []);
  assert.ok(full.hits.some((h) => h.git?.path === "a.env" && h.git.store === "/app/.git" && h.hit.secret === SECRET));
});

test("limits on objects and inflated bytes stop a store with one note", () => {
  const { packed } = realStores();
  for (const opts of [{ maxObjects: 3 }, { maxInflatedBytes: 100 }]) {
    const r = read(packed, opts);
    assert.equal(r.notes.length, 1, r.notes.join("\n"));
    assert.match(r.notes[0]!, /stopped at the limit of more than/);
  }
});
