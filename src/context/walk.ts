/**
 * Walks a build context as BuildKit sends it: entries in name order, each checked against the
 * ignore file with its parent directory's result; an excluded directory is entered only when
 * an exception (`!…`) may re-include something under it. Nothing is followed: a symlink is sent
 * as a link (never read), FIFOs, sockets and devices are never opened, and a file is opened
 * with O_NOFOLLOW | O_NONBLOCK and checked to be a regular file before it is read.
 */

import { constants, type Stats } from "node:fs";
import { lstat, open, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
import type { DockerIgnore, IgnorePattern, MatchResult } from "./dockerignore.js";

/** What the walker needs of a file handle. */
export interface ContextFileHandle {
  stat(): Promise<Stats>;
  read(buffer: Buffer, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** File-system access of the walker (tests replace parts of it to simulate errors). */
export interface ContextIo {
  readdir(path: string): Promise<string[]>;
  lstat(path: string): Promise<Stats>;
  readlink(path: string): Promise<string>;
  /** Opens a file for reading without following a symlink or blocking on a FIFO. */
  open(path: string): Promise<ContextFileHandle>;
}

export const NODE_IO: ContextIo = {
  readdir: (p) => readdir(p),
  lstat: (p) => lstat(p),
  readlink: (p) => readlink(p),
  open: (p) => open(p, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK),
};

/** A non-directory entry the build would send. */
export interface SentEntry {
  /** Relative to the context, `/`-separated. */
  path: string;
  abs: string;
  type: "file" | "symlink" | "other";
  size: number;
  /** Symlinks: the target as stored. */
  linkTarget?: string;
  /** Excluded by the ignore file but sent anyway (the Dockerfile and the ignore file): COPY cannot take it. */
  forced: boolean;
  /** The ignore pattern that decided (for a sent path: an exception `!…` that re-included it). */
  decidedBy?: IgnorePattern;
}

/** A directory the walk enters. */
export interface DirEntry {
  path: string;
  abs: string;
  /** The directory itself is sent (not excluded); an excluded one is entered for the exceptions under it. */
  sent: boolean;
}

/** Receives the walk, in order. */
export interface WalkVisitor {
  enterDir?(d: DirEntry): Promise<void> | void;
  leaveDir?(d: DirEntry): Promise<void> | void;
  entry(e: SentEntry): Promise<void> | void;
  /** Every regular file named `.gitignore` in a directory the walk enters, sent or not. */
  gitignore?(dir: string, abs: string): Promise<void> | void;
}

export interface WalkOptions {
  /** Absolute context directory (symlinks already resolved). */
  root: string;
  ignore?: DockerIgnore;
  /** Paths sent even when the ignore file excludes them (the Dockerfile, the ignore file). */
  alwaysSent?: ReadonlySet<string>;
  io?: ContextIo;
  /** Problems read past (unreadable directories…). */
  warn(message: string): void;
}

function code(err: unknown): string {
  const c = (err as NodeJS.ErrnoException | undefined)?.code;
  return c ?? (err instanceof Error ? err.message : String(err));
}

/** Walks the context, calling the visitor for what the build would send. */
export async function walkContext(opts: WalkOptions, visitor: WalkVisitor): Promise<void> {
  const io = opts.io ?? NODE_IO;
  const ignore = opts.ignore;
  const always = opts.alwaysSent ?? new Set<string>();

  async function walk(abs: string, rel: string, parent: MatchResult | undefined): Promise<void> {
    let names: string[];
    try {
      names = await io.readdir(abs);
    } catch (err) {
      opts.warn(`${rel || "."}: cannot be listed (${code(err)}); docker build fails on an unreadable context directory unless the ignore file excludes it`);
      return;
    }
    names.sort();
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      const full = join(abs, name);
      let st: Stats;
      try {
        st = await io.lstat(full);
      } catch (err) {
        opts.warn(`${path}: cannot be examined (${code(err)})`);
        continue;
      }
      const m = ignore?.match(path, parent);
      const excluded = m?.excluded ?? false;
      if (st.isDirectory()) {
        if (excluded && !ignore!.mayReincludeUnder(path)) continue;
        const d: DirEntry = { path, abs: full, sent: !excluded };
        await visitor.enterDir?.(d);
        await walk(full, path, m);
        await visitor.leaveDir?.(d);
        continue;
      }
      if (name === ".gitignore" && st.isFile()) await visitor.gitignore?.(rel, full);
      const forced = excluded && always.has(path);
      if (excluded && !forced) continue;
      const e: SentEntry = { path, abs: full, type: st.isSymbolicLink() ? "symlink" : st.isFile() ? "file" : "other", size: st.size, forced };
      if (m?.decidedBy) e.decidedBy = m.decidedBy;
      if (e.type === "symlink") e.linkTarget = await io.readlink(full).catch(() => "");
      await visitor.entry(e);
    }
  }

  await walk(opts.root, "", undefined);
}

/** How reading a file went. */
export interface ReadOutcome {
  /** Bytes handed to `onChunk`. */
  bytes: number;
  /** The file is longer than `max`: the rest was not read. */
  truncated: boolean;
  /** Why it could not be read (it was then not, or only partly, read). */
  error?: string;
}

const CHUNK = 1 << 20;

/**
 * Reads at most `max` bytes of a regular file in 1 MiB chunks (views into one buffer: copy to
 * keep). Refuses anything that is not a regular file when opened (a path swapped for a FIFO or
 * a symlink after the walk looked at it).
 */
export async function readBounded(io: ContextIo, abs: string, max: number, onChunk: (chunk: Buffer) => void): Promise<ReadOutcome> {
  let fh: ContextFileHandle;
  try {
    fh = await io.open(abs);
  } catch (err) {
    return { bytes: 0, truncated: false, error: code(err) };
  }
  let total = 0;
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { bytes: 0, truncated: false, error: "not a regular file" };
    const buf = Buffer.allocUnsafe(CHUNK);
    while (total < max) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, max - total), null);
      if (bytesRead === 0) return { bytes: total, truncated: false };
      onChunk(buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    // At the limit: is there more?
    const { bytesRead } = await fh.read(buf, 0, 1, null);
    return { bytes: total, truncated: bytesRead > 0 };
  } catch (err) {
    return { bytes: total, truncated: false, error: code(err) };
  } finally {
    await fh.close().catch(() => undefined);
  }
}
