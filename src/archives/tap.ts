import type { LayerEntry } from "../layers/read.js";
import type { ContentTap, FileSink, TapFactory } from "../scan/layer-scan.js";
import { errorMessage } from "../util/errors.js";
import { LimitError, resolveLimits, type ArchiveLimits } from "./limits.js";
import { ArchiveWalker, Probe } from "./nested.js";
import { MIN_ARCHIVE_BYTES } from "./sniff.js";

/**
 * The layer tap that opens archives in layer files (zip family, tar, gzip, bzip2, xz, zstd,
 * nested to `limits.depth`) and scans their members. Undefined when archives are off (depth 0).
 */
export function archiveTap(limits: ArchiveLimits = {}): TapFactory | undefined {
  const resolved = resolveLimits(limits);
  if (resolved.depth <= 0) return undefined;
  return (ctx) => new ArchiveTap(new ArchiveWalker(ctx, resolved));
}

class ArchiveTap implements ContentTap {
  constructor(private readonly w: ArchiveWalker) {}

  file(entry: LayerEntry): FileSink | undefined {
    if (this.w.stopped || entry.size < MIN_ARCHIVE_BYTES) return undefined;
    const w = this.w;
    w.startFile(entry.path);
    const probe = new Probe(w, 1, [], entry.path.slice(entry.path.lastIndexOf("/") + 1), entry.size);
    let live = true;
    const run = (fn: () => void): void => {
      if (!live) return;
      try {
        fn();
      } catch (err) {
        // A limit for the whole file or layer, or a fault: what was being read is scanned as far as it came.
        live = false;
        w.abortAll();
        if (err instanceof LimitError) {
          if (err.scope === "layer") w.stopped = true;
          w.note(`${entry.path}: ${err.message}`, true);
        } else {
          w.note(`${entry.path}: reading inside it failed: ${errorMessage(err)}`, true);
        }
      }
    };
    return { data: (c) => run(() => probe.data(c)), end: () => run(() => probe.end()) };
  }

  finish(): void {
    this.w.finish();
  }
}
