/**
 * The history of a store, from its commits and trees: commits newest first, a name for every
 * blob a commit reaches (so rules see `config/.env`, not an object id), and for the blobs that
 * hold secrets, the commits that brought each one in at each path.
 *
 * Trees are walked from their raw bytes, and objects are keyed by their raw id as a one-byte
 * string (`idKey`): a history of thousands of commits has millions of tree entries, and only the
 * few that matter become hex ids and path strings.
 */

import { TREE_FIELDS, entryKind, forEachTreeEntry, treeOffsets, type CommitInfo } from "./objects.js";
import { GitFormatError } from "./options.js";

/** Deepest tree nesting followed (deeper is hostile: git refuses paths this deep too). */
const MAX_TREE_DEPTH = 1024;
/** Most (path, blob) pairs of secret blobs kept under one tree. */
const MAX_TARGETS_PER_TREE = 10_000;
/** Commits kept per (blob, path) that no commit introduced (a forged parent cycle). */
const MAX_HOLDING = 20;

/** An object id as a map key: its raw bytes as a latin1 string (half the size of hex, no hex encoding per tree entry). */
export function idKey(hex: string): string {
  return Buffer.from(hex, "hex").toString("latin1");
}

/** Keeps the newest commits, and the oldest last when there are more than `max` (where the leak began). */
export function capCommits(commits: string[], max: number): string[] {
  if (commits.length <= max) return commits;
  return [...commits.slice(0, Math.max(1, max - 1)), commits[commits.length - 1]!];
}

/** Where a blob is in history: path → commits that introduced it there, newest first. */
export type Placement = Map<string, string[]>;

const TREE = 0o040000;

export class History {
  private orderCache: string[] | undefined;
  /** Trees the store holds but that could not be read or parsed (counted once each); absent trees are not counted (a layer may hold only part of a store). */
  readonly badTrees = new Set<string>();

  constructor(
    readonly commits: ReadonlyMap<string, CommitInfo>,
    /** A tree's raw content by `idKey`; undefined when the store lacks it, null when it holds it but cannot read it. */
    private readonly readTree: (key: string) => Buffer | null | undefined,
    private readonly hashLen: number,
  ) {}

  /**
   * Calls `visit` per entry of a tree with the tree's bytes, the entry's mode, where its name is,
   * and where its id is (the caller makes strings only of what it needs).
   */
  private entries(key: string, visit: (data: Buffer, mode: number, nameStart: number, nameEnd: number, idStart: number) => void): void {
    const data = this.readTree(key);
    if (!data) {
      if (data === null) this.badTrees.add(key);
      return;
    }
    try {
      forEachTreeEntry(data, this.hashLen, (mode, ns, ne, id) => visit(data, mode, ns, ne, id));
    } catch (err) {
      if (!(err instanceof GitFormatError)) throw err;
      this.badTrees.add(key);
    }
  }

  private key(data: Buffer, at: number): string {
    return data.toString("latin1", at, at + this.hashLen);
  }

  /** Commit ids newest first: by committer time, a commit always before its parents (as `git log --date-order`). */
  order(): string[] {
    if (this.orderCache) return this.orderCache;
    const children = new Map<string, number>();
    for (const c of this.commits.values()) for (const p of new Set(c.parents)) if (this.commits.has(p)) children.set(p, (children.get(p) ?? 0) + 1);
    const heap = new CommitHeap(this.commits);
    for (const id of this.commits.keys()) if (!children.has(id)) heap.push(id);
    const out: string[] = [];
    const emitted = new Set<string>();
    while (heap.size) {
      const id = heap.pop();
      out.push(id);
      emitted.add(id);
      for (const p of new Set(this.commits.get(id)!.parents)) {
        const left = children.get(p);
        if (left === undefined) continue;
        if (left <= 1) {
          children.delete(p);
          heap.push(p);
        } else children.set(p, left - 1);
      }
    }
    // Commits in a parent cycle (only a forged store has one) come last, newest first.
    const rest = [...this.commits.keys()].filter((id) => !emitted.has(id));
    rest.sort((a, b) => this.commits.get(b)!.time - this.commits.get(a)!.time || (a < b ? -1 : 1));
    this.orderCache = out.concat(rest);
    return this.orderCache;
  }

