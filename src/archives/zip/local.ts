import * as zlib from "node:zlib";
import { crc32 } from "../crc32.js";
import { RawInflate } from "../codecs/inflate.js";
import {
  FLAG_DESCRIPTOR,
  LOCAL_HEADER,
  METHOD_STORED,
  SIG_CENTRAL,
  SIG_DESCRIPTOR,
  SIG_END,
  SIG_END64,
  SIG_LOCAL,
  SIG_SPAN00,
  applyZip64,
  decodeName,
  isDirectoryName,
  unreadableReason,
  ZipError,
  type ZipEntryInfo,
  type ZipEvents,
} from "./format.js";

type Sink = { data(chunk: Buffer): void; end(): void };

/** Most output one native inflate call may make (larger entries stream in bounded memory). */
const ONE_SHOT_OUTPUT = 8 << 20;

const DESCRIPTOR_SIG = Buffer.from([0x50, 0x4b, 0x07, 0x08]);

const enum State {
  Signature,
  Header,
  Skip,
  Stored,
  Deflate,
  StoredSearch,
  Descriptor,
  Done,
}

/** Limits the local reader applies: members counted, and each inflated byte (both may throw a LimitError). */
export interface LocalLimits {
  entry(): void;
  expanded(n: number): void;
  maxRatio: number;
  ratioFloor: number;
}

/**
 * Reads a zip front to back by its local headers, for archives too large to hold in memory:
 * stored and deflated entries (with or without data descriptors, ZIP64 sizes), CRC-32 checked.
 * Encrypted and otherwise unreadable entries are reported and skipped when their size is known;
 * when it is not (a data descriptor hides it) the rest of the archive cannot be found and reading
 * stops with a note. Reading ends at the central directory.
 */
export class LocalZipReader {
  private state = State.Signature;
  private carry = Buffer.alloc(0);
  private offset = 0;
  private entry: ZipEntryInfo | undefined;
  private sink: Sink | undefined;
  private zip64 = false;
  private remaining = 0;
  private inflate: RawInflate | undefined;
  private crc = 0;
  private produced = 0;
  private consumed = 0;
  private first = true;
  /** The current entry is unreadable: its bytes are skipped, not checked. */
  private skipping = false;
  /** Entries read so far. */
  entries = 0;

  constructor(
    private readonly events: ZipEvents,
    private readonly limits: LocalLimits,
  ) {}

  get done(): boolean {
    return this.state === State.Done;
  }

  write(chunk: Buffer): void {
    let buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    while (buf.length && this.state !== State.Done) {
      const used = this.step(buf);
      if (used < 0) {
        // Needs more bytes than `buf` holds: keep them for the next write.
        this.carry = Buffer.from(buf);
        return;
      }
      this.offset += used;
      buf = buf.subarray(used);
    }
  }

  /** No more input: throws ZipError when the archive was cut off inside an entry or header. */
  end(): void {
    if (this.state === State.Done || (this.state === State.Signature && this.carry.length === 0)) {
      if (this.state === State.Signature && !this.first) this.events.problem("archive ends without a central directory (truncated?)");
      return;
    }
    const name = this.entry?.name;
    this.abort();
    throw new ZipError(name !== undefined ? `archive is truncated inside entry ${JSON.stringify(name)}` : `archive is truncated (inside a header at byte ${this.offset})`);
  }

