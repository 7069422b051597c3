/**
 * A RUN's shell text as the shell sees it (continuation lines joined, comment lines inside the
 * instruction dropped, as Docker does), mapped back to offsets in the Dockerfile so that fix can
 * splice the file; and a reader of that text's top-level commands and of the places where a
 * variable or a literal appears, with the quoting around each.
 */

import type { EscapeChar, InstructionNode } from "../dockerfile/index.js";
import { isUnicodeSpace } from "../dockerfile/expand.js";

/** An instruction's logical line with the file offset of each of its characters. */
export interface LogicalText {
  text: string;
  /** `map[i]` is the file offset of `text[i]`. */
  map: number[];
}

/**
 * Joins the physical lines of the instruction starting at `start` the way Docker's parser does.
 * Heredoc bodies are not part of it.
 */
export function logicalLine(file: string, start: number, esc: EscapeChar): LogicalText {
  const escCode = esc.charCodeAt(0);
  let text = "";
  const map: number[] = [];
  let s = start;
  let first = true;
  for (;;) {
    const nl = file.indexOf("\n", s);
    let e = nl < 0 ? file.length : nl;
    while (e > s && file.charCodeAt(e - 1) === 0x0d) e--;
    let skip = false;
    if (!first) {
      let q = s;
      while (q < e && isUnicodeSpace(file.charCodeAt(q))) q++;
      skip = q === e || file.charCodeAt(q) === 0x23;
    }
    let cont = true;
    if (!skip) {
      let k = e;
      while (k > s && (file.charCodeAt(k - 1) === 0x20 || file.charCodeAt(k - 1) === 0x09)) k--;
      let segEnd = e;
      cont = false;
      if (k > s && file.charCodeAt(k - 1) === escCode) {
        if (k - 1 === s) {
          segEnd = s;
          cont = true;
        } else if (file.charCodeAt(k - 2) !== escCode) {
          segEnd = k - 1;
          cont = true;
        }
      }
      for (let i = s; i < segEnd; i++) map.push(i);
      text += file.slice(s, segEnd);
    }
    if (!cont || nl < 0) break;
    s = nl + 1;
    first = false;
  }
  return { text, map };
}

/** The RUN's shell-form script (the argument text after the flags) with its map; undefined when it cannot be located exactly. */
export function runScript(file: string, node: InstructionNode, esc: EscapeChar): LogicalText | undefined {
  if (node.json || !node.argsRange) return undefined;
  const line = logicalLine(file, node.range.start.offset, esc);
  const at = line.map.indexOf(node.argsRange.start.offset);
  if (at < 0) return undefined;
  const text = line.text.slice(at, at + node.argsText.length);
  if (text !== node.argsText) return undefined;
  return { text, map: line.map.slice(at, at + text.length) };
}

/** File range of `[a, b)` in a logical text (b > a); undefined when the range is split by a continuation. */
export function fileSpan(lt: LogicalText, a: number, b: number): { start: number; end: number } | undefined {
  const start = lt.map[a];
  const last = lt.map[b - 1];
  if (start === undefined || last === undefined) return undefined;
  return last - start === b - a - 1 ? { start, end: last + 1 } : undefined;
}

/** File range of `[a, b)`, continuations inside included. */
export function fileRange(lt: LogicalText, a: number, b: number): { start: number; end: number } {
  const start = lt.map[a] ?? 0;
  return { start, end: (lt.map[b - 1] ?? start - 1) + 1 };
}

// Quoting -------------------------------------------------------------------------------------

/** The quoting a character of a script is in. */
export type Quoting = "none" | "double" | "single" | "escaped";

/**
 * The quoting of every character of a shell script. A `$(…)` or backtick substitution starts
 * unquoted again inside double quotes, as the shell reads it.
 */
