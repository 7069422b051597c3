import {
  BLOCK,
  TarError,
  decodeHeader,
  entryType,
  hasContent,
  isMetaType,
  isZeroBlock,
  padding,
  parsePax,
  type TarEntryType,
} from "./header.js";

/** One member of a tar stream, with GNU long names and PAX records applied. */
export interface TarEntry {
  /** Member name as stored (not normalised; see `layers/paths.ts`). */
  name: string;
  type: TarEntryType;
  /** Bytes of content that follow in the archive (for sparse files: the stored data only). */
  size: number;
  mode: number;
  /** Target of a symlink or hard link. */
  linkTarget?: string;
  /** Size of a sparse file with its holes restored. */
  realSize?: number;
  /** Byte offset of the member's header block in the tar stream. */
  offset: number;
}

/** Receives a tar stream's members in order. Data chunks are views into the input: copy to keep. */
export interface TarSink {
  entry(entry: TarEntry): void;
  data(chunk: Buffer): void;
  entryEnd(): void;
}

export interface TarParserOptions {
  /** Largest PAX or GNU long-name body accepted, in bytes. */
  maxMetaBytes?: number;
}

const enum State {
  Header,
  Body,
  Meta,
  SparseExt,
  Padding,
  Ended,
}

/**
 * Push parser for tar streams: ustar, GNU (long names, base-256 sizes, old sparse) and PAX.
 * Synchronous and zero-copy for bodies; only header blocks are buffered. Errors are TarErrors
 * naming the byte offset.
 */
export class TarParser {
  private state = State.Header;
  private readonly head = Buffer.alloc(BLOCK);
  private headFill = 0;
  private remaining = 0;
  private padLeft = 0;
  private metaType = "";
  private metaChunks: Buffer[] = [];
  private metaLen = 0;
  private pax = new Map<string, string>();
  private globalPax = new Map<string, string>();
  private longName: string | undefined;
  private longLink: string | undefined;
  private zeroBlocks = 0;
  private inEntry = false;
  private readonly maxMeta: number;
  /** Bytes consumed so far. */
  position = 0;
  /** Non-zero bytes seen after the end-of-archive marker. */
  trailingBytes = 0;
  /** Members seen so far. */
  entries = 0;

  constructor(
    private readonly sink: TarSink,
    options: TarParserOptions = {},
  ) {
    this.maxMeta = options.maxMetaBytes ?? 1 << 20;
  }

  /** True while a member's header was reported and its end not yet. */
  get inMember(): boolean {
    return this.inEntry;
  }

  /** True once the end-of-archive marker (two zero blocks) was read. */
  get ended(): boolean {
    return this.state === State.Ended;
  }

