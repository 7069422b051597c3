import { createReadStream } from "node:fs";
import { lstat, opendir, readlink } from "node:fs/promises";
import { posix, join } from "node:path";
import { DredgeError, errorMessage } from "../util/errors.js";
import type { BlobLayer, DirectoryLayer, Layer } from "../image/types.js";
import { TarParser } from "./tar/parser.js";
import { TarError } from "./tar/header.js";
import type { Compression } from "./decompress.js";
import { decodeHere } from "./decode.js";
import { normaliseMemberName, whiteoutOf } from "./paths.js";

/** One member of a layer as the filesystem sees it. */
export interface LayerEntry {
  /** Absolute, normalised path in the image. For whiteouts: the path deleted; opaque: the directory. */
  path: string;
  type: "file" | "directory" | "symlink" | "hardlink" | "whiteout" | "opaque" | "other";
  /** Bytes of content (files only). */
  size: number;
  mode: number;
  /** Symlink target as stored; hard link target as a normalised absolute path. */
  linkTarget?: string;
}

/** Receives a layer's entries in order; `data` chunks belong to the last `entry` and are views (copy to keep). */
export interface LayerVisitor {
  entry(e: LayerEntry): void;
  data(chunk: Buffer): void;
  entryEnd(): void;
}

/** Something wrong with a layer that was read past or that stopped the read. */
export interface LayerProblem {
  code: string;
  message: string;
}

/** What reading a layer found out about the layer itself. */
export interface LayerReadResult {
  compression: Compression | "directory";
  /** Stored bytes read. */
  storedBytes: number;
  /** Uncompressed tar bytes (or file bytes for a directory). */
  contentBytes: number;
  entries: number;
  /** sha256 of the stored bytes, and of the uncompressed tar (the diff ID). */
  digest?: string;
  diffId?: string;
  /** Problems; `fatal` ones stopped the read early (what came before was still visited). */
  problems: (LayerProblem & { fatal: boolean })[];
}

export interface ReadLayerOptions {
  /** Stop when the uncompressed size exceeds this multiple of the stored size… */
  maxExpansionRatio?: number;
  /** …and this many bytes (small layers may compress extremely well). */
  expansionFloor?: number;
}

const DEFAULTS = { maxExpansionRatio: 250, expansionFloor: 512 << 20 };

/** Reads a layer (blob or directory), calling the visitor for each entry and its content. */
export function readLayer(layer: Layer, visitor: LayerVisitor, options: ReadLayerOptions = {}): Promise<LayerReadResult> {
  return layer.kind === "blob" ? readBlobLayer(layer, visitor, { ...DEFAULTS, ...options }) : readDirectoryLayer(layer, visitor);
}

/** Adapts tar members to layer entries: normalised paths, whiteouts, link targets. */
class EntryAdapter {
  problems: (LayerProblem & { fatal: boolean })[] = [];
  private flagged = 0;
  constructor(private readonly visitor: LayerVisitor) {}

  entry(name: string, type: LayerEntry["type"], size: number, mode: number, linkTarget?: string): void {
    const norm = normaliseMemberName(name);
    if (norm.suspicious && this.flagged++ < 20) {
      const why = norm.suspicious === "absolute" ? "is absolute" : "climbs out of the layer root with ..";
      this.problems.push({ code: "suspicious-name", message: `member name ${JSON.stringify(name.slice(0, 200))} ${why}; read as ${norm.path}`, fatal: false });
    }
    const wh = whiteoutOf(norm.path);
    let e: LayerEntry;
    if (wh?.kind === "whiteout") e = { path: wh.target, type: "whiteout", size: 0, mode };
    else if (wh?.kind === "opaque") e = { path: wh.dir, type: "opaque", size: 0, mode };
    else if (wh?.kind === "meta") e = { path: norm.path, type: "other", size: 0, mode };
    else {
      e = { path: norm.path, type, size, mode };
      if (type === "hardlink" && linkTarget !== undefined) e.linkTarget = normaliseMemberName(linkTarget).path;
      else if (type === "symlink" && linkTarget !== undefined) e.linkTarget = linkTarget;
    }
    this.visitor.entry(e);
  }
}

function problemOf(err: unknown, compression: Compression | "directory"): LayerProblem {
  if (err instanceof DredgeError) return { code: err.code, message: err.message };
  const msg = errorMessage(err);
  if (compression === "gzip" && /header check|unexpected end|invalid|incorrect/i.test(msg)) return { code: "corrupt-gzip", message: `corrupt gzip data: ${msg}` };
  if (compression === "zstd") return { code: "corrupt-zstd", message: `corrupt zstd data: ${msg}` };
  return { code: "read-error", message: msg };
}

