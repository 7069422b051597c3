import { createHash } from "node:crypto";
import type { Detector } from "../detect/engine.js";
import { STRUCTURE_RULES, keyStoreSecret, sniffKeyStore } from "../detect/structure/keystore.js";
import type { RuleHit } from "../detect/types.js";
import type { LayerEntry, LayerVisitor } from "../layers/read.js";
import { LayerFacts } from "./overlay.js";
import { errorMessage } from "../util/errors.js";

/** Size of the window of file content handed to the detector at once. */
const WINDOW = 1 << 20;
/** Bytes carried from one window into the next so a secret across the boundary is seen whole. */
const OVERLAP = 32 << 10;

/** Most hits kept per file: a file of a million keys (hostile, or a dump) must not exhaust memory or fingerprinting. */
export const MAX_HITS_PER_FILE = 500;

/** Bytes at the start of a file looked at to tell a binary from text. */
const SNIFF = 8000;

/** What kind of bytes a file holds, from its first window. */
type FileKind = "text" | "binary" | "pe";

/** A file with a NUL byte near its start is a binary (as git and grep decide); `MZ` marks a Windows PE. */
function kindOf(head: Buffer, end: number): FileKind {
  const n = Math.min(end, SNIFF);
  if (head.subarray(0, n).indexOf(0) < 0) return "text";
  return n >= 2 && head[0] === 0x4d && head[1] === 0x5a ? "pe" : "binary";
}

/** A rule hit in a file of a layer. */
export interface FileHit {
  /** The layer file that holds it: its fate (present, deleted, overwritten) is the hit's status. */
  path: string;
  hit: RuleHit;
  /** Found inside nested archives: the path in each, outermost first (`path` is the outer archive). */
  inner?: string[];
  /** Found in a `.git` store's history (`path` is the store file that holds the object). */
  git?: GitHitRef;
  /** A sealed hit from the layer cache that is a published test key: which (the value is not there to ask). */
  publicKey?: string;
}

/** Where in a `.git` store a hit is. */
export interface GitHitRef {
  /** The store's path in the image, e.g. `/app/.git`. */
  store: string;
  /** Commits that brought the secret in at `path` (a version of the file holding it that none of their parents has), full ids, newest first. */
  commits: string[];
  /** The file's path in the repository. */
  path: string;
  /** Whether HEAD's tree still has the secret. */
  inHead: boolean;
}

/**
 * Something that reads files' bytes besides the plain detector pass (a nested-archive reader,
 * a `.git` store collector). Taps are built per layer, in whatever thread scans it, from
 * plain-data options.
 */
export interface ContentTap {
  /** A file starts in the layer: a sink for its bytes, or undefined to let it pass. */
  file(entry: LayerEntry): FileSink | undefined;
  /** The whole layer was read: report what needed all of it (a `.git` store's history). */
  finish?(): void | Promise<void>;
}

/** Receives one file's bytes (chunks are views: copy what you keep). */
export interface FileSink {
  data(chunk: Buffer): void;
  end(): void;
}

/** What a tap is given: the detector, and where its hits and notes go. */
export interface TapContext {
  detector: Detector;
  layer: number;
  emit(hit: FileHit): void;
  /** Something the tap could not read (an encrypted entry, a truncated pack): a warning on the layer. */
  note(message: string): void;
}

/** Builds the taps of one layer. */
export type TapFactory = (ctx: TapContext) => ContentTap;

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
 * Runs the detector over one file's content in bounded windows (memory stays ~1 MiB whatever
 * the file size). Hits go to `emit` with offsets in the file; each (rule, offset) once.
 * Reusable: `reset` starts the next file.
 */
export class ContentScanner {
  private window = Buffer.allocUnsafe(WINDOW + OVERLAP);
  private fill = 0;
  /** Offset in the file of window[0]. */
  private base = 0;
  private seen = new Set<string>();
  /** Set from the file's first window. */
  private kind: FileKind | undefined;
  private path = "";

  constructor(
    private readonly detector: Detector,
    private readonly layerIndex: number,
    private readonly emit: (hit: RuleHit) => void,
  ) {}

  /** Starts a new file; `path` is what rules see (names matter to file rules). */
  reset(path: string): void {
    this.path = path;
    this.fill = 0;
    this.base = 0;
    this.seen.clear();
    this.kind = undefined;
  }

