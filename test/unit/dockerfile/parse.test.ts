import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDockerfile, heredocContent, type InstructionNode, type Range } from "../../../src/dockerfile/index.js";

function only(text: string): InstructionNode {
  const ast = parseDockerfile(text);
  assert.deepEqual(ast.errors, [], "no errors expected");
  const n = ast.instructions[0];
  assert.ok(n, "one instruction expected");
  return n;
}

function at(r: Range): string {
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}

function slice(text: string, r: Range): string {
  return text.slice(r.start.offset, r.end.offset);
}

// --- parser directives -------------------------------------------------------

test("directives at the top are recorded, lower-cased, and not treated as comments", () => {
  const ast = parseDockerfile("# syntax=docker/dockerfile:1.7\n#  ESCAPE = `\n# check=skip=all\nFROM a\n");
  assert.deepEqual(
    ast.directives.map((d) => [d.name, d.value, d.line]),
    [
      ["syntax", "docker/dockerfile:1.7", 1],
      ["escape", "`", 2],
      ["check", "skip=all", 3],
    ],
  );
  assert.equal(ast.escapeChar, "`");
  assert.equal(ast.comments.length, 0);
});

test("a directive after a comment, a blank line or an instruction is only a comment", () => {
  for (const text of ["# hello\n# escape=`\nFROM a\n", "\n# escape=`\nFROM a\n", "FROM a\n# escape=`\n", "# unknown=1\n# escape=`\nFROM a\n"]) {
    const ast = parseDockerfile(text);
    assert.equal(ast.escapeChar, "\\", JSON.stringify(text));
    assert.ok(ast.comments.some((c) => c.text === "escape=`"), JSON.stringify(text));
  }
});

test("a repeated directive and an invalid escape character are errors with a line", () => {
  const dup = parseDockerfile("# escape=`\n# escape=\\\nFROM a\n");
  assert.deepEqual(dup.errors, [{ line: 2, column: 1, message: "only one escape parser directive can be used" }]);
  assert.equal(dup.escapeChar, "`");
  const bad = parseDockerfile("# escape=x\nFROM a\n");
  assert.equal(bad.errors.length, 1);
  assert.equal(bad.errors[0]?.line, 1);
  assert.match(bad.errors[0]?.message ?? "", /invalid escape token 'x'/);
  assert.equal(bad.escapeChar, "\\");
});

test("escape=` makes the backtick the continuation character and leaves backslashes alone", () => {
  const text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir c:\\ `\n    && echo done\nCOPY a.txt c:\\app\\\n";
  const ast = parseDockerfile(text);
  assert.deepEqual(ast.errors, []);
  const [, run, copy] = ast.instructions;
  assert.equal(run?.args[0]?.value, "dir c:\\     && echo done");
  assert.equal(run?.startLine, 3);
  assert.equal(run?.endLine, 4);
  assert.deepEqual(
    copy?.args.map((a) => a.value),
    ["a.txt", "c:\\app\\"],
  );
});

test("a byte-order mark before the first line is skipped", () => {
  const ast = parseDockerfile("\ufeff# escape=`\nFROM a `\n  AS b\n");
  assert.equal(ast.escapeChar, "`");
  assert.deepEqual(
    ast.instructions[0]?.args.map((a) => a.value),
    ["a", "AS", "b"],
  );
  assert.equal(at(ast.instructions[0]?.keywordRange as Range), "2:1-2:5");
});

// --- continuations ---------------------------------------------------------------

test("continuation lines are joined; comment lines and blank lines inside are dropped", () => {
  const text = "RUN apt-get update && \\\n# a comment inside\n    apt-get install -y curl \\\n\n  # indented comment\n    && rm -rf /var/lib/apt/lists/*\nFROM x\n";
  const ast = parseDockerfile(text);
  const run = ast.instructions[0];
  assert.equal(run?.args[0]?.value, "apt-get update &&     apt-get install -y curl     && rm -rf /var/lib/apt/lists/*");
  assert.equal(run?.startLine, 1);
  assert.equal(run?.endLine, 6);
  assert.deepEqual(
    ast.comments.map((c) => [c.line, c.text, c.insideInstruction]),
    [
      [2, "a comment inside", true],
      [5, "indented comment", true],
    ],
  );
  assert.deepEqual(
    ast.warnings.map((w) => w.line),
    [4],
    "Docker warns about the empty continuation line",
  );
  assert.equal(ast.instructions[1]?.startLine, 7);
});

