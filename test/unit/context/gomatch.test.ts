import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { BadPatternError, goMatch, hasGlobMeta, validGoPattern } from "../../../src/context/gomatch.js";

// Go's path/filepath.Match on Unix (its documented rules and its test table's cases).
const CASES: [pattern: string, name: string, match: boolean | "bad"][] = [
  ["abc", "abc", true],
  ["*", "abc", true],
  ["*c", "abc", true],
  ["a*", "a", true],
  ["a*", "abc", true],
  ["a*", "ab/c", false],
  ["a*/b", "abc/b", true],
  ["a*/b", "a/c/b", false],
  ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
  ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
  ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
  ["a*b*c*d*e*/f", "axbxcxdxexxx/fff", false],
  ["a*b?c*x", "abxbbxdbxebxczzx", true],
  ["a*b?c*x", "abxbbxdbxebxczzy", false],
  ["ab[c]", "abc", true],
  ["ab[b-d]", "abc", true],
  ["ab[e-g]", "abc", false],
  ["ab[^c]", "abc", false],
  ["ab[^b-d]", "abc", false],
  ["ab[^e-g]", "abc", true],
  ["a\\*b", "a*b", true],
  ["a\\*b", "ab", false],
  ["a?b", "a☺b", true],
  ["a[^a]b", "a☺b", true],
  ["a???b", "a☺b", false],
  ["[a-ζ]*", "α", true],
  ["*[a-ζ]", "A", false],
  ["a?b", "a/b", false],
  ["a*b", "a/b", false],
  ["[\\]a]", "]", true],
  ["[\\-]", "-", true],
  ["[x\\-]", "-", true],
  ["[x\\-]", "z", false],
  ["[\\-x]", "a", false],
  ["*x", "xxx", true],
  [".env", ".env", true],
  ["*", ".env", true],
  ["[]a]", "]", "bad"],
  ["[-]", "-", "bad"],
  ["[x-]", "x", "bad"],
  ["[-x]", "x", "bad"],
  ["\\", "a", "bad"],
  ["[a-b-c]", "a", "bad"],
  ["[", "a", "bad"],
  ["[^", "a", "bad"],
  ["[^bc", "a", "bad"],
  ["a[", "a", "bad"],
  ["a[", "ab", "bad"],
  ["a[", "x", "bad"],
  ["a/b[", "x", "bad"],
];

test("goMatch follows Go's filepath.Match: * and ? stop at /, classes, escapes, no dot-file rule", () => {
  for (const [pattern, name, want] of CASES) {
    if (want === "bad") assert.throws(() => goMatch(pattern, name), BadPatternError, `${pattern} should be a bad pattern`);
    else assert.equal(goMatch(pattern, name), want, `Match(${JSON.stringify(pattern)}, ${JSON.stringify(name)})`);
  }
});

test("validGoPattern rejects what Go rejects, even when the name would not reach the bad part", () => {
  assert.equal(validGoPattern("a["), false);
  assert.equal(validGoPattern("x*[z"), false);
  assert.equal(validGoPattern("src/**/*.pem"), true);
  assert.equal(validGoPattern("[a-z]"), true);
});

test("hasGlobMeta: only *, ?, [ and \\ make a COPY source a pattern", () => {
  assert.equal(hasGlobMeta("src/app.js"), false);
  assert.equal(hasGlobMeta("*.json"), true);
  assert.equal(hasGlobMeta("file?.txt"), true);
  assert.equal(hasGlobMeta("arr[0].txt"), true);
});

test("goMatch never throws anything but BadPatternError and never hangs (property)", () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("a", "b", "*", "?", "[", "]", "^", "-", "\\", "/", "☺"), maxLength: 24 }), fc.string({ unit: fc.constantFrom("a", "b", "/", "-", "]", "☺"), maxLength: 24 }), (p, n) => {
      try {
        goMatch(p, n);
      } catch (e) {
        assert.ok(e instanceof BadPatternError);
      }
    }),
    { numRuns: 3000 },
  );
});
