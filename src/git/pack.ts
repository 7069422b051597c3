/**
 * Packfiles (`objects/pack/pack-*.pack`) held in memory, read through their index: one object
 * at a time (delta chains resolved through a cache of bases), or all objects of some types at
 * once, each inflated exactly once by walking the delta tree from its bases (as `git
 * index-pack` does). Every malformed byte is a GitFormatError for that object only; delta
 * cycles and chains deeper than the limit are refused, never followed forever.
 */

import { BaseCache } from "./base-cache.js";
import { applyDelta } from "./delta.js";
import { GitLimitError, inflateExact } from "./inflate.js";
import { OBJECT_TYPES, type GitObject, type ObjectType } from "./objects.js";
import { GitFormatError, type WorkBudget } from "./options.js";
import type { PackIndex } from "./pack-index.js";

const OFS_DELTA = 6;
const REF_DELTA = 7;
/** Pack entry type → object type (1 commit, 2 tree, 3 blob, 4 tag). */
const TYPE_OF: (ObjectType | undefined)[] = [undefined, "commit", "tree", "blob", "tag"];
/** Bytes of bases the one-at-a-time reader keeps. */
const CACHE_BYTES = 32 << 20;
/** Bytes of bases the all-objects walk keeps along its current delta chain before it reads deeper objects one at a time. */
const STACK_BYTES = 256 << 20;

/** A pack entry's header. */
export interface EntryHeader {
  /** 1–4: an object; 6: OFS_DELTA; 7: REF_DELTA. */
  type: number;
  /** Inflated size of the entry's data (for deltas: of the delta). */
  size: number;
  /** Where the zlib stream starts. */
  dataStart: number;
  baseOffset?: number;
  baseId?: string;
}

/** Reads the header of the entry at `offset` (which ends before `end`). */
export function readEntryHeader(pack: Buffer, offset: number, end: number, hashLen: number): EntryHeader {
  let pos = offset;
  const next = (): number => {
    if (pos >= end) throw new GitFormatError(`pack entry at ${offset} is cut short`);
    return pack[pos++]!;
  };
  let c = next();
  const type = (c >> 4) & 7;
  let size = c & 15;
  let shift = 4;
  while (c & 0x80) {
    c = next();
    size += (c & 0x7f) * 2 ** shift;
    shift += 7;
    if (shift > 49) throw new GitFormatError(`pack entry at ${offset} declares an impossible size`);
  }
  if (type === 0 || type === 5) throw new GitFormatError(`pack entry at ${offset} has invalid type ${type}`);
  const h: EntryHeader = { type, size, dataStart: 0 };
  if (type === OFS_DELTA) {
    c = next();
    let back = c & 0x7f;
    while (c & 0x80) {
      c = next();
      back = (back + 1) * 128 + (c & 0x7f);
      if (back > offset) break;
    }
    if (back <= 0 || back > offset - 12) throw new GitFormatError(`pack entry at ${offset} has a delta base outside the pack`);
    h.baseOffset = offset - back;
  } else if (type === REF_DELTA) {
    if (pos + hashLen > end) throw new GitFormatError(`pack entry at ${offset} is cut short`);
    h.baseId = pack.toString("hex", pos, pos + hashLen);
    pos += hashLen;
  }
  h.dataStart = pos;
  return h;
}

/** What `forEach` needs of every entry (kept between the walks of different types). */
interface Layout {
  headers: (EntryHeader | undefined)[];
  /** Base entry of each delta: ≥ 0 in this pack, -1 outside it, -2 not a delta or unreadable. */
  base: Int32Array;
  /** Each entry's object type (1–4), 255 when it cannot be known. */
  rootType: Uint8Array;
  /** Deltas based on entry k: children[childStart[k] … childStart[k+1]). */
  children: Uint32Array;
  childStart: Uint32Array;
  /** REF_DELTAs whose base is outside the pack: the base, read once. */
  externals: Map<number, GitObject | undefined>;
}

/** Resolves a REF_DELTA base that is not in this pack (another pack, a loose object). */
export type ExternalBase = (id: string) => GitObject | undefined;

/** Where reading a pack went wrong, counted per pack. */
export interface PackProblems {
  count: number;
  first?: string;
}

