import { createHash } from "node:crypto";
import type { Detector } from "../detect/engine.js";
import { STRUCTURE_RULES, keyStoreSecret, sniffKeyStore } from "../detect/structure/keystore.js";
import type { RuleHit } from "../detect/types.js";
import type { LayerEntry, LayerVisitor } from "../layers/read.js";
import { LayerFacts } from "./overlay.js";

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
  /** Set from the file's first window. */
  private kind: FileKind | undefined;

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
    this.kind = undefined;
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
    const first = this.kind === undefined;
    this.kind ??= kindOf(this.window, this.fill);
    const ctx = { path, layer: this.layerIndex, binary: this.kind !== "text" };
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
