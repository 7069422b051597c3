import { spawnSync } from "node:child_process";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { KeywordAutomaton, type KeywordAutomatonOptions } from "../../../src/detect/prefilter.js";
import { BUILTIN_RULES } from "../../../src/detect/rules/index.js";

/** ASCII-only lower case, as the automaton folds case (bytes 0x80-0xff are left alone). */
function asciiLower(buf: Uint8Array): Buffer {
  return Buffer.from(buf.map((b) => (b >= 0x41 && b <= 0x5a ? b + 32 : b)));
}

/** Every occurrence of every keyword inside buf[start, end), as "id@end", sorted. */
function naive(keywords: readonly string[], buf: Uint8Array, start = 0, end = buf.length): string[] {
  const text = asciiLower(buf.subarray(start, end));
  const out: string[] = [];
  keywords.forEach((kw, id) => {
    const k = Buffer.from(kw.toLowerCase(), "latin1");
    for (let i = text.indexOf(k); i >= 0; i = text.indexOf(k, i + 1)) out.push(`${id}@${start + i + k.length}`);
  });
  return out.sort();
}

/** Hits in the order the automaton reports them. */
function hits(ac: KeywordAutomaton, buf: Uint8Array, start?: number, end?: number): string[] {
  const got: string[] = [];
  ac.scan(buf, (id, at) => void got.push(`${id}@${at}`), start, end);
  return got;
}

const endOf = (hit: string) => Number(hit.slice(hit.indexOf("@") + 1));

function assertOrdered(got: string[]): void {
  for (let i = 1; i < got.length; i++) assert.ok(endOf(got[i - 1]!) <= endOf(got[i]!), `out of order at ${i}: ${got[i - 1]}, ${got[i]}`);
}

const BUILTIN_KEYWORDS = [...new Set(BUILTIN_RULES.flatMap((r) => r.keywords.map((k) => k.toLowerCase())))];
const small: KeywordAutomatonOptions = { laneBytes: 7, minLaneBytes: 1 };
const engines: [string, KeywordAutomatonOptions][] = [
  ["default", {}],
  ["wasm, tiny slices", small],
  ["wasm, 3 lanes", { lanes: 3, laneBytes: 16, minLaneBytes: 2 }],
  ["js", { engine: "js" }],
];

test("WebAssembly is used by default", () => {
  assert.equal(new KeywordAutomaton(["://"]).engine, "wasm");
  assert.equal(new KeywordAutomaton(["://"], { engine: "js" }).engine, "js");
});

test("by default the JS loop scans small inputs and the wasm loop takes over after 1 MiB, with the same hits", () => {
  const ac = new KeywordAutomaton(BUILTIN_KEYWORDS);
  const js = new KeywordAutomaton(BUILTIN_KEYWORDS, { engine: "js" });
  const piece = Buffer.from("x".repeat(4000) + " AWS_SECRET_ACCESS_KEY=abc ghp_ password: y\n", "latin1");
  let scanned = 0;
  let switched = -1;
  for (let i = 0; scanned < 3 << 20; i++, scanned += piece.length) {
    assert.deepEqual(hits(ac, piece), hits(js, piece), `piece ${i}`);
    if (switched < 0 && (ac as unknown as { wasm?: object }).wasm) switched = scanned + piece.length;
  }
  assert.ok(switched >= 1 << 20 && switched < (1 << 20) + 2 * piece.length, `switched after ${switched} bytes`);
  assert.equal(ac.engine, "wasm");
});

test("keywords with more byte classes than the wasm tables hold are scanned by the JS loop", () => {
  const keywords = Array.from({ length: 90 }, (_, i) => `k${String.fromCharCode(0x21 + i)}z`);
  const ac = new KeywordAutomaton(keywords);
  assert.equal(ac.engine, "js");
  const buf = Buffer.from(keywords.join(" ").toUpperCase(), "latin1");
  assert.deepEqual([...hits(ac, buf)].sort(), naive(keywords, buf));
});

