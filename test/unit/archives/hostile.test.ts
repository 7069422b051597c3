import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { prng } from "../../helpers/prng.js";
import { TOKEN, placesOf, python, scanFiles, sh } from "./helpers.js";

/** A 42.zip-style recursive bomb: 16^levels copies of 4 MiB of zeros, nested zip in zip, ~20 KB. */
function recursiveBomb(levels: number): Buffer {
  return python(`
import zipfile, io, sys
def z(entries):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as f:
        for n, d in entries: f.writestr(n, d)
    return b.getvalue()
cur = z([("0.txt", b"\\0" * (4 << 20))])
for level in range(${levels}):
    cur = z([("%x.zip" % i, cur) for i in range(16)])
sys.stdout.buffer.write(cur)
`);
}

/** Printable text that compresses about 1.3× (so no ratio limit is near). */
function noise(n: number): Buffer {
  const rnd = prng(5);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = 32 + Math.floor(rnd() * 90);
  return b;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

test("a 42.zip-style recursive bomb (4 TiB in 22 KB) stops at the depth limit, quickly", async () => {
  const bomb = recursiveBomb(5);
  const [r, ms] = await timed(() => scanFiles([{ name: "tmp/42.zip", data: bomb }]));
  assert.ok(ms < 15_000, `took ${ms} ms`);
  assert.ok(r.notes.length > 0 && r.notes.length <= 21, `${r.notes.length} notes`);
  assert.match(r.notes[0]!, /^\/tmp\/42\.zip!0\.zip!0\.zip!0\.zip: a zip archive nested deeper than 3 levels \(limit on nesting depth\): not opened$/);
});

test("the same bomb with the depth limit raised is stopped by the ratio and member limits, quickly", async () => {
  const bomb = recursiveBomb(5);
  const [r, ms] = await timed(() => scanFiles([{ name: "tmp/42.zip", data: bomb }], { depth: 10, maxEntriesPerFile: 5000 }));
  assert.ok(ms < 20_000, `took ${ms} ms`);
  const text = r.notes.join("\n");
  assert.match(text, /0\.txt: would expand \d+ → 4194304 bytes, more than 200× \(limit on the expansion ratio; a decompression bomb\?\): not read/);
  assert.match(text, /^\/tmp\/42\.zip: holds more than 5000 archive members \(limit per file\); stopped reading inside it$/m);
  assert.ok(r.notes.length <= 22, `${r.notes.length} notes`);
  assert.match(r.notes[r.notes.length - 1]!, /^\/tmp\/42\.zip: \d+ more notes about archives inside it not shown$/);
});

test("an overlapping-entry zip bomb is detected: overlapping entries are not read", async () => {
  // Entry i's data runs from after its own header to the end of a shared kernel, covering the
  // headers of the entries after it (the structure of the non-recursive zip bomb).
  const zip = python(`
import struct, zlib, sys
kernel = zlib.compressobj(9, zlib.DEFLATED, -15)
raw = b"token ${TOKEN}\\n" + b"\\0" * (8 << 20)
data = kernel.compress(raw) + kernel.flush()
crc = zlib.crc32(raw)
n = 50
names = [("f%03d.txt" % i).encode() for i in range(n)]
headers = [struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0, 0, crc, 0, len(raw), len(nm), 0) + nm for nm in names]
offsets = []
pos = 0
for h in headers:
    offsets.append(pos); pos += len(h)
kernel_at = pos
body = b"".join(headers) + data
central = b""
for i, nm in enumerate(names):
    csize = len(body) - offsets[i] - len(headers[i])
    central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20, 0, 8, 0, 0, crc, csize, len(raw), len(nm), 0, 0, 0, 0, 0, offsets[i]) + nm
end = struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, n, n, len(central), len(body), 0)
sys.stdout.buffer.write(body + central + end)
`);
  const r = await scanFiles([{ name: "srv/overlap.zip", data: zip }]);
  assert.ok(r.notes.includes("/srv/overlap.zip: 49 entries overlap other entries' bytes (an overlapping-entry zip bomb?): not read"), r.notes.join("\n"));
  // Only the first entry is read, and its data is not what it claims either (it starts with the other headers).
  assert.ok(placesOf(r, TOKEN).length <= 1);
});

test("a gz that expands 1000× is stopped by the ratio limit, and the note says which limit", async () => {
  const gz = sh("sh", ["-c", "head -c 100M /dev/zero | gzip -9"]);
  const [r, ms] = await timed(() => scanFiles([{ name: "data/zeros.gz", data: gz }]));
  assert.ok(ms < 10_000, `took ${ms} ms`);
  assert.equal(r.notes.length, 1);
  assert.match(r.notes[0]!, /^\/data\/zeros\.gz: gzip data expands more than 200× \(\d+ → \d+\+ bytes; limit on the expansion ratio\): a decompression bomb\? Stopped reading it$/);
});

test("limits per layer file: members and expanded bytes; a note names the file and the limit", async () => {
  const tar = gzipSync(Buffer.from(sh("python3", ["-c", `
import sys, io, tarfile
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    for i in range(30):
        d = ("member %d\\n" % i).encode(); ti = tarfile.TarInfo("m%d.txt" % i); ti.size = len(d); t.addfile(ti, io.BytesIO(d))
sys.stdout.buffer.write(b.getvalue())
`])));
  let r = await scanFiles([{ name: "a.tgz", data: tar }], { maxEntriesPerFile: 10 });
  assert.deepEqual(r.notes, ["/a.tgz: holds more than 10 archive members (limit per file); stopped reading inside it"]);
  const text = noise(3 << 20);
  r = await scanFiles([{ name: "b.gz", data: gzipSync(text) }, { name: "c.txt.gz", data: gzipSync(Buffer.from(`t ${TOKEN}\n`)) }], { maxExpandedPerFile: 1 << 20 });
  assert.deepEqual(r.notes, ["/b.gz: expands past 1 MiB (limit per file): a decompression bomb? Stopped reading inside it"]);
  assert.deepEqual(placesOf(r, TOKEN), ["/c.txt.gz!c.txt"], "the next file is still read");
});

test("the layer limit on expanded bytes stops the layer's remaining archives", async () => {
  const text = noise(3 << 20);
  const r = await scanFiles([{ name: "b.gz", data: gzipSync(text) }, { name: "c.txt.gz", data: gzipSync(Buffer.from(`t ${TOKEN}\n`)) }], { maxExpandedPerLayer: 1 << 20 });
  assert.deepEqual(r.notes, ["/b.gz: archives in this layer expand past 1 MiB (limit per layer); the layer's remaining archives are not opened"]);
  assert.deepEqual(placesOf(r, TOKEN), []);
});

test("a zip of unknown size (inside a gz) larger than the memory budget is read by its local headers", async () => {
  const zip = python(`
import sys, io, zipfile, random
random.seed(1)
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("noise.bin", bytes(random.getrandbits(8) for _ in range(200000)))
    z.writestr("conf/.env", "GITHUB_TOKEN=${TOKEN}\\n")
sys.stdout.buffer.write(b.getvalue())
`);
  for (const memoryBytes of [64 << 20, 64 << 10]) {
    const r = await scanFiles([{ name: "x.zip.gz", data: gzipSync(zip) }], { memoryBytes });
    assert.deepEqual(placesOf(r, TOKEN), ["/x.zip.gz!x.zip!conf/.env"], `memory ${memoryBytes}`);
    assert.deepEqual(r.notes, []);
  }
});
