import { createHash, type Hash } from "node:crypto";
import { crc32 } from "../crc32.js";
import { LzmaDecoder } from "./lzma.js";
import { appendInput } from "./input-buffer.js";
import { DecodeError, type ByteOut, type StreamDecoder } from "./types.js";

/*
 * The xz container (tukaani.org's xz-file-format.txt) as a synchronous push decoder: streams,
 * blocks with the LZMA2 filter, every block's check verified (CRC-32, CRC-64, SHA-256), the index
 * and footer read, concatenated streams and stream padding. No npm package decodes xz push-style
 * and synchronously (xz-decompress's WebAssembly sits behind an async web stream, node-liblzma
 * and lzma-native are native with async or one-shot APIs); LZMA2 chunks carry their sizes, so
 * buffering one chunk at a time keeps this decoder simple.
 */

const MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
const FOOTER_MAGIC = 0x5a59; // "YZ" little-endian
const LZMA2_FILTER = 0x21;
const FILTER_NAMES: Record<number, string> = { 3: "delta", 4: "BCJ x86", 5: "BCJ PowerPC", 6: "BCJ IA-64", 7: "BCJ ARM", 8: "BCJ ARM-Thumb", 9: "BCJ SPARC", 10: "BCJ ARM64", 11: "BCJ RISC-V" };
/** Check sizes by check type (xz-file-format 2.1.1.2). */
const CHECK_SIZES = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];

const CRC64_TABLE = (() => {
  // ECMA-182 reflected (poly 0xC96C5795D7870F42), in two 32-bit halves.
  const lo = new Uint32Array(256);
  const hi = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let l = n;
    let h = 0;
    for (let k = 0; k < 8; k++) {
      const carry = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h = h >>> 1;
      if (carry) {
        l = (l ^ 0xd7870f42) >>> 0;
        h = (h ^ 0xc96c5795) >>> 0;
      }
    }
    lo[n] = l;
    hi[n] = h;
  }
  return { lo, hi };
})();

/** A running CRC-64 (as xz uses it). */
class Crc64 {
  private lo = 0xffffffff;
  private hi = 0xffffffff;
  update(data: Uint8Array): void {
    let lo = this.lo;
    let hi = this.hi;
    const tl = CRC64_TABLE.lo;
    const th = CRC64_TABLE.hi;
    for (let i = 0; i < data.length; i++) {
      const idx = (lo ^ data[i]!) & 0xff;
      lo = (((lo >>> 8) | (hi << 24)) ^ tl[idx]!) >>> 0;
      hi = ((hi >>> 8) ^ th[idx]!) >>> 0;
    }
    this.lo = lo;
    this.hi = hi;
  }
  /** The final value as 8 little-endian bytes. */
  digest(): Buffer {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(~this.lo >>> 0, 0);
    b.writeUInt32LE(~this.hi >>> 0, 4);
    return b;
  }
}

/** Verifies a block's check as its output streams. */
class BlockCheck {
  private crc = 0;
  private crc64: Crc64 | undefined;
  private sha: Hash | undefined;
  constructor(readonly type: number) {
    if (type === 4) this.crc64 = new Crc64();
    if (type === 10) this.sha = createHash("sha256");
  }
  update(data: Uint8Array): void {
    if (this.type === 1) this.crc = crc32(data, this.crc);
    else if (this.crc64) this.crc64.update(data);
    else this.sha?.update(data);
  }
  /** True when `stored` matches (types dredge does not compute are taken as matching). */
  matches(stored: Buffer): boolean {
    if (this.type === 1) return stored.readUInt32LE(0) === this.crc >>> 0;
    if (this.crc64) return stored.equals(this.crc64.digest());
    if (this.sha) return stored.equals(this.sha.digest());
    return true;
  }
}

const enum State {
  StreamHeader,
  BlockOrIndex,
  Chunk,
  BlockPadding,
  Check,
  Index,
  Footer,
  StreamPadding,
  Done,
}

/** A variable-length integer at `buf[pos]`: [value, bytes], or undefined when incomplete. */
function varint(buf: Uint8Array, pos: number, end: number): [number, number] | undefined {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    if (pos + i >= end) return undefined;
    const b = buf[pos + i]!;
    value += (b & 0x7f) * 2 ** (7 * i);
    if (!(b & 0x80)) {
      if (b === 0 && i > 0) throw new DecodeError("xz: malformed integer");
      return [value, i + 1];
    }
  }
  throw new DecodeError("xz: integer too long");
}

