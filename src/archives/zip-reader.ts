import { MemberSink, type ArchiveReader, type ArchiveWalker } from "./nested.js";
import { ZipError, readCentralDirectory, readEntries, type EntryLimits } from "./zip/central.js";
import type { ZipEntryInfo, ZipEvents } from "./zip/format.js";
import { LocalZipReader } from "./zip/local.js";

/** Unreadable entries named one by one in a note; past this, counted. */
const NAMED_UNREADABLE = 5;

/**
 * A zip at `level`: held in memory within the layer's budget and read by its central directory
 * (the authoritative entry list), or, when it does not fit, read front to back by its local
 * headers. `byName`: the file only has a zip-family name (it may carry a prefix such as a launch
 * script); without a central directory it is silently not a zip.
 */
export class ZipReader implements ArchiveReader {
  /** Whole archive in memory (size known up front), or parts while the size is unknown. */
  private buf: Buffer | undefined;
  private parts: Buffer[] | undefined;
  private fill = 0;
  private reserved = 0;
  private local: LocalZipReader | undefined;
  private ignored = false;
  private readonly unreadable: [string, string][] = [];
  private readonly events: ZipEvents;
  private readonly limits: EntryLimits;

  constructor(
    private readonly w: ArchiveWalker,
    private readonly level: number,
    private readonly chain: string[],
    size: number | undefined,
    private readonly byName: boolean,
  ) {
    this.events = {
      entry: (info) => this.entry(info),
      unreadable: (name, why) => this.unreadable.push([name, why]),
      problem: (message) => w.note(`${w.describe(chain)}: ${message}`),
    };
    this.limits = {
      entry: () => w.budget.entry(),
      expanded: (n) => w.budget.expanded(n),
      maxRatio: w.limits.maxRatio,
      ratioFloor: w.limits.ratioFloor,
    };
    if (size !== undefined) {
      if (w.budget.reserve(size)) {
        this.reserved = size;
        this.buf = Buffer.allocUnsafe(size);
      } else if (byName) {
        this.ignored = true;
      } else {
        this.local = new LocalZipReader(this.events, this.limits);
      }
    } else {
      this.parts = [];
    }
  }

  data(chunk: Buffer): void {
    if (this.ignored) return;
    if (this.local) {
      this.local.write(chunk);
      return;
    }
    if (this.buf) {
      if (this.fill + chunk.length <= this.buf.length) {
        chunk.copy(this.buf, this.fill);
        this.fill += chunk.length;
        return;
      }
      this.toStreaming([this.buf.subarray(0, this.fill)]);
      this.local!.write(chunk);
      return;
    }
    if (this.w.budget.reserve(chunk.length)) {
      this.reserved += chunk.length;
      this.parts!.push(Buffer.from(chunk));
      this.fill += chunk.length;
      return;
    }
    this.toStreaming(this.parts!);
    this.local!.write(chunk);
  }

  end(): void {
    try {
      if (this.ignored) return;
      if (this.local) {
        this.local.end();
        return;
      }
      const buf = this.buf ? this.buf.subarray(0, this.fill) : Buffer.concat(this.parts!, this.fill);
      let cd;
      try {
        cd = readCentralDirectory(buf);
      } catch (err) {
        if (this.byName || !(err instanceof ZipError)) {
          if (err instanceof ZipError) return;
          throw err;
        }
        // A truncated or damaged zip still has its local headers: read what they give.
        this.events.problem(`${err.message}: read by its local headers instead`);
        this.local = new LocalZipReader(this.events, this.limits);
        this.local.write(buf);
        this.local.end();
        return;
      }
      readEntries(buf, cd, this.events, this.limits);
    } finally {
      this.release();
      this.reportUnreadable();
    }
  }

  abort(): void {
    this.local?.abort();
    this.release();
    this.reportUnreadable();
  }

  private entry(info: ZipEntryInfo): MemberSink {
    return new MemberSink(this.w, this.level, [...this.chain, info.name], info.sizeUnknown ? undefined : info.size);
  }

  /** The archive does not fit in memory after all: read it front to back, starting with what was held. */
  private toStreaming(held: Buffer[]): void {
    this.local = new LocalZipReader(this.events, this.limits);
    const parts = held;
    this.buf = undefined;
    this.parts = undefined;
    try {
      for (const p of parts) this.local.write(p);
    } finally {
      this.release();
    }
  }

  private release(): void {
    this.w.budget.release(this.reserved);
    this.reserved = 0;
    this.buf = undefined;
    this.parts = undefined;
  }

  private reportUnreadable(): void {
    const list = this.unreadable.splice(0);
    if (list.length === 0) return;
    const where = this.w.describe(this.chain);
    const named = list.slice(0, NAMED_UNREADABLE).map(([name, why]) => `${JSON.stringify(name)} (${why})`);
    const more = list.length > NAMED_UNREADABLE ? `, and ${list.length - NAMED_UNREADABLE} more` : "";
    this.w.note(`${where}: ${list.length} entr${list.length === 1 ? "y" : "ies"} cannot be read: ${named.join(", ")}${more}`);
  }
}