export class PackFile {
  /** Entry offsets in pack order, and each one's position in the index. */
  private readonly offsets: Float64Array;
  private readonly positions: Uint32Array;
  private readonly end: number;
  private readonly cache = new BaseCache(CACHE_BYTES);
  readonly problems: PackProblems = { count: 0 };
  /** Index entries whose offset is outside the pack (ignored). */
  readonly outside: number;
  /** Headers, bases and types of all entries, read on the first `forEach`. */
  private layout: Layout | undefined;

  constructor(
    /** Where the pack is (image path), for notes and locations. */
    readonly path: string,
    private readonly pack: Buffer,
    private readonly index: PackIndex,
    private readonly budget: WorkBudget,
    private readonly external: ExternalBase,
  ) {
    const hashLen = index.hashLen;
    if (pack.length < 12 + hashLen || pack.toString("latin1", 0, 4) !== "PACK") throw new GitFormatError("not a packfile (no PACK signature)");
    const version = pack.readUInt32BE(4);
    if (version !== 2 && version !== 3) throw new GitFormatError(`pack version ${version} is not supported`);
    this.end = pack.length - hashLen;
    const all: [number, number][] = [];
    let outside = 0;
    for (let i = 0; i < index.count; i++) {
      const off = index.offset(i);
      if (off < 12 || off >= this.end) outside++;
      else all.push([off, i]);
    }
    all.sort((a, b) => a[0] - b[0]);
    // Two index entries at one offset: keep the first (a hostile index; git never writes it).
    const kept = all.filter((e, k) => k === 0 || e[0] !== all[k - 1]![0]);
    this.offsets = Float64Array.from(kept, (e) => e[0]);
    this.positions = Uint32Array.from(kept, (e) => e[1]);
    this.outside = outside + (all.length - kept.length);
  }

  get objectCount(): number {
    return this.offsets.length;
  }

  /** Whether the pack's index lists `id`. */
  has(id: string): boolean {
    return this.index.find(id) !== undefined;
  }

  /** Reads the object `id`; undefined when the pack does not hold it. Throws GitFormatError when it cannot be read. */
  read(id: string): GitObject | undefined {
    const off = this.index.find(id);
    if (off === undefined) return undefined;
    const k = this.entryAt(off);
    if (k < 0) throw new GitFormatError(`the index places ${id} outside the pack`);
    return this.readEntry(k);
  }