export class UnxzDecoder implements StreamDecoder {
  private data: Buffer = Buffer.alloc(0);
  private fill = 0;
  private pos = 0;
  private state = State.StreamHeader;
  private checkType = 0;
  private streams = 0;
  private blocks = 0;
  private lzma: LzmaDecoder | undefined;
  private check: BlockCheck | undefined;
  /** Compressed bytes of the current block so far (header + data), for its padding. */
  private blockBytes = 0;
  private blockOut = 0;
  private declaredOut: number | undefined;
  private needDictReset = true;
  private needProps = true;
  /** Bytes after the last stream that are not another stream (ignored). */
  trailingGarbage = false;

  constructor(private readonly out: ByteOut) {}

  write(chunk: Buffer): void {
    if (this.state === State.Done || chunk.length === 0) return;
    this.append(chunk);
    this.run();
  }

  end(): void {
    this.run();
    if (this.state === State.Done || (this.state === State.StreamPadding && this.fill === this.pos)) return;
    if (this.streams === 0 && this.state === State.StreamHeader) throw new DecodeError("xz data is truncated (inside the header)");
    if (this.state !== State.StreamHeader || this.fill > this.pos) throw new DecodeError("xz data is truncated");
  }

  private append(chunk: Buffer): void {
    const r = appendInput(this.data, this.fill, this.pos, chunk);
    this.data = r.data;
    this.fill = r.fill;
    this.pos -= r.dropped;
  }

  private get avail(): number {
    return this.fill - this.pos;
  }

  private emit = (c: Buffer): void => {
    this.blockOut += c.length;
    this.check!.update(c);
    this.out(c);
  };

  /** Runs the state machine while whole units are buffered. */
  private run(): void {
    for (;;) {
      const before = this.pos;
      const state = this.state;
      this.step();
      if (this.state === State.Done || (this.pos === before && this.state === state)) return;
    }
  }

  private step(): void {
    const d = this.data;
    const p = this.pos;
    switch (this.state) {
      case State.StreamHeader: {
        if (this.avail < 12) return;
        if (!d.subarray(p, p + 6).equals(MAGIC)) throw new DecodeError("not xz data (bad magic)");
        if (crc32(d.subarray(p + 6, p + 8), 0) !== d.readUInt32LE(p + 8)) throw new DecodeError("xz stream header CRC mismatch (corrupt)");
        if (d[p + 6] !== 0 || d[p + 7]! > 0x0f) throw new DecodeError("xz stream header has unsupported flags");
        this.checkType = d[p + 7]!;
        this.pos += 12;
        this.streams++;
        this.blocks = 0;
        this.state = State.BlockOrIndex;
        return;
      }
      case State.BlockOrIndex: {
        if (this.avail < 1) return;
        if (d[p] === 0) {
          this.state = State.Index;
          return;
        }
        const size = (d[p]! + 1) * 4;
        if (this.avail < size) return;
        if (crc32(d.subarray(p, p + size - 4), 0) !== d.readUInt32LE(p + size - 4)) throw new DecodeError("xz block header CRC mismatch (corrupt)");
        this.blockHeader(d.subarray(p, p + size - 4));
        this.pos += size;
        this.blockBytes = size;
        this.blockOut = 0;
        this.check = new BlockCheck(this.checkType);
        this.needDictReset = true;
        this.state = State.Chunk;
        return;
      }
      case State.Chunk:
        this.chunk();
        return;
      case State.BlockPadding: {
        const pad = (4 - (this.blockBytes % 4)) % 4;
        if (this.avail < pad) return;
        for (let i = 0; i < pad; i++) if (d[p + i] !== 0) throw new DecodeError("xz block padding is not zero (corrupt)");
        this.pos += pad;
        this.state = State.Check;
        return;
      }
      case State.Check: {
        const size = CHECK_SIZES[this.checkType]!;
        if (this.avail < size) return;
        if (!this.check!.matches(d.subarray(p, p + size))) throw new DecodeError("xz block check mismatch (data corrupt)");
        if (this.declaredOut !== undefined && this.declaredOut !== this.blockOut) throw new DecodeError("xz block size differs from its header (corrupt)");
        this.pos += size;
        this.blocks++;
        this.state = State.BlockOrIndex;
        return;
      }
      case State.Index: {
        // Indicator, record count, records (two integers each), padding to 4, CRC-32.
        let q = p + 1;
        const count = varint(d, q, this.fill);
        if (!count) return;
        q += count[1];
        if (count[0] !== this.blocks) throw new DecodeError("xz index does not match the blocks (corrupt)");
        for (let i = 0; i < count[0]; i++) {
          for (let k = 0; k < 2; k++) {
            const v = varint(d, q, this.fill);
            if (!v) return;
            q += v[1];
          }
        }
        q += (4 - ((q - p) % 4)) % 4;
        if (q + 4 > this.fill) return;
        if (crc32(d.subarray(p, q), 0) !== d.readUInt32LE(q)) throw new DecodeError("xz index CRC mismatch (corrupt)");
        this.pos = q + 4;
        this.state = State.Footer;
        return;
      }
      case State.Footer: {
        if (this.avail < 12) return;
        if (d.readUInt16LE(p + 10) !== FOOTER_MAGIC) throw new DecodeError("xz stream footer is corrupt");
        this.pos += 12;
        this.state = State.StreamPadding;
        return;
      }
      case State.StreamPadding: {
        // Zero padding in 4-byte groups, then maybe another stream.
        let q = p;
        while (q < this.fill && d[q] === 0) q++;
        this.pos = q - ((q - p) % 4);
        if (q === this.fill) return;
        if (this.pos !== q) throw new DecodeError("xz stream padding is not a multiple of 4 bytes (corrupt)");
        if (d[q] === 0xfd) {
          this.state = State.StreamHeader;
          return;
        }
        this.trailingGarbage = true;
        this.state = State.Done;
        return;
      }
      case State.Done:
        return;
    }
  }

