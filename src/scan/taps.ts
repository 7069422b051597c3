import type { TapFactory } from "./layer-scan.js";

/**
 * What the nested readers look inside and how far (plain data, so worker threads build the
 * same taps). Each reader adds its own options here.
 */
export interface TapOptions {
  /** Nested archives (zip family, tar, gz, bz2, xz, zstd); `false` turns them off. */
  archives?: unknown;
  /** `.git` stores read as repositories; `false` turns them off. */
  git?: unknown;
}

/** The taps every layer gets, in order. */
export function tapsFor(options: TapOptions): TapFactory[] {
  void options;
  return [];
}
