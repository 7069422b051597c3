import { createGunzip, type ZlibOptions } from "node:zlib";
import type { Transform } from "node:stream";
import { zstdLib } from "../util/deferred.js";

/** How a layer blob is stored, judged by its first bytes (never by the media type alone). */
export type Compression = "none" | "gzip" | "zstd" | "bzip2" | "xz";

/** Recognises gzip, zstd, bzip2 and xz by their magic bytes; anything else is taken as plain tar. */
export function sniffCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return "zstd";
  if (head.length >= 3 && head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) return "bzip2";
  if (head.length >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return "xz";
  return "none";
}

/** A decompressing transform for the format, or undefined for plain data. */
export function decompressor(c: Compression): Transform | undefined {
  switch (c) {
    case "gzip":
      // 256 KiB output chunks: 2.2× the default's throughput (notes/deps-bench.md). A deep
      // output buffer lets inflate (on the thread pool) run ahead while the main thread scans.
      return createGunzip({ chunkSize: 256 * 1024, readableHighWaterMark: 2 << 20 } as ZlibOptions);
    case "zstd":
      return new (zstdLib().DecompressStream)();
    default:
      return undefined;
  }
}