test("whitespace after the continuation character is tolerated", () => {
  const run = only("RUN echo a \\   \t\n  b\n");
  assert.equal(run.args[0]?.value, "echo a   b");
});

test("a line ending in two escape characters is not continued", () => {
  const ast = parseDockerfile("RUN echo a\\\\\nRUN echo b\n");
  assert.equal(ast.instructions.length, 2);
  assert.equal(ast.instructions[0]?.args[0]?.value, "echo a\\\\");
});

test("a continuation at the end of the file ends the instruction with a warning", () => {
  const ast = parseDockerfile("FROM a\nRUN echo \\");
  assert.deepEqual(ast.errors, []);
  assert.equal(ast.instructions[1]?.args[0]?.value, "echo");
  assert.match(ast.warnings[0]?.message ?? "", /continuation at end of file/);
});

test("CRLF line endings are handled and not part of values", () => {
  const text = "FROM a\r\nRUN echo 1 \\\r\n  && echo 2\r\nENV A=b\r\n";
  const ast = parseDockerfile(text);
  assert.deepEqual(ast.errors, []);
  assert.equal(ast.instructions[1]?.args[0]?.value, "echo 1   && echo 2");
  assert.equal(ast.instructions[2]?.pairs?.[0]?.value?.value, "b");
  assert.equal(ast.lineCount, 4);
});

// --- heredocs ------------------------------------------------------------------------

test("RUN <<EOF reads the body up to the delimiter line, with its line range", () => {
  const text = "FROM a\nRUN <<EOF\necho one\necho two\nEOF\nRUN next\n";
  const ast = parseDockerfile(text);
  assert.deepEqual(ast.errors, []);
  const run = ast.instructions[1];
  const h = run?.heredocs[0];
  assert.equal(h?.name, "EOF");
  assert.equal(h?.content, "echo one\necho two\n");
  assert.equal(h?.expand, true);
  assert.equal(h?.chomp, false);
  assert.deepEqual([h?.startLine, h?.endLine], [3, 5]);
  assert.equal(at(h?.marker.range as Range), "2:5-2:10");
  assert.equal(slice(text, h?.contentRange as Range), "echo one\necho two\n");
  assert.equal(run?.endLine, 5);
  assert.equal(ast.instructions[2]?.startLine, 6);
});

test("<<-EOF accepts a tab-indented delimiter and strips leading tabs from the body", () => {
  const text = "RUN <<-EOF\n\techo a\n\t\techo b\n\tEOF\n";
  const run = only(text);
  const h = run.heredocs[0];
  assert.equal(h?.chomp, true);
  assert.equal(h?.content, "\techo a\n\t\techo b\n");
  assert.equal(heredocContent(h ?? { content: "", chomp: false }), "echo a\necho b\n");
});

test("a quoted delimiter (<<\"EOF\" or <<'EOF') means the body is not expanded", () => {
  for (const marker of ['<<"EOF"', "<<'EOF'", '<<E"O"F']) {
    const h = only(`RUN ${marker}\necho $HOME\nEOF\n`).heredocs[0];
    assert.equal(h?.name, "EOF", marker);
    assert.equal(h?.expand, false, marker);
    assert.equal(h?.content, "echo $HOME\n", marker);
  }
});

test("several heredocs on one line are read in order", () => {
  const text = "RUN <<A cat > /a && <<B cat > /b\nfirst\nA\nsecond\nB\nRUN done\n";
  const ast = parseDockerfile(text);
  assert.deepEqual(ast.errors, []);
  const hs = ast.instructions[0]?.heredocs ?? [];
  assert.deepEqual(
    hs.map((h) => [h.name, h.content, h.startLine, h.endLine]),
    [
      ["A", "first\n", 2, 3],
      ["B", "second\n", 4, 5],
    ],
  );
  assert.deepEqual(
    hs.map((h) => at(h.marker.range)),
    ["1:5-1:8", "1:21-1:24"],
  );
});

