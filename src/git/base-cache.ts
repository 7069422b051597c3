import type { GitObject } from "./objects.js";

/**
 * Recently resolved objects by key, bounded by their total bytes (least recently used out
 * first): delta chains read one object at a time share their bases through it.
 */
export class BaseCache {
  private readonly map = new Map<number, GitObject>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: number): GitObject | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: number, obj: GitObject): void {
    // An object over a quarter of the cache would only push everything else out.
    if (obj.data.length > this.maxBytes / 4 || this.map.has(key)) return;
    this.map.set(key, obj);
    this.bytes += obj.data.length;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= v.data.length;
    }
  }
}
