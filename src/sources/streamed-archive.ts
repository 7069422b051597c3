import { createReadStream } from "node:fs";
import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { DredgeError } from "../util/errors.js";
import { decodeHere } from "../layers/decode.js";
import { TarParser, type TarEntry } from "../layers/tar/parser.js";
import { memberKey, resolveMember } from "../layers/tar/index-file.js";
import type { ArchiveFiles, ArchiveMember } from "./archive-files.js";

interface StreamedMember extends ArchiveMember {
  type: TarEntry["type"];
  linkTarget?: string;
}

/** Members kept in memory from the first pass: manifests, indexes, configs (JSON, this size at most)… */
const KEEP_MAX = 16 << 20;
/** …up to this much in all. */
const KEEP_BUDGET = 64 << 20;

/** What a pass does with one member's content. */
interface MemberSink {
  data(c: Buffer): void;
  /** Resolves when the sink can take more (backpressure), or undefined when it can now. */
  backlog?(): Promise<unknown> | undefined;
  end?(): Promise<void> | void;
}

/** Runs `onMember` for every member of a compressed tar, streaming, in one pass. */
async function pass(path: string, onMember: (e: TarEntry, key: string) => MemberSink | undefined): Promise<void> {
  const blob = decodeHere(() => createReadStream(path, { highWaterMark: 1 << 20 }), { storedAlg: "sha256", maxExpansionRatio: 1000, expansionFloor: 1 << 30 });
  let current: MemberSink | undefined;
  const waits: (Promise<unknown> | void | undefined)[] = [];
  const parser = new TarParser({
    entry: (e) => {
      current = onMember(e, memberKey(e.name));
    },
    data: (c) => current?.data(c),
    entryEnd: () => {
      waits.push(current?.end?.());
      current = undefined;
    },
  });
  for await (const chunk of blob.chunks) {
    if (parser.ended) continue;
    parser.write(chunk);
    waits.push(current?.backlog?.());
    for (const w of waits.splice(0)) if (w) await w;
  }
  parser.end();
}

/**
 * A compressed image archive (`docker save | gzip`, a zstd'd OCI archive): no random access, so
 * a first pass keeps its small JSON members (manifest, index, configs) and learns every name, and
 * each image's layers are then scanned in one more pass, in archive order. Nothing goes to disk.
 */
export class StreamedArchive implements ArchiveFiles {
  private constructor(
    readonly path: string,
    private readonly members: Map<string, StreamedMember>,
    private readonly kept: Map<string, Buffer>,
  ) {}

  static async open(path: string): Promise<StreamedArchive> {
    const members = new Map<string, StreamedMember>();
    const kept = new Map<string, Buffer>();
    let budget = KEEP_BUDGET;
    await pass(path, (e, key) => {
      const m: StreamedMember = { name: key, size: e.type === "file" ? e.size : 0, type: e.type };
      if (e.linkTarget !== undefined) m.linkTarget = e.linkTarget;
      if (key) members.set(key, m);
      if (e.type !== "file" || e.size > KEEP_MAX || e.size > budget) return undefined;
      const parts: Buffer[] = [];
      let first = true;
      let keep = true;
      return {
        data: (c) => {
          // Only JSON (and the oci-layout marker) is metadata; layer blobs are skipped here.
          if (first && c.length) keep = c[0] === 0x7b || c[0] === 0x5b;
          first = false;
          if (keep) parts.push(Buffer.from(c));
        },
        end: () => {
          if (!keep) return;
          const body = Buffer.concat(parts);
          budget -= body.length;
          kept.set(key, body);
        },
      };
    });
    return new StreamedArchive(path, members, kept);
  }

  find(name: string): ArchiveMember | undefined {
    return resolveMember(this.members, name, this.path);
  }

  async read(member: ArchiveMember): Promise<Buffer> {
    const body = this.kept.get(member.name);
    if (!body) throw new DredgeError("not-kept", `${member.name} in ${this.path} is not metadata (a compressed archive is read in order, not by seeking)`);
    return body;
  }

  stream(member: ArchiveMember): Readable {
    throw new DredgeError("no-random-access", `${member.name}: ${this.path} is compressed, so its members can only be read in order`);
  }

  range(): undefined {
    return undefined;
  }

  async streamMembers(names: ReadonlySet<string>, visit: (name: string, content: Readable) => Promise<void>): Promise<void> {
    // Names may reach their content through links: visit by the name the content is stored under.
    const wanted = new Map<string, string>();
    for (const n of names) {
      const m = this.find(n);
      if (m) wanted.set(m.name, m.name);
    }
    await pass(this.path, (e, key) => {
      const name = e.type === "file" ? wanted.get(key) : undefined;
      if (name === undefined) return undefined;
      wanted.delete(key);
      const content = new PassThrough({ highWaterMark: 4 << 20 });
      const visiting = visit(name, content);
      // However the visit ends, the rest of the member is drained so the pass goes on.
      visiting.then(
        () => content.resume(),
        () => content.resume(),
      );
      return {
        data: (c) => void content.write(c),
        backlog: () => (content.writableNeedDrain ? once(content, "drain") : undefined),
        end: async () => {
          content.end();
          await visiting.catch(() => undefined);
        },
      };
    });
  }
}