test("COPY <<EOF /file and file-descriptor heredocs (3<<EOF) are recognised", () => {
  const copy = only("COPY <<EOF /etc/app.conf\nkey=value\nEOF\n");
  assert.deepEqual(
    copy.args.map((a) => a.value),
    ["<<EOF", "/etc/app.conf"],
  );
  assert.equal(copy.heredocs[0]?.content, "key=value\n");
  const run = only("RUN 3<<X cat /proc/self/fd/3\nx\nX\n");
  assert.equal(run.heredocs[0]?.fileDescriptor, 3);
});

test("heredocs are not recognised in exec form, inside quotes, or glued to a word (as BuildKit)", () => {
  assert.equal(parseDockerfile('RUN ["sh", "-c", "<<EOF"]\nEOF\n').instructions.length, 2);
  assert.equal(parseDockerfile('RUN echo "<<EOF"\nRUN x\n').instructions[0]?.heredocs.length, 0);
  assert.equal(parseDockerfile("RUN cat<<EOF\nRUN x\n").instructions[0]?.heredocs.length, 0);
  assert.equal(parseDockerfile("ENV A=<<EOF\nRUN x\n").instructions.length, 2);
});

test("an unterminated heredoc is an error naming its line, and the body runs to the end of the file", () => {
  const ast = parseDockerfile("FROM a\nRUN <<EOF\necho\n");
  assert.equal(ast.errors.length, 1);
  assert.equal(ast.errors[0]?.line, 2);
  assert.match(ast.errors[0]?.message ?? "", /unterminated heredoc/);
  assert.equal(ast.instructions[1]?.heredocs[0]?.terminated, false);
  assert.equal(ast.instructions[1]?.heredocs[0]?.content, "echo\n");
});

test("the heredoc body is not parsed as instructions or comments", () => {
  const ast = parseDockerfile("RUN <<EOF\n# not a comment\nFROM not-an-instruction \\\nEOF\nUSER x\n");
  assert.deepEqual(ast.errors, []);
  assert.equal(ast.comments.length, 0);
  assert.deepEqual(
    ast.instructions.map((n) => n.keyword),
    ["RUN", "USER"],
  );
});

// --- exec vs shell form ------------------------------------------------------------

test("a JSON array is exec form with decoded strings; anything else is shell form", () => {
  const exec = only('CMD ["node", "server.js", "--msg=\\"hi\\"", "\\u00e9"]');
  assert.equal(exec.json, true);
  assert.deepEqual(
    exec.args.map((a) => a.value),
    ["node", "server.js", '--msg="hi"', "é"],
  );
  assert.equal(at(exec.args[1]?.range as Range), "1:14-1:25");
  const shell = only("CMD node server.js");
  assert.equal(shell.json, false);
  assert.deepEqual(
    shell.args.map((a) => a.value),
    ["node server.js"],
  );
});

test("a malformed JSON array falls back to shell form, like Docker", () => {
  for (const text of ["CMD ['node', 'x']", 'CMD ["a", ]', 'RUN [ "$X" = "y" ] && echo ok', 'ENTRYPOINT ["a"']) {
    const ast = parseDockerfile(text);
    assert.deepEqual(ast.errors, [], text);
    assert.equal(ast.instructions[0]?.json, false, text);
    assert.equal(ast.instructions[0]?.args[0]?.value, text.slice(text.indexOf(" ") + 1), text);
  }
  assert.match(parseDockerfile("CMD ['node', 'x']").warnings[0]?.message ?? "", /JSON/);
});

test("a JSON array of non-strings is an error; text after the array is ignored with a warning", () => {
  const ast = parseDockerfile("CMD [1, 2]\n");
  assert.equal(ast.errors.length, 1);
  assert.equal(ast.errors[0]?.line, 1);
  const trailing = parseDockerfile('ENTRYPOINT ["a"] # comment');
  assert.equal(trailing.instructions[0]?.json, true);
  assert.deepEqual(
    trailing.instructions[0]?.args.map((a) => a.value),
    ["a"],
  );
  assert.equal(trailing.warnings.length, 1);
});

test("SHELL, HEALTHCHECK CMD, COPY and VOLUME accept JSON arrays", () => {
  assert.equal(only('SHELL ["pwsh", "-c"]').json, true);
  const hc = only('HEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]');
  assert.equal(hc.json, true);
  assert.deepEqual(
    hc.args.map((a) => a.value),
    ["CMD", "curl", "-f", "http://localhost/"],
  );
  const copy = only('COPY ["a b.txt", "/dst dir/"]');
  assert.deepEqual(
    copy.args.map((a) => a.value),
    ["a b.txt", "/dst dir/"],
  );
  assert.deepEqual(
    only("VOLUME /a /b").args.map((a) => a.value),
    ["/a", "/b"],
  );
});

