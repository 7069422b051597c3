import * as zlib from "node:zlib";

/** CRC-32 (ISO-HDLC, as zip and gzip use) of `data`, continuing from `crc`. */
export type Crc32 = (data: Uint8Array, crc: number) => number;

const TABLE = (() => {
  const t = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 4; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n]! >>> 8) ^ t[t[(k - 1) * 256 + n]! & 0xff]!;
  }
  return t;
})();

/** Slice-by-4 table CRC-32, for Node versions without `zlib.crc32` (added in 20.15). */
function crc32Js(data: Uint8Array, crc: number): number {
  let c = ~crc;
  let i = 0;
  const n = data.length;
  for (; i + 4 <= n; i += 4) {
    c ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    c = TABLE[768 + (c & 0xff)]! ^ TABLE[512 + ((c >>> 8) & 0xff)]! ^ TABLE[256 + ((c >>> 16) & 0xff)]! ^ TABLE[c >>> 24]!;
  }
  for (; i < n; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const native = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 of `data` continuing from `crc` (0 to start): zlib's when Node has it, else a table. */
export const crc32: Crc32 = native ? (data, crc) => native(data, crc) : crc32Js;

export { crc32Js };
