import type { ImageSummary } from "../sources/engine/api.js";
import { compareText } from "../util/compare.js";

/**
 * The engine's images as a forest by ParentId (the legacy builder's step images chain up to the
 * base; pulled and BuildKit-built images have no parent). A parent cannot be removed before its
 * children, and removing a tagged image's parent would mean removing the tagged image.
 */
export class ImageGraph {
  readonly byId = new Map<string, ImageSummary>();
  private readonly kids = new Map<string, string[]>();

  constructor(images: readonly ImageSummary[]) {
    for (const img of images) this.byId.set(img.id, img);
    for (const img of images) {
      // A parent the engine no longer lists (removed, or never local) is no edge.
      if (!img.parentId || !this.byId.has(img.parentId)) continue;
      const list = this.kids.get(img.parentId);
      if (list) list.push(img.id);
      else this.kids.set(img.parentId, [img.id]);
    }
    for (const list of this.kids.values()) list.sort();
  }

  isTagged(id: string): boolean {
    return (this.byId.get(id)?.tags.length ?? 0) > 0;
  }

  children(id: string): readonly string[] {
    return this.kids.get(id) ?? [];
  }

  parentOf(id: string): string | undefined {
    const p = this.byId.get(id)?.parentId;
    return p && this.byId.has(p) ? p : undefined;
  }

  /** The parent chain, nearest first (cycles in hostile input are cut). */
  ancestors(id: string): string[] {
    const out: string[] = [];
    const seen = new Set([id]);
    for (let p = this.parentOf(id); p && !seen.has(p); p = this.parentOf(p)) {
      seen.add(p);
      out.push(p);
    }
    return out;
  }

  /** Every image built on this one, however deep. */
  descendants(id: string): string[] {
    const out: string[] = [];
    const seen = new Set([id]);
    const queue = [...this.children(id)];
    while (queue.length) {
      const c = queue.shift()!;
      if (seen.has(c)) continue;
      seen.add(c);
      out.push(c);
      queue.push(...this.children(c));
    }
    return out;
  }

  /** Tagged images that depend on this one (it is in their parent chain). */
  taggedDependents(id: string): string[] {
    return this.descendants(id).filter((d) => this.isTagged(d));
  }

  /** Untagged, and no image is built on it (`docker images --filter dangling=true`). */
  isDangling(id: string): boolean {
    return !this.isTagged(id) && this.children(id).length === 0;
  }

  /** The images in `ids`, children before parents (the order `docker rmi` needs). */
  childrenFirst(ids: Iterable<string>): string[] {
    const set = new Set(ids);
    const depth = (id: string) => this.ancestors(id).length;
    return [...set].sort((a, b) => depth(b) - depth(a) || compareText(a, b));
  }
}
