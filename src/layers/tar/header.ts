import { DredgeError } from "../../util/errors.js";

/** Size of a tar block in bytes. */
export const BLOCK = 512;

/** What a tar member is, after GNU/PAX metadata has been folded in. */
export type TarEntryType =
  | "file"
  | "hardlink"
  | "symlink"
  | "directory"
  | "char"
  | "block"
  | "fifo"
  | "other";

/** Raw typeflag-level view of one 512-byte header block. */
export interface RawHeader {
  name: string;
  mode: number;
  size: number;
  typeflag: string;
  linkname: string;
  magic: "ustar" | "gnu" | "v7";
  prefix: string;
  /** GNU old sparse ('S'): size of the file once its holes are restored. */
  realSize?: number;
  /** GNU old sparse: extension headers follow this header. */
  sparseExtended: boolean;
}

export class TarError extends DredgeError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = "TarError";
  }
}

const decoder = new TextDecoder("utf-8", { fatal: false });

function cString(buf: Buffer, start: number, len: number): string {
  const end = start + len;
  let stop = start;
  while (stop < end && buf[stop] !== 0) stop++;
  // Pure ASCII is by far the common case; latin1 is a cheap exact decode for it.
  for (let i = start; i < stop; i++) if (buf[i]! >= 0x80) return decoder.decode(buf.subarray(start, stop));
  return buf.toString("latin1", start, stop);
}

/**
 * Reads a numeric header field: octal ASCII (NUL/space padded), or GNU base-256 when the
 * high bit of the first byte is set. Returns NaN when the field is malformed.
 */
export function readNumber(buf: Buffer, start: number, len: number): number {
  const first = buf[start]!;
  if (first & 0x80) {
    if (first === 0xff) return NaN; // negative base-256: never valid for sizes or modes
    let value = first & 0x7f;
    for (let i = start + 1; i < start + len; i++) {
      value = value * 256 + buf[i]!;
      if (value > Number.MAX_SAFE_INTEGER) return NaN;
    }
    return value;
  }
  let i = start;
  const end = start + len;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0)) i++;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c === 0 || c === 0x20) break;
    if (c < 0x30 || c > 0x37) return NaN;
    value = value * 8 + (c - 0x30);
    digits++;
  }
  return digits === 0 ? 0 : value;
}

/** True when every byte of the block is zero (an end-of-archive marker). */
export function isZeroBlock(buf: Buffer, start = 0): boolean {
  for (let i = start; i < start + BLOCK; i++) if (buf[i] !== 0) return false;
  return true;
}

function checksumOk(buf: Buffer, start: number): boolean {
  const stored = readNumber(buf, start + 148, 8);
  if (Number.isNaN(stored)) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : buf[start + i]!;
    unsigned += b;
    signed += b >= 0x80 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/**
 * Decodes one header block at `start`. Throws a TarError naming `offset` (the block's
 * position in the archive) when the checksum or a numeric field is bad.
 */
export function decodeHeader(buf: Buffer, start: number, offset: number): RawHeader {
  if (!checksumOk(buf, start)) {
    throw new TarError("tar-checksum", `bad tar header checksum at byte ${offset} (not a tar stream, or corrupt)`);
  }
  const size = readNumber(buf, start + 124, 12);
  const mode = readNumber(buf, start + 100, 8);
  if (Number.isNaN(size) || size < 0) throw new TarError("tar-header", `bad size field in tar header at byte ${offset}`);
  const magicBytes = buf.toString("latin1", start + 257, start + 263);
  const version = buf.toString("latin1", start + 263, start + 265);
  const magic = magicBytes === "ustar\0" ? "ustar" : magicBytes === "ustar " && version === " \0" ? "gnu" : "v7";
  const flagByte = buf[start + 156]!;
  const typeflag = flagByte === 0 ? "0" : String.fromCharCode(flagByte);
  const header: RawHeader = {
    name: cString(buf, start, 100),
    mode: Number.isNaN(mode) ? 0 : mode,
    size,
    typeflag,
    linkname: cString(buf, start + 157, 100),
    magic,
    prefix: magic === "ustar" ? cString(buf, start + 345, 155) : "",
    sparseExtended: false,
  };
  if (typeflag === "S" && magic === "gnu") {
    const realSize = readNumber(buf, start + 483, 12);
    if (!Number.isNaN(realSize)) header.realSize = realSize;
    header.sparseExtended = buf[start + 482] !== 0;
  }
  return header;
}

/** Maps a typeflag to the entry type dredge works with. */
export function entryType(typeflag: string): TarEntryType {
  switch (typeflag) {
    case "0":
    case "7":
    case "S":
      return "file";
    case "1":
      return "hardlink";
    case "2":
      return "symlink";
    case "3":
      return "char";
    case "4":
      return "block";
    case "5":
      return "directory";
    case "6":
      return "fifo";
    default:
      return "other";
  }
}

/** Typeflags whose body is metadata for the next header rather than a member. */
export function isMetaType(typeflag: string): boolean {
  return typeflag === "x" || typeflag === "g" || typeflag === "L" || typeflag === "K" || typeflag === "X";
}

/** Members whose body bytes are file content (all others must have no data, or it is skipped). */
export function hasContent(typeflag: string): boolean {
  return typeflag === "0" || typeflag === "7" || typeflag === "S";
}

/** PAX extended header records (`"%d %s=%s\n"`), tolerant of junk: a bad record ends parsing. */
export function parsePax(body: Buffer, offset: number): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < body.length) {
    if (body[pos] === 0) break;
    const space = body.indexOf(0x20, pos);
    if (space < 0) break;
    const len = Number(body.toString("latin1", pos, space));
    if (!Number.isInteger(len) || len <= space - pos || pos + len > body.length) {
      throw new TarError("tar-pax", `malformed PAX header record at byte ${offset + pos}`);
    }
    const record = body.subarray(space + 1, pos + len - 1);
    const eq = record.indexOf(0x3d);
    if (eq > 0) out.set(decoder.decode(record.subarray(0, eq)), decoder.decode(record.subarray(eq + 1)));
    pos += len;
  }
  return out;
}

/** Number of padding bytes after a body of `size` bytes. */
export function padding(size: number): number {
  const rem = size % BLOCK;
  return rem === 0 ? 0 : BLOCK - rem;
}
