import { Inflate } from "fflate";
import { DecodeError, type ByteOut } from "./types.js";

/**
 * Input is handed to fflate in slices of this size: one push inflates its whole input at once,
 * and deflate expands at most ~1032×, so this bounds the memory one step of a bomb can take.
 */
const SLICE = 16 << 10;

/** fflate's streaming state, read to learn where the deflate stream ended (fflate 0.8 keeps it in these fields). */
interface InflateInternals {
  /** f: the final block was started; l: a block's literal table is still in use; p: bit position in `p`. */
  s: { f?: number; l?: unknown; p?: number };
  /** Input not yet consumed, starting with the byte that holds bit `s.p`. */
  p: Uint8Array;
}

/**
 * Raw DEFLATE (RFC 1951) as a synchronous push decoder over fflate, which also says where the
 * stream ended: zip entries with data descriptors and gzip members are followed by more data.
 */
export class RawInflate {
  private readonly inflate: Inflate;
  private finished = false;
  private failed = false;
  /** What the output callback threw (a limit): passed on as it is, not as corrupt data. */
  private outError: { err: unknown } | undefined;

  constructor(out: ByteOut) {
    this.inflate = new Inflate((data) => {
      if (!data.length) return;
      try {
        out(Buffer.from(data.buffer, data.byteOffset, data.length));
      } catch (err) {
        this.outError = { err };
        throw err;
      }
    });
  }

  /** True once the final block has ended: later input is not deflate data (see `rest`). */
  get done(): boolean {
    return this.finished;
  }

  /**
   * Inflates `chunk`. Returns how many of its bytes were deflate data: less than its length only
   * when the stream ended inside it.
   */
  write(chunk: Uint8Array): number {
    if (this.finished) return 0;
    if (this.failed) throw new DecodeError("deflate data is corrupt");
    for (let pos = 0; pos < chunk.length; ) {
      const piece = chunk.subarray(pos, Math.min(chunk.length, pos + SLICE));
      try {
        this.inflate.push(piece, false);
      } catch (err) {
        this.failed = true;
        if (this.outError) throw this.outError.err;
        throw new DecodeError(`deflate data is corrupt (${(err as Error).message})`);
      }
      pos += piece.length;
      const st = (this.inflate as unknown as InflateInternals).s;
      if (st.f && !st.l) {
        this.finished = true;
        // Unconsumed input starts at the byte holding the end bit; a partly used byte is consumed.
        const internals = this.inflate as unknown as InflateInternals;
        const left = internals.p.length - ((st.p ?? 0) & 7 ? 1 : 0);
        return pos - left;
      }
    }
    return chunk.length;
  }

  /** No more input: throws when the stream has not ended. */
  end(): void {
    if (!this.finished) throw new DecodeError("deflate data is truncated");
  }
}
