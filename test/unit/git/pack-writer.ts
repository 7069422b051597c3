// Packs and pack indexes written by hand from git's documented formats (gitformat-pack), for
// cases real git never writes: delta cycles, bases only in loose objects, mutated bytes.
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import type { ObjectType } from "../../../src/git/objects.js";

const TYPE_CODE: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };

/** The id git gives an object: SHA-1 of `type size\0content`. */
export function objectId(type: ObjectType, data: Buffer): string {
  return createHash("sha1").update(`${type} ${data.length}\0`).update(data).digest("hex");
}

/** A loose object file's bytes. */
export function looseBytes(type: ObjectType, data: Buffer): Buffer {
  return deflateSync(Buffer.concat([Buffer.from(`${type} ${data.length}\0`), data]));
}

function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** A delta from `base` to `target`: copies of the common prefix and suffix, the middle inserted. */
export function makeDelta(base: Buffer, target: Buffer): Buffer {
  let pre = 0;
  while (pre < base.length && pre < target.length && base[pre] === target[pre]) pre++;
  let suf = 0;
  while (suf < base.length - pre && suf < target.length - pre && base[base.length - 1 - suf] === target[target.length - 1 - suf]) suf++;
  const out = [...varint(base.length), ...varint(target.length)];
  const copy = (off: number, len: number) => {
    for (let done = 0; done < len; done += 0xffff) {
      const n = Math.min(0xffff, len - done);
      const o = off + done;
      out.push(0x80 | 0x0f | 0x30, o & 0xff, (o >> 8) & 0xff, (o >> 16) & 0xff, (o >>> 24) & 0xff, n & 0xff, (n >> 8) & 0xff);
    }
  };
  copy(0, pre);
  const middle = target.subarray(pre, target.length - suf);
  for (let i = 0; i < middle.length; i += 127) {
    const part = middle.subarray(i, i + 127);
    out.push(part.length, ...part);
  }
  copy(base.length - suf, suf);
  return Buffer.from(out);
}

/** One pack entry: a whole object, a delta on an earlier entry (by index), or a delta on an object id. */
export type PackEntry = { type: ObjectType; data: Buffer } | { ofs: number; delta: Buffer } | { ref: string; delta: Buffer };

function entryHeader(type: number, size: number): number[] {
  const out: number[] = [];
  let b = (type << 4) | (size & 15);
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    out.push(b | 0x80);
    b = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  out.push(b);
  return out;
}

function ofsBytes(back: number): number[] {
  const out = [back & 127];
  while ((back >>= 7)) {
    back--;
    out.unshift(128 | (back & 127));
  }
  return out;
}

/** A pack of `entries` and its version-2 index; `ids[i]` is the id the index gives entry i. */
export function writePack(entries: readonly PackEntry[], ids: readonly string[]): { pack: Buffer; idx: Buffer } {
  const parts: Buffer[] = [Buffer.from("PACK"), Buffer.from([0, 0, 0, 2]), Buffer.alloc(4)];
  parts[2]!.writeUInt32BE(entries.length);
  let offset = 12;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(offset);
    let head: number[];
    let body: Buffer;
    if ("type" in e) {
      head = entryHeader(TYPE_CODE[e.type], e.data.length);
      body = deflateSync(e.data);
    } else if ("ofs" in e) {
      head = [...entryHeader(6, e.delta.length), ...ofsBytes(offset - offsets[e.ofs]!)];
      body = deflateSync(e.delta);
    } else {
      head = [...entryHeader(7, e.delta.length), ...Buffer.from(e.ref, "hex")];
      body = deflateSync(e.delta);
    }
    const bytes = Buffer.concat([Buffer.from(head), body]);
    parts.push(bytes);
    offset += bytes.length;
  }
  const content = Buffer.concat(parts);
  const packSum = createHash("sha1").update(content).digest();
  const pack = Buffer.concat([content, packSum]);
  return { pack, idx: writeIndex(ids.map((id, i) => [id, offsets[i]!]), packSum) };
}

/** A version-2 pack index of (id, offset) pairs. */
export function writeIndex(objects: readonly [string, number][], packSum: Buffer): Buffer {
  const sorted = [...objects].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const fanout = Buffer.alloc(1024);
  for (let b = 0; b < 256; b++) fanout.writeUInt32BE(sorted.filter(([id]) => parseInt(id.slice(0, 2), 16) <= b).length, b * 4);
  const ids = Buffer.concat(sorted.map(([id]) => Buffer.from(id, "hex")));
  const crcs = Buffer.alloc(sorted.length * 4);
  const offs = Buffer.alloc(sorted.length * 4);
  sorted.forEach(([, off], i) => offs.writeUInt32BE(off, i * 4));
  const body = Buffer.concat([Buffer.from([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]), fanout, ids, crcs, offs, packSum]);
  return Buffer.concat([body, createHash("sha1").update(body).digest()]);
}
