/**
 * The layer tap that reads `.git` stores: it holds the store files of a layer in memory
 * (within the budget), and once the layer is read, reads each store and reports what the
 * detector finds in its history, located at the store with the commits and path inside it.
 */

import type { ContentTap, FileSink, TapContext, TapFactory } from "../scan/layer-scan.js";
import type { LayerEntry } from "../layers/read.js";
import { gitLimits, type GitLimits, type GitReadOptions } from "./options.js";
import { readStore, type HeldStore } from "./read-store.js";
import { storePathOf } from "./store-path.js";

function sizeText(bytes: number): string {
  return bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MiB` : `${bytes}-byte`;
}

/** Holds store files, per store, within a byte budget shared by all stores. */
export class StoreHolder {
  readonly stores = new Map<string, HeldStore>();
  /** Stores that lost files to the budget (told once each). */
  private readonly over = new Set<string>();
  private held = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly note: (message: string) => void,
  ) {}

  /**
   * Room for the store file at `path` of `size` bytes: a buffer to fill, and `keep` to call
   * with the bytes read; undefined when it is no store file or the budget is spent.
   */
  take(path: string, size: number): { buffer: Buffer; keep(bytes: Buffer): void } | undefined {
    const at = storePathOf(path);
    if (!at) return undefined;
    if (this.held + size > this.maxBytes) {
      if (!this.over.has(at.root)) {
        this.over.add(at.root);
        this.note(`${at.root}: the git store is larger than the ${sizeText(this.maxBytes)} memory budget; ${at.rel} and others were not read`);
      }
      return undefined;
    }
    this.held += size;
    let store = this.stores.get(at.root);
    if (!store) this.stores.set(at.root, (store = { root: at.root, files: new Map() }));
    const files = store.files;
    return { buffer: Buffer.allocUnsafe(size), keep: (bytes) => void files.set(at.rel, { path, bytes }) };
  }
}

class GitStoreTap implements ContentTap {
  private readonly holder: StoreHolder;

  constructor(
    private readonly ctx: TapContext,
    private readonly limits: GitLimits,
  ) {
    this.holder = new StoreHolder(limits.maxStoreBytes, (m) => ctx.note(m));
  }

  file(entry: LayerEntry): FileSink | undefined {
    const room = this.holder.take(entry.path, entry.size);
    if (!room) return undefined;
    let fill = 0;
    return {
      data(chunk) {
        const n = Math.min(chunk.length, room.buffer.length - fill);
        chunk.copy(room.buffer, fill, 0, n);
        fill += n;
      },
      end() {
        room.keep(room.buffer.subarray(0, fill));
      },
    };
  }

  finish(): void {
    for (const store of this.holder.stores.values()) {
      const { hits, notes } = readStore(store, this.ctx.detector, this.ctx.layer, this.limits);
      for (const n of notes) this.ctx.note(n);
      for (const h of hits) this.ctx.emit({ path: h.file, hit: h.hit, git: { store: store.root, ...h.git } });
    }
    this.holder.stores.clear();
  }
}

/** The tap factory for `.git` stores, with the given limits. */
export function gitTap(options: GitReadOptions | undefined): TapFactory {
  const limits = gitLimits(options);
  return (ctx) => new GitStoreTap(ctx, limits);
}
