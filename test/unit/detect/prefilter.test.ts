import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { KeywordAutomaton, type KeywordAutomatonOptions } from "../../../src/detect/prefilter.js";

function naive(keywords: string[], text: Buffer): string[] {
  const lower = Buffer.from(text.toString("latin1").toLowerCase(), "latin1");
  const out: string[] = [];
  keywords.forEach((kw, id) => {
    const k = Buffer.from(kw.toLowerCase(), "latin1");
    for (let i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) out.push(`${id}@${i + k.length}`);
  });
  return out.sort();
}

// The default engine (wasm, whose slices are too long for 200 bytes: its JS walk runs), wasm
// with tiny slices (the wasm loop runs, with slice boundaries everywhere), and the JS loop.
const engines: [string, KeywordAutomatonOptions][] = [
  ["default", {}],
  ["wasm, 6 lanes of 1-9 bytes", { laneBytes: 9, minLaneBytes: 1 }],
  ["wasm, 2 lanes of 4 bytes", { lanes: 2, laneBytes: 4, minLaneBytes: 4 }],
  ["js", { engine: "js" }],
];

for (const [engine, options] of engines) {
  test(`the keyword automaton reports exactly the occurrences a naive search finds, case-insensitively (${engine})`, () => {
    const alphabet = fc.constantFrom(..."abAB_-=:\n\u00ff".split(""));
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: alphabet, minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8, selector: (s) => s.toLowerCase() }), fc.string({ unit: alphabet, maxLength: 200 }), (keywords, text) => {
        const ac = new KeywordAutomaton(keywords, options);
        const buf = Buffer.from(text, "latin1");
        const got: string[] = [];
        ac.scan(buf, (id, end) => {
          got.push(`${id}@${end}`);
        });
        assert.deepEqual(got.sort(), naive(keywords, buf));
      }),
      { numRuns: 300 },
    );
  });
}

test("overlapping and nested keywords are all reported", () => {
  const ac = new KeywordAutomaton(["he", "she", "his", "hers"]);
  const got: string[] = [];
  ac.scan(Buffer.from("USHERS"), (id, end) => {
    got.push(`${["he", "she", "his", "hers"][id]}@${end}`);
  });
  assert.deepEqual(got.sort(), ["he@4", "hers@6", "she@4"]);
});
