/**
 * A store's objects: its packs (with their indexes) and its loose objects, read one at a time
 * or all of some types at once. An object held twice (in two packs, or packed and loose) is
 * read from the first place only.
 */

import { GitLimitError } from "./inflate.js";
import { looseType, readLoose } from "./loose.js";
import type { GitObject, ObjectType } from "./objects.js";
import { GitFormatError, type WorkBudget } from "./options.js";
import { PackIndex } from "./pack-index.js";
import { PackFile, type PackProblems } from "./pack.js";

/** A store file held in memory, with its path where it was found (image path, or context-relative). */
export interface HeldFile {
  path: string;
  bytes: Buffer;
}

export class ObjectDatabase {
  readonly packs: PackFile[] = [];
  private readonly resolving = new Set<string>();
  private readonly looseProblems: PackProblems = { count: 0 };
  /** Problems found while opening packs, as notes. */
  private readonly openNotes: string[] = [];

  constructor(
    packs: readonly { pack: HeldFile; idx: HeldFile }[],
    private readonly loose: ReadonlyMap<string, HeldFile>,
    readonly hashLen: number,
    private readonly budget: WorkBudget,
  ) {
    for (const { pack, idx } of packs) {
      try {
        const p: PackFile = new PackFile(pack.path, pack.bytes, PackIndex.parse(idx.bytes, hashLen), budget, (id): GitObject | undefined => this.readExternal(id, p));
        if (p.outside) this.openNotes.push(`${idx.path}: ${p.outside} index entries point outside the pack (ignored)`);
        this.packs.push(p);
      } catch (err) {
        this.openNotes.push(`${pack.path}: not read (${err instanceof Error ? err.message : String(err)})`);
      }
    }
  }

  /** Reads an object from anywhere in the store; undefined when missing or unreadable. */
  read(id: string): GitObject | undefined {
    return this.readExternal(id, undefined);
  }

  /** Reads `id` for a delta in `from` (or for anyone): a base being resolved already is a cycle, so missing. */
  private readExternal(id: string, from: PackFile | undefined): GitObject | undefined {
    if (this.resolving.has(id)) return undefined;
    this.resolving.add(id);
    try {
      for (const p of this.packs) {
        if (p === from || !p.has(id)) continue;
        try {
          return p.read(id);
        } catch (err) {
          if (!(err instanceof GitFormatError)) throw err;
          return undefined;
        }
      }
      const file = this.loose.get(id);
      if (!file) return undefined;
      try {
        return readLoose(file.bytes, this.budget);
      } catch (err) {
        if (!(err instanceof GitFormatError)) throw err;
        return undefined;
      }
    } finally {
      this.resolving.delete(id);
    }
  }

  /** The store file that holds `id` (its first copy), for locations. */
  fileOf(id: string): string | undefined {
    for (const p of this.packs) if (p.has(id)) return p.path;
    return this.loose.get(id)?.path;
  }

  /**
   * Calls `visit` once per object id of the given types (packs in order, then loose objects),
   * until the budget is spent. Problems are counted, to be told by `notes()`.
   */
  forEach(types: ReadonlySet<ObjectType>, visit: (id: string, obj: GitObject, file: string) => void): void {
    this.packs.forEach((p, i) => {
      const earlier = this.packs.slice(0, i);
      p.forEach(types, (id, obj) => {
        if (!earlier.some((q) => q.has(id))) visit(id, obj, p.path);
      });
    });
    for (const [id, file] of this.loose) {
      if (this.budget.exhausted) return;
      const t = looseType(file.bytes);
      if (t !== undefined && !types.has(t)) continue;
      if (this.packs.some((p) => p.has(id))) continue;
      let obj: GitObject;
      try {
        if (!this.budget.object()) return;
        obj = readLoose(file.bytes, this.budget);
      } catch (err) {
        if (!(err instanceof GitFormatError)) throw err;
        if (!(err instanceof GitLimitError && this.budget.exhausted)) {
          this.looseProblems.count++;
          this.looseProblems.first ??= `${file.path}: ${err.message}`;
        }
        continue;
      }
      if (types.has(obj.type)) visit(id, obj, file.path);
    }
  }

  /** What could not be read, one line per pack (and one for loose objects). */
  notes(): string[] {
    const out = [...this.openNotes];
    for (const p of this.packs) {
      if (p.problems.count) out.push(`${p.path}: ${p.problems.count} objects not read (${p.problems.first})`);
    }
    if (this.looseProblems.count) out.push(`${this.looseProblems.count} loose objects not read (${this.looseProblems.first})`);
    return out;
  }
}
