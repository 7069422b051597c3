import { DecodeError, type ByteOut } from "./types.js";

/*
 * The LZMA decoder that LZMA2 (the xz format's filter) drives, written from the LZMA
 * specification (Igor Pavlov's lzma-specification.txt) and xz-embedded's structure. LZMA2 gives
 * each chunk's compressed and uncompressed sizes, so a chunk is decoded only when its whole
 * compressed data is buffered: the decoder never has to stop mid-symbol.
 */

const NUM_STATES = 12;
const POS_STATES_MAX = 16;
const MATCH_LEN_MIN = 2;
const DIST_STATES = 4;
const DIST_SLOTS = 64;
const DIST_MODEL_START = 4;
const DIST_MODEL_END = 14;
const FULL_DISTANCES = 128;
const ALIGN_BITS = 4;
const LITERAL_CODER_SIZE = 0x300;

// Offsets of each probability group in one Uint16Array.
const IS_MATCH = 0;
const IS_REP = IS_MATCH + NUM_STATES * POS_STATES_MAX;
const IS_REP0 = IS_REP + NUM_STATES;
const IS_REP1 = IS_REP0 + NUM_STATES;
const IS_REP2 = IS_REP1 + NUM_STATES;
const IS_REP0_LONG = IS_REP2 + NUM_STATES;
const DIST_SLOT = IS_REP0_LONG + NUM_STATES * POS_STATES_MAX;
const DIST_SPECIAL = DIST_SLOT + DIST_STATES * DIST_SLOTS;
const DIST_ALIGN = DIST_SPECIAL + FULL_DISTANCES - DIST_MODEL_END;
const LEN_SIZE = 2 + POS_STATES_MAX * 8 * 2 + 256;
const MATCH_LEN = DIST_ALIGN + (1 << ALIGN_BITS);
const REP_LEN = MATCH_LEN + LEN_SIZE;
const LITERAL = REP_LEN + LEN_SIZE;
// Within a length coder.
const LEN_CHOICE = 0;
const LEN_CHOICE2 = 1;
const LEN_LOW = 2;
const LEN_MID = LEN_LOW + POS_STATES_MAX * 8;
const LEN_HIGH = LEN_MID + POS_STATES_MAX * 8;

const TOP = 1 << 24;

/** The most window memory one decoder may take; a stream whose distances need more is refused. */
export const MAX_WINDOW = 64 << 20;

/** LZMA state shared across LZMA2 chunks: window, probabilities, literal/position parameters. */
export class LzmaDecoder {
  private probs = new Uint16Array(LITERAL + LITERAL_CODER_SIZE * 16);
  private lc = 0;
  private lp = 0;
  private pb = 0;
  private state = 0;
  private rep0 = 0;
  private rep1 = 0;
  private rep2 = 0;
  private rep3 = 0;
  /** The window: `win[0, pos)` holds the latest output (and, once wrapped, `win[pos, size)` older output). */
  private win = new Uint8Array(0);
  private pos = 0;
  private wrapped = false;
  /** Bytes decoded since the last dictionary reset (for position states and distance checks). */
  private total = 0;
  /** Window position from which output has not been emitted yet. */
  private emitFrom = 0;
  private readonly windowMax: number;

  // Range decoder over the current chunk.
  private input: Uint8Array = new Uint8Array(0);
  private inPos = 0;
  private inEnd = 0;
  private range = 0;
  private code = 0;

  constructor(
    dictSize: number,
    private readonly out: ByteOut,
  ) {
    this.windowMax = Math.max(4096, Math.min(dictSize, MAX_WINDOW));
  }

  /** Sets lc/lp/pb from an LZMA properties byte; throws on values LZMA2 does not allow. */
  setProps(props: number): void {
    if (props > (4 * 5 + 4) * 9 + 8) throw new DecodeError("xz: bad LZMA properties");
    this.lc = props % 9;
    props = Math.floor(props / 9);
    this.lp = props % 5;
    this.pb = Math.floor(props / 5);
    if (this.lc + this.lp > 4) throw new DecodeError("xz: bad LZMA properties (lc + lp > 4)");
  }