  /** Processes the start of `buf`: returns bytes used, or -1 when more are needed first. */
  private step(buf: Buffer): number {
    switch (this.state) {
      case State.Signature: {
        if (buf.length < 4) return -1;
        const sig = buf.readUInt32LE(0);
        if (sig === SIG_LOCAL) {
          this.state = State.Header;
          return 0;
        }
        if (this.first && (sig === SIG_DESCRIPTOR || sig === SIG_SPAN00)) {
          this.first = false;
          return 4;
        }
        if (sig === SIG_CENTRAL || sig === SIG_END || sig === SIG_END64) {
          this.state = State.Done;
          return 0;
        }
        this.state = State.Done;
        throw new ZipError(`no zip header at byte ${this.offset} (corrupt)`);
      }
      case State.Header:
        return this.header(buf);
      case State.Skip: {
        const n = Math.min(this.remaining, buf.length);
        this.remaining -= n;
        if (this.remaining === 0) this.afterData();
        return n;
      }
      case State.Stored: {
        const n = Math.min(this.remaining, buf.length);
        this.feed(buf.subarray(0, n));
        this.remaining -= n;
        if (this.remaining === 0) this.afterData();
        return n;
      }
      case State.Deflate: {
        if (!this.inflate) {
          const used = this.oneShot(buf);
          if (used >= 0) return used;
          this.inflate = this.streamingInflate();
        }
        this.consumed += buf.length;
        const used = this.inflate.write(buf);
        if (this.inflate!.done) {
          this.consumed -= buf.length - used;
          this.afterData();
        }
        return used;
      }
      case State.StoredSearch:
        return this.storedSearch(buf);
      case State.Descriptor:
        return this.descriptor(buf);
      case State.Done:
        return buf.length;
    }
  }

  private header(buf: Buffer): number {
    if (buf.length < LOCAL_HEADER) return -1;
    const nameLen = buf.readUInt16LE(26);
    const extraLen = buf.readUInt16LE(28);
    const total = LOCAL_HEADER + nameLen + extraLen;
    if (buf.length < total) return -1;
    this.first = false;
    const flags = buf.readUInt16LE(6);
    const method = buf.readUInt16LE(8);
    const fields = { compressedSize: buf.readUInt32LE(18), size: buf.readUInt32LE(22) };
    const name = decodeName(buf.subarray(LOCAL_HEADER, LOCAL_HEADER + nameLen), flags);
    this.zip64 = applyZip64(buf.subarray(LOCAL_HEADER + nameLen, total), fields);
    const info: ZipEntryInfo = { name, flags, method, crc: buf.readUInt32LE(14), compressedSize: fields.compressedSize, size: fields.size };
    const descriptor = (flags & FLAG_DESCRIPTOR) !== 0;
    if (descriptor) info.sizeUnknown = true;
    this.entry = info;
    this.crc = 0;
    this.produced = 0;
    this.consumed = 0;
    this.entries++;
    const why = unreadableReason(flags, method);
    this.skipping = why !== undefined;
    if (why) {
      this.events.unreadable(name, why);
      if (descriptor && info.compressedSize === 0) {
        // Neither the size nor a way to find the end: the rest of the archive is lost.
        this.state = State.Done;
        this.events.problem(`cannot find where ${JSON.stringify(name)} ends (its size is in a data descriptor after it): the rest of the archive is not read`);
        return total;
      }
      // Some writers fill in the sizes although a descriptor follows (Info-ZIP when encrypting).
      this.remaining = info.compressedSize;
      this.state = State.Skip;
      return total;
    }
    this.limits.entry();
    this.sink = isDirectoryName(name) && info.size === 0 ? undefined : this.events.entry(info);
    if (method === METHOD_STORED) {
      if (descriptor && info.compressedSize === 0) {
        this.state = State.StoredSearch;
      } else {
        this.remaining = info.compressedSize;
        this.state = State.Stored;
        if (this.remaining === 0) this.afterData();
      }
      return total;
    }
    this.state = State.Deflate;
    return total;
  }

