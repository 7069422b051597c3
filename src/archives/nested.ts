import type { TapContext } from "../scan/layer-scan.js";
import { ContentScanner } from "../scan/layer-scan.js";
import { TarParser, type TarEntry } from "../layers/tar/parser.js";
import { DredgeError, errorMessage } from "../util/errors.js";
import { DecodeError } from "./codecs/types.js";
import { ZipError } from "./zip/format.js";
import { ArchiveBudget, LimitError, RatioGuard, type ResolvedLimits } from "./limits.js";
import { MIN_ARCHIVE_BYTES, SNIFF_BYTES, isTarHeader, sniffFormat, type StreamFormat } from "./sniff.js";
import { decoderFor, memberNameOf } from "./codecs/index.js";
import type { StreamDecoder } from "./codecs/types.js";
import { ZipReader } from "./zip-reader.js";

/** Receives one file's bytes (chunks are views, valid during the call). */
export interface ByteSink {
  data(chunk: Buffer): void;
  end(): void;
}

/** A reader of one archive's content: stops cleanly (ending the member it was in) when told. */
export interface ArchiveReader extends ByteSink {
  abort(): void;
}

/** Notes kept per layer file and per layer; the rest are counted. Notes of limits that stop a file are always kept. */
const MAX_FILE_NOTES = 20;
const MAX_LAYER_NOTES = 200;

/**
 * What reading archives in one layer shares: the detector's per-level scanners, the budget, the
 * layer file being read, and notes. Members at one nesting level are read one at a time, so one
 * ContentScanner per level serves them all.
 */
export class ArchiveWalker {
  readonly budget: ArchiveBudget;
  /** Path of the layer file being read. */
  outer = "";
  /** A layer-wide limit was reached: no more archives are opened in this layer. */
  stopped = false;
  private readonly scanners: (ContentScanner | undefined)[] = [];
  private readonly chains: string[][] = [];
  /** The member being read at each level (ended first if reading stops). */
  private readonly active: (MemberSink | undefined)[] = [];
  private notes = 0;
  private fileNotes = 0;
  private fileDropped = 0;
  private dropped = 0;

  constructor(
    private readonly ctx: TapContext,
    readonly limits: ResolvedLimits,
  ) {
    this.budget = new ArchiveBudget(limits);
  }

  startFile(path: string): void {
    this.flushDropped();
    this.outer = path;
    this.fileNotes = 0;
    this.budget.startFile();
  }

  /** `/app/x.tar.gz!shop.war!WEB-INF/lib/app.jar`: the layer file and the path inside each archive. */
  describe(chain: readonly string[]): string {
    return [this.outer, ...chain].join("!");
  }

  /** A note on the layer; `always` for the one note of a limit that stops a whole file or the layer. */
  note(message: string, always = false): void {
    if (always) this.ctx.note(message);
    else if (this.notes >= MAX_LAYER_NOTES) this.dropped++;
    else if (this.fileNotes >= MAX_FILE_NOTES) this.fileDropped++;
    else {
      this.notes++;
      this.fileNotes++;
      this.ctx.note(message);
    }
  }

  private flushDropped(): void {
    if (this.fileDropped) this.ctx.note(`${this.outer}: ${this.fileDropped} more notes about archives inside it not shown`);
    this.fileDropped = 0;
  }

  /** Reports how many notes were left out. */
  finish(): void {
    this.flushDropped();
    if (this.dropped) this.ctx.note(`${this.dropped} more notes about archives in this layer not shown`);
  }

  /** The scanner for a member at `level`, reset for the member at `chain`. */
  beginMember(level: number, chain: string[], member: MemberSink): ContentScanner {
    let scanner = this.scanners[level];
    if (!scanner) {
      scanner = new ContentScanner(this.ctx.detector, this.ctx.layer, (hit) => this.ctx.emit({ path: this.outer, hit, inner: [...this.chains[level]!] }));
      this.scanners[level] = scanner;
    }
    this.chains[level] = chain;
    this.active[level] = member;
    // Rules see the member as a path under the layer file (file rules match its name).
    scanner.reset(`${this.outer}/${chain.join("/")}`);
    return scanner;
  }

  endMember(level: number, member: MemberSink): void {
    if (this.active[level] === member) this.active[level] = undefined;
  }