  resetDict(): void {
    this.pos = 0;
    this.emitFrom = 0;
    this.wrapped = false;
    this.total = 0;
  }

  resetState(): void {
    this.probs.fill(1024);
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
  }

  /** An uncompressed LZMA2 chunk: copied into the window and emitted. */
  copy(data: Uint8Array): void {
    for (let i = 0; i < data.length; i++) {
      if (this.pos === this.win.length) this.makeRoom();
      this.win[this.pos++] = data[i]!;
    }
    this.total += data.length;
    this.emit();
  }

  /** Decodes one LZMA chunk: `input[start, end)` holds its range-coded data, `outSize` bytes come out. */
  decode(input: Uint8Array, start: number, end: number, outSize: number): void {
    this.input = input;
    this.inPos = start;
    this.inEnd = end;
    if (end - start < 5 || input[start] !== 0) throw new DecodeError("xz: LZMA chunk is corrupt (range coder start)");
    this.code = ((input[start + 1]! << 24) | (input[start + 2]! << 16) | (input[start + 3]! << 8) | input[start + 4]!) >>> 0;
    this.range = 0xffffffff;
    this.inPos = start + 5;

    const pbMask = (1 << this.pb) - 1;
    const lpMask = (1 << this.lp) - 1;
    const lc = this.lc;
    const stop = this.total + outSize;
    while (this.total < stop) {
      const posState = this.total & pbMask;
      const state = this.state;
      if (this.bit(IS_MATCH + (state << 4) + posState) === 0) {
        // Literal.
        const prev = this.total > 0 ? this.byteBack(1) : 0;
        const base = LITERAL + LITERAL_CODER_SIZE * (((this.total & lpMask) << lc) + (prev >>> (8 - lc)));
        let sym = 1;
        if (state >= 7) {
          let matchByte = this.byteBack(this.rep0 + 1);
          do {
            const matchBit = (matchByte >>> 7) & 1;
            matchByte <<= 1;
            const b = this.bit(base + ((1 + matchBit) << 8) + sym);
            sym = (sym << 1) | b;
            if (matchBit !== b) break;
          } while (sym < 0x100);
        }
        while (sym < 0x100) sym = (sym << 1) | this.bit(base + sym);
        this.put(sym & 0xff);
        this.state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let len: number;
      if (this.bit(IS_REP + state) === 0) {
        // A match with a new distance.
        this.rep3 = this.rep2;
        this.rep2 = this.rep1;
        this.rep1 = this.rep0;
        len = this.length(MATCH_LEN, posState);
        this.state = state < 7 ? 7 : 10;
        this.rep0 = this.distance(len);
        if (this.rep0 === 0xffffffff) throw new DecodeError("xz: LZMA end marker inside LZMA2 data (corrupt)");
      } else {
        if (this.bit(IS_REP0 + state) === 0) {
          if (this.bit(IS_REP0_LONG + (state << 4) + posState) === 0) {
            // Short rep: one byte at distance rep0.
            this.state = state < 7 ? 9 : 11;
            this.checkDistance(this.rep0);
            this.put(this.byteBack(this.rep0 + 1));
            continue;
          }
        } else {
          let dist: number;
          if (this.bit(IS_REP1 + state) === 0) {
            dist = this.rep1;
          } else {
            if (this.bit(IS_REP2 + state) === 0) {
              dist = this.rep2;
            } else {
              dist = this.rep3;
              this.rep3 = this.rep2;
            }
            this.rep2 = this.rep1;
          }
          this.rep1 = this.rep0;
          this.rep0 = dist;
        }
        len = this.length(REP_LEN, posState);
        this.state = state < 7 ? 8 : 11;
      }
      this.checkDistance(this.rep0);
      if (this.total + len > stop) throw new DecodeError("xz: LZMA match runs past its chunk (corrupt)");
      const back = this.rep0 + 1;
      for (let i = 0; i < len; i++) this.put(this.byteBack(back));
    }
    this.emit();
  }

  private checkDistance(dist: number): void {
    if (dist >= this.total || dist >= this.windowMax) {
      throw new DecodeError(dist < this.total ? `xz: LZMA distance beyond the ${MAX_WINDOW >> 20} MiB window dredge allows` : "xz: LZMA distance before the start of the data (corrupt)");
    }
  }

  /** The byte `back` positions behind the write position (1 = the last byte written). */
  private byteBack(back: number): number {
    let i = this.pos - back;
    if (i < 0) i += this.win.length;
    return this.win[i]!;
  }

  private put(b: number): void {
    if (this.pos === this.win.length) this.makeRoom();
    this.win[this.pos++] = b;
    this.total++;
  }

  /** The window is full: grow it while under its limit, else emit and wrap to the start. */
  private makeRoom(): void {
    if (this.win.length < this.windowMax && !this.wrapped) {
      const grown = new Uint8Array(Math.min(this.windowMax, Math.max(64 << 10, this.win.length * 2)));
      grown.set(this.win);
      this.win = grown;
      return;
    }
    this.emit();
    this.pos = 0;
    this.emitFrom = 0;
    this.wrapped = true;
  }

  private emit(): void {
    if (this.pos > this.emitFrom) {
      const w = this.win;
      this.out(Buffer.from(w.buffer, w.byteOffset + this.emitFrom, this.pos - this.emitFrom));
    }
    this.emitFrom = this.pos;
  }

  private normalize(): void {
    if (this.range < TOP) {
      if (this.inPos >= this.inEnd) throw new DecodeError("xz: LZMA chunk is corrupt (data ends early)");
      this.range = (this.range << 8) >>> 0;
      this.code = ((this.code << 8) | this.input[this.inPos++]!) >>> 0;
    }
  }

  private bit(i: number): number {
    this.normalize();
    const p = this.probs[i]!;
    const bound = (this.range >>> 11) * p;
    if (this.code < bound) {
      this.range = bound;
      this.probs[i] = p + ((2048 - p) >>> 5);
      return 0;
    }
    this.range -= bound;
    this.code -= bound;
    this.probs[i] = p - (p >>> 5);
    return 1;
  }

  private tree(base: number, limit: number): number {
    let sym = 1;
    do sym = (sym << 1) | this.bit(base + sym);
    while (sym < limit);
    return sym - limit;
  }

  private reverseTree(base: number, bits: number): number {
    let sym = 1;
    let out = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(base + sym);
      sym = (sym << 1) | b;
      out |= b << i;
    }
    return out;
  }

