import type { UserRuleSpec } from "../config/types.js";
import { Worker } from "node:worker_threads";
import type { KnownValue } from "./config-scan.js";
import type { LayerJob, LayerScanOptions, LayerScanResult } from "./layer-job.js";
import type { WorkerRequest } from "./layer-worker.js";

/** KnownValue with its layer set as an array (Sets of numbers cross threads, but stay explicit). */
export type KnownValueWire = Omit<KnownValue, "layers"> & { layers: "all" | number[] };

export function toWire(k: KnownValue): KnownValueWire {
  return { ...k, layers: k.layers === "all" ? "all" : [...k.layers] };
}

export function fromWire(k: KnownValueWire): KnownValue {
  return { ...k, layers: k.layers === "all" ? "all" : new Set(k.layers) };
}

/**
 * Worker threads that scan whole layers, so an image's layers are read in parallel. Results come
 * back per layer and are joined in layer order by the caller, so output stays deterministic.
 */
export class LayerPool {
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private queue: (() => void)[] = [];
  private pending = new Map<number, (r: LayerScanResult) => void>();
  private nextId = 0;
  private failure: Error | undefined;

  /** `userRules`: the config's rules, compiled again in each worker (they are plain data). */
  constructor(
    readonly size: number,
    private readonly userRules: UserRuleSpec[] = [],
  ) {}

  private spawn(): Worker {
    const w = new Worker(new URL("./layer-worker.js", import.meta.url));
    w.on("message", (msg: { id: number; result: LayerScanResult }) => {
      const done = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      this.release(w);
      done?.(msg.result);
    });
    w.on("error", (err) => {
      // A crashed worker fails what it was given and everything after: nothing waits for ever.
      this.failure = err;
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const done of waiting) done(this.failed(-1));
      for (const next of this.queue.splice(0)) next();
    });
    this.workers.push(w);
    return w;
  }

  private release(w: Worker): void {
    this.idle.push(w);
    this.queue.shift()?.();
  }

  private failed(index: number): LayerScanResult {
    return { index, hits: [], hardLinks: [], error: `layer worker failed: ${this.failure?.message ?? "unknown error"}` };
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    if (this.workers.length < this.size) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.queue.push(() => resolve(this.idle.pop()!)));
  }

  async run(job: LayerJob, known: KnownValueWire[], knownKey: string, options: LayerScanOptions): Promise<LayerScanResult> {
    if (this.failure) return this.failed(job.index);
    const w = await this.acquire();
    if (this.failure) return this.failed(job.index);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (r) => resolve({ ...r, index: job.index }));
      const req: WorkerRequest = { id, job, known, knownKey, userRules: this.userRules, options };
      w.postMessage(req);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
    this.idle = [];
  }
}