  /** Reading stops inside this layer file: members being read are scanned as far as they came. */
  abortAll(): void {
    for (let level = this.active.length - 1; level >= 1; level--) {
      const m = this.active[level];
      this.active[level] = undefined;
      m?.close();
    }
  }
}

/** One member file inside an archive: scanned by the detector, and probed for a nested archive. */
export class MemberSink implements ByteSink {
  private readonly scanner: ContentScanner;
  private readonly nested: Probe | undefined;
  private closed = false;

  constructor(
    private readonly w: ArchiveWalker,
    private readonly level: number,
    chain: string[],
    size: number | undefined,
  ) {
    this.scanner = w.beginMember(level, chain, this);
    const name = chain[chain.length - 1] ?? "";
    // Past the depth limit a member is still sniffed, so that an archive left closed is noted.
    if (size === undefined || size >= MIN_ARCHIVE_BYTES) this.nested = new Probe(w, level + 1, chain, name, size);
  }

  data(chunk: Buffer): void {
    if (this.closed) return;
    this.scanner.data(chunk);
    this.nested?.data(chunk);
  }

  end(): void {
    if (this.closed) return;
    this.close();
    this.nested?.end();
  }

  /** Scans what came; a nested reader still open is stopped by the caller. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.scanner.end();
    this.w.endMember(this.level, this);
  }
}

/** Errors that stop more than the archive they happened in. */
function isWideLimit(err: unknown): err is LimitError {
  return err instanceof LimitError && err.scope !== "stream";
}

/** Zip-family names: a file with such a name that does not start like a zip may carry a prefix (a launch script). */
const ZIP_NAMES = /\.(?:jar|war|ear|zip|whl|apk|aar|nupkg|egg|ipa|xpi|docx|xlsx|pptx|odt|ods|epub)$/i;

/**
 * Decides what a file is from its first bytes and reads it as that archive at `level` (1 = a
 * layer file). `chain` is the path of the file itself inside the archives around it. Failures
 * inside it become notes and stop only this archive.
 */
export class Probe implements ByteSink {
  private head: Buffer | undefined;
  private reader: ArchiveReader | undefined;
  private dead = false;

  constructor(
    private readonly w: ArchiveWalker,
    private readonly level: number,
    private readonly chain: string[],
    private readonly name: string,
    private readonly size: number | undefined,
  ) {}

  data(chunk: Buffer): void {
    if (this.dead) return;
    if (this.reader) {
      this.guard(() => this.reader!.data(chunk));
      return;
    }
    if (!this.head && chunk.length >= SNIFF_BYTES) {
      this.decide(chunk);
      if (this.reader) this.guard(() => this.reader!.data(chunk));
      return;
    }
    this.head = this.head ? Buffer.concat([this.head, chunk]) : Buffer.from(chunk);
    if (this.head.length >= SNIFF_BYTES) this.flushHead();
  }

  end(): void {
    if (this.dead) return;
    if (!this.reader && this.head) this.flushHead();
    if (this.reader) this.guard(() => this.reader!.end());
    this.dead = true;
  }

  private flushHead(): void {
    const head = this.head!;
    this.head = undefined;
    this.decide(head);
    if (this.reader) this.guard(() => this.reader!.data(head));
  }

  private decide(head: Buffer): void {
    const format = sniffFormat(head.subarray(0, SNIFF_BYTES));
    const w = this.w;
    if (this.level > w.limits.depth) {
      if (format) w.note(`${w.describe(this.chain)}: a ${format} archive nested deeper than ${w.limits.depth} levels (limit on nesting depth): not opened`);
      this.dead = true;
      return;
    }
    switch (format) {
      case "zip":
        this.reader = new ZipReader(w, this.level, this.chain, this.size, false);
        break;
      case "tar":
        this.reader = new TarReader(w, this.level, this.chain);
        break;
      case "gzip":
      case "bzip2":
      case "xz":
      case "zstd":
        this.reader = new StreamReader(w, this.level, this.chain, format, this.name, this.size);
        break;
      default:
        if (ZIP_NAMES.test(this.name) && this.size !== undefined && this.size >= MIN_ARCHIVE_BYTES) {
          this.reader = new ZipReader(w, this.level, this.chain, this.size, true);
        }
    }
    if (!this.reader) this.dead = true;
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (isWideLimit(err)) throw err;
      this.dead = true;
      try {
        this.reader?.abort();
      } catch {
        // Already failing: what it held is scanned as far as it came.
      }
      this.w.note(`${this.w.describe(this.chain)}: ${isBadInput(err) ? "" : "reading inside it failed: "}${errorMessage(err)}`);
    }
  }
}

