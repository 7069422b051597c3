import { createHash } from "node:crypto";
import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { TarParser, type TarEntry } from "../../layers/tar/parser.js";
import { TarError } from "../../layers/tar/header.js";
import { memberKey } from "../../layers/tar/index-file.js";
import { DredgeError, errorMessage } from "../../util/errors.js";

/** Members kept from the stream: JSON (manifest, index, configs) of this size at most… */
const KEEP_MAX = 16 << 20;
/** …and this much in all. */
const KEEP_BUDGET = 64 << 20;

/**
 * Names layer blobs have in a `docker save`: `<v1 id>/layer.tar` (Docker up to 24, and links in
 * Podman's), `<diff id hex>.tar` (Podman, skopeo), `blobs/sha256/<hex>` (Docker 25+'s OCI layout).
 */
const LAYER_NAME = /^(?:[^/]+\/layer\.tar|[a-f0-9]{64}\.tar|blobs\/sha256\/[a-f0-9]{64})$/;
const PROMISING_NAME = /^(?:([a-f0-9]{64})\.tar|blobs\/sha256\/([a-f0-9]{64}))$/;

/** The diff ID a layer member's name promises (uncompressed blobs are named by it), if any. */
export function promisedDiffId(name: string): string | undefined {
  const m = PROMISING_NAME.exec(name);
  const hex = m?.[1] ?? m?.[2];
  return hex ? `sha256:${hex}` : undefined;
}

/** A small member kept whole, with the sha256 of its bytes. */
export interface KeptMember {
  body: Buffer;
  digest: string;
}

/** What one pass over a save stream kept: its JSON members, and links between members. */
export interface SaveStreamContents {
  json: Map<string, KeptMember>;
  /** Link member → the member it points at (normalised names). */
  links: Map<string, string>;
  /** Layer members handed to the visitor, in stream order. */
  layers: string[];
}

/** What a pass does with one member's content. */
interface Sink {
  data(c: Buffer): void;
  backlog?(): Promise<unknown> | undefined;
  end(): Promise<void> | void;
  /** The stream broke off inside this member. */
  abort?(err: Error): Promise<void>;
}

/**
 * Reads a `docker save` tar as it streams (an engine's `GET /images/{name}/get`, `podman image
 * save` on stdout): layer members go to `visit` one at a time, with backpressure, and small JSON
 * members are kept. Nothing is written to disk; the caller matches layers by their diff IDs, since a
 * save may name them by v1 IDs that say nothing of which layer they are.
 */
export async function readSaveStream(stream: Readable, where: string, visit: (name: string, content: Readable) => Promise<void>): Promise<SaveStreamContents> {
  const out: SaveStreamContents = { json: new Map(), links: new Map(), layers: [] };
  let budget = KEEP_BUDGET;
  let current: Sink | undefined;
  const waits: (Promise<unknown> | void | undefined)[] = [];
  let visitError: unknown;

  const keep = (key: string, first: Buffer): Sink => {
    const parts = [Buffer.from(first)];
    return {
      data: (c) => void parts.push(Buffer.from(c)),
      end: () => {
        const body = Buffer.concat(parts);
        budget -= body.length;
        out.json.set(key, { body, digest: `sha256:${createHash("sha256").update(body).digest("hex")}` });
      },
    };
  };

  const layer = (key: string, first: Buffer): Sink => {
    out.layers.push(key);
    const content = new PassThrough({ highWaterMark: 4 << 20 });
    const visiting = visit(key, content).catch((err: unknown) => {
      visitError ??= err;
    });
    // However the visit ends, the rest of the member is drained so the pass goes on.
    void visiting.then(() => content.resume());
    content.write(first);
    return {
      data: (c) => void content.write(c),
      backlog: () => (content.writableNeedDrain ? once(content, "drain") : undefined),
      end: async () => {
        content.end();
        await visiting;
      },
      abort: async (err) => {
        content.destroy(err);
        await visiting;
      },
    };
  };

  /** Decides what a member is from its name and first bytes (a JSON blob and a layer share `blobs/sha256/`). */
  const pending = (e: TarEntry, key: string): Sink => {
    let sink: Sink | undefined;
    return {
      data: (c) => {
        if (sink) return sink.data(c);
        const json = c[0] === 0x7b || c[0] === 0x5b;
        if (json && e.size <= KEEP_MAX && e.size <= budget) sink = keep(key, c);
        else if (!json && LAYER_NAME.test(key)) sink = layer(key, c);
        else sink = { data: () => undefined, end: () => undefined };
      },
      backlog: () => sink?.backlog?.(),
      end: () => sink?.end(),
      abort: async (err) => sink?.abort?.(err),
    };
  };

  const parser = new TarParser({
    entry: (e) => {
      const key = memberKey(e.name);
      current = undefined;
      if ((e.type === "symlink" || e.type === "hardlink") && e.linkTarget !== undefined) {
        const target = e.type === "symlink" ? memberKey(`${key}/../${e.linkTarget}`) : memberKey(e.linkTarget);
        out.links.set(key, target);
      } else if (e.type === "file" && e.size > 0) {
        current = pending(e, key);
      }
    },
    data: (c) => current?.data(c),
    entryEnd: () => {
      waits.push(current?.end());
      current = undefined;
    },
  });

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (parser.ended) continue;
      parser.write(chunk);
      waits.push(current?.backlog?.());
      for (const w of waits.splice(0)) if (w) await w;
    }
    parser.end();
    for (const w of waits.splice(0)) if (w) await w;
  } catch (err) {
    stream.destroy();
    await current?.abort?.(err instanceof Error ? err : new Error(String(err)));
    if (err instanceof TarError) throw new DredgeError("bad-save-stream", `${where}: the image stream is not a readable tar: ${err.message}`);
    throw new DredgeError("save-stream-broken", `${where}: the image stream broke off: ${errorMessage(err)}`, { cause: err });
  }
  if (visitError !== undefined) throw visitError;
  return out;
}
