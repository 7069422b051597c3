import type { StreamFormat } from "../sniff.js";
import { Bunzip2Decoder } from "./bzip2.js";
import { BufferedGunzip, GunzipDecoder, ONE_SHOT_INPUT } from "./gzip.js";
import type { ByteOut, StreamDecoder } from "./types.js";
import { UnxzDecoder } from "./xz.js";
import { ZstdDecoder } from "./zstd.js";

/**
 * A push decoder for a single-stream format; gzip's also has the `name` its header stores. With
 * the input's size known and small, gzip is inflated in one native call producing at most
 * `maxOutput` bytes (more, and it streams instead).
 */
export function decoderFor(format: StreamFormat, out: ByteOut, inputSize?: number, maxOutput = 0): StreamDecoder & { name?: string } {
  switch (format) {
    case "gzip":
      return inputSize !== undefined && inputSize <= ONE_SHOT_INPUT ? new BufferedGunzip(out, maxOutput) : new GunzipDecoder(out);
    case "bzip2":
      return new Bunzip2Decoder(out);
    case "xz":
      return new UnxzDecoder(out);
    case "zstd":
      return new ZstdDecoder(out);
  }
}

const SUFFIXES: Record<StreamFormat, [RegExp, string][]> = {
  gzip: [[/\.tgz$/i, ".tar"], [/\.gz$/i, ""], [/\.z$/i, ""]],
  bzip2: [[/\.tbz2?$/i, ".tar"], [/\.bz2?$/i, ""]],
  xz: [[/\.txz$/i, ".tar"], [/\.xz$/i, ""]],
  zstd: [[/\.tzst$/i, ".tar"], [/\.zstd?$/i, ""]],
};

/** The name of what a compressed file holds: its name without the compressor's suffix (`notes.txt.gz` → `notes.txt`). */
export function memberNameOf(fileName: string, format: StreamFormat): string {
  const base = fileName.slice(fileName.lastIndexOf("/") + 1);
  for (const [re, to] of SUFFIXES[format]) if (re.test(base)) return base.replace(re, to) || base;
  return base;
}
