import { readNumber } from "../layers/tar/header.js";

/** Archive and compression formats recognised inside layers. */
export type ArchiveFormat = "zip" | "tar" | "gzip" | "bzip2" | "xz" | "zstd";

/** Formats whose content is one compressed stream. */
export type StreamFormat = "gzip" | "bzip2" | "xz" | "zstd";

/** Bytes a sniff needs to tell every format apart (a tar header block). */
export const SNIFF_BYTES = 512;

/** Files smaller than this are no archive (an empty zip is 22 bytes, the least gzip 18). */
export const MIN_ARCHIVE_BYTES = 14;

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (head[at + i] !== bytes[i]) return false;
  return true;
}

const PK_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const PK_END = [0x50, 0x4b, 0x05, 0x06];
const PK_SPAN = [0x50, 0x4b, 0x07, 0x08];
const PK_SPAN00 = [0x50, 0x4b, 0x30, 0x30];
const BZ_BLOCK = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];
const BZ_END = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90];

/** True when a 512-byte block is a tar header: the ustar magic, or (old v7 tar) a valid checksum. */
export function isTarHeader(head: Uint8Array): boolean {
  if (head.length < SNIFF_BYTES) return false;
  const b = Buffer.from(head.buffer, head.byteOffset, SNIFF_BYTES);
  if (b[0] === 0) return false;
  const stored = readNumber(b, 148, 8);
  if (!Number.isFinite(stored)) return false;
  let sum = 0;
  for (let i = 0; i < SNIFF_BYTES; i++) sum += i >= 148 && i < 156 ? 0x20 : b[i]!;
  if (sum !== stored) return false;
  // The checksum holds: a ustar/GNU magic settles it; a v7 header must also have a sane size.
  if (startsWith(b, [0x75, 0x73, 0x74, 0x61, 0x72], 257)) return true;
  return Number.isFinite(readNumber(b, 124, 12));
}

/**
 * The format of a file from its first bytes (up to SNIFF_BYTES; fewer when the file is shorter),
 * never from its name. Undefined for anything else.
 */
export function sniffFormat(head: Uint8Array): ArchiveFormat | undefined {
  if (startsWith(head, PK_LOCAL) || startsWith(head, PK_END)) return "zip";
  // A split-archive marker left on a single-part zip.
  if ((startsWith(head, PK_SPAN) || startsWith(head, PK_SPAN00)) && startsWith(head, PK_LOCAL, 4)) return "zip";
  if (startsWith(head, [0x1f, 0x8b, 0x08])) return "gzip";
  if (startsWith(head, [0x42, 0x5a, 0x68]) && head.length >= 10 && head[3]! >= 0x31 && head[3]! <= 0x39) {
    if (startsWith(head, BZ_BLOCK, 4) || startsWith(head, BZ_END, 4)) return "bzip2";
  }
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return "xz";
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return "zstd";
  if (isTarHeader(head)) return "tar";
  return undefined;
}
