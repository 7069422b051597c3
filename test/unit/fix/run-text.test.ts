import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDockerfile } from "../../../src/dockerfile/index.js";
import { fileSpan, quotingOf, runScript, scriptShape, variableRefs } from "../../../src/fix/run-text.js";

function script(text: string) {
  const ast = parseDockerfile(text);
  const run = ast.instructions.find((i) => i.keyword === "RUN")!;
  return { ast, lt: runScript(text, run, ast.escapeChar)! };
}

test("a RUN's script is mapped to the file across continuations and dropped comment lines", () => {
  const text = "FROM a\nRUN echo one \\\n# a comment Docker drops\n    && echo two\n";
  const { lt } = script(text);
  assert.equal(lt.text, "echo one     && echo two");
  const at = lt.text.indexOf("two");
  assert.equal(text.slice(lt.map[at], lt.map[at]! + 3), "two");
  assert.equal(fileSpan(lt, 0, 8)?.start, text.indexOf("echo one"));
  assert.equal(fileSpan(lt, 5, lt.text.indexOf("two") + 3), undefined, "a span across a continuation is not contiguous");
});

test("the backtick escape directive continues lines with a backtick", () => {
  const text = "# escape=`\nFROM a\nRUN echo one `\n  two\n";
  const { ast, lt } = script(text);
  assert.equal(ast.escapeChar, "`");
  assert.equal(lt.text, "echo one   two");
});

test("quoting: single, double, escaped, and substitutions unquoted again inside double quotes", () => {
  const s = `a 'b $X' "c $X $(d "$X")" \\$X`;
  const q = quotingOf(s);
  assert.equal(q[s.indexOf("b")], "single");
  assert.equal(q[s.indexOf("c")], "double");
  assert.equal(q[s.indexOf("d")], "none");
  assert.equal(q[s.lastIndexOf("$")], "escaped");
});

test("variable references: plain, braced, complex forms and single-quoted ones, not longer names or escaped dollars", () => {
  const s = `curl -u "u:$TOKEN" \${TOKEN} \${TOKEN:-x} '$TOKEN' $TOKENS \\$TOKEN`;
  const refs = variableRefs(s, "TOKEN");
  assert.deepEqual(
    refs.map((r) => [s.slice(r.start, r.end), r.quoting, r.form]),
    [
      ["$TOKEN", "double", "plain"],
      ["${TOKEN}", "none", "plain"],
      ["${TOKEN:-x}", "none", "complex"],
      ["$TOKEN", "single", "plain"],
    ],
  );
});

test("script shape: an && list is simple; ;, ||, comments, heredocs and compound commands are said", () => {
  assert.deepEqual(
    scriptShape(`npm set "a=$(cat /x)" && yarn install  2>&1 | tee log`).segments.map((s) => [s.head, s.joiner]),
    [["npm", "start"], ["yarn", "&&"]],
  );
  assert.equal(scriptShape("a && b").complex, undefined);
  assert.match(scriptShape("a; b").complex ?? "", /`;`/);
  assert.match(scriptShape("a || b").complex ?? "", /`\|\|`/);
  assert.match(scriptShape("a # note").complex ?? "", /comment/);
  assert.match(scriptShape("cat <<EOF").complex ?? "", /heredoc/);
  assert.match(scriptShape("if true; then a; fi").complex ?? "", /compound|`;`/);
  assert.match(scriptShape("(cd x && make)").complex ?? "", /subshell/);
  assert.equal(scriptShape("echo '&& not a separator' \"; nor this\"").segments.length, 1);
});
