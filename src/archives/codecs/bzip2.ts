import { appendInput } from "./input-buffer.js";
import { DecodeError, type ByteOut, type StreamDecoder } from "./types.js";

/*
 * bzip2 as a synchronous push decoder (no npm package decodes bzip2 push-style and synchronously:
 * unbzip2-stream is an async stream that reads bit by bit into JS arrays, seek-bzip and
 * compressjs need the whole input). Written from the format's description (Joe Tsai's
 * "bzip2 format specification" and bzip2's own documentation).
 *
 * bzip2 blocks are not length-prefixed, so input is buffered until a whole block is there: a
 * block is decoded from the buffer, and when the buffer runs out first the attempt is dropped
 * and made again once twice as much input has arrived (at most ~2× the parsing of a block; a
 * block's compressed form is bounded, ~2.3 MB at level 9).
 */

const BLOCK_MAGIC_HI = 0x314159;
const BLOCK_MAGIC_LO = 0x265359;
const END_MAGIC_HI = 0x177245;
const END_MAGIC_LO = 0x385090;
const MAX_GROUPS = 6;
const MAX_ALPHA = 258;
const MAX_CODE_LEN = 20;
const MAX_SELECTORS = 18002;
const GROUP_SIZE = 50;
const OUT_CHUNK = 64 << 10;
/** The first attempt at a block waits for this much input (or the end). */
const FIRST_ATTEMPT = 64 << 10;

/** Thrown inside a block attempt when the buffered input ends first. */
class NeedMore extends Error {}
const NEED_MORE = new NeedMore("need more input");

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[i] = c;
  }
  return t;
})();

/** Canonical Huffman decoding tables for one coding group (bzip2's limit/base/perm form). */
interface HuffTable {
  minLen: number;
  limit: Int32Array;
  base: Int32Array;
  perm: Int32Array;
}

function huffTable(lengths: Uint8Array, alphaSize: number): HuffTable {
  let minLen = 32;
  let maxLen = 0;
  for (let i = 0; i < alphaSize; i++) {
    minLen = Math.min(minLen, lengths[i]!);
    maxLen = Math.max(maxLen, lengths[i]!);
  }
  const perm = new Int32Array(MAX_ALPHA);
  const base = new Int32Array(MAX_CODE_LEN + 2);
  const limit = new Int32Array(MAX_CODE_LEN + 2).fill(-1);
  let pp = 0;
  for (let len = minLen; len <= maxLen; len++) for (let s = 0; s < alphaSize; s++) if (lengths[s] === len) perm[pp++] = s;
  const count = new Int32Array(MAX_CODE_LEN + 2);
  for (let s = 0; s < alphaSize; s++) count[lengths[s]!] = count[lengths[s]!]! + 1;
  // base[len] = first code of that length minus the index in perm of its first symbol.
  let code = 0;
  let index = 0;
  for (let len = 1; len <= MAX_CODE_LEN; len++) {
    base[len] = code - index;
    code += count[len]!;
    index += count[len]!;
    limit[len] = code - 1;
    code <<= 1;
  }
  return { minLen, limit, base, perm };
}

export class Bunzip2Decoder implements StreamDecoder {
  /** Buffered input: `data[0, fill)`; `pos` is the next byte the bit reader loads. */
  private data: Buffer = Buffer.alloc(0);
  private fill = 0;
  private pos = 0;
  private bitBuf = 0;
  private bitCount = 0;
  /** Bit reader state at the start of the current unit (block, stream header or end). */
  private mark = { pos: 0, bitBuf: 0, bitCount: 0 };
  private nextAttempt = FIRST_ATTEMPT;
  private final = false;

  private blockMax = 0;
  private tt = new Uint32Array(0);
  private streamCrc = 0;
  private inStream = false;
  private finished = false;
  private streams = 0;
  private readonly outBuf = Buffer.allocUnsafe(OUT_CHUNK);
  /** Bytes after the last stream that are not another stream (ignored, as bzip2 does). */
  trailingGarbage = false;

  constructor(private readonly out: ByteOut) {}

