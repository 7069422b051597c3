import { constants, inflateSync } from "node:zlib";
import { GitFormatError, type WorkBudget } from "./options.js";

/** Room past an object's size in its output chunk, so zlib reaches the stream's end without another chunk. */
const CHUNK_SLACK = 64;

/** A limit (not corruption) stopped the read of an object. */
export class GitLimitError extends GitFormatError {
  constructor(message: string) {
    super(message);
    this.name = "GitLimitError";
  }
}

function zlibFailure(err: unknown, what: string): GitFormatError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ERR_BUFFER_TOO_LARGE") return new GitFormatError(`${what} inflates to more than its header says`);
  return new GitFormatError(`${what}: corrupt zlib stream (${code ?? "error"})`);
}

/**
 * Inflates a zlib stream that must yield exactly `size` bytes (pack entries declare it). The
 * output is capped at `size`, so a bomb stops at once; bytes after the stream's end are ignored.
 */
export function inflateExact(input: Buffer, size: number, budget: WorkBudget, what: string): Buffer {
  if (size > budget.limits.maxObjectBytes) throw new GitLimitError(`${what} is ${size} bytes, over the ${budget.limits.maxObjectBytes >> 20} MiB object limit`);
  if (!budget.inflate(size)) throw new GitLimitError(`store limit reached (${budget.exhausted})`);
  let out: Buffer;
  try {
    // One output chunk a little larger than the object: the result is one exact allocation (the
    // default 16 KiB chunks would make a small object hold 16 KiB, and a large one be concatenated).
    out = inflateSync(input, { maxOutputLength: Math.max(1, size), chunkSize: size + CHUNK_SLACK });
  } catch (err) {
    throw zlibFailure(err, what);
  }
  if (out.length !== size) throw new GitFormatError(`${what} inflates to ${out.length} bytes, its header says ${size}`);
  return out;
}

/** Inflates a whole zlib stream of at most `max` bytes (loose objects); `expected` sizes its output when known. */
export function inflateBounded(input: Buffer, max: number, budget: WorkBudget, what: string, expected?: number): Buffer {
  let out: Buffer;
  try {
    out = inflateSync(input, { maxOutputLength: Math.max(1, max), ...(expected !== undefined && expected <= max ? { chunkSize: expected + CHUNK_SLACK } : {}) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ERR_BUFFER_TOO_LARGE") throw new GitLimitError(`${what} inflates to more than ${max} bytes`);
    throw zlibFailure(err, what);
  }
  if (!budget.inflate(out.length)) throw new GitLimitError(`store limit reached (${budget.exhausted})`);
  return out;
}

/** The first bytes a zlib stream inflates to, from a prefix of it (enough for an object header); never throws. */
export function inflatePrefix(input: Buffer, inputBytes: number): Buffer {
  try {
    // 256 input bytes inflate to at most ~264 KiB (deflate's ratio is below 1032:1).
    return inflateSync(input.subarray(0, inputBytes), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 300_000 });
  } catch {
    return Buffer.alloc(0);
  }
}