  /**
   * A path for every blob some commit's tree reaches, by `idKey`. Each commit's tree is compared
   * with its first parent's, entry by entry on the raw bytes, and only what differs is looked at:
   * an entry the parent has too is named when the parent (or the commit that brought it in) is.
   */
  nameBlobs(): Map<string, string> {
    const names = new Map<string, string>();
    const seenTrees = new Set<string>();
    for (const id of this.order()) {
      const c = this.commits.get(id)!;
      const root = idKey(c.tree);
      if (seenTrees.has(root)) continue;
      seenTrees.add(root);
      const parent = c.parents[0] !== undefined ? this.commits.get(c.parents[0]) : undefined;
      const stack: [string, string | undefined, string, number][] = [[root, parent ? idKey(parent.tree) : undefined, "", 0]];
      while (stack.length) {
        const [tree, old, prefix, depth] = stack.pop()!;
        const now = this.offsets(tree);
        if (!now) continue;
        const before = old !== undefined && old !== tree ? this.offsets(old) : undefined;
        const data = now.data;
        const at = now.at;
        diffTrees(now, before, this.hashLen, (e, o) => {
          const kind = entryKind(at[e + 4]!);
          if (kind === "blob") {
            const key = this.key(data, at[e + 3]!);
            if (!names.has(key)) names.set(key, prefix + data.toString("utf8", at[e + 1]!, at[e + 2]!));
          } else if (kind === "tree" && depth < MAX_TREE_DEPTH) {
            const key = this.key(data, at[e + 3]!);
            if (seenTrees.has(key)) return;
            seenTrees.add(key);
            const oldKey = before && o >= 0 && entryKind(before.at[o + 4]!) === "tree" ? this.key(before.data, before.at[o + 3]!) : undefined;
            stack.push([key, oldKey, `${prefix}${data.toString("utf8", at[e + 1]!, at[e + 2]!)}/`, depth + 1]);
          }
        });
      }
    }
    return names;
  }

  /** A tree's bytes and entry offsets; undefined when absent or unreadable (counted as bad when held). */
  private offsets(key: string): { data: Buffer; at: Int32Array } | undefined {
    const data = this.readTree(key);
    if (!data) {
      if (data === null) this.badTrees.add(key);
      return undefined;
    }
    try {
      return { data, at: treeOffsets(data, this.hashLen) };
    } catch (err) {
      if (!(err instanceof GitFormatError)) throw err;
      this.badTrees.add(key);
      return undefined;
    }
  }

  /**
   * Where each of `targets` (blobs, by `idKey`) is: for each path, the commits that introduced it
   * there (the blob is at that path in the commit and in none of its parents), newest first; and
   * the targets HEAD's tree holds.
   */
  placements(targets: ReadonlySet<string>, head: string | undefined): { byBlob: Map<string, Placement>; inHead: Set<string> } {
    const under = new Map<string, [string, string][]>();
    const inProgress = new Set<string>();
    const prefixes = new Set([...targets].map((k) => Buffer.from(k, "latin1").readUInt32BE(0)));
    const targetsUnder = (tree: string, depth: number): [string, string][] => {
      const memo = under.get(tree);
      if (memo) return memo;
      // A tree inside itself (a forged store) or nested past any real repository: nothing under it.
      if (inProgress.has(tree) || depth > MAX_TREE_DEPTH) return [];
      inProgress.add(tree);
      const out: [string, string][] = [];
      this.entries(tree, (data, mode, ns, ne, id) => {
        if (out.length >= MAX_TARGETS_PER_TREE) return;
        if ((mode & 0o170000) === TREE) {
          const inner = targetsUnder(this.key(data, id), depth + 1);
          if (inner.length === 0) return;
          const dir = data.toString("utf8", ns, ne);
          for (const [p, b] of inner.slice(0, MAX_TARGETS_PER_TREE - out.length)) out.push([`${dir}/${p}`, b]);
        } else if (prefixes.has(data.readUInt32BE(id)) && entryKind(mode) === "blob") {
          // Only an id whose first 4 bytes match a target's is made a string and looked up.
          const key = this.key(data, id);
          if (targets.has(key)) out.push([data.toString("utf8", ns, ne), key]);
        }
      });
      inProgress.delete(tree);
      under.set(tree, out);
      return out;
    };
    const keySets = new Map<string, Set<string>>();
    const keysUnder = (tree: string): Set<string> => {
      let s = keySets.get(tree);
      if (!s) keySets.set(tree, (s = new Set(targetsUnder(tree, 0).map(([p, b]) => `${p}\0${b}`))));
      return s;
    };

    const byBlob = new Map<string, Placement>();
    /** Commits holding a (blob, path) although none brought it in (only a forged parent cycle does that). */
    const holding = new Map<string, Placement>();
    const add = (to: Map<string, Placement>, blob: string, path: string, id: string) => {
      let placement = to.get(blob);
      if (!placement) to.set(blob, (placement = new Map()));
      const list = placement.get(path);
      if (list) list.push(id);
      else placement.set(path, [id]);
    };
    for (const id of this.order()) {
      const c = this.commits.get(id)!;
      const here = targetsUnder(idKey(c.tree), 0);
      if (here.length === 0) continue;
      const parents = c.parents.map((p) => this.commits.get(p)).filter((p) => p !== undefined);
      for (const [path, blob] of here) {
        const key = `${path}\0${blob}`;
        if (!parents.some((p) => keysUnder(idKey(p.tree)).has(key))) add(byBlob, blob, path, id);
        else if ((holding.get(blob)?.get(path)?.length ?? 0) < MAX_HOLDING) add(holding, blob, path, id);
      }
    }
    for (const [blob, placement] of holding) {
      for (const [path, ids] of placement) {
        if (byBlob.get(blob)?.has(path)) continue;
        let p = byBlob.get(blob);
        if (!p) byBlob.set(blob, (p = new Map()));
        p.set(path, ids);
      }
    }
    const inHead = new Set<string>();
    const headCommit = head !== undefined ? this.commits.get(head) : undefined;
    if (headCommit) for (const [, b] of targetsUnder(idKey(headCommit.tree), 0)) inHead.add(b);
    return { byBlob, inHead };
  }
}

