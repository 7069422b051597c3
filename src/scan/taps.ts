import type { TapFactory } from "./layer-scan.js";
import { archiveTap } from "../archives/tap.js";
import type { ArchiveLimits } from "../archives/limits.js";
import { gitTap } from "../git/tap.js";
import type { GitReadOptions } from "../git/options.js";

/**
 * What the nested readers look inside and how far (plain data, so worker threads build the
 * same taps). Each reader adds its own options here.
 */
export interface TapOptions {
  /** Nested archives (zip family, tar, gz, bz2, xz, zstd): how deep and how much; `false` turns them off. */
  archives?: ArchiveLimits | false;
  /** `.git` stores read as repositories; `false` turns them off. */
  git?: GitReadOptions | false;
}

/** The taps every layer gets, in order. */
export function tapsFor(options: TapOptions): TapFactory[] {
  const taps: TapFactory[] = [];
  const archives = options.archives === false ? undefined : archiveTap(options.archives);
  if (archives) taps.push(archives);
  if (options.git !== false) taps.push(gitTap(options.git));
  return taps;
}
