/** Zip structures (PKWARE APPNOTE 6.3.10): signatures, headers, ZIP64 extras, names. */

/** A zip whose structure cannot be read (further). */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipError";
  }
}

export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_END = 0x06054b50;
export const SIG_END64 = 0x06064b50;
export const SIG_END64_LOCATOR = 0x07064b50;
export const SIG_DESCRIPTOR = 0x08074b50;
/** "PK00": the marker a single-part archive of a split set may start with. */
export const SIG_SPAN00 = 0x30304b50;

export const LOCAL_HEADER = 30;
export const CENTRAL_HEADER = 46;
export const END_RECORD = 22;

export const FLAG_ENCRYPTED = 1 << 0;
export const FLAG_DESCRIPTOR = 1 << 3;
export const FLAG_STRONG_ENCRYPTION = 1 << 6;
export const FLAG_UTF8 = 1 << 11;

export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;

const METHOD_NAMES: Record<number, string> = {
  1: "shrink",
  6: "implode",
  9: "deflate64",
  12: "bzip2",
  14: "LZMA",
  19: "LZ77",
  93: "zstd",
  95: "xz",
  96: "JPEG",
  97: "WavPack",
  98: "PPMd",
  99: "AES encryption",
};

/** A compression method's name for notes. */
export function methodName(method: number): string {
  return METHOD_NAMES[method] ?? `method ${method}`;
}

/** What both zip readers learn about an entry. */
export interface ZipEntryInfo {
  /** The name as stored (never resolved against anything). */
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Set when `size` is not known before the data (a data descriptor after it holds it). */
  sizeUnknown?: boolean;
}

/** Receives what a zip reader finds. */
export interface ZipEvents {
  /** A readable entry starts: a sink for its content, or undefined to skip it. */
  entry(info: ZipEntryInfo): { data(chunk: Buffer): void; end(): void } | undefined;
  /** An entry that cannot be read (encrypted, an unsupported method, cut off). */
  unreadable(name: string, why: string): void;
  /** Something wrong that reading went past (bad CRC, headers that disagree). */
  problem(message: string): void;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** An entry name: UTF-8 when flagged or valid, otherwise bytes as latin-1 (never lost, never resolved). */
export function decodeName(bytes: Uint8Array, flags: number): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  try {
    return utf8.decode(bytes);
  } catch {
    void flags;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  }
}

/** A 64-bit little-endian size as a number (throws past 2^53: no real archive is that big). */
export function readU64(buf: Buffer, at: number): number {
  const lo = buf.readUInt32LE(at);
  const hi = buf.readUInt32LE(at + 4);
  if (hi >= 0x200000) throw new ZipError("a ZIP64 size or offset beyond 2^53 bytes (corrupt)");
  return hi * 2 ** 32 + lo;
}

/** Sizes and offset from a ZIP64 extra field (0x0001), for the fields whose 32-bit value is 0xFFFFFFFF. */
export function applyZip64(extra: Buffer, fields: { size: number; compressedSize: number; offset?: number }): boolean {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    const body = p + 4;
    if (body + len > extra.length) return false;
    if (id === 0x0001) {
      let q = body;
      const take = (): number | undefined => {
        if (q + 8 > body + len) return undefined;
        const v = readU64(extra, q);
        q += 8;
        return v;
      };
      if (fields.size === 0xffffffff) fields.size = take() ?? fields.size;
      if (fields.compressedSize === 0xffffffff) fields.compressedSize = take() ?? fields.compressedSize;
      if (fields.offset === 0xffffffff) fields.offset = take() ?? fields.offset;
      return true;
    }
    p = body + len;
  }
  return false;
}

/** Why an entry cannot be read, or undefined when it can (stored or deflate, not encrypted). */
export function unreadableReason(flags: number, method: number): string | undefined {
  if (flags & FLAG_ENCRYPTED || method === 99) return "encrypted";
  if (method !== METHOD_STORED && method !== METHOD_DEFLATE) return `compressed with ${methodName(method)}, which dredge does not read`;
  return undefined;
}

/** Zip entry names that are directories. */
export function isDirectoryName(name: string): boolean {
  return name.endsWith("/") || name.endsWith("\\");
}