export function quotingOf(s: string): Quoting[] {
  const q: Quoting[] = new Array<Quoting>(s.length).fill("none");
  // Each level: the quote it is in (none/double) and what closes it.
  const stack: { quote: "none" | "double"; close: string | undefined; parens: number }[] = [{ quote: "none", close: undefined, parens: 0 }];
  let i = 0;
  while (i < s.length) {
    const top = stack[stack.length - 1]!;
    const c = s[i]!;
    if (top.quote === "double") {
      q[i] = "double";
      if (c === "\\" && i + 1 < s.length) {
        q[i + 1] = "escaped";
        i += 2;
        continue;
      }
      if (c === '"') {
        stack.pop();
        i++;
        continue;
      }
    } else {
      if (c === "\\" && i + 1 < s.length) {
        q[i] = "none";
        q[i + 1] = "escaped";
        i += 2;
        continue;
      }
      if (c === "'") {
        const j = s.indexOf("'", i + 1);
        const end = j < 0 ? s.length : j;
        for (let k = i; k <= Math.min(end, s.length - 1); k++) q[k] = "single";
        i = end + 1;
        continue;
      }
      if (c === '"') {
        q[i] = "double";
        stack.push({ quote: "double", close: '"', parens: 0 });
        i++;
        continue;
      }
      if (top.close === ")" && c === "(") top.parens++;
      if (top.close !== undefined && c === top.close) {
        if (c === ")" && top.parens > 0) top.parens--;
        else {
          stack.pop();
          q[i] = stack[stack.length - 1]!.quote;
          i++;
          continue;
        }
      }
    }
    if (c === "$" && s[i + 1] === "(") {
      q[i] = top.quote;
      q[i + 1] = top.quote;
      stack.push({ quote: "none", close: ")", parens: 0 });
      i += 2;
      continue;
    }
    if (c === "`" && top.close !== "`") {
      q[i] = top.quote;
      stack.push({ quote: "none", close: "`", parens: 0 });
      i++;
      continue;
    }
    i++;
  }
  return q;
}

/** A place where a script names a variable. */
export interface VarRef {
  start: number;
  end: number;
  quoting: Quoting;
  /** `$NAME` / `${NAME}` (replaceable by a value), or any other `${NAME…}` form. */
  form: "plain" | "complex";
}

const NAME_CHAR = /[A-Za-z0-9_]/;

