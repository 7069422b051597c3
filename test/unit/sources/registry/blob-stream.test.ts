import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { VerifiedBlobStream } from "../../../../src/sources/registry/blob-stream.js";
import { HttpTransport } from "../../../../src/sources/registry/http.js";
import { DredgeError } from "../../../../src/util/errors.js";

const BLOB = randomBytes(3 << 20);
const DIGEST = `sha256:${createHash("sha256").update(BLOB).digest("hex")}`;

interface Behaviour {
  /** Cut the connection after this many bytes, for the first `drops` responses. */
  dropAfter?: number;
  drops?: number;
  /** Ignore Range and always send the whole blob. */
  ignoreRange?: boolean;
  /** Say Accept-Ranges: none. */
  noRanges?: boolean;
  body?: Buffer;
}

async function blobServer(b: Behaviour) {
  const ranges: (string | undefined)[] = [];
  let responses = 0;
  const s = createServer((req: IncomingMessage, res: ServerResponse) => {
    ranges.push(req.headers.range);
    const body = b.body ?? BLOB;
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    const headers: Record<string, string> = { "accept-ranges": b.noRanges ? "none" : "bytes" };
    if (m && !b.ignoreRange) {
      start = Number(m[1]);
      headers["content-range"] = `bytes ${start}-${body.length - 1}/${body.length}`;
    }
    const part = body.subarray(start);
    headers["content-length"] = String(part.length);
    res.writeHead(m && !b.ignoreRange ? 206 : 200, headers);
    if (b.dropAfter !== undefined && responses++ < (b.drops ?? 1)) {
      res.write(part.subarray(0, b.dropAfter), () => setTimeout(() => res.socket?.destroy(), 10));
      return;
    }
    res.end(part);
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  const transport = new HttpTransport({ connectTimeoutMs: 2000, idleTimeoutMs: 2000, retries: 0, backoffMs: 1, maxRetryAfterMs: 1000, insecureHost: "127.0.0.1" });
  const fetch = (offset: number) => transport.request({ url: new URL(`http://127.0.0.1:${port}/blob`), headers: offset > 0 ? { range: `bytes=${offset}-` } : {} });
  return {
    ranges,
    fetch,
    close: () =>
      new Promise<void>((r) => {
        transport.close();
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

async function readAll(stream: VerifiedBlobStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

test("a blob streams whole, verified, and is fetched only when first read", async () => {
  const s = await blobServer({});
  try {
    const stream = new VerifiedBlobStream(DIGEST, BLOB.length, "blob x", s.fetch);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(s.ranges.length, 0, "nothing fetched before the first read");
    assert.ok((await readAll(stream)).equals(BLOB));
    assert.deepEqual(s.ranges, [undefined]);
  } finally {
    await s.close();
  }
});

test("a connection dropped mid-blob is resumed with a Range request from the byte it stopped at", async () => {
  const s = await blobServer({ dropAfter: 1 << 20, drops: 2 });
  try {
    const got = await readAll(new VerifiedBlobStream(DIGEST, BLOB.length, "blob x", s.fetch));
    assert.ok(got.equals(BLOB));
    assert.equal(s.ranges.length, 3);
    assert.equal(s.ranges[0], undefined);
    assert.equal(s.ranges[1], `bytes=${1 << 20}-`);
    assert.equal(s.ranges[2], `bytes=${2 << 20}-`);
  } finally {
    await s.close();
  }
});

test("a drop before any byte was handed on is simply retried from the start", async () => {
  const s = await blobServer({ dropAfter: 0, noRanges: true });
  try {
    assert.ok((await readAll(new VerifiedBlobStream(DIGEST, BLOB.length, "blob x", s.fetch))).equals(BLOB));
    assert.deepEqual(s.ranges, [undefined, undefined]);
  } finally {
    await s.close();
  }
});

test("bytes read but not yet handed on are dropped with the connection: without ranges the blob starts over", async () => {
  const s = await blobServer({ dropAfter: 100 << 10, noRanges: true });
  try {
    assert.ok((await readAll(new VerifiedBlobStream(DIGEST, BLOB.length, "blob x", s.fetch))).equals(BLOB));
    assert.deepEqual(s.ranges, [undefined, undefined]);
  } finally {
    await s.close();
  }
  const ignoring = await blobServer({ dropAfter: 100 << 10, ignoreRange: true });
  try {
    assert.ok((await readAll(new VerifiedBlobStream(DIGEST, BLOB.length, "blob x", ignoring.fetch))).equals(BLOB));
    assert.deepEqual(ignoring.ranges, [undefined, `bytes=${100 << 10}-`]);
  } finally {
    await ignoring.close();
  }
});

test("a drop after bytes were handed on, from a registry without ranges, is a clear error for that blob", async () => {
  const s = await blobServer({ dropAfter: 3 << 19, noRanges: true });
  try {
    await assert.rejects(readAll(new VerifiedBlobStream(DIGEST, BLOB.length, "blob sha256:abc", s.fetch)), (e: unknown) => {
      assert.ok(e instanceof DredgeError);
      assert.match(e.message, /^blob sha256:abc: the connection dropped after 1572864 of 3145728 bytes .* does not serve byte ranges/);
      return true;
    });
  } finally {
    await s.close();
  }
});

test("a registry that answers a Range request with the whole blob, after bytes were handed on: a clear error, not doubled bytes", async () => {
  const s = await blobServer({ dropAfter: 3 << 19, ignoreRange: true });
  try {
    await assert.rejects(readAll(new VerifiedBlobStream(DIGEST, BLOB.length, "blob x", s.fetch)), /would not resume it from there \(answered 200 to a Range request\)/);
  } finally {
    await s.close();
  }
});

test("content that does not hash to the digest fails with both digests named", async () => {
  const other = Buffer.from(BLOB);
  other[12345] = other[12345]! ^ 1;
  const s = await blobServer({ body: other });
  try {
    await assert.rejects(readAll(new VerifiedBlobStream(DIGEST, BLOB.length, "blob x", s.fetch)), (e: unknown) => {
      assert.ok(e instanceof DredgeError && e.code === "digest-mismatch");
      const actual = `sha256:${createHash("sha256").update(other).digest("hex")}`;
      assert.ok(e.message.includes(actual) && e.message.includes(DIGEST), e.message);
      return true;
    });
  } finally {
    await s.close();
  }
});

test("more bytes than the manifest's size stop the stream at once", async () => {
  const s = await blobServer({});
  try {
    await assert.rejects(readAll(new VerifiedBlobStream(DIGEST, 1000, "blob x", s.fetch)), /more than the 1000 bytes the manifest gives this blob/);
  } finally {
    await s.close();
  }
});

test("a stream destroyed by its reader aborts the download", async () => {
  const s = await blobServer({});
  try {
    const stream = new VerifiedBlobStream(DIGEST, BLOB.length, "blob x", s.fetch);
    for await (const _ of stream) break;
    assert.ok(stream.destroyed);
  } finally {
    await s.close();
  }
});