  write(chunk: Buffer): void {
    if (this.finished || chunk.length === 0) return;
    this.append(chunk);
    if (this.fill - this.mark.pos >= this.nextAttempt) this.run();
  }

  end(): void {
    if (this.finished) return;
    this.final = true;
    this.run();
    if (this.inStream) throw new DecodeError("bzip2 data is truncated (no end-of-stream marker)");
    if (this.streams === 0) throw new DecodeError("bzip2 data is truncated (inside the header)");
  }

  private append(chunk: Buffer): void {
    // What was consumed before the current unit can go.
    const r = appendInput(this.data, this.fill, this.mark.pos, chunk);
    this.data = r.data;
    this.fill = r.fill;
    this.pos -= r.dropped;
    this.mark.pos -= r.dropped;
  }

  private setMark(): void {
    this.mark = { pos: this.pos, bitBuf: this.bitBuf, bitCount: this.bitCount };
  }

  private rewind(): void {
    this.pos = this.mark.pos;
    this.bitBuf = this.mark.bitBuf;
    this.bitCount = this.mark.bitCount;
  }

  /** Decodes every whole unit in the buffer. */
  private run(): void {
    for (;;) {
      if (this.finished) return;
      this.setMark();
      try {
        if (!this.inStream) {
          if (!this.streamHeader()) return;
        } else {
          this.unit();
        }
      } catch (err) {
        if (err !== NEED_MORE) throw err;
        this.rewind();
        if (this.final) {
          if (!this.inStream && this.streams > 0) return;
          throw new DecodeError("bzip2 data is truncated");
        }
        this.nextAttempt = Math.max(FIRST_ATTEMPT, 2 * (this.fill - this.mark.pos));
        return;
      }
      this.nextAttempt = FIRST_ATTEMPT;
    }
  }

  private bits(n: number): number {
    while (this.bitCount < n) {
      if (this.pos >= this.fill) throw NEED_MORE;
      this.bitBuf = (this.bitBuf << 8) | this.data[this.pos++]!;
      this.bitCount += 8;
    }
    this.bitCount -= n;
    return (this.bitBuf >>> this.bitCount) & ((1 << n) - 1);
  }

  private bit(): number {
    return this.bits(1);
  }

  /**
   * Reads a stream header ("BZh1".."BZh9"). False when there is nothing more to read now: the
   * input is used up, or what follows a complete stream is not another one.
   */
  private streamHeader(): boolean {
    // Streams start on a byte boundary (the previous stream's last byte is padded).
    this.bitCount -= this.bitCount % 8;
    if (this.bitCount === 0 && this.pos >= this.fill) {
      if (!this.final) return false;
      if (this.streams === 0) throw NEED_MORE;
      this.finished = true;
      return false;
    }
    const b = this.bits(8);
    if (this.streams > 0 && b !== 0x42) {
      // After a complete stream, zero padding is skipped and anything else ignored, as bzip2 does.
      if (b === 0) return true;
      this.trailingGarbage = true;
      this.finished = true;
      return false;
    }
    if (b !== 0x42 || this.bits(8) !== 0x5a || this.bits(8) !== 0x68) throw new DecodeError("not bzip2 data (bad magic)");
    const level = this.bits(8) - 0x30;
    if (level < 1 || level > 9) throw new DecodeError("bzip2 header has a bad block size");
    this.blockMax = level * 100000;
    if (this.tt.length < this.blockMax) this.tt = new Uint32Array(this.blockMax);
    this.inStream = true;
    this.streamCrc = 0;
    this.streams++;
    return true;
  }

  /** Reads one block or the end-of-stream marker. */
  private unit(): void {
    const hi = this.bits(24);
    const lo = this.bits(24);
    if (hi === END_MAGIC_HI && lo === END_MAGIC_LO) {
      const crc = ((this.bits(16) << 16) | this.bits(16)) >>> 0;
      if (crc !== this.streamCrc >>> 0) throw new DecodeError("bzip2 stream CRC mismatch (data corrupt)");
      this.inStream = false;
      return;
    }
    if (hi !== BLOCK_MAGIC_HI || lo !== BLOCK_MAGIC_LO) throw new DecodeError("bzip2 data is corrupt (bad block magic)");
    const expectedCrc = ((this.bits(16) << 16) | this.bits(16)) >>> 0;
    const nblock = this.readBlock();
    // The whole block was in the buffer: emit it (output may be far larger than the block).
    const crc = this.emitBlock(nblock);
    if (crc !== expectedCrc) throw new DecodeError("bzip2 block CRC mismatch (data corrupt)");
    this.streamCrc = (((this.streamCrc << 1) | (this.streamCrc >>> 31)) ^ crc) >>> 0;
  }

