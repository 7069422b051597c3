import type { Image } from "../image/types.js";
import type { ScanProgress } from "../scan/scan-image.js";

/** Where progress goes: a terminal line rewritten in place. */
export interface ProgressOut {
  write(text: string): void;
}

/**
 * A one-line progress display for long scans: the image, layers done of total (and how many
 * came from the cache), megabytes read and the rate. Redrawn at most every `intervalMs`.
 */
export class ProgressLine implements ScanProgress {
  private image: Image | undefined;
  private done = 0;
  private cached = 0;
  private bytes = 0;
  private started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly out: ProgressOut,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 100,
  ) {}

  onLayer(image: Image): void {
    if (image !== this.image) {
      this.image = image;
      this.done = this.cached = this.bytes = 0;
      this.started = this.now();
    }
    this.draw(false);
  }

  onLayerDone(image: Image, _index: number, d: { bytes: number; cached: boolean }): void {
    if (image !== this.image) this.onLayer(image);
    this.done++;
    if (d.cached) this.cached++;
    this.bytes += d.bytes;
    this.draw(this.done === image.layers.length);
  }

  /** The current line's text (for tests and for drawing). */
  text(): string {
    const img = this.image;
    if (!img) return "";
    const seconds = Math.max((this.now() - this.started) / 1000, 0.001);
    const mb = this.bytes / 1e6;
    const cached = this.cached ? `, ${this.cached} from cache` : "";
    const rate = mb > 0 ? `, ${mb.toFixed(0)} MB at ${(mb / seconds).toFixed(0)} MB/s` : "";
    return `scanning ${img.target}: layers ${this.done}/${img.layers.length}${cached}${rate}`;
  }

  private draw(force: boolean): void {
    const t = this.now();
    if (!force && t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    this.drawn = true;
    this.out.write(`\r\u001b[2K${this.text()}`);
  }

  /** Clears the line before the report is printed. */
  clear(): void {
    if (this.drawn) this.out.write("\r\u001b[2K");
  }
}
