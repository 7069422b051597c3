import { open, type FileHandle } from "node:fs/promises";
import type { Readable } from "node:stream";
import { posix } from "node:path";
import { TarParser, type TarEntry } from "./parser.js";
import { TarError, BLOCK } from "./header.js";
import type { FileRange } from "../../image/types.js";
import { openFileRange } from "../../util/file-range.js";

/** A member of an indexed tar file: where its content starts and how long it is. */
export interface TarMember {
  /** Name normalised to a relative path without `./` (directories without trailing `/`). */
  name: string;
  type: TarEntry["type"];
  /** Byte offset of the content in the file. */
  dataOffset: number;
  size: number;
  linkTarget?: string;
}

/** Normalises a member name of an archive-of-files (docker save, OCI archive) for lookup. */
export function memberKey(name: string): string {
  const norm = posix.normalize("/" + name).slice(1);
  return norm.endsWith("/") ? norm.slice(0, -1) : norm;
}

/** Follows symlinks and hard links among an archive's members (never out of it; loops are an error). */
export function resolveMember<M extends { type: TarEntry["type"]; linkTarget?: string }>(members: Map<string, M>, name: string, where: string): M | undefined {
  let key = memberKey(name);
  for (let hops = 0; hops < 16; hops++) {
    const m = members.get(key);
    if (!m) return undefined;
    if (m.type === "file") return m;
    if (m.type === "symlink" && m.linkTarget !== undefined) {
      key = memberKey(posix.join(posix.dirname("/" + key), m.linkTarget));
    } else if (m.type === "hardlink" && m.linkTarget !== undefined) {
      key = memberKey(m.linkTarget);
    } else {
      return undefined;
    }
  }
  throw new TarError("tar-link-loop", `link loop while resolving ${name} in ${where}`);
}

/**
 * Random-access view of an uncompressed tar file: headers are read by seeking past member
 * bodies (like `tar -tf` on a file), so indexing a multi-GB docker save reads only kilobytes.
 */
export class TarFileIndex {
  private constructor(
    readonly path: string,
    readonly members: Map<string, TarMember>,
  ) {}

  static async open(path: string): Promise<TarFileIndex> {
    const fh = await open(path, "r");
    try {
      const members = await readMembers(fh);
      return new TarFileIndex(path, members);
    } finally {
      await fh.close();
    }
  }

  /** The member at `name`, following symlinks and hard links inside the archive (never out of it). */
  find(name: string): TarMember | undefined {
    return resolveMember(this.members, name, this.path);
  }

  /** Reads a (small) member whole. */
  async read(member: TarMember, limit = 64 << 20): Promise<Buffer> {
    if (member.size > limit) throw new TarError("member-too-large", `${member.name} is ${member.size} bytes, over the ${limit}-byte limit for metadata`);
    const fh = await open(this.path, "r");
    try {
      const buf = Buffer.alloc(member.size);
      const { bytesRead } = await fh.read(buf, 0, member.size, member.dataOffset);
      if (bytesRead !== member.size) throw new TarError("tar-truncated", `${member.name} is cut short in ${this.path}`);
      return buf;
    } finally {
      await fh.close();
    }
  }

  /** A member's content as a range of the archive file. */
  range(member: TarMember): FileRange {
    return { path: this.path, start: member.dataOffset, length: member.size };
  }

  /** Streams a member's content. */
  stream(member: TarMember): Readable {
    return openFileRange(this.range(member));
  }
}

async function readMembers(fh: FileHandle): Promise<Map<string, TarMember>> {
  const { size: fileSize } = await fh.stat();
  const members = new Map<string, TarMember>();
  let current: TarEntry | undefined;
  const parser = new TarParser({
    entry(e) {
      current = e;
    },
    data() {},
    entryEnd() {},
  });
  const block = Buffer.alloc(BLOCK);
  let pos = 0;
  while (pos < fileSize && !parser.ended) {
    const { bytesRead } = await fh.read(block, 0, BLOCK, pos);
    if (bytesRead === 0) break;
    parser.write(bytesRead === BLOCK ? block : block.subarray(0, bytesRead));
    pos += bytesRead;
    if (current) {
      const e = current;
      current = undefined;
      const m: TarMember = { name: memberKey(e.name), type: e.type, dataOffset: pos, size: e.type === "file" ? e.size : 0 };
      if (e.linkTarget !== undefined) m.linkTarget = e.linkTarget;
      if (m.name) members.set(m.name, m);
      if (m.dataOffset + m.size > fileSize) throw new TarError("tar-truncated", `member ${m.name} runs past the end of the file`);
      pos += parser.skipBody();
    }
  }
  if (pos > fileSize) throw new TarError("tar-truncated", "tar file is truncated");
  parser.end();
  return members;
}