  private direct(bits: number): number {
    let out = 0;
    for (let i = 0; i < bits; i++) {
      this.normalize();
      this.range >>>= 1;
      let b = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        b = 1;
      }
      out = ((out << 1) | b) >>> 0;
    }
    return out;
  }

  /** A match length (at least MATCH_LEN_MIN). */
  private length(base: number, posState: number): number {
    if (this.bit(base + LEN_CHOICE) === 0) return MATCH_LEN_MIN + this.tree(base + LEN_LOW + posState * 8, 8);
    if (this.bit(base + LEN_CHOICE2) === 0) return MATCH_LEN_MIN + 8 + this.tree(base + LEN_MID + posState * 8, 8);
    return MATCH_LEN_MIN + 16 + this.tree(base + LEN_HIGH, 256);
  }

  /** A match distance (0 = the previous byte) for a match of `len`. */
  private distance(len: number): number {
    const lenState = Math.min(len - MATCH_LEN_MIN, DIST_STATES - 1);
    const slot = this.tree(DIST_SLOT + lenState * DIST_SLOTS, DIST_SLOTS);
    if (slot < DIST_MODEL_START) return slot;
    const limit = (slot >>> 1) - 1;
    let dist = (2 | (slot & 1)) * 2 ** limit;
    if (slot < DIST_MODEL_END) return dist + this.reverseTree(DIST_SPECIAL + dist - slot - 1, limit);
    dist += this.direct(limit - ALIGN_BITS) * 16;
    return (dist + this.reverseTree(DIST_ALIGN, ALIGN_BITS)) >>> 0;
  }
}
