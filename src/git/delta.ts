/**
 * Git's delta format (pack entries of type OFS_DELTA and REF_DELTA): the base's size and the
 * result's size as varints, then instructions that copy a range of the base or insert literal bytes.
 */

import { GitFormatError } from "./options.js";

/** Reads a little-endian base-128 varint at `pos`; returns the value and the next position. */
function varint(buf: Buffer, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new GitFormatError("delta header cut short");
    const b = buf[pos++]!;
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, pos];
    if (shift > 49) throw new GitFormatError("delta header size too large");
  }
}

/** The size of the object a delta makes (without applying it). */
export function deltaResultSize(delta: Buffer): number {
  const [, p] = varint(delta, 0);
  return varint(delta, p)[0];
}

/** Applies `delta` to `base`; the result may be at most `maxSize` bytes. */
export function applyDelta(base: Buffer, delta: Buffer, maxSize: number): Buffer {
  const [baseSize, afterBase] = varint(delta, 0);
  if (baseSize !== base.length) throw new GitFormatError(`delta expects a base of ${baseSize} bytes, the base has ${base.length}`);
  const [size, start] = varint(delta, afterBase);
  let pos = start;
  if (size > maxSize) throw new GitFormatError(`delta result of ${size} bytes is over the limit`);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  while (pos < delta.length) {
    const op = delta[pos++]!;
    if (op & 0x80) {
      // Copy from the base: offset and size bytes present as the low 7 bits say.
      let off = 0;
      let len = 0;
      for (let i = 0; i < 4; i++) if (op & (1 << i)) off += readByte(delta, pos++) * 2 ** (8 * i);
      for (let i = 0; i < 3; i++) if (op & (0x10 << i)) len += readByte(delta, pos++) * 2 ** (8 * i);
      if (len === 0) len = 0x10000;
      if (off + len > base.length) throw new GitFormatError("delta copies past the end of its base");
      if (at + len > size) throw new GitFormatError("delta writes past its declared size");
      base.copy(out, at, off, off + len);
      at += len;
    } else if (op !== 0) {
      if (pos + op > delta.length) throw new GitFormatError("delta insert cut short");
      if (at + op > size) throw new GitFormatError("delta writes past its declared size");
      delta.copy(out, at, pos, pos + op);
      at += op;
      pos += op;
    } else {
      throw new GitFormatError("delta has a reserved instruction (0)");
    }
  }
  if (at !== size) throw new GitFormatError(`delta made ${at} bytes, it declares ${size}`);
  return out;
}

function readByte(buf: Buffer, pos: number): number {
  if (pos >= buf.length) throw new GitFormatError("delta copy instruction cut short");
  return buf[pos]!;
}