  private entryAt(offset: number): number {
    let lo = 0;
    let hi = this.offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.offsets[mid]!;
      if (v === offset) return mid;
      if (v < offset) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  private entryEnd(k: number): number {
    return k + 1 < this.offsets.length ? this.offsets[k + 1]! : this.end;
  }

  private header(k: number): EntryHeader {
    return readEntryHeader(this.pack, this.offsets[k]!, this.entryEnd(k), this.index.hashLen);
  }

  private inflate(k: number, h: EntryHeader): Buffer {
    return inflateExact(this.pack.subarray(h.dataStart, this.entryEnd(k)), h.size, this.budget, `pack entry at ${this.offsets[k]}`);
  }

  /** Applies a delta; what it makes counts against the store's budget like inflated bytes (a small delta can make a large object). */
  private applyDelta(base: Buffer, delta: Buffer): Buffer {
    const out = applyDelta(base, delta, this.budget.limits.maxObjectBytes);
    if (!this.budget.inflate(out.length)) throw new GitLimitError(`store limit reached (${this.budget.exhausted})`);
    return out;
  }

  /** The entry a delta's base is, -1 when it is outside this pack (REF_DELTA only). */
  private baseEntry(h: EntryHeader): number {
    if (h.baseOffset !== undefined) {
      const k = this.entryAt(h.baseOffset);
      if (k < 0) throw new GitFormatError(`delta base at ${h.baseOffset} is not an object the index lists`);
      return k;
    }
    const off = this.index.find(h.baseId!);
    if (off === undefined) return -1;
    const k = this.entryAt(off);
    if (k < 0) throw new GitFormatError(`the index places ${h.baseId} outside the pack`);
    return k;
  }

  private externalBase(id: string): GitObject {
    const base = this.external(id);
    if (!base) throw new GitFormatError(`delta base ${id} is in no pack and no loose object`);
    return base;
  }

  /** Reads entry k, following its delta chain (bounded, cycles refused) through the base cache. */
  private readEntry(k: number): GitObject {
    if (!this.budget.object()) throw new GitLimitError(`store limit reached (${this.budget.exhausted})`);
    const chain: [number, EntryHeader][] = [];
    const seen = new Set<number>();
    let base: GitObject | undefined;
    for (let cur = k; ; ) {
      const cached = this.cache.get(cur);
      if (cached) {
        base = cached;
        break;
      }
      if (seen.has(cur)) throw new GitFormatError("delta cycle");
      seen.add(cur);
      const h = this.header(cur);
      const type = TYPE_OF[h.type];
      if (type) {
        base = { type, data: this.inflate(cur, h) };
        this.cache.set(cur, base);
        break;
      }
      chain.push([cur, h]);
      if (chain.length > this.budget.limits.maxDeltaDepth) throw new GitLimitError(`delta chain deeper than ${this.budget.limits.maxDeltaDepth}`);
      const b = this.baseEntry(h);
      if (b < 0) {
        base = this.externalBase(h.baseId!);
        break;
      }
      cur = b;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const [cur, h] = chain[i]!;
      base = { type: base.type, data: this.applyDelta(base.data, this.inflate(cur, h)) };
      this.cache.set(cur, base);
    }
    return base;
  }

  private problem(err: unknown, count = 1): void {
    if (err instanceof GitLimitError && this.budget.exhausted) return;
    this.problems.count += count;
    this.problems.first ??= err instanceof Error ? err.message : String(err);
  }

  /**
   * Calls `visit` with every object of the given types, each inflated once: bases first, then
   * their deltas depth first (only the current chain's bases are held). Objects that cannot be
   * read (corrupt, a delta cycle, a missing base) are counted in `problems`; the walk goes on.
   * Stops when the store's budget is spent.
   */
  forEach(types: ReadonlySet<ObjectType>, visit: (id: string, obj: GitObject) => void): void {
    const { headers, base, rootType, children, childStart, externals } = (this.layout ??= this.prepare());
    const n = this.offsets.length;
    const wanted = new Set([...types].map((t) => OBJECT_TYPES.indexOf(t) + 1));
    let unreached = 0;
    const done = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const h = headers[k];
      if (!h || !wanted.has(rootType[k]!)) continue;
      const isRoot = TYPE_OF[h.type] !== undefined || base[k] === -1;
      if (!isRoot) continue;
      if (this.budget.exhausted || !this.budget.object()) return;
      const obj = this.visitEntry(k, done, visit, () => ({
        type: TYPE_OF[rootType[k]!]!,
        data: TYPE_OF[h.type] ? this.inflate(k, h) : this.applyDelta(externals.get(k)!.data, this.inflate(k, h)),
      }));
      if (obj) this.walkDeltas(k, obj, headers, children, childStart, done, visit);
    }
    // Deltas on a base that failed to read were not reached (the failures themselves are counted already).
    for (let k = 0; k < n; k++) if (headers[k] && done[k] === 0 && wanted.has(rootType[k]!)) unreached++;
    if (unreached && !this.budget.exhausted) this.problem(new GitFormatError(`${unreached} deltas on a base that could not be read`), unreached);
  }

  /** Reads every entry's header once: its base, its object type (following bases), and the deltas based on each entry. */
  private prepare(): Layout {
    const n = this.offsets.length;
    const headers: (EntryHeader | undefined)[] = new Array<EntryHeader | undefined>(n);
    /** Base entry of each delta: ≥ 0 in this pack, -1 outside it, -2 not a delta or unreadable. */
    const base = new Int32Array(n).fill(-2);
    for (let k = 0; k < n; k++) {
      try {
        const h = this.header(k);
        headers[k] = h;
        if (!TYPE_OF[h.type]) base[k] = this.baseEntry(h);
      } catch (err) {
        headers[k] = undefined;
        this.problem(err);
      }
    }
    // Each entry's object type, found by following bases (0 unknown, 1–4 a type, 255 unreadable).
    const rootType = new Uint8Array(n);
    const externals = new Map<number, GitObject | undefined>();
    const stamp = new Int32Array(n).fill(-1);
    let lost = 0;
    for (let k = 0; k < n; k++) {
      if (rootType[k]) continue;
      const path: number[] = [];
      let cur = k;
      let t = 0;
      for (;;) {
        if (rootType[cur]) {
          t = rootType[cur]!;
          break;
        }
        const h = headers[cur];
        if (!h) {
          t = 255;
          break;
        }
        if (TYPE_OF[h.type]) {
          t = h.type;
          break;
        }
        if (stamp[cur] === k || path.length > this.budget.limits.maxDeltaDepth) {
          t = 255;
          break;
        }
        stamp[cur] = k;
        path.push(cur);
        if (base[cur] === -1) {
          t = this.externalType(cur, h, externals);
          break;
        }
        cur = base[cur]!;
      }
      rootType[cur] = t;
      for (const p of path) rootType[p] = t;
      if (t === 255) lost += path.length;
    }
    if (lost) this.problem(new GitFormatError(`${lost} deltas in a cycle, too deep, or on a base that cannot be read`), lost);
    // Deltas by base, as one array of children per entry.
    const childStart = new Uint32Array(n + 1);
    for (let k = 0; k < n; k++) if (base[k]! >= 0) childStart[base[k]! + 1]!++;
    for (let k = 0; k < n; k++) childStart[k + 1]! += childStart[k]!;
    const children = new Uint32Array(childStart[n]!);
    const fill = childStart.slice(0, n);
    for (let k = 0; k < n; k++) if (base[k]! >= 0) children[fill[base[k]!]!++] = k;
    return { headers, base, rootType, children, childStart, externals };
  }

