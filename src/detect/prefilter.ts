import { WasmDfaScanner, type WasmScanOptions } from "./prefilter-wasm.js";

export interface KeywordAutomatonOptions extends WasmScanOptions {
  /** "js" forces the plain JS loop (tests, benchmarks); by default wasm is used when available. */
  engine?: "wasm" | "js";
}

/**
 * Multi-keyword search over bytes: an Aho–Corasick automaton compiled to a full DFA, ASCII
 * case-insensitive. One pass over a buffer reports every keyword occurrence, whatever the
 * number of keywords (notes/deps-bench.md: no npm package does this on Buffers at speed). The
 * tables are built here; the loop runs in WebAssembly (./prefilter-wasm.ts, 5-7× faster than the
 * JS loop below), or in JS where WebAssembly is unavailable.
 *
 * The DFA is over byte classes, not bytes: every byte that is in no keyword shares class 0, and
 * a letter shares its class with its capital (the built-in keywords use 32 classes). Building it
 * is one pass over states × classes, a few milliseconds for the ~1,100 built-in keywords; over
 * states × 256 bytes it was most of a `dredge lint`'s start-up.
 */
/** Bytes scanned in JS before the wasm tables are built (~2 ms of JS work). */
const WASM_AFTER_BYTES = 1 << 20;

export class KeywordAutomaton {
  /** Byte → class. */
  readonly classOf: Uint8Array;
  readonly classes: number;
  /** state × classes + class → next state. */
  private readonly delta: Int32Array;
  /** For each state: ids of keywords that end there (including by suffix), or undefined. */
  private readonly outputs: (Int32Array | undefined)[];
  readonly lengths: Int32Array;
  private readonly options: KeywordAutomatonOptions;
  /** undefined: not built yet; null: not available. */
  private wasm: WasmDfaScanner | null | undefined;
  /** Bytes the JS loop has scanned while the wasm loop was not built. */
  private jsBytes = 0;

  /** `options` are for tests and benchmarks (engine, slice sizes); the defaults are the fast ones. */
  constructor(
    readonly keywords: readonly string[],
    options: KeywordAutomatonOptions = {},
  ) {
    // Keywords as latin1 bytes (the low byte of each UTF-16 unit). Plain indexed loops: this
    // runs once per process, mostly before the JIT has compiled anything.
    const lowered = keywords.map((kw) => kw.toLowerCase());
    const classOf = new Uint8Array(256);
    let classes = 1;
    let totalBytes = 0;
    for (let k = 0; k < lowered.length; k++) {
      const kw = lowered[k]!;
      totalBytes += kw.length;
      for (let i = 0; i < kw.length; i++) {
        const b = kw.charCodeAt(i) & 0xff;
        if (classOf[b] !== 0 || (b >= 0x41 && b <= 0x5a)) continue; // (a capital in a keyword never matches, as before)
        if (classes === 256) throw new RangeError("keywords use more than 255 distinct bytes");
        classOf[b] = classes++;
      }
    }
    for (let b = 0x41; b <= 0x5a; b++) classOf[b] = classOf[b + 32]!;
    this.classOf = classOf;
    this.classes = classes;

    // The trie: `child` for lookups while inserting, and each state's edges as a linked list.
    const C = classes;
    const maxStates = 1 + totalBytes;
    const child = new Int32Array(maxStates * C).fill(-1);
    const edgeClass = new Int32Array(maxStates);
    const firstEdge = new Int32Array(maxStates).fill(-1); // state → its first child
    const nextEdge = new Int32Array(maxStates).fill(-1); // child → its next sibling
    const ends = new Map<number, number[]>();
    this.lengths = new Int32Array(keywords.length);
    let n = 1;
    for (let id = 0; id < lowered.length; id++) {
      const kw = lowered[id]!;
      this.lengths[id] = kw.length;
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const c = classOf[kw.charCodeAt(i) & 0xff]!;
        let next = child[s * C + c]!;
        if (next < 0) {
          next = child[s * C + c] = n++;
          edgeClass[next] = c;
          nextEdge[next] = firstEdge[s]!;
          firstEdge[s] = next;
        }
        s = next;
      }
      const list = ends.get(s);
      if (list) list.push(id);
      else ends.set(s, [id]);
    }

    // Breadth first: a state's row is its failure state's row (complete by then, being
    // shallower) with its own edges written over it. Row copies keep this a few milliseconds
    // even before the JIT has warmed up.
    const delta = new Int32Array(n * C);
    const fail = new Int32Array(n);
    const queue = new Int32Array(n);
    const out: (number[] | undefined)[] = new Array<number[] | undefined>(n);
    out[0] = ends.get(0);
    let tail = 0;
    for (let e = firstEdge[0]!; e >= 0; e = nextEdge[e]!) {
      delta[edgeClass[e]!] = e;
      queue[tail++] = e;
    }
    for (let head = 0; head < tail; head++) {
      const s = queue[head]!;
      const f = fail[s]!;
      const own = ends.get(s);
      const inherited = out[f];
      out[s] = own && inherited ? [...own, ...inherited] : (own ?? inherited);
      delta.copyWithin(s * C, f * C, f * C + C);
      for (let e = firstEdge[s]!; e >= 0; e = nextEdge[e]!) {
        fail[e] = delta[f * C + edgeClass[e]!]!;
        delta[s * C + edgeClass[e]!] = e;
        queue[tail++] = e;
      }
    }
    this.delta = delta;
    const outputs: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(n);
    for (let st = 0; st < n; st++) {
      const o = out[st];
      if (o?.length) outputs[st] = Int32Array.from(o.length > 1 ? new Set(o) : o);
    }
    this.outputs = outputs;
    this.options = options;
    // Tables for the wasm loop cost ~10 ms: built now when asked for, else once enough bytes
    // went through the JS loop (a `dredge lint` reads a few small files, an image gigabytes).
    if (options.engine === "wasm" || options.lanes !== undefined || options.laneBytes !== undefined || options.minLaneBytes !== undefined) this.buildWasm();
  }

  private buildWasm(): WasmDfaScanner | undefined {
    if (this.wasm === undefined) {
      this.wasm = null;
      // (An empty keyword would make state 0 an output state: the JS loop handles that.)
      if (this.options.engine !== "js" && !this.outputs[0]) {
        try {
          this.wasm = new WasmDfaScanner(this.classOf, this.classes, this.delta, this.outputs, Math.max(0, ...this.lengths), this.options);
        } catch {
          // no WebAssembly in this runtime, or too many classes for its tables: the JS loop does the same work
        }
      }
    }
    return this.wasm ?? undefined;
  }

  /** Which loop `scan` runs (on large inputs, for the default options). */
  get engine(): "wasm" | "js" {
    return this.buildWasm() ? "wasm" : "js";
  }

  /**
   * Calls `onHit(keywordId, endOffset)` for every occurrence in `buf[start, end)`, `endOffset`
   * being the offset just past the keyword. Returns false early if `onHit` returns false.
   */
  scan(buf: Uint8Array, onHit: (id: number, end: number) => boolean | void, start = 0, end = buf.length): void {
    if (this.wasm === undefined && (this.jsBytes += end - start) >= WASM_AFTER_BYTES) this.buildWasm();
    if (this.wasm) return this.wasm.scan(buf, onHit, start, end);
    const { delta, outputs, classOf, classes } = this;
    let s = 0;
    for (let i = start; i < end; i++) {
      s = delta[s * classes + classOf[buf[i]!]!]!;
      const o = outputs[s];
      if (o !== undefined) {
        for (let k = 0; k < o.length; k++) if (onHit(o[k]!, i + 1) === false) return;
      }
    }
  }
}
