import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { KeywordAutomaton } from "../../../src/detect/prefilter.js";

function naive(keywords: string[], text: Buffer): string[] {
  const lower = Buffer.from(text.toString("latin1").toLowerCase(), "latin1");
  const out: string[] = [];
  keywords.forEach((kw, id) => {
    const k = Buffer.from(kw.toLowerCase(), "latin1");
    for (let i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) out.push(`${id}@${i + k.length}`);
  });
  return out.sort();
}

test("the keyword automaton reports exactly the occurrences a naive search finds, case-insensitively", () => {
  const alphabet = fc.constantFrom(..."abAB_-=:\n\u00ff".split(""));
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ unit: alphabet, minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8, selector: (s) => s.toLowerCase() }), fc.string({ unit: alphabet, maxLength: 200 }), (keywords, text) => {
      const ac = new KeywordAutomaton(keywords);
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

test("overlapping and nested keywords are all reported", () => {
  const ac = new KeywordAutomaton(["he", "she", "his", "hers"]);
  const got: string[] = [];
  ac.scan(Buffer.from("USHERS"), (id, end) => {
    got.push(`${["he", "she", "his", "hers"][id]}@${end}`);
  });
  assert.deepEqual(got.sort(), ["he@4", "hers@6", "she@4"]);
});
