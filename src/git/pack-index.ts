/**
 * Pack index files (`objects/pack/pack-*.idx`), version 2 (what git writes) and version 1:
 * a fan-out table, the sorted object ids, and each object's offset in the pack.
 * See git's Documentation/gitformat-pack.txt.
 */

import { GitFormatError } from "./options.js";

const V2_MAGIC = 0xff744f63; // "\377tOc"

export class PackIndex {
  private constructor(
    private readonly buf: Buffer,
    readonly hashLen: number,
    readonly count: number,
    /** Byte offset of the first id. */
    private readonly idsAt: number,
    /** Distance between ids (v1 interleaves offsets with ids). */
    private readonly idStride: number,
    private readonly offsetsAt: number,
    private readonly offsetStride: number,
    /** v2: the 64-bit offset table, or -1. */
    private readonly largeAt: number,
    private readonly largeCount: number,
  ) {}

  /** Parses an index; throws GitFormatError when its tables do not fit in its bytes. */
  static parse(buf: Buffer, hashLen: number): PackIndex {
    if (buf.length >= 8 && buf.readUInt32BE(0) === V2_MAGIC) {
      const version = buf.readUInt32BE(4);
      if (version !== 2) throw new GitFormatError(`pack index version ${version} is not supported`);
      const count = fanoutCount(buf, 8);
      const idsAt = 8 + 1024;
      const crcAt = idsAt + count * hashLen;
      const offsetsAt = crcAt + count * 4;
      const largeAt = offsetsAt + count * 4;
      const trailer = 2 * hashLen;
      if (buf.length < largeAt + trailer) throw new GitFormatError(`pack index is cut short (${count} objects need ${largeAt + trailer} bytes, it has ${buf.length})`);
      const largeBytes = buf.length - trailer - largeAt;
      if (largeBytes % 8 !== 0) throw new GitFormatError("pack index has a malformed 64-bit offset table");
      return new PackIndex(buf, hashLen, count, idsAt, hashLen, offsetsAt, 4, largeAt, largeBytes / 8);
    }
    const count = fanoutCount(buf, 0);
    const entry = 4 + hashLen;
    if (buf.length < 1024 + count * entry + 2 * hashLen) throw new GitFormatError("pack index (version 1) is cut short");
    return new PackIndex(buf, hashLen, count, 1024 + 4, entry, 1024, entry, -1, 0);
  }

  /** The id of the i-th object (sorted order), as hex. */
  id(i: number): string {
    const at = this.idsAt + i * this.idStride;
    return this.buf.toString("hex", at, at + this.hashLen);
  }

  /** The pack offset of the i-th object; -1 when the index's 64-bit table has no such entry. */
  offset(i: number): number {
    const v = this.buf.readUInt32BE(this.offsetsAt + i * this.offsetStride);
    if (this.largeAt < 0 || (v & 0x80000000) === 0) return v;
    const k = v & 0x7fffffff;
    if (k >= this.largeCount) return -1;
    const big = this.buf.readBigUInt64BE(this.largeAt + k * 8);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : -1;
  }

  /** The offset of the object `id` (hex), or undefined when the pack does not hold it. */
  find(id: string): number | undefined {
    if (id.length !== this.hashLen * 2) return undefined;
    const key = Buffer.from(id, "hex");
    if (key.length !== this.hashLen) return undefined;
    const first = key[0]!;
    const fan = this.fanoutAt();
    let lo = first === 0 ? 0 : this.buf.readUInt32BE(fan + (first - 1) * 4);
    let hi = Math.min(this.buf.readUInt32BE(fan + first * 4), this.count);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.idsAt + mid * this.idStride;
      const c = this.buf.compare(key, 0, this.hashLen, at, at + this.hashLen);
      if (c === 0) return this.offset(mid);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }

  private fanoutAt(): number {
    return this.largeAt < 0 ? 0 : 8;
  }
}

/** The object count from a fan-out table (its last entry), checked to never decrease. */
function fanoutCount(buf: Buffer, at: number): number {
  if (buf.length < at + 1024) throw new GitFormatError("pack index is cut short (no fan-out table)");
  let prev = 0;
  for (let i = 0; i < 256; i++) {
    const v = buf.readUInt32BE(at + i * 4);
    if (v < prev) throw new GitFormatError("pack index has a decreasing fan-out table");
    prev = v;
  }
  return prev;
}