async function readBlobLayer(layer: BlobLayer, visitor: LayerVisitor, opts: Required<ReadLayerOptions>): Promise<LayerReadResult> {
  const result: LayerReadResult = { compression: "none", storedBytes: 0, contentBytes: 0, entries: 0, problems: [] };
  const adapter = new EntryAdapter(visitor);
  const parser = new TarParser({
    entry: (e) => adapter.entry(e.name, e.type === "char" || e.type === "block" || e.type === "fifo" ? "other" : e.type, e.size, e.mode, e.linkTarget),
    data: (c) => visitor.data(c),
    entryEnd: () => visitor.entryEnd(),
  });
  const decodeOptions = { storedAlg: layer.digest?.split(":")[0] ?? "sha256", maxExpansionRatio: opts.maxExpansionRatio, expansionFloor: opts.expansionFloor };
  const blob = decodeHere(() => layer.open(), decodeOptions);
  try {
    for await (const chunk of blob.chunks) if (!parser.ended) parser.write(chunk);
    parser.end();
    if (parser.trailingBytes > 0) {
      result.problems.push({ code: "tar-trailing-data", message: `${parser.trailingBytes} non-zero bytes follow the end of the tar archive (not part of the filesystem; not scanned)`, fatal: false });
    }
  } catch (err) {
    if (parser.inMember) visitor.entryEnd();
    const p = err instanceof TarError ? { code: err.code, message: err.message } : problemOf(err, blob.stats().compression);
    result.problems.push({ ...p, fatal: true });
  }
  const stats = blob.stats();
  result.compression = stats.compression;
  result.storedBytes = stats.storedBytes;
  result.contentBytes = stats.contentBytes;
  result.entries = parser.entries;
  result.problems.unshift(...adapter.problems);
  if (stats.digest && !result.problems.some((p) => p.fatal)) {
    result.digest = stats.digest;
    if (stats.diffId) result.diffId = stats.diffId;
    if (layer.digest && stats.digest !== layer.digest) {
      result.problems.push({ code: "digest-mismatch", message: `layer blob hashes to ${stats.digest}, but the manifest says ${layer.digest}`, fatal: false });
    }
    if (layer.diffId && stats.diffId && stats.diffId !== layer.diffId) {
      result.problems.push({ code: "diffid-mismatch", message: `uncompressed layer hashes to ${stats.diffId}, but the config's diff_ids say ${layer.diffId}`, fatal: false });
    }
  }
  return result;
}

async function readDirectoryLayer(layer: DirectoryLayer, visitor: LayerVisitor): Promise<LayerReadResult> {
  const result: LayerReadResult = { compression: "directory", storedBytes: 0, contentBytes: 0, entries: 0, problems: [] };
  const note = (path: string, err: unknown) => {
    if (result.problems.length < 50) result.problems.push({ code: "unreadable", message: `${path}: ${errorMessage(err)}`, fatal: false });
  };
  async function walk(dir: string, rel: string): Promise<void> {
    let handle;
    try {
      handle = await opendir(dir);
    } catch (err) {
      note(rel || "/", err);
      return;
    }
    const names: string[] = [];
    for await (const d of handle) names.push(d.name);
    names.sort();
    for (const name of names) {
      const full = join(dir, name);
      const path = posix.join(rel || "/", name);
      let st;
      try {
        st = await lstat(full);
      } catch (err) {
        note(path, err);
        continue;
      }
      result.entries++;
      if (st.isSymbolicLink()) {
        const target = await readlink(full).catch(() => "");
        visitor.entry({ path, type: "symlink", size: 0, mode: st.mode & 0o7777, linkTarget: target });
        visitor.entryEnd();
      } else if (st.isDirectory()) {
        visitor.entry({ path, type: "directory", size: 0, mode: st.mode & 0o7777 });
        visitor.entryEnd();
        await walk(full, path);
      } else if (st.isFile()) {
        visitor.entry({ path, type: "file", size: st.size, mode: st.mode & 0o7777 });
        try {
          for await (const chunk of createReadStream(full, { highWaterMark: 1 << 20 })) {
            result.contentBytes += (chunk as Buffer).length;
            visitor.data(chunk as Buffer);
          }
        } catch (err) {
          note(path, err);
        }
        visitor.entryEnd();
      } else {
        // FIFOs, sockets and devices: never opened (a FIFO would block forever).
        visitor.entry({ path, type: "other", size: 0, mode: st.mode & 0o7777 });
        visitor.entryEnd();
      }
    }
  }
  const st = await lstat(layer.root).catch((err: unknown) => {
    throw new DredgeError("not-found", `${layer.root}: ${errorMessage(err)}`);
  });
  if (!st.isDirectory()) throw new DredgeError("not-a-directory", `${layer.root} is not a directory`);
  await walk(layer.root, "");
  return result;
}