  /** Reads a block's symbols into `tt` (low byte) and links them for the inverse BWT; returns the block length and leaves `origPtr` set. */
  private origPtr = 0;
  private readBlock(): number {
    if (this.bit()) throw new DecodeError("randomised bzip2 blocks (bzip2 0.9.0) are not supported");
    this.origPtr = this.bits(24);
    // Symbol map: 16 ranges of 16 bytes.
    const used = this.bits(16);
    const seqToUnseq = new Uint8Array(256);
    let nInUse = 0;
    for (let i = 0; i < 16; i++) {
      if (!(used & (0x8000 >>> i))) continue;
      const bitsUsed = this.bits(16);
      for (let j = 0; j < 16; j++) if (bitsUsed & (0x8000 >>> j)) seqToUnseq[nInUse++] = i * 16 + j;
    }
    if (nInUse === 0) throw new DecodeError("bzip2 block uses no symbols (data corrupt)");
    const alphaSize = nInUse + 2;
    const nGroups = this.bits(3);
    if (nGroups < 2 || nGroups > MAX_GROUPS) throw new DecodeError("bzip2 block has a bad number of Huffman groups");
    const nSelectors = this.bits(15);
    if (nSelectors < 1) throw new DecodeError("bzip2 block has no selectors");
    const selectorsMtf = new Uint8Array(Math.min(nSelectors, MAX_SELECTORS));
    for (let i = 0; i < nSelectors; i++) {
      let j = 0;
      while (this.bit()) if (++j >= nGroups) throw new DecodeError("bzip2 selector out of range");
      // Selectors past 18002 are read and dropped (bzip2 1.0.8 does the same).
      if (i < MAX_SELECTORS) selectorsMtf[i] = j;
    }
    const order = [0, 1, 2, 3, 4, 5];
    const selectors = new Uint8Array(selectorsMtf.length);
    for (let i = 0; i < selectorsMtf.length; i++) {
      let v = selectorsMtf[i]!;
      const tmp = order[v]!;
      for (; v > 0; v--) order[v] = order[v - 1]!;
      order[0] = tmp;
      selectors[i] = tmp;
    }
    const tables: HuffTable[] = [];
    const lengths = new Uint8Array(MAX_ALPHA);
    for (let t = 0; t < nGroups; t++) {
      let curr = this.bits(5);
      for (let s = 0; s < alphaSize; s++) {
        for (;;) {
          if (curr < 1 || curr > MAX_CODE_LEN) throw new DecodeError("bzip2 Huffman code length out of range");
          if (!this.bit()) break;
          curr += this.bit() ? -1 : 1;
        }
        lengths[s] = curr;
      }
      tables.push(huffTable(lengths, alphaSize));
    }

    // Symbols: Huffman → RUNA/RUNB runs and move-to-front → bytes.
    const tt = this.tt;
    const blockMax = this.blockMax;
    const mtf = new Uint8Array(256);
    for (let i = 0; i < 256; i++) mtf[i] = i;
    const counts = new Int32Array(256);
    const eob = nInUse + 1;
    let nblock = 0;
    let groupIndex = -1;
    let groupLeft = 0;
    let table = tables[0]!;
    let runLen = 0;
    let runWeight = 1;
    // The hot loop reads bits through locals (written back at the end; a NEED_MORE rewinds anyway).
    const data = this.data;
    const fill = this.fill;
    let pos = this.pos;
    let bitBuf = this.bitBuf;
    let bitCount = this.bitCount;
    for (;;) {
      if (groupLeft === 0) {
        if (++groupIndex >= selectors.length) throw new DecodeError("bzip2 block runs past its selectors (data corrupt)");
        groupLeft = GROUP_SIZE;
        table = tables[selectors[groupIndex]!]!;
      }
      groupLeft--;
      let len = table.minLen;
      while (bitCount < 24) {
        if (pos >= fill) {
          if (bitCount >= len) break;
          throw NEED_MORE;
        }
        bitBuf = (bitBuf << 8) | data[pos++]!;
        bitCount += 8;
      }
      bitCount -= len;
      let code = (bitBuf >>> bitCount) & ((1 << len) - 1);
      const limit = table.limit;
      while (code > limit[len]!) {
        if (++len > MAX_CODE_LEN) throw new DecodeError("bzip2 Huffman code is invalid (data corrupt)");
        if (bitCount === 0) {
          if (pos >= fill) throw NEED_MORE;
          bitBuf = (bitBuf << 8) | data[pos++]!;
          bitCount = 8;
        }
        bitCount--;
        code = (code << 1) | ((bitBuf >>> bitCount) & 1);
      }
      const index = code - table.base[len]!;
      if (index < 0 || index >= alphaSize) throw new DecodeError("bzip2 Huffman code is invalid (data corrupt)");
      const sym = table.perm[index]!;
      if (sym <= 1) {
        runLen += (sym + 1) * runWeight;
        runWeight <<= 1;
        if (runLen > blockMax) throw new DecodeError("bzip2 run longer than the block (data corrupt)");
        continue;
      }
      if (runLen > 0) {
        if (nblock + runLen > blockMax) throw new DecodeError("bzip2 block longer than its declared size (data corrupt)");
        const b = seqToUnseq[mtf[0]!]!;
        counts[b] = counts[b]! + runLen;
        tt.fill(b, nblock, nblock + runLen);
        nblock += runLen;
        runLen = 0;
        runWeight = 1;
      }
      if (sym === eob) break;
      if (nblock >= blockMax) throw new DecodeError("bzip2 block longer than its declared size (data corrupt)");
      let n = sym - 1;
      const v = mtf[n]!;
      for (; n > 0; n--) mtf[n] = mtf[n - 1]!;
      mtf[0] = v;
      const b = seqToUnseq[v]!;
      counts[b] = counts[b]! + 1;
      tt[nblock++] = b;
    }
    this.pos = pos;
    this.bitBuf = bitBuf;
    this.bitCount = bitCount;
    if (this.origPtr >= nblock) throw new DecodeError("bzip2 block's origin pointer is out of range (data corrupt)");
    // Inverse BWT links: each entry's high 24 bits point to the next position.
    const cftab = new Int32Array(256);
    for (let i = 0, sum = 0; i < 256; i++) {
      cftab[i] = sum;
      sum += counts[i]!;
    }
    for (let i = 0; i < nblock; i++) {
      const b = tt[i]! & 0xff;
      tt[cftab[b]!] = (tt[cftab[b]!]! | (i << 8)) >>> 0;
      cftab[b] = cftab[b]! + 1;
    }
    return nblock;
  }

  /** Walks the inverse BWT and undoes the initial run-length encoding, emitting output in chunks; returns the block's CRC. */
  private emitBlock(nblock: number): number {
    const tt = this.tt;
    const out = this.outBuf;
    let fill = 0;
    let crc = -1;
    let tPos = tt[this.origPtr]! >>> 8;
    let last = -1;
    let run = 0;
    for (let k = 0; k < nblock; k++) {
      tPos = tt[tPos]!;
      const b = tPos & 0xff;
      tPos >>>= 8;
      let reps = 1;
      let v = b;
      if (run === 4) {
        reps = b;
        v = last;
        run = 0;
      } else if (b === last) run++;
      else {
        run = 1;
        last = b;
      }
      for (let j = 0; j < reps; j++) {
        crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ v) & 0xff]!;
        out[fill++] = v;
        if (fill === OUT_CHUNK) {
          this.out(out);
          fill = 0;
        }
      }
    }
    if (fill) this.out(out.subarray(0, fill));
    return ~crc >>> 0;
  }
}
