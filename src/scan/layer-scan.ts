import type { Detector } from "../detect/engine.js";
import type { RuleHit } from "../detect/types.js";
import type { LayerEntry, LayerVisitor } from "../layers/read.js";
import { LayerFacts } from "./overlay.js";

/** Size of the window of file content handed to the detector at once. */
const WINDOW = 1 << 20;
/** Bytes carried from one window into the next so a secret across the boundary is seen whole. */
const OVERLAP = 32 << 10;

/** Most hits kept per file: a file of a million keys (hostile, or a dump) must not exhaust memory or fingerprinting. */
export const MAX_HITS_PER_FILE = 500;

/** A rule hit in a file of a layer. */
export interface FileHit {
  path: string;
  hit: RuleHit;
}

function allZero(buf: Buffer): boolean {
  // Fast path for sparse and preallocated files: compare against a shared zero page.
  for (let off = 0; off < buf.length; off += ZERO.length) {
    const n = Math.min(ZERO.length, buf.length - off);
    if (buf.compare(ZERO, 0, n, off, off + n) !== 0) return false;
  }
  return true;
}
const ZERO = Buffer.alloc(64 << 10);

/**
 * Visits one layer's entries: records what the layer does to the filesystem and runs the
 * detector over each file's content in bounded windows (memory stays ~1 MiB per layer
 * whatever the file sizes).
 */
export class LayerScanner implements LayerVisitor {
  readonly facts = new LayerFacts();
  readonly hits: FileHit[] = [];
  /** Hard links in this layer: link path → target path. */
  readonly hardLinks: [string, string][] = [];
  /** Files that had more hits than MAX_HITS_PER_FILE, with the number left out. */
  readonly truncated: [string, number][] = [];
  private fileHits = 0;
  private current: LayerEntry | undefined;
  private window = Buffer.allocUnsafe(WINDOW + OVERLAP);
  private fill = 0;
  /** Offset in the file of window[0]. */
  private base = 0;
  private seen = new Set<string>();

  constructor(
    private readonly detector: Detector,
    private readonly layerIndex: number,
  ) {}

  entry(e: LayerEntry): void {
    this.facts.record(e);
    if (e.type === "hardlink" && e.linkTarget) this.hardLinks.push([e.path, e.linkTarget]);
    this.current = e.type === "file" ? e : undefined;
    this.fill = 0;
    this.base = 0;
    this.seen.clear();
    this.fileHits = 0;
  }

  data(chunk: Buffer): void {
    if (!this.current) return;
    if (chunk.length >= 4096 && allZero(chunk)) {
      // A run of zeros ends any secret: scan what came before and skip the run.
      this.flush(true);
      this.base += chunk.length;
      return;
    }
    let pos = 0;
    while (pos < chunk.length) {
      const n = Math.min(chunk.length - pos, this.window.length - this.fill);
      chunk.copy(this.window, this.fill, pos, pos + n);
      this.fill += n;
      pos += n;
      if (this.fill === this.window.length) this.flush(false);
    }
  }

  entryEnd(): void {
    if (this.current) this.flush(true);
    this.current = undefined;
  }

  /** Scans the window; unless `final`, keeps its tail for the next window and ignores hits starting there. */
  private flush(final: boolean): void {
    if (this.fill === 0) return;
    const path = this.current!.path;
    const limit = final ? this.fill : this.fill - OVERLAP;
    for (const hit of this.detector.scan(this.window, { path, layer: this.layerIndex }, this.fill, limit)) {
      const start = this.base + hit.start;
      const key = `${hit.ruleId}:${start}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      if (++this.fileHits > MAX_HITS_PER_FILE) {
        const last = this.truncated[this.truncated.length - 1];
        if (last?.[0] === path) last[1]++;
        else this.truncated.push([path, 1]);
        continue;
      }
      this.hits.push({ path, hit: { ...hit, start, end: this.base + hit.end } });
    }
    if (final) {
      this.base += this.fill;
      this.fill = 0;
    } else {
      this.window.copy(this.window, 0, limit, this.fill);
      this.base += limit;
      this.fill -= limit;
    }
  }
}
