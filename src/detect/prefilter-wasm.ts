/**
 * The hot loop of `KeywordAutomaton` (./prefilter.ts) as WebAssembly, emitted byte by byte
 * below: no toolchain, no dependency, compiled synchronously (one module per slice layout,
 * one instance and memory per automaton).
 *
 * Why it is faster than the JS loop: a DFA walk is one chain of dependent loads (state → next
 * state), so a single walk is bound by load latency. The wasm function walks `lanes` (6) slices
 * of the input at once, in lockstep, and the CPU overlaps the independent chains. A slice
 * starts from the state the automaton would be in there, found by running the last `depth`
 * bytes before it from state 0: an Aho–Corasick state is the longest suffix of the input that
 * is a keyword prefix, so it never depends on more than `depth` (longest keyword) bytes.
 * Each slice is copied to its own fixed region of wasm memory, so every load has a constant
 * offset. One call scans up to 6 × 64 KiB; state need not carry across calls (same argument).
 *
 * Tables (built in JS from the automaton's DFA over byte classes, 32 for the built-in keywords,
 * at most 64 here); `cls[byte]` is the class × 4 and a state is the
 * byte offset of its row in `delta` (u32 entries), so one step is `s = delta[s + cls[b]]`.
 * States without output come first; states with output sit at `hit` (a power of two) and
 * up, so "did any lane hit a keyword?" is one test, `(s_0 | s_1 | …) >= hit`.
 *
 * A hit is written as (index in slice, state) to the lane's output region. That region has
 * one entry per input byte, so it cannot overflow and the function never returns early; JS
 * then reads lane 0's hits, lane 1's, …, which is the order of offsets.
 */

/** The subset of the WebAssembly JS API used here (lib.dom is not in this project's libs). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
const WASM = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

export interface WasmScanOptions {
  /** Slices walked in lockstep. */
  lanes?: number;
  /** Bytes per slice: one call scans up to lanes × laneBytes. */
  laneBytes?: number;
  /** Shorter slices are not worth a wasm call: the last few hundred bytes are walked in JS. */
  minLaneBytes?: number;
}

const CTRL = 256; // u32 start state per lane in, end state and output end per lane out
const IN = 4096;

/** Wasm memory: CTRL; lane l's input at IN + l × stride; its output at out + l × laneBytes × 8; tables. */
interface Layout {
  lanes: number;
  laneBytes: number;
  stride: number;
  out: number;
  delta: number;
}

function layout(lanes: number, laneBytes: number): Layout {
  const stride = Math.ceil(laneBytes / 16) * 16; // keeps `out` and `delta` aligned
  const out = IN + lanes * stride;
  return { lanes, laneBytes, stride, out, delta: out + lanes * laneBytes * 8 };
}

// --- A minimal wasm binary encoder: only what one function with loops and loads needs. ---

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** i32.const takes a signed LEB128. */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => vec([...s].map((c) => [c.charCodeAt(0)]));
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

// Opcodes (https://webassembly.github.io/spec/core/binary/instructions.html).
const I32 = 0x7f;
const VOID = 0x40;
const op = {
  block: [0x02, VOID],
  loop: [0x03, VOID],
  if: [0x04, VOID],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (l: number) => [0x20, ...uleb(l)],
  set: (l: number) => [0x21, ...uleb(l)],
  tee: (l: number) => [0x22, ...uleb(l)],
  const: (n: number) => [0x41, ...sleb(n)],
  // memarg = alignment exponent, then a constant offset added to the address operand
  load: (offset: number) => [0x28, 2, ...uleb(offset)],
  load8: (offset: number) => [0x2d, 0, ...uleb(offset)],
  store: (offset: number) => [0x36, 2, ...uleb(offset)],
  eqz: [0x45],
  ne: [0x47],
  geU: [0x4f],
  add: [0x6a],
  or: [0x72],
};

/**
 * `scan(len, hit)`: for i in [0, len), for each lane l: s_l = delta[s_l + cls[in_l[i]]], and
 * if s_l >= hit, append (i, s_l) to lane l's output. States come from and go back to CTRL.
 */