// --- flags --------------------------------------------------------------------------

test("flags before the arguments are split off with their positions; quotes are removed", () => {
  const text = 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount="type=cache,target=/root/.npm" --network=none npm ci';
  const run = only(text);
  assert.deepEqual(
    run.flags.map((f) => [f.name, f.value]),
    [
      ["mount", "type=secret,id=npmrc,target=/root/.npmrc"],
      ["mount", "type=cache,target=/root/.npm"],
      ["network", "none"],
    ],
  );
  assert.equal(at(run.flags[0]?.range as Range), "1:5-1:53");
  assert.equal(run.flags[1]?.raw, '--mount="type=cache,target=/root/.npm"');
  assert.equal(run.args[0]?.value, "npm ci");
  assert.equal(at(run.argsRange as Range), "1:108-1:114");
});

test("a bare flag has no value, `--` ends flags, and flags stop at the first argument", () => {
  const copy = only("COPY --link --chown=1000:1000 --from=build /app /app");
  assert.deepEqual(
    copy.flags.map((f) => [f.name, f.value]),
    [
      ["link", undefined],
      ["chown", "1000:1000"],
      ["from", "build"],
    ],
  );
  const dash = only("COPY -- --weird-name /dst");
  assert.deepEqual(dash.flags, []);
  assert.deepEqual(
    dash.args.map((a) => a.value),
    ["--weird-name", "/dst"],
  );
  assert.deepEqual(only("RUN echo --not-a-flag").flags, []);
});

test("flags may continue over several lines", () => {
  const text = "RUN --mount=type=cache,target=/var/cache/apt \\\n    --mount=type=secret,id=aws \\\n    aws s3 ls\n";
  const run = only(text);
  assert.equal(run.flags.length, 2);
  assert.equal(at(run.flags[1]?.range as Range), "2:5-2:31");
  assert.equal(slice(text, run.flags[1]?.range as Range), "--mount=type=secret,id=aws");
  assert.equal(run.args[0]?.value, "aws s3 ls");
  assert.equal(at(run.args[0]?.range as Range), "3:5-3:14");
});

// --- positions -------------------------------------------------------------------------

test("every token has exact 1-based line and column, and offsets that slice the source", () => {
  const text = "FROM golang:1.22 AS build\n  WORKDIR /src\nENV A=1 B=\"two words\"\n";
  const ast = parseDockerfile(text);
  const [from, workdir, env] = ast.instructions;
  assert.deepEqual(
    from?.args.map((a) => [a.value, at(a.range)]),
    [
      ["golang:1.22", "1:6-1:17"],
      ["AS", "1:18-1:20"],
      ["build", "1:21-1:26"],
    ],
  );
  assert.equal(at(workdir?.keywordRange as Range), "2:3-2:10");
  assert.equal(at(workdir?.range as Range), "2:3-2:15");
  const b = env?.pairs?.[1];
  assert.equal(at(b?.key.range as Range), "3:9-3:10");
  assert.equal(at(b?.value?.range as Range), "3:11-3:22");
  for (const n of ast.instructions) {
    for (const a of n.args) assert.equal(slice(text, a.range), a.raw);
  }
});

test("an instruction's range covers all its lines so a fix can replace it exactly", () => {
  const text = "FROM a\nRUN one \\\n  two\nCOPY <<EOF /x\nbody\nEOF\nUSER me\n";
  const ast = parseDockerfile(text);
  assert.equal(slice(text, ast.instructions[1]?.range as Range), "RUN one \\\n  two");
  assert.equal(slice(text, ast.instructions[2]?.range as Range), "COPY <<EOF /x\nbody\nEOF");
  assert.equal(ast.instructions[2]?.endLine, 6);
});

test("a token split by a continuation maps its start and end to the right lines", () => {
  const text = "ENV A=b\\\nc\n";
  const env = only(text);
  assert.equal(env.pairs?.[0]?.value?.value, "bc");
  assert.equal(at(env.pairs?.[0]?.value?.range as Range), "1:7-2:2");
});

// --- ONBUILD, keywords, unknown instructions, comments ------------------------------------