  /**
   * Inflates the entry in one native call when all of it is in `buf` (zlib is ~3× faster than
   * fflate, and says how much input the deflate stream took). Returns the bytes used, or -1 when
   * the entry must stream (it runs past `buf`, or is larger or expands more than one call may).
   */
  private oneShot(buf: Buffer): number {
    const e = this.entry!;
    const known = !e.sizeUnknown;
    if (known && e.compressedSize > buf.length) return -1;
    const input = known ? buf.subarray(0, e.compressedSize) : buf;
    const cap = known ? e.size : Math.min(ONE_SHOT_OUTPUT, Math.max(this.limits.ratioFloor, this.limits.maxRatio * input.length));
    if (cap > ONE_SHOT_OUTPUT) return -1;
    let out: Buffer;
    let used: number;
    try {
      const r = zlib.inflateRawSync(input, { info: true, maxOutputLength: Math.max(1, cap) }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
      out = r.buffer;
      used = r.engine.bytesWritten;
    } catch {
      return -1;
    }
    if (out.length > this.limits.ratioFloor && out.length > this.limits.maxRatio * Math.max(used, 1)) return -1;
    this.limits.expanded(out.length);
    this.crc = crc32(out, 0);
    this.produced = out.length;
    this.consumed = used;
    this.sink?.data(out);
    this.afterData();
    // A known size is where the next header starts, whatever the deflate stream says.
    return known ? e.compressedSize : used;
  }

  private streamingInflate(): RawInflate {
    const name = this.entry!.name;
    return new RawInflate((c) => {
      this.produced += c.length;
      if (this.produced > this.limits.ratioFloor && this.produced > this.limits.maxRatio * Math.max(this.consumed, 1)) {
        throw new ZipError(`${name}: expands more than ${this.limits.maxRatio}× (limit on the expansion ratio; a decompression bomb?): stopped reading the archive`);
      }
      this.limits.expanded(c.length);
      this.crc = crc32(c, this.crc);
      this.sink?.data(c);
    });
  }

  /** Stored bytes of the current entry. */
  private feed(data: Buffer): void {
    this.crc = crc32(data, this.crc);
    this.produced += data.length;
    this.sink?.data(data);
  }

  /**
   * A stored entry with a data descriptor: its end is the first descriptor signature followed by
   * the CRC-32 and size of the bytes before it. Bytes before a candidate are data either way.
   */
  private storedSearch(buf: Buffer): number {
    const at = buf.indexOf(DESCRIPTOR_SIG);
    if (at < 0) {
      // Keep the last bytes: they may start a signature.
      const n = buf.length - Math.min(3, buf.length);
      if (n === 0) return -1;
      this.feed(buf.subarray(0, n));
      return n;
    }
    if (at > 0) {
      this.feed(buf.subarray(0, at));
      return at;
    }
    const need = 4 + (this.zip64 ? 20 : 12);
    if (buf.length < need) return -1;
    const size = this.zip64 ? Number(buf.readBigUInt64LE(8)) : buf.readUInt32LE(8);
    if (buf.readUInt32LE(4) === this.crc >>> 0 && size === (this.zip64 ? this.produced : this.produced % 2 ** 32)) {
      this.entry!.crc = this.crc >>> 0;
      this.entry!.compressedSize = this.entry!.size = this.produced;
      this.finishEntry();
      this.state = State.Signature;
      return need;
    }
    this.feed(buf.subarray(0, 1));
    return 1;
  }

  private descriptor(buf: Buffer): number {
    const sized = this.zip64 ? 20 : 12;
    if (buf.length < 4) return -1;
    const sig = buf.readUInt32LE(0) === SIG_DESCRIPTOR ? 4 : 0;
    if (buf.length < sig + sized) return -1;
    // Without the optional signature, the first field is the CRC: a CRC equal to the signature is vanishingly rare.
    this.entry!.crc = buf.readUInt32LE(sig);
    const size = this.zip64 ? Number(buf.readBigUInt64LE(sig + 12)) : buf.readUInt32LE(sig + 8);
    this.entry!.size = size;
    this.finishEntry();
    this.state = State.Signature;
    return sig + sized;
  }

  /** The entry's data has ended: read its descriptor next, or finish it. */
  private afterData(): void {
    if (this.entry!.flags & FLAG_DESCRIPTOR) {
      this.state = State.Descriptor;
      return;
    }
    this.finishEntry();
    this.state = State.Signature;
  }

  private finishEntry(): void {
    const e = this.entry!;
    this.endEntry();
    if (this.skipping) return;
    const sizeMod = this.zip64 ? this.produced : this.produced % 2 ** 32;
    if (sizeMod !== e.size) this.events.problem(`${e.name}: holds ${this.produced} bytes, but its header says ${e.size} (corrupt)`);
    else if (this.crc >>> 0 !== e.crc >>> 0) this.events.problem(`${e.name}: CRC-32 mismatch (data corrupt)`);
  }

  /** Stops reading (after an error): the entry being read ends with what it had. */
  abort(): void {
    this.endEntry();
    this.state = State.Done;
  }

  private endEntry(): void {
    const sink = this.sink;
    this.sink = undefined;
    this.inflate = undefined;
    sink?.end();
  }
}
