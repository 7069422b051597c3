import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  buildInstructions,
  dumpAst,
  expandWord,
  parseDockerfile,
  type DockerfileAst,
  type Position,
  type Range,
} from "../../../src/dockerfile/index.js";

const FRAGMENTS = [
  "FROM ", "RUN ", "run ", "COPY ", "ADD ", "ENV ", "ARG ", "LABEL ", "ONBUILD ", "HEALTHCHECK ", "CMD ", "ENTRYPOINT ",
  "SHELL ", "USER ", "WORKDIR ", "EXPOSE ", "VOLUME ", "STOPSIGNAL ", "MAINTAINER ", "NONE", "AS ", "alpine", "a", "b=c", "x",
  "\\", "\\\\", "`", "\n", "\r\n", "\r", " ", "  ", "\t", "#", "# escape=`\n", "# escape=\\\n", "# syntax=x\n", "# check=a\n",
  "<<EOF", "<<-EOF", "<<'EOF'", '<<"EOF"', "3<<X", "EOF", "\tEOF", "X", "<<", "'", '"', "[", "]", '["a", "b"]', "[1]", ",", "{", "}",
  "--mount=", "type=secret,id=x", "type=cache,target=/c", "--from=", "--link", "--", "=", "$", "${", "${A:-", ":+", "}", "\u00a0",
  "\ufeff", "é", "😀", "\u0000",
];

const dockerfileLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 400, size: "large" }).map((parts) => parts.join(""));
const anyText = fc.string({ unit: "binary", maxLength: 2000, size: "large" });

function positionOk(text: string, lineStarts: number[], p: Position): boolean {
  if (p.offset < 0 || p.offset > text.length || p.line < 1 || p.column < 1) return false;
  // Recompute line and column from the offset.
  let line = 0;
  while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? Infinity) <= p.offset) line++;
  return p.line === line + 1 && p.column === p.offset - (lineStarts[line] ?? 0) + 1;
}

function lineStartsOf(text: string): number[] {
  const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
  for (let i = text.indexOf("\n"); i >= 0 && i + 1 < text.length; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function checkAst(text: string, ast: DockerfileAst): void {
  const starts = lineStartsOf(text);
  const maxLine = Math.max(1, ast.lineCount);
  for (const d of [...ast.errors, ...ast.warnings]) {
    assert.ok(Number.isInteger(d.line) && d.line >= 1 && d.line <= maxLine, `diagnostic line ${d.line}: ${d.message}`);
    assert.ok(d.column >= 1, `diagnostic column ${d.column}`);
    assert.ok(!d.message.startsWith("internal"), d.message);
  }
  const ranges: Range[] = [];
  for (const n of ast.instructions) {
    for (const node of n.trigger ? [n, n.trigger] : [n]) {
      ranges.push(node.range, node.keywordRange, ...node.args.map((a) => a.range), ...node.words.map((w) => w.range), ...node.flags.map((f) => f.range));
      for (const p of node.pairs ?? []) ranges.push(p.key.range, p.token.range);
      for (const h of node.heredocs) ranges.push(h.marker.range, h.contentRange);
    }
  }
  for (const c of ast.comments) ranges.push(c.range);
  for (const r of ranges) {
    assert.ok(positionOk(text, starts, r.start) && positionOk(text, starts, r.end), `bad range ${JSON.stringify(r)}`);
    assert.ok(r.start.offset <= r.end.offset, "range start after end");
  }
  let prevEnd = -1;
  for (const n of ast.instructions) {
    assert.ok(n.startLine >= 1 && n.endLine >= n.startLine && n.endLine <= maxLine, "instruction lines");
    assert.ok(n.range.start.offset >= prevEnd, "instructions overlap");
    prevEnd = n.range.end.offset;
  }
}

function run(text: string): void {
  const t0 = performance.now();
  const ast = parseDockerfile(text);
  const model = buildInstructions(ast);
  dumpAst(ast);
  const ms = performance.now() - t0;
  assert.ok(ms < 250, `parsing took ${ms.toFixed(0)} ms`);
  checkAst(text, ast);
  for (const d of model.errors) assert.ok(d.line >= 1, d.message);
}

test("arbitrary strings never make the parser throw or hang, and every error has a line >= 1", () => {
  fc.assert(fc.property(anyText, run), { numRuns: 300 });
});

test("arbitrary mixes of Dockerfile fragments never throw or hang; all positions are consistent", () => {
  fc.assert(fc.property(dockerfileLike, run), { numRuns: 300 });
});

test("variable expansion never throws on arbitrary input", () => {
  const unit = fc.constantFrom("$", "{", "}", ":", "-", "+", "?", "#", "%", "/", "'", '"', "\\", "`", "A", "b", " ", "*", "[", "]");
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 80, size: "medium" }), fc.boolean(), (s, keep) => {
      const r = expandWord(s, { A: "value", b: "" }, { keepUnset: keep });
      assert.equal(typeof r.value, "string");
    }),
    { numRuns: 300 },
  );
});

test("a long adversarial input (deep JSON, many heredoc markers, many continuations) parses quickly", () => {
  const text =
    "FROM a\nCMD " + "[".repeat(5000) + "\n" + "RUN " + "<<EOF ".repeat(2000) + "\n" + "RUN x \\\n".repeat(5000) + "ENV " + "a=b ".repeat(5000) + "\n";
  const t0 = performance.now();
  const ast = parseDockerfile(text);
  assert.ok(performance.now() - t0 < 2000);
  checkAst(text, ast);
});