  /** The type of a REF_DELTA whose base is outside this pack (the base is read and kept for the walk). */
  private externalType(k: number, h: EntryHeader, externals: Map<number, GitObject | undefined>): number {
    let obj: GitObject | undefined;
    try {
      obj = this.externalBase(h.baseId!);
    } catch (err) {
      this.problem(err);
    }
    externals.set(k, obj);
    return obj ? OBJECT_TYPES.indexOf(obj.type) + 1 : 255;
  }

  /** Depth-first over the deltas based on `root`, holding only the bases of the current chain (`done`: 1 read, 2 failed). */
  /**
   * Builds entry `k`'s object and hands it to `visit` (done 1), or counts why it could not be read
   * (done 2) and returns undefined.
   */
  private visitEntry(k: number, done: Uint8Array, visit: (id: string, obj: GitObject) => void, build: () => GitObject): GitObject | undefined {
    let obj: GitObject;
    try {
      obj = build();
    } catch (err) {
      this.problem(err);
      done[k] = 2;
      return undefined;
    }
    done[k] = 1;
    visit(this.index.id(this.positions[k]!), obj);
    return obj;
  }

  private walkDeltas(
    root: number,
    rootObj: GitObject,
    headers: (EntryHeader | undefined)[],
    children: Uint32Array,
    childStart: Uint32Array,
    done: Uint8Array,
    visit: (id: string, obj: GitObject) => void,
  ): void {
    const stack: { k: number; obj: GitObject; next: number }[] = [{ k: root, obj: rootObj, next: childStart[root]! }];
    let held = rootObj.data.length;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.next >= childStart[top.k + 1]!) {
        stack.pop();
        held -= top.obj.data.length;
        continue;
      }
      const c = children[top.next++]!;
      if (done[c]) continue;
      if (this.budget.exhausted || !this.budget.object()) return;
      const obj = this.visitEntry(c, done, visit, () => ({ type: top.obj.type, data: this.applyDelta(top.obj.data, this.inflate(c, headers[c]!)) }));
      if (!obj || childStart[c + 1]! === childStart[c]!) continue;
      if (stack.length >= this.budget.limits.maxDeltaDepth) {
        this.problem(new GitLimitError(`delta chain deeper than ${this.budget.limits.maxDeltaDepth}`));
        continue;
      }
      if (held + obj.data.length > STACK_BYTES) {
        // Too much held along this chain: its deeper deltas are read one at a time instead.
        this.readSubtreeOneByOne(c, headers, children, childStart, done, visit);
        continue;
      }
      stack.push({ k: c, obj, next: childStart[c]! });
      held += obj.data.length;
    }
  }

  private readSubtreeOneByOne(
    from: number,
    headers: (EntryHeader | undefined)[],
    children: Uint32Array,
    childStart: Uint32Array,
    done: Uint8Array,
    visit: (id: string, obj: GitObject) => void,
  ): void {
    const todo = [from];
    while (todo.length) {
      const k = todo.pop()!;
      for (let i = childStart[k]!; i < childStart[k + 1]!; i++) {
        const c = children[i]!;
        if (done[c] || !headers[c]) continue;
        if (this.budget.exhausted) return;
        try {
          const obj = this.readEntry(c);
          done[c] = 1;
          visit(this.index.id(this.positions[c]!), obj);
        } catch (err) {
          this.problem(err);
          done[c] = 2;
          continue;
        }
        todo.push(c);
      }
    }
  }
}