test("ONBUILD holds its parsed trigger instruction with flags and positions", () => {
  const text = "ONBUILD COPY --from=builder /out /app\nONBUILD RUN <<EOF\nmake\nEOF\n";
  const ast = parseDockerfile(text);
  assert.deepEqual(ast.errors, []);
  const t = ast.instructions[0]?.trigger;
  assert.equal(t?.keyword, "COPY");
  assert.deepEqual(
    t?.flags.map((f) => [f.name, f.value]),
    [["from", "builder"]],
  );
  assert.equal(at(t?.keywordRange as Range), "1:9-1:13");
  assert.equal(ast.instructions[1]?.trigger?.heredocs[0]?.content, "make\n");
  assert.equal(ast.instructions[1]?.endLine, 4);
});

test("keywords are case-insensitive; unknown instructions are kept with a warning", () => {
  const ast = parseDockerfile("from alpine\nRun echo hi\nFROBNICATE --x a b\n");
  assert.deepEqual(ast.errors, []);
  assert.deepEqual(
    ast.instructions.map((n) => [n.keyword, n.rawKeyword, n.known]),
    [
      ["FROM", "from", true],
      ["RUN", "Run", true],
      ["FROBNICATE", "FROBNICATE", false],
    ],
  );
  assert.deepEqual(ast.warnings, [{ line: 3, column: 1, message: "unknown instruction: FROBNICATE" }]);
});

test("comments are kept with their lines; a # after an instruction is part of it", () => {
  const ast = parseDockerfile("# dredge:ignore SECRET-001\nRUN echo hi # not a comment\n   # indented\n");
  assert.deepEqual(
    ast.comments.map((c) => [c.line, c.text, at(c.range)]),
    [
      [1, "dredge:ignore SECRET-001", "1:1-1:27"],
      [3, "indented", "3:4-3:14"],
    ],
  );
  assert.equal(ast.instructions[0]?.args[0]?.value, "echo hi # not a comment");
});

test("ENV: legacy `ENV K V` form takes the rest of the line as the value", () => {
  const env = only('ENV PATH /usr/local/bin:$PATH "quoted part"');
  assert.equal(env.pairs?.length, 1);
  assert.equal(env.pairs?.[0]?.form, "legacy");
  assert.equal(env.pairs?.[0]?.key.value, "PATH");
  assert.equal(env.pairs?.[0]?.value?.value, '/usr/local/bin:$PATH "quoted part"');
});

test("ENV errors: a word without = in the K=V form, and a legacy form without value", () => {
  const a = parseDockerfile("ENV A=1 B\n");
  assert.equal(a.errors.length, 1);
  assert.equal(a.errors[0]?.line, 1);
  assert.equal(a.errors[0]?.column, 9);
  const b = parseDockerfile("FROM x\nLABEL onlykey\n");
  assert.deepEqual(b.errors, [{ line: 2, column: 7, message: "LABEL must have two arguments" }]);
});

test("ENV/LABEL/ARG words keep quotes and escapes for later processing", () => {
  const env = only('ENV A="x y" B=x\\ y C=\'$Z\'');
  assert.deepEqual(
    env.pairs?.map((p) => [p.key.value, p.value?.value]),
    [
      ["A", '"x y"'],
      ["B", "x\\ y"],
      ["C", "'$Z'"],
    ],
  );
  const arg = only("ARG A B=2 C=");
  assert.deepEqual(
    arg.pairs?.map((p) => [p.form, p.key.value, p.value?.value]),
    [
      ["name", "A", undefined],
      ["equals", "B", "2"],
      ["equals", "C", ""],
    ],
  );
});

test("an empty file or a file of comments is an error (Docker: file with no instructions)", () => {
  assert.deepEqual(parseDockerfile("").errors, [{ line: 1, column: 1, message: "file with no instructions" }]);
  assert.equal(parseDockerfile("# just a comment\n\n").errors[0]?.line, 2);
});

test("parsing continues after a bad instruction", () => {
  const ast = parseDockerfile("FROM a\nCMD [1]\nENV X\nUSER me\n");
  assert.equal(ast.errors.length, 2);
  assert.deepEqual(
    ast.errors.map((e) => e.line),
    [2, 3],
  );
  assert.equal(ast.instructions[3]?.keyword, "USER");
});
