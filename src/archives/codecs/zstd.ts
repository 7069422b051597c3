import { createRequire } from "node:module";
import { DecodeError, type ByteOut, type StreamDecoder } from "./types.js";

// zstd-napi's streaming class is an async Transform; its native context decodes synchronously.
const binding = createRequire(import.meta.url)("zstd-napi/binding.js") as typeof import("zstd-napi/binding.js");

/** Largest window accepted (2^27 = 128 MiB, zstd's own default limit): a frame asking for more is refused. */
const WINDOW_LOG_MAX = 27;

/** Zstandard as a synchronous push decoder (every frame of a multi-frame file). */
export class ZstdDecoder implements StreamDecoder {
  private readonly dctx = new binding.DCtx();
  private readonly dst = Buffer.allocUnsafe(binding.dStreamOutSize());
  private inFrame = false;

  constructor(private readonly out: ByteOut) {
    this.dctx.setParameter(binding.DParameter.windowLogMax, WINDOW_LOG_MAX);
  }

  write(chunk: Buffer): void {
    let src: Buffer = chunk;
    for (;;) {
      let ret: number;
      let produced: number;
      let consumed: number;
      try {
        [ret, produced, consumed] = this.dctx.decompressStream(this.dst, src);
      } catch (err) {
        throw new DecodeError(`zstd data is corrupt (${(err as Error).message})`);
      }
      if (consumed === 0 && produced === 0 && src.length > 0) throw new DecodeError("zstd data is corrupt (no progress)");
      src = src.subarray(consumed);
      this.inFrame = ret !== 0;
      if (produced > 0) this.out(this.dst.subarray(0, produced));
      if (src.length === 0 && (produced < this.dst.length || ret === 0)) break;
    }
  }

  end(): void {
    if (this.inFrame) throw new DecodeError("zstd data is truncated (inside a frame)");
  }
}
