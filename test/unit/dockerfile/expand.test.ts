import { test } from "node:test";
import assert from "node:assert/strict";
import { expandWord, expandWords, unquote, variableReferences } from "../../../src/dockerfile/index.js";

const env = { HOME: "/root", EMPTY: "", V: "hello world", FILE: "archive.tar.gz" };

function x(text: string, escapeChar: "\\" | "`" = "\\"): string {
  const r = expandWord(text, env, { escapeChar });
  assert.equal(r.error, undefined, `${text}: ${r.error ?? ""}`);
  return r.value;
}

test("$V and ${V} expand; unset variables become empty", () => {
  assert.equal(x("$HOME/bin"), "/root/bin");
  assert.equal(x("${HOME}bin"), "/rootbin");
  assert.equal(x("a${NOPE}b$NOPE"), "ab");
  assert.equal(x("$"), "$");
  assert.equal(x("cost $5"), "cost ");
});

test("${V:-word} and ${V-word}: default when unset (and, with the colon, when empty)", () => {
  assert.equal(x("${NOPE:-def}"), "def");
  assert.equal(x("${EMPTY:-def}"), "def");
  assert.equal(x("${HOME:-def}"), "/root");
  assert.equal(x("${NOPE-def}"), "def");
  assert.equal(x("${EMPTY-def}"), "");
});

test("${V:+word} and ${V+word}: alternative when set (and, with the colon, non-empty)", () => {
  assert.equal(x("${HOME:+alt}"), "alt");
  assert.equal(x("${EMPTY:+alt}"), "");
  assert.equal(x("${NOPE:+alt}"), "");
  assert.equal(x("${EMPTY+alt}"), "alt");
});

test("nested expansions in the word are expanded and counted as references", () => {
  const r = expandWord("${A:-${HOME}/x}", env);
  assert.equal(r.value, "/root/x");
  assert.deepEqual(r.references, ["A", "HOME"]);
  assert.deepEqual(r.unset, ["A"]);
});

test("pattern removal and substitution: # ## % %% / //", () => {
  assert.equal(x("${FILE#*.}"), "tar.gz");
  assert.equal(x("${FILE##*.}"), "gz");
  assert.equal(x("${FILE%.*}"), "archive.tar");
  assert.equal(x("${FILE%%.*}"), "archive");
  assert.equal(x("${V/o/0}"), "hell0 world");
  assert.equal(x("${V//o/0}"), "hell0 w0rld");
});

test("${V?msg} fails when unset", () => {
  assert.match(expandWord("${NOPE?must be set}", env).error ?? "", /NOPE: must be set/);
  assert.equal(x("${HOME?x}"), "/root");
});

test("escaped \\$ is literal; a trailing escape is dropped", () => {
  assert.equal(x("\\$HOME"), "$HOME");
  assert.equal(x("a\\ b"), "a b");
  assert.equal(x("end\\"), "end");
  assert.deepEqual(expandWord("\\$HOME", env).references, []);
});

test("with escape=` the backtick escapes and the backslash is a plain character", () => {
  assert.equal(x("`$HOME", "`"), "$HOME");
  assert.equal(x("C:\\$HOME", "`"), "C:\\/root");
});

test("single quotes suppress expansion; double quotes expand and are removed", () => {
  assert.equal(x("'$HOME'"), "$HOME");
  assert.equal(x('"$HOME"'), "/root");
  assert.equal(x("\"it's $V\""), "it's hello world");
  assert.equal(x('"a\\"b"'), 'a"b');
  assert.equal(x('"a\\nb"'), "a\\nb");
  assert.deepEqual(expandWord("'$A' \"$B\" $C", env).references, ["B", "C"]);
});

test("keepUnset leaves unknown references as written (BuildKit SkipUnsetEnv)", () => {
  assert.equal(expandWord("$NOPE/${HOME}/${X:-y}", env, { keepUnset: true }).value, "$NOPE//root/${X:-y}");
});

test("syntax errors are reported, not thrown, and the input is returned", () => {
  for (const bad of ["${", "${}", "${:x}", "${A", "'open", '"open', "${A:x}", "${A/x"]) {
    const r = expandWord(bad, env);
    assert.ok(r.error, bad);
    assert.equal(r.value, bad);
  }
});

test("expandWords splits on unquoted whitespace after expansion", () => {
  assert.deepEqual(expandWords('a "b c" $V d\\ e', env).words, ["a", "b c", "hello", "world", "d e"]);
});

test("unquote removes quotes and escapes but keeps variables; variableReferences lists them", () => {
  assert.equal(unquote('"$HOME/a b"').value, "$HOME/a b");
  assert.equal(unquote("x\\ y").value, "x y");
  assert.deepEqual(variableReferences("${A}-$B-'$C'-${D:-$E}"), ["A", "B", "D", "E"]);
});

test("env can be a Map or a function", () => {
  assert.equal(expandWord("$A", new Map([["A", "1"]])).value, "1");
  assert.equal(expandWord("$A$B", (n) => (n === "A" ? "x" : undefined)).value, "x");
  assert.equal(expandWord("$__proto__", {}).value, "");
});