test("keywords across slice and chunk boundaries are found (default sizes, megabytes of input)", () => {
  // Default: 6 slices of 64 KiB per wasm call. Put a keyword across every slice boundary,
  // cut at every possible place, and compare with a naive search and with the JS loop.
  const kw = "secret_access_key";
  const size = 6 * 65536 * 5 + 12345;
  const buf = Buffer.alloc(size, "x.");
  for (let k = 1, b = 65536; b < size - kw.length; k++, b += 65536) buf.write(k % 2 ? kw : kw.toUpperCase(), b - (k % kw.length), "latin1");
  for (let b = 6 * 65536; b < size; b += 6 * 65536) buf.write("ghp_", b - 2, "latin1");
  const ac = new KeywordAutomaton(BUILTIN_KEYWORDS);
  const got = hits(ac, buf);
  assert.deepEqual([...got].sort(), naive(BUILTIN_KEYWORDS, buf));
  assert.ok(got.length >= 30);
  assert.deepEqual(got, hits(new KeywordAutomaton(BUILTIN_KEYWORDS, { engine: "js" }), buf));
});

test("the wasm and JS loops report the same hits in the same order on random text", () => {
  let x = 0x9e3779b9; // xorshift32
  const alphabet = Buffer.from("abcdeghikmnoprstxy_-:/=. \nAKSGHP", "latin1");
  const buf = Buffer.alloc(3_000_000);
  for (let i = 0; i < buf.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = alphabet[(x >>> 0) % alphabet.length]!;
  }
  const keywords = [...BUILTIN_KEYWORDS, "a", "ab", "sk", "ss", "://x"];
  const expected = hits(new KeywordAutomaton(keywords, { engine: "js" }), buf);
  assert.ok(expected.length > 100_000);
  for (const [name, options] of engines.slice(0, 3)) assert.deepEqual(hits(new KeywordAutomaton(keywords, options), buf), expected, name);
});

test("millions of hits: every output slot of every slice used", () => {
  for (const [name, options] of engines) {
    // every byte ends a keyword, twice from the second byte on ("a" and "aa")
    const as = Buffer.alloc(1_500_001, "a");
    const ids = new Uint8Array(as.length + 1);
    let n = 0;
    let last = 0;
    let ok = true;
    new KeywordAutomaton(["aa", "a"], options).scan(as, (id, at) => {
      if (at < last) ok = false;
      last = at;
      ids[at]! |= 1 << id;
      n++;
    });
    assert.ok(ok, name);
    assert.equal(n, 2 * as.length - 1, name);
    assert.deepEqual([ids[0], ids[1], ids[2]], [0, 2, 3]);
    assert.ok(ids.subarray(2).every((m) => m === 3), name);
    // "://" repeated: a hit every third byte
    const urls = Buffer.from("://".repeat(1_000_000));
    let count = 0;
    last = 0;
    new KeywordAutomaton(BUILTIN_KEYWORDS, options).scan(urls, (id, at) => {
      if (BUILTIN_KEYWORDS[id] !== "://" || at !== last + 3) ok = false;
      last = at;
      count++;
    });
    assert.ok(ok, name);
    assert.equal(count, 1_000_000, name);
  }
});

test("start/end: only occurrences wholly inside the range, whatever precedes or follows it", () => {
  const alphabet = fc.constantFrom(..."abAB_:/".split(""));
  for (const [name, options] of engines) {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: alphabet, minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6, selector: (s) => s.toLowerCase() }),
        fc.string({ unit: alphabet, maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        (keywords, text, a, b) => {
          const buf = Buffer.from(text, "latin1");
          const start = a % (buf.length + 1);
          const end = start + (b % (buf.length - start + 1));
          const got = hits(new KeywordAutomaton(keywords, options), buf, start, end);
          assertOrdered(got);
          assert.deepEqual([...got].sort(), naive(keywords, buf, start, end), name);
        },
      ),
      { numRuns: 150 },
    );
  }
});