/** Every `$NAME` and `${NAME…}` in the script, single-quoted ones too (an inner `sh -c` expands them). */
export function variableRefs(s: string, name: string, quoting: Quoting[] = quotingOf(s)): VarRef[] {
  const out: VarRef[] = [];
  for (let i = s.indexOf("$"); i >= 0; i = s.indexOf("$", i + 1)) {
    const qi = quoting[i] ?? "none";
    if (qi === "escaped") continue;
    if (s.startsWith(name, i + 1) && !NAME_CHAR.test(s[i + 1 + name.length] ?? "")) {
      out.push({ start: i, end: i + 1 + name.length, quoting: qi, form: "plain" });
    } else if (s[i + 1] === "{") {
      const close = s.indexOf("}", i + 2);
      const inner = s.slice(i + 2, close < 0 ? s.length : close);
      const m = /^[#!]?([A-Za-z_][A-Za-z0-9_]*)/.exec(inner);
      if (m?.[1] !== name) continue;
      const end = close < 0 ? s.length : close + 1;
      out.push({ start: i, end, quoting: qi, form: inner === name ? "plain" : "complex" });
    }
  }
  return out;
}

// Top-level commands --------------------------------------------------------------------------

export type Joiner = "start" | "&&" | "||" | ";" | "&" | "\n";

/** One top-level command (a pipeline) of a script. */
export interface Segment {
  start: number;
  /** End of its last non-blank character. */
  end: number;
  /** How it is joined to the command before it. */
  joiner: Joiner;
  /** First word as written. */
  head: string;
}

export interface ScriptShape {
  segments: Segment[];
  /** Why commands cannot be added before or after the script, or moved out of it, when that is so. */
  complex?: string;
}

const COMPOUND = new Set(["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "function", "select", "{", "}", "!"]);

/** Splits a script into its top-level commands; says when its shape is more than a list of commands. */
export function scriptShape(s: string): ScriptShape {
  const segments: Segment[] = [];
  let complex: string | undefined;
  const note = (why: string) => {
    complex ??= why;
  };
  let i = 0;
  let joiner: Joiner = "start";
  while (i < s.length) {
    while (i < s.length && (s[i] === " " || s[i] === "\t" || s[i] === "\r")) i++;
    if (i >= s.length) break;
    const start = i;
    let lastNonBlank = i;
    let sep: Joiner | undefined;
    let wordStart = true;
    let head = "";
    let inHead = true;
    while (i < s.length) {
      const c = s[i]!;
      if (c === " " || c === "\t" || c === "\r") {
        wordStart = true;
        if (head !== "") inHead = false;
        i++;
        continue;
      }
      if (c === "\n") {
        sep = "\n";
        i++;
        break;
      }
      if (c === "#" && wordStart) {
        note("has a comment");
        const nl = s.indexOf("\n", i);
        i = nl < 0 ? s.length : nl;
        continue;
      }
      if (c === "&" && s[i + 1] === "&") {
        sep = "&&";
        i += 2;
        break;
      }
      if (c === "|" && s[i + 1] === "|") {
        sep = "||";
        i += 2;
        break;
      }
      if (c === ";") {
        sep = ";";
        i += s[i + 1] === ";" ? 2 : 1;
        if (s[i - 1] === ";" && s[i - 2] === ";") note("has a case statement");
        break;
      }
      if (c === "&" && s[i + 1] !== ">" && s[i - 1] !== ">" && s[i - 1] !== "<") {
        sep = "&";
        i++;
        break;
      }
      if (c === "<" && s[i + 1] === "<" && s[i + 2] !== "<") note("has a heredoc");
      if ((c === "(" || c === ")") && !(i > 0 && s[i - 1] === "$")) {
        if (c === "(" && wordStart && head === "") note("has a subshell");
        else if (c === ")") note("has unbalanced parentheses");
      }
      wordStart = false;
      const next = skipWordPart(s, i);
      if (inHead) head += s.slice(i, next);
      i = next;
      lastNonBlank = i;
    }
    if (COMPOUND.has(head)) note(`has a compound command (${head})`);
    if (lastNonBlank > start) segments.push({ start, end: lastNonBlank, joiner, head });
    else if (sep !== "\n" && sep !== undefined) note("has an empty command");
    joiner = sep ?? joiner;
  }
  for (const seg of segments) if (seg.joiner !== "start" && seg.joiner !== "&&") note(`joins commands with ${seg.joiner === "\n" ? "newlines" : `\`${seg.joiner}\``}`);
  if (s.trimEnd().endsWith("&&") || s.trimEnd().endsWith("||") || s.trimEnd().endsWith("|")) note("ends with an operator");
  return complex !== undefined ? { segments, complex } : { segments };
}

/** Past one quoted string, substitution, escape or plain character starting at `i`. */
function skipWordPart(s: string, i: number): number {
  const c = s[i]!;
  if (c === "\\") return Math.min(s.length, i + 2);
  if (c === "'") {
    const j = s.indexOf("'", i + 1);
    return j < 0 ? s.length : j + 1;
  }
  if (c === '"') {
    let j = i + 1;
    while (j < s.length && s[j] !== '"') {
      if (s[j] === "\\") j += 2;
      else if (s[j] === "$" && s[j + 1] === "(") j = skipParens(s, j + 1);
      else if (s[j] === "`") j = skipBackticks(s, j);
      else j++;
    }
    return Math.min(s.length, j + 1);
  }
  if (c === "$" && s[i + 1] === "(") return skipParens(s, i + 1);
  if (c === "$" && s[i + 1] === "{") {
    const j = s.indexOf("}", i + 2);
    return j < 0 ? s.length : j + 1;
  }
  if (c === "`") return skipBackticks(s, i);
  return i + 1;
}

/** From the `(` at `i`, past its matching `)`. */
function skipParens(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s[j]!;
    if (c === "(") {
      depth++;
      j++;
    } else if (c === ")") {
      depth--;
      j++;
      if (depth === 0) return j;
    } else if (c === "'" || c === '"' || c === "\\" || c === "`" || (c === "$" && (s[j + 1] === "{" || s[j + 1] === "("))) {
      j = c === "$" && s[j + 1] === "(" ? skipParens(s, j + 1) : skipWordPart(s, j);
    } else j++;
  }
  return s.length;
}

function skipBackticks(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length && s[j] !== "`") j += s[j] === "\\" ? 2 : 1;
  return Math.min(s.length, j + 1);
}