/** A max-heap of commit ids by time; ties in the order they were pushed (deterministic). */
class CommitHeap {
  private readonly items: [number, number, string][] = [];
  private seq = 0;

  constructor(private readonly commits: ReadonlyMap<string, CommitInfo>) {}

  get size(): number {
    return this.items.length;
  }

  push(id: string): void {
    const a = this.items;
    a.push([this.commits.get(id)!.time, this.seq++, id]);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): string {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top[2];
  }

  private before(x: [number, number, string], y: [number, number, string]): boolean {
    return x[0] !== y[0] ? x[0] > y[0] : x[1] < y[1];
  }
}

type Offsets = { data: Buffer; at: Int32Array };

/**
 * Calls `visit` for each entry of `now` that `before` does not have byte for byte (entries given
 * as their index × TREE_FIELDS in `at`), with the entry of `before` of the same name when there
 * is one (-1 when none). Both are in git's tree order (names compared as bytes, a tree's name as
 * if it ended in `/`).
 */
function diffTrees(now: Offsets, before: Offsets | undefined, hashLen: number, visit: (e: number, old: number) => void): void {
  const a = now.at;
  const n = a.length;
  const b = before?.at;
  const m = b ? b.length : 0;
  let j = 0;
  for (let i = 0; i < n; i += TREE_FIELDS) {
    let same = -1;
    while (b && j < m) {
      const c = compareNames(now.data, a, i, before!.data, b, j);
      if (c > 0) {
        j += TREE_FIELDS;
        continue;
      }
      if (c === 0) {
        same = j;
        j += TREE_FIELDS;
      }
      break;
    }
    if (same >= 0) {
      // The same bytes (mode, name and id): nothing changed at this name.
      const aEnd = a[i + 3]! + hashLen;
      const bEnd = b![same + 3]! + hashLen;
      if (aEnd - a[i]! === bEnd - b![same]! && now.data.compare(before!.data, b![same]!, bEnd, a[i]!, aEnd) === 0) continue;
    }
    visit(i, same);
  }
}

/** Git's order of tree entries: by name bytes, a tree's name followed by `/`. */
function compareNames(x: Buffer, xa: Int32Array, i: number, y: Buffer, ya: Int32Array, j: number): number {
  const xs = xa[i + 1]!;
  const ys = ya[j + 1]!;
  const lx = xa[i + 2]! - xs;
  const ly = ya[j + 2]! - ys;
  const l = Math.min(lx, ly);
  for (let k = 0; k < l; k++) {
    const d = x[xs + k]! - y[ys + k]!;
    if (d !== 0) return d;
  }
  const cx = lx > l ? x[xs + l]! : (xa[i + 4]! & 0o170000) === TREE ? 0x2f : 0;
  const cy = ly > l ? y[ys + l]! : (ya[j + 4]! & 0o170000) === TREE ? 0x2f : 0;
  return cx - cy;
}