test("bytes 0x80-0xff: matched exactly, no case folding outside ASCII", () => {
  // keywords and text over all 256 byte values, with high bytes and letters frequent
  const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x41, 0x61, 0xc9, 0xe9, 0xff, 0x80));
  const bytes = (min: number, max: number) => fc.array(byte, { minLength: min, maxLength: max }).map((a) => Buffer.from(a).toString("latin1"));
  for (const [name, options] of engines) {
    fc.assert(
      fc.property(fc.uniqueArray(bytes(1, 3), { minLength: 1, maxLength: 6, selector: (s) => asciiLower(Buffer.from(s, "latin1")).toString("latin1") }), bytes(0, 400), (kws, text) => {
        // the automaton lower-cases keywords with String#toLowerCase: keep keywords whose
        // lower case stays in latin1 and agrees with ASCII-only folding
        const keywords = kws.filter((k) => k.toLowerCase() === asciiLower(Buffer.from(k, "latin1")).toString("latin1"));
        if (keywords.length === 0) return;
        const buf = Buffer.from(text, "latin1");
        const got = hits(new KeywordAutomaton(keywords, options), buf);
        assertOrdered(got);
        assert.deepEqual([...got].sort(), naive(keywords, buf), name);
      }),
      { numRuns: 150 },
    );
  }
  const ac = new KeywordAutomaton(["\u00e9t\u00e9", "\u00ffA"]);
  assert.deepEqual(hits(ac, Buffer.from([0xe9, 0x74, 0xe9, 0xc9, 0x54, 0xc9, 0xff, 0x61, 0xff, 0x41])), ["0@3", "1@8", "1@10"]);
});

test("onHit returning false stops the scan at once, wherever the hit is", () => {
  const buf = Buffer.from("user://a password=b ".repeat(20000));
  for (const [name, options] of engines) {
    const ac = new KeywordAutomaton(BUILTIN_KEYWORDS, options);
    const all = hits(ac, buf);
    for (const k of [1, 2, 7, 100, all.length >> 1, all.length - 1, all.length]) {
      const got: string[] = [];
      ac.scan(buf, (id, at) => {
        got.push(`${id}@${at}`);
        return got.length < k;
      });
      assert.deepEqual(got, all.slice(0, k), `${name}, stop after ${k}`);
    }
  }
});

test("a scan started from onHit (same automaton) gets its own correct hits", () => {
  const buf = Buffer.from("a://b ".repeat(5000));
  const ac = new KeywordAutomaton(BUILTIN_KEYWORDS);
  const expected = hits(ac, buf);
  const outer: string[] = [];
  ac.scan(buf, (id, at) => {
    outer.push(`${id}@${at}`);
    if (outer.length % 1000 === 1) assert.deepEqual(hits(ac, buf, at - 4, at + 200).sort(), naive(BUILTIN_KEYWORDS, buf, at - 4, at + 200));
  });
  assert.deepEqual(outer, expected);
});

test("without WebAssembly, the JS loop is used and finds the same hits", () => {
  const url = new URL("../../../src/detect/prefilter.js", import.meta.url).href;
  const script = `const { KeywordAutomaton } = await import(${JSON.stringify(url)});
    const ac = new KeywordAutomaton(["://", "ab"]); const got = [];
    ac.scan(Buffer.from("x://abAB ".repeat(100)), (id, at) => void got.push(id + "@" + at));
    console.log(JSON.stringify([typeof WebAssembly, ac.engine, got]));`;
  const child = spawnSync(process.execPath, ["--no-expose-wasm", "--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(child.status, 0, child.stderr);
  const [wasmType, engine, got] = JSON.parse(child.stdout) as [string, string, string[]];
  assert.deepEqual([wasmType, engine], ["undefined", "js"]);
  assert.deepEqual(got, hits(new KeywordAutomaton(["://", "ab"]), Buffer.from("x://abAB ".repeat(100))));
});