  write(chunk: Buffer): void {
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      switch (this.state) {
        case State.Header: {
          if (this.headFill === 0 && len - pos >= BLOCK) {
            this.onHeaderBlock(chunk, pos);
            pos += BLOCK;
            this.position += BLOCK;
          } else {
            const n = Math.min(BLOCK - this.headFill, len - pos);
            chunk.copy(this.head, this.headFill, pos, pos + n);
            this.headFill += n;
            pos += n;
            this.position += n;
            if (this.headFill === BLOCK) {
              this.headFill = 0;
              this.onHeaderBlock(this.head, 0);
            }
          }
          break;
        }
        case State.Body: {
          const n = Math.min(this.remaining, len - pos);
          if (n > 0) this.sink.data(chunk.subarray(pos, pos + n));
          this.remaining -= n;
          pos += n;
          this.position += n;
          if (this.remaining === 0) this.finishBody();
          break;
        }
        case State.Meta: {
          const n = Math.min(this.remaining, len - pos);
          this.metaChunks.push(Buffer.from(chunk.subarray(pos, pos + n)));
          this.metaLen += n;
          this.remaining -= n;
          pos += n;
          this.position += n;
          if (this.remaining === 0) this.finishMeta();
          break;
        }
        case State.SparseExt: {
          const n = Math.min(BLOCK - this.headFill, len - pos);
          chunk.copy(this.head, this.headFill, pos, pos + n);
          this.headFill += n;
          pos += n;
          this.position += n;
          if (this.headFill === BLOCK) {
            this.headFill = 0;
            // Byte 504 of an extension block says whether another one follows.
            if (this.head[504] === 0) {
              if (this.remaining > 0) this.state = State.Body;
              else this.finishBody();
            }
          }
          break;
        }
        case State.Padding: {
          const n = Math.min(this.padLeft, len - pos);
          this.padLeft -= n;
          pos += n;
          this.position += n;
          if (this.padLeft === 0) this.state = State.Header;
          break;
        }
        case State.Ended: {
          for (let i = pos; i < len; i++) if (chunk[i] !== 0) this.trailingBytes++;
          this.position += len - pos;
          pos = len;
          break;
        }
      }
    }
  }

  /** Bytes of the current member's content still to come (0 between members). */
  get bodyRemaining(): number {
    return this.state === State.Body ? this.remaining : 0;
  }

  /**
   * Skips the rest of the current member's content and its padding without reading it, for
   * callers that can seek. Returns how many input bytes the caller must skip.
   */
  skipBody(): number {
    if (this.state !== State.Body) return 0;
    const n = this.remaining + this.padLeft;
    this.remaining = 0;
    this.padLeft = 0;
    this.position += n;
    this.finishBody();
    return n;
  }

  /** Signals the end of input; throws a TarError when a member was cut short. */
  end(): void {
    if (this.state === State.Ended || (this.state === State.Header && this.headFill === 0)) return;
    if (this.state === State.Padding) {
      // Some writers omit the final padding; the member itself is complete.
      return;
    }
    const what = this.inEntry ? "member data" : this.state === State.Meta ? "metadata" : "header";
    throw new TarError("tar-truncated", `tar stream truncated at byte ${this.position} (inside ${what})`);
  }

  private onHeaderBlock(buf: Buffer, start: number): void {
    const offset = this.position;
    if (isZeroBlock(buf, start)) {
      this.zeroBlocks++;
      if (this.zeroBlocks >= 2) this.state = State.Ended;
      return;
    }
    this.zeroBlocks = 0;
    const raw = decodeHeader(buf, start, offset);
    if (isMetaType(raw.typeflag)) {
      if (raw.size > this.maxMeta) {
        throw new TarError("tar-meta-too-large", `tar metadata member of ${raw.size} bytes at byte ${offset} exceeds the limit`);
      }
      this.metaType = raw.typeflag;
      this.metaChunks = [];
      this.metaLen = 0;
      this.remaining = raw.size;
      this.padLeft = padding(raw.size);
      if (raw.size === 0) this.finishMeta();
      else this.state = State.Meta;
      return;
    }
    const pax = this.pax;
    const global = this.globalPax;
    let name = pax.get("GNU.sparse.name") ?? pax.get("path") ?? this.longName ?? global.get("path");
    if (name === undefined) name = raw.prefix ? `${raw.prefix}/${raw.name}` : raw.name;
    const linkTarget = pax.get("linkpath") ?? this.longLink ?? raw.linkname;
    const paxSize = pax.get("size") ?? global.get("size");
    let size = raw.size;
    if (paxSize !== undefined) {
      const n = Number(paxSize);
      if (!Number.isSafeInteger(n) || n < 0) throw new TarError("tar-pax", `bad PAX size at byte ${offset}`);
      size = n;
    }
    const type = entryType(raw.typeflag);
    const entry: TarEntry = { name, type, size, mode: raw.mode, offset };
    if (type === "symlink" || type === "hardlink") entry.linkTarget = linkTarget;
    const sparseReal = pax.get("GNU.sparse.realsize") ?? pax.get("GNU.sparse.size");
    if (raw.realSize !== undefined) entry.realSize = raw.realSize;
    else if (sparseReal !== undefined && Number.isSafeInteger(Number(sparseReal))) entry.realSize = Number(sparseReal);
    this.pax = new Map();
    this.longName = undefined;
    this.longLink = undefined;
    this.entries++;

    this.inEntry = true;
    this.sink.entry(entry);
    this.remaining = size;
    this.padLeft = padding(size);
    if (!hasContent(raw.typeflag) && size > 0) {
      // A link or directory with a body: not content; skip it without reporting it as data.
      this.inEntry = false;
      this.sink.entryEnd();
      this.padLeft += size;
      this.state = State.Padding;
      return;
    }
    if (raw.sparseExtended) {
      this.state = State.SparseExt;
      return;
    }
    if (size === 0) this.finishBody();
    else this.state = State.Body;
  }

  private finishBody(): void {
    this.inEntry = false;
    this.sink.entryEnd();
    this.state = this.padLeft > 0 ? State.Padding : State.Header;
  }

  private finishMeta(): void {
    const body = Buffer.concat(this.metaChunks, this.metaLen);
    this.metaChunks = [];
    const at = this.position - this.metaLen;
    switch (this.metaType) {
      case "x":
      case "X":
        this.pax = parsePax(body, at);
        break;
      case "g":
        for (const [k, v] of parsePax(body, at)) this.globalPax.set(k, v);
        break;
      case "L":
        this.longName = cStringOf(body);
        break;
      case "K":
        this.longLink = cStringOf(body);
        break;
    }
    this.state = this.padLeft > 0 ? State.Padding : State.Header;
  }
}

function cStringOf(body: Buffer): string {
  const nul = body.indexOf(0);
  return body.toString("utf8", 0, nul < 0 ? body.length : nul);
}
