/** Receives decompressed bytes. The chunk is valid only during the call: copy what you keep. */
export type ByteOut = (chunk: Buffer) => void;

/** A synchronous push decoder: compressed bytes in, decompressed bytes out through its ByteOut. */
export interface StreamDecoder {
  write(chunk: Buffer): void;
  /** No more input; throws DecodeError when the stream was cut short. */
  end(): void;
}

/** Compressed data that is corrupt, truncated or of a kind dredge cannot decode. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecodeError";
  }
}
