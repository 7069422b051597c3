import * as zlib from "node:zlib";
import { crc32 } from "../crc32.js";
import { RawInflate } from "./inflate.js";
import { DecodeError, type ByteOut, type StreamDecoder } from "./types.js";

/** Longest gzip header accepted (FEXTRA, file name, comment): a hostile one could be endless. */
const MAX_HEADER = 64 << 10;

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

const enum State {
  Header,
  Body,
  Trailer,
  Between,
  Done,
}

/**
 * Length of a complete gzip member header at the start of `h`, 0 when more bytes are needed.
 * Throws DecodeError when it is not a gzip header.
 */
function headerLength(h: Buffer): number {
  if (h.length < 10) return 0;
  if (h[0] !== 0x1f || h[1] !== 0x8b) throw new DecodeError("not gzip data (bad magic)");
  if (h[2] !== 8) throw new DecodeError(`gzip compression method ${h[2]} is not deflate`);
  const flags = h[3]!;
  if (flags & 0xe0) throw new DecodeError("gzip header has reserved flags set");
  let pos = 10;
  if (flags & FEXTRA) {
    if (h.length < pos + 2) return 0;
    pos += 2 + h.readUInt16LE(pos);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    if (h.length <= pos) return 0;
    const nul = h.indexOf(0, pos);
    if (nul < 0) return 0;
    pos = nul + 1;
  }
  if (flags & FHCRC) pos += 2;
  return h.length >= pos ? pos : 0;
}

/** The FNAME field of a complete header, if any (latin-1, as RFC 1952 says). */
function headerName(h: Buffer): string | undefined {
  const flags = h[3]!;
  if (!(flags & FNAME)) return undefined;
  let pos = 10;
  if (flags & FEXTRA) pos += 2 + h.readUInt16LE(pos);
  const nul = h.indexOf(0, pos);
  const name = h.toString("latin1", pos, nul);
  return name || undefined;
}

/**
 * gzip (RFC 1952) as a synchronous push decoder: every member of a multi-member file, each
 * member's CRC-32 and length checked. `name` is the first member's FNAME once its header is read.
 */
export class GunzipDecoder implements StreamDecoder {
  private state = State.Header;
  private pending = Buffer.alloc(0);
  private inflate: RawInflate | undefined;
  private crc = 0;
  private size = 0;
  /** Name stored in the first member's header. */
  name: string | undefined;
  private members = 0;
  /** Bytes after the last member that are not another member (ignored, as gzip does). */
  trailingGarbage = false;

  constructor(private readonly out: ByteOut) {}

  write(chunk: Buffer): void {
    let buf = chunk;
    while (buf.length && this.state !== State.Done) {
      switch (this.state) {
        case State.Header: {
          this.pending = this.pending.length ? Buffer.concat([this.pending, buf]) : Buffer.from(buf);
          buf = Buffer.alloc(0);
          const n = headerLength(this.pending);
          if (n === 0) {
            if (this.pending.length > MAX_HEADER) throw new DecodeError(`gzip header longer than ${MAX_HEADER} bytes`);
            break;
          }
          if (this.members === 0) this.name = headerName(this.pending);
          this.members++;
          buf = this.pending.subarray(n);
          this.pending = Buffer.alloc(0);
          this.crc = 0;
          this.size = 0;
          this.inflate = new RawInflate((c) => {
            this.crc = crc32(c, this.crc);
            this.size += c.length;
            this.out(c);
          });
          this.state = State.Body;
          break;
        }
        case State.Body: {
          const used = this.inflate!.write(buf);
          buf = buf.subarray(used);
          if (this.inflate!.done) this.state = State.Trailer;
          break;
        }
        case State.Trailer: {
          const need = 8 - this.pending.length;
          this.pending = Buffer.concat([this.pending, buf.subarray(0, need)]);
          buf = buf.subarray(need);
          if (this.pending.length < 8) break;
          const crc = this.pending.readUInt32LE(0);
          const isize = this.pending.readUInt32LE(4);
          this.pending = Buffer.alloc(0);
          if (crc !== this.crc >>> 0) throw new DecodeError(`gzip member ${this.members}: CRC-32 mismatch (data corrupt)`);
          if (isize !== this.size % 2 ** 32) throw new DecodeError(`gzip member ${this.members}: length mismatch (data corrupt)`);
          this.state = State.Between;
          break;
        }
        case State.Between: {
          // Another member, zero padding (some tools pad to a block), or garbage gzip ignores.
          const nz = buf.findIndex((b) => b !== 0);
          if (nz < 0) {
            buf = Buffer.alloc(0);
            break;
          }
          if (nz === 0 && buf[0] === 0x1f) {
            this.state = State.Header;
            break;
          }
          this.trailingGarbage = true;
          this.state = State.Done;
          break;
        }
      }
    }
  }

  end(): void {
    if (this.state === State.Header) {
      if (this.members === 0) throw new DecodeError("gzip data is truncated (inside the header)");
      if (this.pending.length) throw new DecodeError("gzip data is truncated (inside a member header)");
      return;
    }
    if (this.state === State.Body) throw new DecodeError("gzip data is truncated (inside the compressed data)");
    if (this.state === State.Trailer) throw new DecodeError("gzip data is truncated (inside the trailer)");
  }
}

/** gzip files up to this size (compressed) are inflated in one native call: zlib is ~3× faster than streaming fflate. */
export const ONE_SHOT_INPUT = 1 << 20;
/** …as long as they inflate to at most this (else they stream, in bounded memory). */
const ONE_SHOT_OUTPUT = 16 << 20;
/** One-shot output is handed on in slices of this size. */
const SLICE = 1 << 20;

/**
 * A small gzip file, held until its end and inflated in one native call with a cap on the
 * output; anything unusual (corrupt, truncated, more output than `maxOutput`) is decoded again by
 * the streaming GunzipDecoder, which says what is wrong and stops where a limit says.
 */
export class BufferedGunzip implements StreamDecoder {
  private parts: Buffer[] = [];
  private size = 0;
  private stream: GunzipDecoder | undefined;
  private headerName: string | undefined;

  constructor(
    private readonly out: ByteOut,
    private readonly maxOutput: number,
  ) {}

  get name(): string | undefined {
    return this.stream ? this.stream.name : this.headerName;
  }

  write(chunk: Buffer): void {
    this.parts.push(Buffer.from(chunk));
    this.size += chunk.length;
  }

  end(): void {
    const input = Buffer.concat(this.parts, this.size);
    this.parts = [];
    let output: Buffer | undefined;
    try {
      output = zlib.gunzipSync(input, { maxOutputLength: Math.max(1, Math.min(ONE_SHOT_OUTPUT, this.maxOutput)) });
      if (headerLength(input) > 0) this.headerName = headerName(input);
    } catch {
      output = undefined;
    }
    if (output) {
      for (let p = 0; p < output.length; p += SLICE) this.out(output.subarray(p, p + SLICE));
      return;
    }
    this.stream = new GunzipDecoder(this.out);
    this.stream.write(input);
    this.stream.end();
  }
}