  /** Parses a block header (without its CRC): LZMA2 must be the only filter. */
  private blockHeader(h: Buffer): void {
    const flags = h[1]!;
    if (flags & 0x3c) throw new DecodeError("xz block header has reserved flags set");
    let q = 2;
    const next = (): number => {
      const v = varint(h, q, h.length);
      if (!v) throw new DecodeError("xz block header is corrupt");
      q += v[1];
      return v[0];
    };
    if (flags & 0x40) next();
    this.declaredOut = flags & 0x80 ? next() : undefined;
    const filters = (flags & 3) + 1;
    for (let i = 0; i < filters; i++) {
      const id = next();
      const propsSize = next();
      if (q + propsSize > h.length) throw new DecodeError("xz block header is corrupt");
      if (id !== LZMA2_FILTER || i !== filters - 1) {
        if (id === LZMA2_FILTER) throw new DecodeError("xz: LZMA2 must be the last filter");
        throw new DecodeError(`xz filter ${FILTER_NAMES[id] ?? `0x${id.toString(16)}`} is not supported`);
      }
      if (propsSize !== 1) throw new DecodeError("xz: bad LZMA2 properties");
      const bits = h[q]!;
      if (bits > 40) throw new DecodeError("xz: LZMA2 dictionary size out of range");
      const dictSize = bits === 40 ? 0xffffffff : (2 | (bits & 1)) * 2 ** (Math.floor(bits / 2) + 11);
      this.lzma = new LzmaDecoder(dictSize, this.emit);
      this.needProps = true;
      q += propsSize;
    }
  }

  /** One LZMA2 chunk, once it is whole in the buffer. */
  private chunk(): void {
    const d = this.data;
    const p = this.pos;
    if (this.avail < 1) return;
    const control = d[p]!;
    const lzma = this.lzma!;
    if (control === 0) {
      this.pos += 1;
      this.blockBytes += 1;
      this.state = State.BlockPadding;
      return;
    }
    if (control === 1 || control === 2) {
      if (this.avail < 3) return;
      const size = d.readUInt16BE(p + 1) + 1;
      if (this.avail < 3 + size) return;
      if (control === 1) {
        lzma.resetDict();
        this.needDictReset = false;
      } else if (this.needDictReset) throw new DecodeError("xz: LZMA2 data does not start with a dictionary reset (corrupt)");
      lzma.copy(d.subarray(p + 3, p + 3 + size));
      this.pos += 3 + size;
      this.blockBytes += 3 + size;
      return;
    }
    if (control < 0x80) throw new DecodeError("xz: bad LZMA2 control byte (corrupt)");
    const reset = (control >>> 5) & 3;
    const head = reset >= 2 ? 6 : 5;
    if (this.avail < head) return;
    const outSize = (control & 0x1f) * 65536 + d.readUInt16BE(p + 1) + 1;
    const inSize = d.readUInt16BE(p + 3) + 1;
    if (this.avail < head + inSize) return;
    if (reset === 3) {
      lzma.resetDict();
      this.needDictReset = false;
    } else if (this.needDictReset) throw new DecodeError("xz: LZMA2 data does not start with a dictionary reset (corrupt)");
    if (reset >= 2) {
      lzma.setProps(d[p + 5]!);
      this.needProps = false;
    } else if (this.needProps) throw new DecodeError("xz: LZMA2 chunk without properties (corrupt)");
    if (reset >= 1) lzma.resetState();
    // Advance before decoding: output may throw a limit, and the chunk is consumed either way.
    this.pos += head + inSize;
    this.blockBytes += head + inSize;
    lzma.decode(d, p + head, p + head + inSize, outSize);
  }
}
