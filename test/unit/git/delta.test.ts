import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { applyDelta, deltaResultSize } from "../../../src/git/delta.js";
import { GitFormatError } from "../../../src/git/options.js";
import { makeDelta } from "./pack-writer.js";

test("a delta of copies and inserts rebuilds its target from its base", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 3000 }), (a, b) => {
      const base = Buffer.from(a);
      const target = Buffer.concat([base.subarray(0, base.length >> 1), Buffer.from(b), base.subarray(base.length >> 2)]);
      const delta = makeDelta(base, target);
      assert.equal(deltaResultSize(delta), target.length);
      assert.ok(applyDelta(base, delta, 1 << 20).equals(target));
    }),
    { numRuns: 200 },
  );
});

test("a copy of size 0 means 0x10000 bytes, as git writes it", () => {
  const base = Buffer.alloc(0x10000, 7);
  // base size 0x10000 (varint 80 80 04), result size 0x10000, copy offset 0 with no size bytes.
  const delta = Buffer.from([0x80, 0x80, 0x04, 0x80, 0x80, 0x04, 0x80]);
  assert.ok(applyDelta(base, delta, 1 << 20).equals(base));
});

test("bad deltas are GitFormatErrors: wrong base size, copy past the base, writes past the result, reserved op, cut short, over the limit", () => {
  const base = Buffer.from("hello world");
  const bad: [string, Buffer][] = [
    ["base size", Buffer.from([5, 5, 0x05, ...Buffer.from("abcde")])],
    ["copy past base", Buffer.from([11, 20, 0x91, 0, 20])],
    ["write past result", Buffer.from([11, 2, 0x05, ...Buffer.from("abcde")])],
    ["reserved", Buffer.from([11, 1, 0x00])],
    ["insert cut short", Buffer.from([11, 5, 0x05, 0x61])],
    ["short result", Buffer.from([11, 5, 0x01, 0x61])],
    ["header cut short", Buffer.from([0x80])],
    ["over limit", Buffer.from([11, 0xff, 0xff, 0xff, 0x7f])],
  ];
  for (const [what, delta] of bad) assert.throws(() => applyDelta(base, delta, 1 << 20), GitFormatError, what);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (d) => {
      try {
        applyDelta(base, Buffer.from(d), 1 << 16);
      } catch (err) {
        assert.ok(err instanceof GitFormatError);
      }
    }),
    { numRuns: 1000 },
  );
});
