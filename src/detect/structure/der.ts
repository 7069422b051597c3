/**
 * A minimal reader of ASN.1 DER (and the BER indefinite lengths some PKCS#12 writers use),
 * enough to recognise key and key-store structures. It never throws: malformed or truncated
 * input yields `undefined` or "short".
 */

/** One TLV header: tag byte, whether it is constructed, content offset and length (-1: indefinite). */
export interface DerHeader {
  /** The identifier octet (class, constructed bit and low tag number). */
  tag: number;
  constructed: boolean;
  /** Offset of the first content byte. */
  start: number;
  /** Content length in bytes; -1 for a BER indefinite length (content ends with 00 00). */
  length: number;
}

/** Identifier octets of the universal types this module cares about. */
export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/**
 * Reads the TLV header at `pos`. "short" when the bytes end inside the header; undefined when
 * the header is malformed (high tag numbers, lengths over 2^32, or an indefinite length on a
 * primitive value).
 */
export function readHeader(buf: Uint8Array, pos: number): DerHeader | "short" | undefined {
  if (pos + 2 > buf.length) return "short";
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) return undefined;
  const constructed = (tag & 0x20) !== 0;
  const first = buf[pos + 1]!;
  if (first < 0x80) return { tag, constructed, start: pos + 2, length: first };
  if (first === 0x80) return constructed ? { tag, constructed, start: pos + 2, length: -1 } : undefined;
  const n = first & 0x7f;
  if (n > 4) return undefined;
  if (pos + 2 + n > buf.length) return "short";
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + buf[pos + 2 + i]!;
  return { tag, constructed, start: pos + 2 + n, length };
}

/** The offset just past a definite-length element, or undefined for an indefinite one. */
export function endOf(h: DerHeader): number | undefined {
  return h.length < 0 ? undefined : h.start + h.length;
}

/**
 * Reads a complete element at `pos` whose header must carry `tag` and whose content must lie
 * inside `limit` (default: the buffer). Returns undefined otherwise.
 */
export function expect(buf: Uint8Array, pos: number, tag: number, limit = buf.length): DerHeader | undefined {
  const h = readHeader(buf, pos);
  if (h === undefined || h === "short" || h.tag !== tag || h.length < 0) return undefined;
  return h.start + h.length <= limit ? h : undefined;
}

/** The value of a small non-negative INTEGER (up to 6 content bytes), or undefined. */
export function smallInteger(buf: Uint8Array, h: DerHeader): number | undefined {
  if (h.tag !== TAG.INTEGER || h.length < 1 || h.length > 6 || h.start + h.length > buf.length) return undefined;
  if (buf[h.start]! & 0x80) return undefined;
  let v = 0;
  for (let i = 0; i < h.length; i++) v = v * 256 + buf[h.start + i]!;
  return v;
}

/** An OBJECT IDENTIFIER's dotted form, or undefined when malformed. */
export function oid(buf: Uint8Array, h: DerHeader): string | undefined {
  if (h.tag !== TAG.OID || h.length < 1 || h.length > 64 || h.start + h.length > buf.length) return undefined;
  const parts: number[] = [];
  let v = 0;
  for (let i = h.start; i < h.start + h.length; i++) {
    const b = buf[i]!;
    v = v * 128 + (b & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER / 256) return undefined;
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  if (buf[h.start + h.length - 1]! & 0x80) return undefined;
  const first = parts.shift()!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...parts].join(".");
}

/**
 * The elements directly inside a definite-length constructed element, each complete and
 * within its parent; undefined when any is malformed or runs past the parent.
 */
export function children(buf: Uint8Array, parent: DerHeader): DerHeader[] | undefined {
  const end = endOf(parent);
  if (end === undefined || end > buf.length) return undefined;
  const out: DerHeader[] = [];
  let pos = parent.start;
  while (pos < end) {
    const h = readHeader(buf, pos);
    if (h === undefined || h === "short" || h.length < 0 || h.start + h.length > end) return undefined;
    out.push(h);
    pos = h.start + h.length;
    if (out.length > 4096) return undefined;
  }
  return out;
}

/**
 * True when `buf` is exactly one definite-length SEQUENCE (a whole DER document), the shape of
 * every DER-encoded key. Returns its header.
 */
export function wholeSequence(buf: Uint8Array): DerHeader | undefined {
  const h = expect(buf, 0, TAG.SEQUENCE);
  return h && h.start + h.length === buf.length ? h : undefined;
}
