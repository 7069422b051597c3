import { test } from "node:test";
import assert from "node:assert/strict";
import { applySplices, EditConflict, lineEnding, removeLines } from "../../../src/fix/editor.js";

test("splices replace, insert and delete, keeping every other byte", () => {
  const text = "FROM a\r\nARG X\r\nRUN b\r\n";
  const out = applySplices(text, [
    { start: 8, end: 15, text: "" },
    { start: 19, end: 19, text: "--mount=x " },
    { start: 19, end: 20, text: "c" },
  ]);
  assert.equal(out, "FROM a\r\nRUN --mount=x c\r\n");
});

test("insertions at one offset keep the order they were given in", () => {
  assert.equal(applySplices("ab", [{ start: 1, end: 1, text: "1" }, { start: 1, end: 1, text: "2" }]), "a12b");
});

test("overlapping splices are refused, not merged", () => {
  assert.throws(() => applySplices("abcdef", [{ start: 1, end: 4, text: "" }, { start: 3, end: 5, text: "" }]), EditConflict);
  assert.throws(() => applySplices("abc", [{ start: 2, end: 9, text: "" }]), RangeError);
});

test("removeLines takes whole lines with their break, and the break before on an unterminated last line", () => {
  const text = "FROM a\nARG X\nRUN b";
  assert.equal(applySplices(text, [removeLines(text, 7, 12)]), "FROM a\nRUN b");
  assert.equal(applySplices(text, [removeLines(text, 13, 18)]), "FROM a\nARG X");
  const crlf = "FROM a\r\nARG X\r\nRUN b";
  assert.equal(applySplices(crlf, [removeLines(crlf, 15, 20)]), "FROM a\r\nARG X");
});

test("the line ending is the file's own", () => {
  assert.equal(lineEnding("a\r\nb\n"), "\r\n");
  assert.equal(lineEnding("a\nb"), "\n");
  assert.equal(lineEnding("a"), "\n");
});
