/** Readable, stable text dump of a `DockerfileAst` (used by golden tests and for debugging). */

import type { DockerfileAst, InstructionNode, Range, Token } from "./ast.js";

function rng(r: Range): string {
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}

function q(s: string): string {
  return JSON.stringify(s);
}

function tok(t: Token): string {
  return t.raw === t.value ? `${q(t.value)} @${rng(t.range)}` : `${q(t.value)} raw=${q(t.raw)} @${rng(t.range)}`;
}

function dumpNode(n: InstructionNode, indent: string, out: string[]): void {
  const form = n.json ? "json" : n.argsForm;
  out.push(`${indent}${n.keyword}${n.known ? "" : " (unknown)"} [${rng(n.range)}] form=${form}`);
  const i2 = indent + "  ";
  for (const f of n.flags) {
    out.push(`${i2}flag ${f.name}${f.value === undefined ? "" : "=" + q(f.value)} @${rng(f.range)}`);
  }
  if (n.pairs) {
    for (const p of n.pairs) {
      out.push(`${i2}pair(${p.form}) ${tok(p.key)}${p.value ? " = " + tok(p.value) : ""}`);
    }
  } else {
    for (const a of n.args) out.push(`${i2}arg ${tok(a)}`);
  }
  for (const h of n.heredocs) {
    out.push(
      `${i2}heredoc ${q(h.name)} expand=${h.expand} chomp=${h.chomp} fd=${h.fileDescriptor} marker @${rng(h.marker.range)} ` +
        `lines ${h.startLine}-${h.endLine}${h.terminated ? "" : " UNTERMINATED"}`,
    );
    const body = h.content.endsWith("\n") ? h.content.slice(0, -1) : h.content;
    if (h.content !== "") for (const l of body.split("\n")) out.push(`${i2}  |${l.replace(/\r$/, "\\r")}`);
  }
  if (n.trigger) {
    out.push(`${i2}trigger:`);
    dumpNode({ ...n.trigger, heredocs: [] }, i2 + "  ", out);
  }
}

/** Dumps the tree: directives, comments, instructions with flags/arguments/heredocs and their positions, errors, warnings. */
export function dumpAst(ast: DockerfileAst): string {
  const out: string[] = [];
  out.push(`escape ${q(ast.escapeChar)} lines=${ast.lineCount}`);
  for (const d of ast.directives) out.push(`directive ${d.name}=${q(d.value)} @${rng(d.range)}`);
  for (const c of ast.comments) out.push(`comment${c.insideInstruction ? " (inside)" : ""} ${q(c.text)} @${rng(c.range)}`);
  for (const n of ast.instructions) dumpNode(n, "", out);
  for (const e of ast.errors) out.push(`error ${e.line}:${e.column}${e.endLine ? "-" + e.endLine : ""} ${e.message}`);
  for (const w of ast.warnings) out.push(`warning ${w.line}:${w.column}${w.endLine ? "-" + w.endLine : ""} ${w.message}`);
  return out.join("\n") + "\n";
}