function buildModule({ lanes, laneBytes, stride, out, delta }: Layout): Uint8Array {
  const LEN = 0, HIT = 1, I = 2;
  const O = 3; // locals: params len, hit; i, o (a temporary), s_0 .. s_{lanes-1}
  const S = (l: number) => 4 + l;
  const range = [...Array(lanes).keys()];
  const code: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((p) => code.push(...p));
  for (const l of range) {
    emit(op.const(0), op.load(CTRL + 4 * l), op.set(S(l)));
    emit(op.const(0), op.const(out + l * laneBytes * 8), op.store(CTRL + 4 * (lanes + l)));
  }
  emit(op.block, op.get(LEN), op.eqz, op.brIf(0), op.loop);
  for (const l of range) {
    // s_l = delta[s_l + cls[in_l[i]]]
    emit(op.get(S(l)), op.get(I), op.load8(IN + l * stride), op.load8(0), op.add, op.load(delta), op.set(S(l)));
  }
  // if ((s_0 | s_1 | ...) >= hit), look at each lane
  emit(op.get(S(0)), ...range.slice(1).flatMap((l) => [op.get(S(l)), op.or]), op.get(HIT), op.geU, op.if);
  for (const l of range) {
    // if (s_l >= hit) { o = out_l; o[0] = i; o[1] = s_l; out_l = o + 8 } (out_l lives in CTRL)
    emit(op.get(S(l)), op.get(HIT), op.geU, op.if);
    emit(op.const(0), op.load(CTRL + 4 * (lanes + l)), op.tee(O), op.get(I), op.store(0), op.get(O), op.get(S(l)), op.store(4));
    emit(op.const(0), op.get(O), op.const(8), op.add, op.store(CTRL + 4 * (lanes + l)), op.end);
  }
  emit(op.end);
  // while (++i != len)
  emit(op.get(I), op.const(1), op.add, op.tee(I), op.get(LEN), op.ne, op.brIf(0), op.end, op.end);
  for (const l of range) {
    emit(op.const(0), op.get(S(l)), op.store(CTRL + 4 * l));
  }
  const body = [...vec([[...uleb(2 + lanes), I32]]), ...code, ...op.end];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vec([[0x60, ...vec([[I32], [I32]]), ...vec([])]])), // type 0: (i32, i32) -> ()
    ...section(2, vec([[...name("m"), ...name("mem"), 0x02, 0x00, ...uleb(1)]])), // import memory m.mem
    ...section(3, vec([uleb(0)])), // function 0 has type 0
    ...section(7, vec([[...name("scan"), 0x00, ...uleb(0)]])), // export function 0 as "scan"
    ...section(10, vec([[...uleb(body.length), ...body]])), // code
  ]);
}

const modules = new Map<string, object>();

/**
 * Wasm scanner over a DFA in the form `KeywordAutomaton` builds: `dfa[s * classes + classOf[byte]]`, state 0
 * initial and without output, `outputs[s]` the keyword ids reported on entering s, no keyword
 * longer than `depth` bytes. Throws if WebAssembly is unavailable.
 */
export class WasmDfaScanner {
  private readonly lay: Layout;
  private readonly minLaneBytes: number;
  private readonly run: (len: number, hit: number) => void;
  private readonly mem8: Uint8Array;
  private readonly mem32: Uint32Array;
  /** Byte → class × 4, and the DFA as u32 row offsets: views of the tables in wasm memory. */
  private readonly cls: Uint8Array;
  private readonly table: Uint32Array;
  /** Row offset of the first state with output (a power of two). */
  private readonly hit: number;
  private readonly rowBytes: number;
  /** Keyword ids of the state at row offset `hit + k * rowBytes`, at index k. */
  private readonly hitOutputs: Int32Array[] = [];
  /** Set during a scan: a scan started from `onHit` walks in JS (wasm memory is in use). */
  private busy = false;