/** Errors that say the input is bad (as opposed to a fault in dredge). */
function isBadInput(err: unknown): boolean {
  return err instanceof DecodeError || err instanceof ZipError || err instanceof DredgeError || err instanceof LimitError;
}

/** Members of a tar (plain, or what a compressor held) at `level`. */
export class TarReader implements ArchiveReader {
  private readonly parser: TarParser;
  private member: MemberSink | undefined;
  private climbing = 0;

  constructor(
    private readonly w: ArchiveWalker,
    private readonly level: number,
    private readonly chain: string[],
  ) {
    this.parser = new TarParser({
      entry: (e) => this.entry(e),
      data: (c) => this.member?.data(c),
      entryEnd: () => {
        const m = this.member;
        this.member = undefined;
        m?.end();
      },
    });
  }

  private entry(e: TarEntry): void {
    if (e.type !== "file") return;
    this.w.budget.entry();
    // Names are reported as stored; `..` and absolute ones are only counted (nothing is resolved).
    if (e.name.startsWith("/") || e.name.split("/").includes("..")) this.climbing++;
    this.member = new MemberSink(this.w, this.level, [...this.chain, e.name], e.realSize ?? e.size);
  }

  data(chunk: Buffer): void {
    if (!this.parser.ended) this.parser.write(chunk);
  }

  end(): void {
    this.reportClimbing();
    this.parser.end();
  }

  abort(): void {
    this.reportClimbing();
    const m = this.member;
    this.member = undefined;
    m?.close();
  }

  private reportClimbing(): void {
    if (this.climbing) this.w.note(`${this.w.describe(this.chain)}: ${this.climbing} member name(s) are absolute or climb out with .. (reported as stored, never resolved)`);
    this.climbing = 0;
  }
}

/**
 * A single compressed stream (gzip, bzip2, xz, zstd): a tar inside is read at the same level
 * (`x.tar.gz` is one archive); anything else is its one member, named by the gzip header or by
 * the file's name without its suffix.
 */
export class StreamReader implements ArchiveReader {
  private readonly decoder: StreamDecoder & { name?: string };
  private readonly ratio: RatioGuard;
  private head: Buffer | undefined = Buffer.alloc(0);
  private content: ArchiveReader | MemberSink | undefined;

  constructor(
    private readonly w: ArchiveWalker,
    private readonly level: number,
    private readonly chain: string[],
    private readonly format: StreamFormat,
    private readonly name: string,
    size: number | undefined,
  ) {
    this.ratio = new RatioGuard(w.limits, `${format} data`);
    // What one-shot decoding may produce before the ratio limit would stop a stream.
    const maxOutput = size === undefined ? 0 : Math.max(w.limits.ratioFloor, w.limits.maxRatio * size);
    this.decoder = decoderFor(format, (c) => this.out(c), size, maxOutput);
  }

  data(chunk: Buffer): void {
    this.ratio.in(chunk.length);
    this.decoder.write(chunk);
  }

  end(): void {
    this.decoder.end();
    const head = this.head;
    if (head) {
      this.decide(head);
      if (head.length) this.content?.data(head);
    }
    this.content?.end();
  }

  abort(): void {
    const c = this.content;
    this.content = undefined;
    if (c instanceof MemberSink) c.close();
    else c?.abort();
  }

  private out(chunk: Buffer): void {
    this.ratio.out(chunk.length);
    this.w.budget.expanded(chunk.length);
    if (this.head) {
      if (this.head.length + chunk.length < SNIFF_BYTES) {
        this.head = Buffer.concat([this.head, chunk]);
        return;
      }
      const head = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
      this.decide(head);
      this.content?.data(head);
      return;
    }
    this.content?.data(chunk);
  }

  private decide(head: Buffer): void {
    this.head = undefined;
    if (head.length === 0) return;
    if (isTarHeader(head.subarray(0, SNIFF_BYTES))) {
      this.content = new TarReader(this.w, this.level, this.chain);
      return;
    }
    this.w.budget.entry();
    const member = this.decoder.name ?? memberNameOf(this.name, this.format);
    this.content = new MemberSink(this.w, this.level, [...this.chain, member], undefined);
  }
}

