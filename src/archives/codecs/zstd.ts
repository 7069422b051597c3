import { zstdBinding } from "../../util/deferred.js";
import { DecodeError, type ByteOut, type StreamDecoder } from "./types.js";

// zstd-napi's streaming class is an async Transform; its native context decodes synchronously.

/** Largest window accepted (2^27 = 128 MiB, zstd's own default limit): a frame asking for more is refused. */
const WINDOW_LOG_MAX = 27;

/** Zstandard as a synchronous push decoder (every frame of a multi-frame file). */
export class ZstdDecoder implements StreamDecoder {
  private readonly dctx: InstanceType<ReturnType<typeof zstdBinding>["DCtx"]>;
  private readonly dst: Buffer;
  private inFrame = false;

  constructor(private readonly out: ByteOut) {
    const binding = zstdBinding();
    this.dctx = new binding.DCtx();
    this.dst = Buffer.allocUnsafe(binding.dStreamOutSize());
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
