import * as zlib from "node:zlib";
import { crc32 } from "../crc32.js";
import { RawInflate } from "../codecs/inflate.js";
import { DecodeError } from "../codecs/types.js";
import {
  CENTRAL_HEADER,
  END_RECORD,
  LOCAL_HEADER,
  METHOD_STORED,
  SIG_CENTRAL,
  SIG_END,
  SIG_END64,
  SIG_END64_LOCATOR,
  SIG_LOCAL,
  applyZip64,
  decodeName,
  isDirectoryName,
  readU64,
  unreadableReason,
  ZipError,
  type ZipEntryInfo,
  type ZipEvents,
} from "./format.js";

export { ZipError };

/** An entry as the central directory lists it. */
export interface CentralEntry extends ZipEntryInfo {
  /** Offset of its local header in the buffer (archive offset plus any prefix). */
  localOffset: number;
}

/** The central directory of an archive held in memory. */
export interface CentralDirectory {
  entries: CentralEntry[];
  /** Bytes before the archive proper (a launch script or self-extractor stub). */
  prefix: number;
  problems: string[];
}

const MAX_COMMENT = 0xffff;

/** Finds the end-of-central-directory record: the last one whose comment fits the buffer. */
function findEnd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - END_RECORD - MAX_COMMENT);
  for (let p = buf.length - END_RECORD; p >= stop; p--) {
    if (buf[p] === 0x50 && buf.readUInt32LE(p) === SIG_END && p + END_RECORD + buf.readUInt16LE(p + 20) <= buf.length) return p;
  }
  return -1;
}

/** Reads the central directory (the authoritative list of entries) of a whole archive in `buf`. */
export function readCentralDirectory(buf: Buffer): CentralDirectory {
  const end = findEnd(buf);
  if (end < 0) throw new ZipError("no end-of-central-directory record (not a zip, or truncated)");
  const problems: string[] = [];
  if (buf.readUInt16LE(end + 4) !== 0 || buf.readUInt16LE(end + 6) !== 0) throw new ZipError("multi-disk (split) zip archives are not read");
  let count = buf.readUInt16LE(end + 10);
  let cdSize = buf.readUInt32LE(end + 12);
  let cdOffset = buf.readUInt32LE(end + 16);
  let cdEnd = end;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = end - 20;
    if (loc >= 0 && buf.readUInt32LE(loc) === SIG_END64_LOCATOR) {
      const rec = readU64(buf, loc + 8);
      // The record's offset is relative to the archive; a prefix shifts it.
      const candidates = [rec, loc - 56];
      const at = candidates.find((c) => c >= 0 && c + 56 <= buf.length && buf.readUInt32LE(c) === SIG_END64);
      if (at === undefined) throw new ZipError("ZIP64 end-of-central-directory record not found (corrupt)");
      count = readU64(buf, at + 32);
      cdSize = readU64(buf, at + 40);
      cdOffset = readU64(buf, at + 48);
      cdEnd = at;
    }
  }
  // Anything between where the directory should end and where it does end is a prefix.
  const prefix = cdEnd - (cdOffset + cdSize);
  if (prefix < 0) throw new ZipError("central directory lies outside the archive (truncated or corrupt)");
  const entries: CentralEntry[] = [];
  let p = cdOffset + prefix;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_HEADER > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) {
      problems.push(`central directory lists ${count} entries but only ${i} could be read (corrupt)`);
      break;
    }
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const fields: { size: number; compressedSize: number; offset?: number } = {
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    };
    const nameStart = p + CENTRAL_HEADER;
    if (nameStart + nameLen + extraLen > buf.length) {
      problems.push(`central directory entry ${i + 1} runs past the archive (corrupt)`);
      break;
    }
    const name = decodeName(buf.subarray(nameStart, nameStart + nameLen), flags);
    applyZip64(buf.subarray(nameStart + nameLen, nameStart + nameLen + extraLen), fields);
    entries.push({ name, flags, method, crc, compressedSize: fields.compressedSize, size: fields.size, localOffset: fields.offset! + prefix });
    p = nameStart + nameLen + extraLen + commentLen;
  }
  return { entries, prefix, problems };
}

/** What reading entries may do beyond the zip format: limits, and where output goes. */
export interface EntryLimits {
  /** Called before each entry (counts members; throws a LimitError past the limit). */
  entry(): void;
  /** Decompression produced `n` more bytes (throws a LimitError past a limit). */
  expanded(n: number): void;
  maxRatio: number;
  ratioFloor: number;
}

/** Entries up to this size are inflated in one native call; larger ones stream through fflate in bounded memory. */
const ONE_SHOT_MAX = 8 << 20;

/**
 * Reads every entry the central directory lists, in archive order, from `buf`: checks each local
 * header against the directory, skips entries whose bytes overlap another's (the overlapping
 * zip bomb), reports encrypted and unsupported entries, inflates the rest, checks their CRC-32.
 */