  data(chunk: Buffer): void {
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

  end(): void {
    this.flush(true);
  }

  /** Scans the window; unless `final`, keeps its tail for the next window and ignores hits starting there. */
  private flush(final: boolean): void {
    if (this.fill === 0) return;
    const limit = final ? this.fill : this.fill - OVERLAP;
    const first = this.kind === undefined;
    this.kind ??= kindOf(this.window, this.fill);
    const ctx = { path: this.path, layer: this.layerIndex, binary: this.kind !== "text" };
    const hits = this.detector.scan(this.window, ctx, this.fill, limit);
    if (first && this.kind !== "text" && this.base === 0) {
      const store = keyStoreHit(this.window.subarray(0, this.fill));
      if (store) hits.push(store);
    }
    // .NET assemblies keep string literals as UTF-16: scan those strings too.
    if (this.kind === "pe") hits.push(...utf16Hits(this.detector, this.window, this.fill, limit, ctx));
    for (const hit of hits) {
      const start = this.base + hit.start;
      const key = `${hit.ruleId}:${start}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.emit({ ...hit, start, end: this.base + hit.end });
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

/** Keeps at most MAX_HITS_PER_FILE hits per (file, inner path), counting the rest. */
class HitBudget {
  private counts = new Map<string, number>();
  constructor(
    private readonly hits: FileHit[],
    private readonly truncated: [string, number][],
  ) {}

  add(h: FileHit): void {
    const key = h.inner ? `${h.path}!${h.inner.join("!")}` : h.git ? `${h.path}@${h.git.path}` : h.path;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n <= MAX_HITS_PER_FILE) {
      this.hits.push(h);
      return;
    }
    const last = this.truncated[this.truncated.length - 1];
    if (last?.[0] === key) last[1]++;
    else this.truncated.push([key, 1]);
  }
}

/**
 * Visits one layer's entries: records what the layer does to the filesystem, runs the detector
 * over each file's content, and hands files to the taps (nested archives, `.git` stores).
 */
export class LayerScanner implements LayerVisitor {
  readonly facts = new LayerFacts();
  readonly hits: FileHit[] = [];
  /** Hard links in this layer: link path → target path. */
  readonly hardLinks: [string, string][] = [];
  /** Files that had more hits than MAX_HITS_PER_FILE, with the number left out. */
  readonly truncated: [string, number][] = [];
  /** What the taps could not read. */
  readonly notes: string[] = [];
  private readonly budget = new HitBudget(this.hits, this.truncated);
  private readonly content: ContentScanner;
  private readonly taps: ContentTap[];
  private current: LayerEntry | undefined;
  private sinks: FileSink[] = [];

  constructor(detector: Detector, layerIndex: number, tapFactories: readonly TapFactory[] = []) {
    this.content = new ContentScanner(detector, layerIndex, (hit) => this.budget.add({ path: this.current!.path, hit }));
    const ctx: TapContext = { detector, layer: layerIndex, emit: (h) => this.budget.add(h), note: (m) => this.notes.push(m) };
    this.taps = tapFactories.map((make) => make(ctx));
  }

  entry(e: LayerEntry): void {
    this.facts.record(e);
    if (e.type === "hardlink" && e.linkTarget) this.hardLinks.push([e.path, e.linkTarget]);
    this.current = e.type === "file" ? e : undefined;
    this.sinks = [];
    if (!this.current) return;
    this.content.reset(e.path);
    for (const tap of this.taps) {
      const sink = this.guard(e.path, () => tap.file(e));
      if (sink) this.sinks.push(sink);
    }
  }

  data(chunk: Buffer): void {
    if (!this.current) return;
    this.content.data(chunk);
    for (const sink of this.sinks) this.guard(this.current.path, () => sink.data(chunk), sink);
  }

  entryEnd(): void {
    if (this.current) {
      this.content.end();
      for (const sink of this.sinks) this.guard(this.current.path, () => sink.end(), sink);
    }
    this.current = undefined;
    this.sinks = [];
  }

  /** After the layer: lets the taps report what needed the whole layer. */
  async finish(): Promise<void> {
    for (const tap of this.taps) {
      try {
        await tap.finish?.();
      } catch (err) {
        this.notes.push(`reading past a fault: ${errorMessage(err)}`);
      }
    }
  }

  /** A tap that throws loses that file (a note says so); the layer's scan goes on. */
  private guard<T>(path: string, fn: () => T, sink?: FileSink): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.notes.push(`${path}: ${errorMessage(err)}`);
      if (sink) this.sinks = this.sinks.filter((s) => s !== sink);
      return undefined;
    }
  }
}

/** Shortest UTF-16LE string worth scanning (shorter ones hold no credential). */
const MIN_UTF16 = 8;

/**
 * Hits in the UTF-16LE strings of `buf[0, end)` (printable ASCII code units), with offsets of
 * the first byte of each hit in `buf`; hits starting at or after `limit` are left out.
 */
export function utf16Hits(detector: Detector, buf: Buffer, end: number, limit: number, ctx: { path: string; layer: number; binary: boolean }): RuleHit[] {
  const out: RuleHit[] = [];
  for (let i = 0; i + 1 < end; ) {
    let j = i;
    while (j + 1 < end && buf[j + 1] === 0 && buf[j]! >= 0x20 && buf[j]! < 0x7f) j += 2;
    const units = (j - i) / 2;
    if (units >= MIN_UTF16) {
      const text = Buffer.alloc(units);
      for (let k = 0; k < units; k++) text[k] = buf[i + 2 * k]!;
      for (const hit of detector.scan(text, { ...ctx, binary: false })) {
        const start = i + 2 * hit.start;
        if (start < limit) out.push({ ...hit, start, end: i + 2 * hit.end });
      }
    }
    i = j > i ? j : i + 1;
  }
  return out;
}

const STRUCTURE_BY_KIND = new Map(STRUCTURE_RULES.map((r) => [r.kind, r]));

/**
 * A key store (PKCS#12, JKS, JCEKS, BKS) recognised by its structure in a file's first window.
 * The store as a whole is the secret; it stands in findings as its kind and the SHA-256 of
 * those bytes (never the bytes). One whose entries could not all be seen (encrypted, or longer
 * than the window) and showed no key is reported with medium confidence.
 */
export function keyStoreHit(head: Buffer): RuleHit | undefined {
  const sniff = sniffKeyStore(head);
  if (!sniff) return undefined;
  const rule = STRUCTURE_BY_KIND.get(sniff.kind)!;
  return {
    ruleId: rule.id,
    kind: rule.kind,
    secret: keyStoreSecret(sniff.kind, createHash("sha256").update(head).digest("hex")),
    start: 0,
    end: head.length,
    severity: rule.severity,
    confidence: sniff.keyEntries > 0 ? rule.confidence : "medium",
  };
}
