import { createHash, type Hash } from "node:crypto";
import type { Readable } from "node:stream";
import { once } from "node:events";
import { DredgeError } from "../util/errors.js";
import { decompressor, sniffCompression, type Compression } from "./decompress.js";

/** What decoding a blob learnt: its compression, sizes, and digests (set only when it was read to the end). */
export interface DecodeStats {
  compression: Compression;
  storedBytes: number;
  contentBytes: number;
  digest?: string;
  diffId?: string;
}

export interface DecodeOptions {
  /** Algorithm of the stored blob's digest. */
  storedAlg: string;
  maxExpansionRatio: number;
  expansionFloor: number;
}

/** A blob's uncompressed bytes, and what was learnt reading them. `stats()` is final once `chunks` ends or throws. */
export interface DecodedBlob {
  chunks: AsyncIterable<Buffer>;
  stats(): DecodeStats;
}

function bomb(stats: DecodeStats, ratio: number): DredgeError {
  return new DredgeError(
    "decompression-bomb",
    `layer expands to more than ${ratio}× its stored size (${stats.storedBytes} → ${stats.contentBytes}+ bytes): a decompression bomb? Stopped reading it`,
  );
}

/**
 * Decodes a blob on this thread: sniffs the compression from the first bytes, hashes the stored
 * bytes and the uncompressed ones as they stream, and stops a decompression bomb.
 */
export function decodeHere(open: () => Readable, opts: DecodeOptions): DecodedBlob {
  const stats: DecodeStats = { compression: "none", storedBytes: 0, contentBytes: 0 };
  async function* chunks(): AsyncGenerator<Buffer> {
    const raw = open();
    const it = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await it.next();
    const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
    stats.compression = sniffCompression(head);
    if (stats.compression === "bzip2" || stats.compression === "xz") {
      raw.destroy();
      throw new DredgeError("unsupported-compression", `${stats.compression} layers are not supported (OCI layers are tar, gzip or zstd)`);
    }
    const sHash = createHash(opts.storedAlg);
    const same = stats.compression === "none" && opts.storedAlg === "sha256";
    const dHash: Hash = same ? sHash : createHash("sha256");
    const stored = (c: Buffer) => {
      sHash.update(c);
      stats.storedBytes += c.length;
    };
    const transform = decompressor(stats.compression);
    let content: AsyncIterable<Buffer>;
    if (transform) {
      // Written straight into the inflater (no stream adapter in between), so inflate keeps
      // the thread pool busy while this thread hashes and scans.
      void (async () => {
        try {
          for (let c = head; ; ) {
            if (c.length) {
              stored(c);
              if (!transform.write(c)) await once(transform, "drain");
            }
            const r = await it.next();
            if (r.done) break;
            c = r.value;
          }
          transform.end();
        } catch (err) {
          transform.destroy(err as Error);
        }
      })();
      content = transform;
    } else {
      content = (async function* () {
        if (head.length) yield head;
        for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
      })();
    }
    for await (const chunk of content) {
      if (!transform) stored(chunk);
      if (dHash !== sHash) dHash.update(chunk);
      stats.contentBytes += chunk.length;
      if (stats.contentBytes > opts.expansionFloor && stats.contentBytes > opts.maxExpansionRatio * Math.max(stats.storedBytes, 1)) {
        raw.destroy();
        transform?.destroy();
        throw bomb(stats, opts.maxExpansionRatio);
      }
      yield chunk;
    }
    stats.digest = `${opts.storedAlg}:${sHash.digest("hex")}`;
    stats.diffId = same ? stats.digest : `sha256:${dHash.digest("hex")}`;
  }
  return { chunks: chunks(), stats: () => stats };
}
