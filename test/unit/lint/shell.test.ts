import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseShell } from "../../../src/lint/index.js";
import { allCommands } from "../../../src/lint/shell.js";

const names = (s: string) => parseShell(s).commands.map((c) => c.words.map((w) => w.text).join(" "));

test("lists split on && || ; & newlines and pipes, each command knowing how it is joined", () => {
  const s = parseShell("a 1 && b || c; d | e & f\ng");
  assert.deepEqual(
    s.commands.map((c) => [c.words[0]?.text, c.joiner, c.pipedOut]),
    [["a", "start", false], ["b", "&&", false], ["c", "||", false], ["d", ";", true], ["e", "|", false], ["f", "&", false], ["g", "\n", false]],
  );
});

test("quotes and escapes are removed from word text; expansions are kept and their variables listed", () => {
  const [c] = parseShell(`npm set "//r/:_authToken=$NPM_TOKEN" 'lit $X' a\\ b \${B:-$C}`).commands;
  assert.deepEqual(c!.words.map((w) => w.text), ["npm", "set", "//r/:_authToken=$NPM_TOKEN", "lit $X", "a b", "${B:-$C}"]);
  assert.deepEqual(c!.words[2]!.vars, ["NPM_TOKEN"]);
  assert.deepEqual(c!.words[3]!.vars, [], "single quotes expand nothing");
  assert.deepEqual(c!.words[5]!.vars, ["B", "C"]);
});

test("command substitutions ($(…) and backticks) are parsed as scripts of their own", () => {
  const [c] = parseShell('echo "x=$(cat /run/secrets/t | base64)" `id -u`').commands;
  const sub = c!.words[1]!.subs[0]!;
  assert.deepEqual(sub.commands.map((x) => x.words[0]!.text), ["cat", "base64"]);
  assert.equal(c!.words[2]!.subs[0]!.commands[0]!.words[0]!.text, "id");
  assert.equal([...allCommands(parseShell('a "$(b $(c))"'))].length, 3);
});

test("redirections keep their fd and operator; 2>&1 is a dup, not a file", () => {
  const [c] = parseShell("cmd >out 2>&1 >>app.log &>all < in 3>x").commands;
  assert.deepEqual(
    c!.redirects.map((r) => [r.fd, r.op, r.target.text]),
    [[undefined, ">", "out"], [2, ">&", "1"], [undefined, ">>", "app.log"], [undefined, "&>", "all"], [undefined, "<", "in"], [3, ">", "x"]],
  );
  assert.deepEqual(c!.words.map((w) => w.text), ["cmd"]);
});

test("heredoc bodies are read after the line; quoted delimiters do not expand, <<- strips tabs", () => {
  const s = parseShell("cat <<EOF > /a && cat <<-'X' >> /b\nline $TOKEN\nEOF\n\tlit $NOPE\n\tX\necho done");
  const [a, b, c] = s.commands;
  assert.equal(a!.redirects[0]!.body, "line $TOKEN\n");
  assert.deepEqual(a!.redirects[0]!.bodyWord?.vars, ["TOKEN"]);
  assert.equal(b!.redirects[0]!.body, "lit $NOPE\n");
  assert.equal(b!.redirects[0]!.bodyWord, undefined);
  assert.equal(c!.words[0]!.text, "echo");
});

test("reserved words are skipped: the commands inside if/for/while are read", () => {
  assert.deepEqual(names("if [ -f /x ]; then cat /x; else echo no; fi"), ["[ -f /x ]", "cat /x", "echo no"]);
  assert.deepEqual(names("for f in a b; do rm $f; done"), ["rm $f"]);
  assert.equal(parseShell("if test -f x; then y; fi").commands[0]!.conditional, true);
});

test("comments and line continuations", () => {
  assert.deepEqual(names("a \\\n  b # c d\ne#f"), ["a b", "e#f"]);
});

test("assignments before a command are not its words", () => {
  const [c, d] = parseShell("TOKEN=$(cat /run/secrets/t) ; FOO=1 cmd arg").commands;
  assert.equal(c!.assignments[0]!.name, "TOKEN");
  assert.equal(c!.words.length, 0);
  assert.deepEqual(d!.words.map((w) => w.text), ["cmd", "arg"]);
});

test("hostile input never throws and ends: deep nesting, unterminated quotes and heredocs", () => {
  for (const s of ["$(".repeat(5000), "`".repeat(3001), '"'.repeat(7), "cat <<EOF", "'open", "${".repeat(2000), "((((((((", ")))))", "a <<", "<(<(<("]) {
    const started = Date.now();
    parseShell(s);
    assert.ok(Date.now() - started < 2000, JSON.stringify(s.slice(0, 10)));
  }
});

test("property: parseShell never throws on any text", () => {
  const parts = ["a", " ", "\n", "'", '"', "\\", "$", "(", ")", "`", "{", "}", "<<", "EOF", "<<-", "|", "&", ";", ">", "<", "2>&1", "#", "if", "then", "fi", "for", "do", "done", "case", "esac", "${X:-", "$(", "\t"];
  fc.assert(
    fc.property(fc.oneof(fc.array(fc.constantFrom(...parts), { maxLength: 200 }).map((p) => p.join("")), fc.string({ maxLength: 500 })), (s) => {
      parseShell(s, 200_000);
    }),
    { numRuns: 500 },
  );
});