export function readEntries(buf: Buffer, cd: CentralDirectory, events: ZipEvents, limits: EntryLimits): void {
  for (const p of cd.problems) events.problem(p);
  const located: { e: CentralEntry; dataStart: number; dataEnd: number }[] = [];
  let mismatched = 0;
  for (const e of cd.entries) {
    const at = e.localOffset;
    if (at < 0 || at + LOCAL_HEADER > buf.length || buf.readUInt32LE(at) !== SIG_LOCAL) {
      events.unreadable(e.name, "its local header is missing (corrupt or truncated)");
      continue;
    }
    const nameLen = buf.readUInt16LE(at + 26);
    const extraLen = buf.readUInt16LE(at + 28);
    const localName = decodeName(buf.subarray(at + LOCAL_HEADER, Math.min(buf.length, at + LOCAL_HEADER + nameLen)), buf.readUInt16LE(at + 6));
    if (localName !== e.name || buf.readUInt16LE(at + 8) !== e.method) mismatched++;
    const dataStart = at + LOCAL_HEADER + nameLen + extraLen;
    located.push({ e, dataStart, dataEnd: dataStart + e.compressedSize });
  }
  if (mismatched) events.problem(`${mismatched} local header(s) disagree with the central directory (its entries were read)`);
  // Overlap: sorted by offset, an entry that starts before the previous one's data ends shares bytes.
  const byOffset = [...located].sort((a, b) => a.e.localOffset - b.e.localOffset);
  const overlapping = new Set<CentralEntry>();
  let reach = -1;
  for (const l of byOffset) {
    if (l.e.localOffset < reach) overlapping.add(l.e);
    else reach = l.dataEnd;
  }
  if (overlapping.size) {
    events.problem(`${overlapping.size} entries overlap other entries' bytes (an overlapping-entry zip bomb?): not read`);
  }
  for (const l of byOffset) {
    const e = l.e;
    if (overlapping.has(e) || isDirectoryName(e.name)) continue;
    limits.entry();
    const why = unreadableReason(e.flags, e.method);
    if (why) {
      events.unreadable(e.name, why);
      continue;
    }
    if (l.dataEnd > buf.length) {
      events.unreadable(e.name, "its data runs past the end of the archive (truncated)");
      continue;
    }
    readEntry(buf.subarray(l.dataStart, l.dataEnd), e, events, limits);
  }
}

function readEntry(data: Buffer, e: CentralEntry, events: ZipEvents, limits: EntryLimits): void {
  if (e.method !== METHOD_STORED && e.size > limits.ratioFloor && e.size > limits.maxRatio * Math.max(1, data.length)) {
    events.problem(`${e.name}: would expand ${data.length} → ${e.size} bytes, more than ${limits.maxRatio}× (limit on the expansion ratio; a decompression bomb?): not read`);
    return;
  }
  const sink = events.entry(e);
  if (!sink) return;
  let crc = 0;
  let produced = 0;
  let inflated: Buffer | undefined;
  try {
    if (e.method === METHOD_STORED) {
      if (data.length !== e.size) events.problem(`${e.name}: stored entry's sizes differ (${data.length} vs ${e.size}; corrupt)`);
      crc = crc32(data, 0);
      produced = data.length;
      sink.data(data);
    } else if (e.size <= ONE_SHOT_MAX && (inflated = oneShot(data, e.size))) {
      limits.expanded(inflated.length);
      crc = crc32(inflated, 0);
      produced = inflated.length;
      sink.data(inflated);
    } else {
      let ratioIn = 0;
      const inflate = new RawInflate((c) => {
        produced += c.length;
        if (produced > limits.ratioFloor && produced > limits.maxRatio * Math.max(ratioIn, 1)) {
          throw new RatioStop(`${e.name}: expands more than ${limits.maxRatio}× (limit on the expansion ratio; a decompression bomb?): stopped reading it`);
        }
        limits.expanded(c.length);
        crc = crc32(c, crc);
        sink.data(c);
      });
      for (let p = 0; p < data.length && !inflate.done; p += 256 << 10) {
        const piece = data.subarray(p, p + (256 << 10));
        ratioIn += piece.length;
        inflate.write(piece);
      }
      inflate.end();
    }
  } catch (err) {
    sink.end();
    if (err instanceof RatioStop) {
      events.problem(err.message);
      return;
    }
    if (err instanceof DecodeError) {
      events.problem(`${e.name}: ${err.message}`);
      return;
    }
    throw err;
  }
  sink.end();
  if (produced !== e.size) events.problem(`${e.name}: inflated to ${produced} bytes, but the directory says ${e.size} (corrupt)`);
  else if (crc >>> 0 !== e.crc) events.problem(`${e.name}: CRC-32 mismatch (data corrupt)`);
}

class RatioStop extends Error {}

/** Inflates a small entry in one native call; undefined when it does not inflate to its declared size (it then streams, to say what is wrong). */
function oneShot(data: Buffer, size: number): Buffer | undefined {
  try {
    const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
    return out.length === size ? out : undefined;
  } catch {
    return undefined;
  }
}