  constructor(
    classOf: Uint8Array,
    classes: number,
    dfa: Int32Array,
    outputs: readonly (Int32Array | undefined)[],
    private readonly depth: number,
    options: WasmScanOptions = {},
  ) {
    if (!WASM) throw new Error("WebAssembly is not available");
    if (outputs[0]) throw new Error("state 0 has outputs");
    // `cls` holds class × 4 in a byte.
    if (classes > 64) throw new RangeError("more than 64 byte classes");
    const lay = (this.lay = layout(options.lanes ?? 6, options.laneBytes ?? 64 * 1024));
    if (!(lay.lanes >= 1 && lay.lanes <= 64 && lay.laneBytes >= 1)) throw new RangeError("lanes: 1 to 64, laneBytes: 1 or more");
    this.minLaneBytes = Math.max(1, options.minLaneBytes ?? 64);
    const n = outputs.length;
    const rowBytes = (this.rowBytes = classes * 4);

    // Row offsets: states without output from 0 (state 0 first), states with output from `hit`.
    const row = new Int32Array(n);
    let quiet = 0;
    for (let s = 0; s < n; s++) if (!outputs[s]) row[s] = rowBytes * quiet++;
    let hit = 1;
    while (hit < rowBytes * quiet) hit *= 2;
    this.hit = hit;
    outputs.forEach((o, s) => {
      if (o) row[s] = hit + rowBytes * (this.hitOutputs.push(o) - 1);
    });
    const tableBytes = hit + rowBytes * this.hitOutputs.length;

    const key = `${lay.lanes}:${lay.laneBytes}`;
    let module = modules.get(key);
    if (!module) modules.set(key, (module = new WASM.Module(buildModule(lay))));
    const memory = new WASM.Memory({ initial: Math.ceil((lay.delta + tableBytes) / 65536) });
    this.run = new WASM.Instance(module, { m: { mem: memory } }).exports.scan as (len: number, hit: number) => void;
    this.mem8 = new Uint8Array(memory.buffer);
    this.mem32 = new Uint32Array(memory.buffer);
    this.cls = this.mem8.subarray(0, 256);
    this.table = this.mem32.subarray(lay.delta / 4, (lay.delta + tableBytes) / 4);
    for (let b = 0; b < 256; b++) this.cls[b] = classOf[b]! * 4;
    for (let s = 0; s < n; s++) {
      const at = row[s]! / 4;
      for (let c = 0; c < classes; c++) this.table[at + c] = row[dfa[s * classes + c]!]!;
    }
  }

  /** Same contract as `KeywordAutomaton.scan`. */
  scan(buf: Uint8Array, onHit: (id: number, end: number) => boolean | void, start: number, end: number): void {
    end = Math.min(end, buf.length);
    const { lanes, laneBytes, stride, out } = this.lay;
    const { mem8, mem32, hit, rowBytes, hitOutputs } = this;
    const report = (s: number, at: number): boolean => {
      const o = hitOutputs[(s - hit) / rowBytes]!;
      for (let k = 0; k < o.length; k++) if (onHit(o[k]!, at) === false) return false;
      return true;
    };
    let pos = start;
    if (this.busy) return this.walk(buf, report, start, pos, end);
    this.busy = true;
    try {
      // Up to lanes × laneBytes per call, cut into `lanes` slices of `len` bytes.
      for (;;) {
        const len = Math.min(laneBytes, Math.floor((end - pos) / lanes));
        if (len < this.minLaneBytes) break;
        for (let l = 0; l < lanes; l++) {
          mem32[CTRL / 4 + l] = this.stateAt(buf, start, pos + l * len);
          mem8.set(buf.subarray(pos + l * len, pos + (l + 1) * len), IN + l * stride);
        }
        this.run(len, hit);
        // Lane by lane, each in order: hits come out in order of offset.
        for (let l = 0; l < lanes; l++) {
          const base = pos + l * len + 1;
          for (let e = (out + l * laneBytes * 8) / 4, stop = mem32[CTRL / 4 + lanes + l]! / 4; e < stop; e += 2) {
            if (!report(mem32[e + 1]!, base + mem32[e]!)) return;
          }
        }
        pos += lanes * len;
      }
    } finally {
      this.busy = false;
    }
    this.walk(buf, report, start, pos, end); // fewer than lanes × minLaneBytes bytes left
  }

  /** The same walk in JS, over `buf[from, end)`. */
  private walk(buf: Uint8Array, report: (s: number, at: number) => boolean, start: number, from: number, end: number): void {
    const { cls, table, hit } = this;
    let s = this.stateAt(buf, start, from);
    for (let i = from; i < end; i++) {
      s = table[(s + cls[buf[i]!]!) >>> 2]!;
      if (s >= hit && !report(s, i + 1)) return;
    }
  }

  /** The state after `buf[start, at)`, from its last `depth` bytes alone (see top of file). */
  private stateAt(buf: Uint8Array, start: number, at: number): number {
    const { cls, table } = this;
    let s = 0;
    for (let i = Math.max(start, at - this.depth); i < at; i++) s = table[(s + cls[buf[i]!]!) >>> 2]!;
    return s;
  }
}
