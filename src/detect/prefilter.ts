import { WasmDfaScanner, type WasmScanOptions } from "./prefilter-wasm.js";

export interface KeywordAutomatonOptions extends WasmScanOptions {
  /** "js" forces the plain JS loop (tests, benchmarks); by default wasm is used when available. */
  engine?: "wasm" | "js";
}

/**
 * Multi-keyword search over bytes: an Aho–Corasick automaton compiled to a full DFA
 * (state × byte → state in one Int32Array), ASCII case-insensitive. One pass over a buffer
 * reports every keyword occurrence, whatever the number of keywords (notes/deps-bench.md:
 * no npm package does this on Buffers at speed). The tables are built here; the loop runs in
 * WebAssembly (./prefilter-wasm.ts, 5-7× faster than the JS loop below), or in JS where
 * WebAssembly is unavailable.
 */
export class KeywordAutomaton {
  private readonly delta: Int32Array;
  /** For each state: ids of keywords that end there (including by suffix), or undefined. */
  private readonly outputs: (Int32Array | undefined)[];
  readonly lengths: Int32Array;
  private readonly wasm: WasmDfaScanner | undefined;

  /** `options` are for tests and benchmarks (engine, slice sizes); the defaults are the fast ones. */
  constructor(
    readonly keywords: readonly string[],
    options: KeywordAutomatonOptions = {},
  ) {
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    this.lengths = new Int32Array(keywords.length);
    keywords.forEach((kw, id) => {
      const bytes = Buffer.from(kw.toLowerCase(), "latin1");
      this.lengths[id] = bytes.length;
      let s = 0;
      for (const b of bytes) {
        let next = goto[s]!.get(b);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s]!.set(b, next);
        }
        s = next;
      }
      out[s]!.push(id);
    });
    const n = goto.length;
    const delta = new Int32Array(n * 256);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (let b = 0; b < 256; b++) {
      const next = goto[0]!.get(lower(b));
      delta[b] = next ?? 0;
      if (next !== undefined && !queue.includes(next)) queue.push(next);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      out[s]!.push(...out[fail[s]!]!);
      for (let b = 0; b < 256; b++) {
        const next = goto[s]!.get(lower(b));
        if (next !== undefined) {
          if (b === lower(b)) {
            fail[next] = delta[fail[s]! * 256 + b]!;
            queue.push(next);
          }
          delta[s * 256 + b] = next;
        } else {
          delta[s * 256 + b] = delta[fail[s]! * 256 + b]!;
        }
      }
    }
    this.delta = delta;
    this.outputs = out.map((o) => (o.length ? Int32Array.from(new Set(o)) : undefined));
    let wasm: WasmDfaScanner | undefined;
    // (An empty keyword would make state 0 an output state: the JS loop handles that.)
    if (options.engine !== "js" && !this.outputs[0]) {
      try {
        wasm = new WasmDfaScanner(delta, this.outputs, Math.max(0, ...this.lengths), options);
      } catch {
        // no WebAssembly in this runtime: the JS loop below does the same work
      }
    }
    this.wasm = wasm;
  }

  /** Which loop `scan` runs. */
  get engine(): "wasm" | "js" {
    return this.wasm ? "wasm" : "js";
  }

  /**
   * Calls `onHit(keywordId, endOffset)` for every occurrence in `buf[start, end)`, `endOffset`
   * being the offset just past the keyword. Returns false early if `onHit` returns false.
   */
  scan(buf: Uint8Array, onHit: (id: number, end: number) => boolean | void, start = 0, end = buf.length): void {
    if (this.wasm) return this.wasm.scan(buf, onHit, start, end);
    const delta = this.delta;
    const outputs = this.outputs;
    let s = 0;
    for (let i = start; i < end; i++) {
      s = delta[(s << 8) | buf[i]!]!;
      const o = outputs[s];
      if (o !== undefined) {
        for (let k = 0; k < o.length; k++) if (onHit(o[k]!, i + 1) === false) return;
      }
    }
  }
}

function lower(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b + 32 : b;
}
