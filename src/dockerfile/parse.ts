/**
 * Dockerfile syntax layer: turns text into an `DockerfileAst` with exact
 * positions. Behaviour follows Docker's (BuildKit's) documented parsing rules:
 *
 * - Parser directives (`# syntax=`, `# escape=`, `# check=`) are honoured
 *   only before the first instruction, comment or blank line; each may appear
 *   once; unknown directive names end directive scanning (they are comments).
 * - The escape character (`\` or `` ` ``) at the end of a line, optionally
 *   followed by spaces/tabs, continues the instruction on the next line; a line
 *   ending with two escape characters is not continued. Comment lines and
 *   blank lines inside a continued instruction are dropped (blank ones with a
 *   warning, as Docker warns). Leading whitespace of continuation lines is kept.
 * - Flags (`--name=value`) are split off before the arguments of every
 *   instruction (quotes and backslash escapes removed; `--` ends them).
 * - Arguments are split per instruction: JSON array or string for
 *   RUN/CMD/ENTRYPOINT/SHELL (a malformed array is a shell command, a JSON
 *   array that holds non-strings is an error), JSON array or whitespace list
 *   for COPY/ADD/VOLUME, whitespace list for FROM/EXPOSE, words with quotes
 *   for ENV/LABEL/ARG, the whole text for USER/WORKDIR/MAINTAINER/STOPSIGNAL.
 * - Heredocs (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`, several per line) on
 *   RUN/COPY/ADD (also under ONBUILD), shell form only; bodies follow the
 *   instruction line in order, each up to a line equal to its delimiter.
 *
 * The parser never throws; problems are reported in `errors` (Docker would
 * refuse the file) and `warnings` (Docker accepts it), and parsing goes on
 * with the next instruction.
 */

import type {
  ArgsForm,
  Comment,
  Diagnostic,
  Directive,
  DockerfileAst,
  EscapeChar,
  Flag,
  Heredoc,
  InstructionNode,
  KeyValueToken,
  Position,
  Range,
  Token,
} from "./ast.js";
import { expandWords, isUnicodeSpace } from "./expand.js";
import { scanJsonArray } from "./jsonarray.js";

/** Instruction keywords Docker knows (upper case). */
export const INSTRUCTION_KEYWORDS: readonly string[] = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
];
const KNOWN = new Set(INSTRUCTION_KEYWORDS.map((k) => k.toLowerCase()));
const VALID_DIRECTIVES = new Set(["syntax", "escape", "check"]);
const DIRECTIVE_RE = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
const HEREDOC_RE = /^(\d*)<<(-?)([^<]*)$/;
const NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

/** Docker's `[\t\v\f\r ]` separator. */
function isSep(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d;
}

/** The parts of a `<<EOF` word, or null when the word is not a heredoc. */
export interface HeredocWord {
  name: string;
  expand: boolean;
  chomp: boolean;
  fileDescriptor: number;
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x27) n++;
  }
  return n;
}

/**
 * Parses one shell word as a heredoc marker (`<<EOF`, `<<-EOF`, `<<"EOF"`,
 * `2<<EOF`). Returns null when it is not one, or `{ error }` when the
 * delimiter cannot be lexed.
 */
export function parseHeredocWord(word: string): HeredocWord | null | { error: string } {
  const m = HEREDOC_RE.exec(word);
  if (!m) return null;
  const rest = m[3] ?? "";
  if (rest === "") return null;
  const plain = expandWords(rest, undefined, { keepUnset: true });
  if (plain.error !== undefined) return { error: plain.error };
  if (plain.words.length !== 1) return null;
  const raw = expandWords(rest, undefined, { keepUnset: true, rawQuotes: true });
  if (raw.error !== undefined) return { error: raw.error };
  if (raw.words.length !== 1) return { error: `internal lexing of heredoc produced inconsistent results: ${rest}` };
  const name = plain.words[0] ?? "";
  const fd = m[1] ? Number.parseInt(m[1], 10) : 0;
  return {
    name,
    expand: countQuotes(name) === countQuotes(raw.words[0] ?? ""),
    chomp: m[2] === "-",
    fileDescriptor: Number.isSafeInteger(fd) ? fd : 0,
  };
}

/** A heredoc's body as the build uses it: leading tabs removed from every line for `<<-`. */
export function heredocContent(h: Pick<Heredoc, "content" | "chomp">): string {
  return h.chomp ? h.content.replace(/^\t+/gm, "") : h.content;
}

class Source {
  readonly lineStarts: number[] = [];
  readonly lineEnds: number[] = [];

  constructor(readonly text: string) {
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (;;) {
      const nl = text.indexOf("\n", i);
      const stop = nl < 0 ? text.length : nl;
      if (nl < 0 && i >= text.length) break;
      let e = stop;
      while (e > i && text.charCodeAt(e - 1) === 0x0d) e--;
      this.lineStarts.push(i);
      this.lineEnds.push(e);
      if (nl < 0) break;
      i = nl + 1;
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const starts = this.lineStarts;
    if (starts.length === 0) return { line: 1, column: offset + 1, offset };
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1, offset };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}

/** An instruction's text with continuation lines joined, mapped back to the file. */
class Logical {
  constructor(
    readonly src: Source,
    readonly text: string,
    /** Pairs: index in `text` where a segment starts, file offset of that index. */
    readonly segs: number[],
  ) {}

  offsetAt(i: number): number {
    const segs = this.segs;
    let lo = 0;
    let hi = (segs.length >> 1) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segs[2 * mid] ?? 0) <= i) lo = mid;
      else hi = mid - 1;
    }
    return (segs[2 * lo + 1] ?? 0) + (i - (segs[2 * lo] ?? 0));
  }

  range(a: number, b: number): Range {
    const so = this.offsetAt(a);
    const eo = b > a ? this.offsetAt(b - 1) + 1 : so;
    return { start: this.src.position(so), end: this.src.position(eo) };
  }

  token(a: number, b: number, value?: string): Token {
    const raw = this.text.slice(a, b);
    return { value: value ?? raw, raw, range: this.range(a, b) };
  }
}

function diag(pos: Position, message: string, endLine?: number): Diagnostic {
  const d: Diagnostic = { line: pos.line, column: pos.column, message };
  if (endLine !== undefined && endLine !== pos.line) d.endLine = endLine;
  return d;
}

class Parser {
  private readonly src: Source;
  private escape: EscapeChar = "\\";
  private escCode = 0x5c;
  private readonly directives: Directive[] = [];
  private readonly comments: Comment[] = [];
  private readonly errors: Diagnostic[] = [];
  private readonly warnings: Diagnostic[] = [];
  private readonly instructions: InstructionNode[] = [];
  private directivesDone = false;
  private readonly seenDirectives = new Set<string>();

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.src = new Source(text);
  }

  parse(): DockerfileAst {
    const src = this.src;
    const text = this.text;
    const n = src.lineCount;
    let i = 0;
    while (i < n) {
      const ln = i++;
      const s = src.lineStarts[ln] ?? 0;
      const e = src.lineEnds[ln] ?? 0;
      let p = s;
      while (p < e && isUnicodeSpace(text.charCodeAt(p))) p++;

      if (!this.directivesDone && this.directive(ln, p, e)) continue;

      if (p < e && text.charCodeAt(p) === 0x23) {
        this.addComment(ln, p, e, false);
        continue;
      }
      let [segEnd, cont] = this.continuation(p, e);
      if (!cont && segEnd === p) continue; // blank line

      const segs = [0, p];
      let line = text.slice(p, segEnd);
      let lastLine = ln;
      let emptyContinuation = -1;
      while (cont && i < n) {
        const l2 = i++;
        const s2 = src.lineStarts[l2] ?? 0;
        const e2 = src.lineEnds[l2] ?? 0;
        let q = s2;
        while (q < e2 && isUnicodeSpace(text.charCodeAt(q))) q++;
        if (q < e2 && text.charCodeAt(q) === 0x23) {
          this.addComment(l2, q, e2, true);
          continue;
        }
        if (q === e2) {
          if (emptyContinuation < 0) emptyContinuation = l2;
          continue;
        }
        [segEnd, cont] = this.continuation(s2, e2);
        segs.push(line.length, s2);
        line += text.slice(s2, segEnd);
        lastLine = l2;
      }
      if (cont) {
        this.warnings.push(diag(src.position(src.lineEnds[lastLine] ?? 0), "line continuation at end of file"));
      }
      if (emptyContinuation >= 0) {
        this.warnings.push({
          line: emptyContinuation + 1,
          column: 1,
          message: "empty continuation line (Docker: empty continuation lines will become errors in a future release)",
        });
      }

      const ll = new Logical(src, line, segs);
      let a = 0;
      while (a < line.length && isUnicodeSpace(line.charCodeAt(a))) a++;
      if (a >= line.length) {
        this.errors.push(diag(src.position(p), "line continuation without an instruction", lastLine + 1));
        continue;
      }
      const node = this.buildNode(ll, 0, line.length);

      // Heredocs: bodies follow the (joined) instruction line.
      const target = node.keyword === "ONBUILD" && node.trigger ? node.trigger : node;
      if ((target.keyword === "RUN" || target.keyword === "COPY" || target.keyword === "ADD") && !target.json && line.includes("<<")) {
        for (const found of this.heredocMarkers(ll)) {
          const h = this.readHeredoc(found.word, found.marker, i, node.startLine);
          i = h.next;
          node.heredocs.push(h.heredoc);
          lastLine = h.heredoc.endLine - 1;
        }
        if (target !== node) target.heredocs = node.heredocs;
      }

      const end = src.position(src.lineEnds[lastLine] ?? 0);
      node.range = { start: node.range.start, end };
      node.endLine = lastLine + 1;
      if (node.trigger) {
        node.trigger.range = { start: node.trigger.range.start, end };
        node.trigger.endLine = node.endLine;
      }
      this.instructions.push(node);
    }

    if (this.instructions.length === 0) {
      this.errors.push({ line: Math.max(1, n), column: 1, message: "file with no instructions" });
    }
    return {
      file: this.file,
      escapeChar: this.escape,
      directives: this.directives,
      instructions: this.instructions,
      comments: this.comments,
      errors: this.errors,
      warnings: this.warnings,
      lineCount: n,
    };
  }

  /** Returns true when the line is a parser directive (consumed). */
  private directive(ln: number, p: number, e: number): boolean {
    const content = this.text.slice(p, e);
    const m = DIRECTIVE_RE.exec(content);
    const name = m?.[1]?.toLowerCase();
    if (!m || name === undefined || !VALID_DIRECTIVES.has(name)) {
      this.directivesDone = true;
      return false;
    }
    const value = m[2] ?? "";
    const range = this.src.range(p, e);
    if (this.seenDirectives.has(name)) {
      this.errors.push(diag(range.start, `only one ${name} parser directive can be used`));
      return true;
    }
    this.seenDirectives.add(name);
    this.directives.push({ name, value, line: ln + 1, range });
    if (name === "escape") {
      if (value === "\\" || value === "`") {
        this.escape = value;
        this.escCode = value.charCodeAt(0);
      } else {
        this.errors.push(diag(range.start, `invalid escape token '${value}' does not match \` or \\`));
      }
    }
    return true;
  }

  private addComment(ln: number, p: number, e: number, inside: boolean): void {
    this.comments.push({
      text: this.text.slice(p + 1, e).trim(),
      line: ln + 1,
      range: this.src.range(p, e),
      insideInstruction: inside,
    });
  }

  /**
   * Docker's continuation rule on `text[s..e)`: the escape character, then
   * only spaces/tabs, at the end of the line, not itself preceded by the escape
   * character (unless it is the only character). Returns the end of the
   * content kept and whether the line continues.
   */
  private continuation(s: number, e: number): [number, boolean] {
    const text = this.text;
    let k = e;
    while (k > s) {
      const c = text.charCodeAt(k - 1);
      if (c === 0x20 || c === 0x09) k--;
      else break;
    }
    if (k > s && text.charCodeAt(k - 1) === this.escCode) {
      if (k - 1 === s) return [s, true];
      if (text.charCodeAt(k - 2) !== this.escCode) return [k - 1, true];
    }
    return [e, false];
  }

  private buildNode(ll: Logical, from: number, to: number): InstructionNode {
    const t = ll.text;
    let a = from;
    let b = to;
    while (a < b && isUnicodeSpace(t.charCodeAt(a))) a++;
    while (b > a && isUnicodeSpace(t.charCodeAt(b - 1))) b--;
    let k = a;
    while (k < b && !isSep(t.charCodeAt(k))) k++;
    const rawKeyword = t.slice(a, k);
    const lower = rawKeyword.toLowerCase();
    const known = KNOWN.has(lower);
    const keyword = known ? lower.toUpperCase() : rawKeyword.toUpperCase();
    let r = k;
    while (r < b && isSep(t.charCodeAt(r))) r++;

    const flags: Flag[] = [];
    let argStart = r < b ? this.extractFlags(ll, r, b, flags) : b;
    while (argStart < b && isUnicodeSpace(t.charCodeAt(argStart))) argStart++;

    const keywordRange = ll.range(a, k);
    const node: InstructionNode = {
      keyword,
      rawKeyword,
      known,
      keywordRange,
      flags,
      args: [],
      argsForm: "none",
      json: false,
      argsText: t.slice(argStart, b),
      words: [],
      heredocs: [],
      original: t.slice(from, to),
      range: ll.range(a, b),
      startLine: keywordRange.start.line,
      endLine: 0,
    };
    node.endLine = node.range.end.line;
    if (argStart < b) node.argsRange = ll.range(argStart, b);
    if (!known) {
      this.warnings.push(diag(keywordRange.start, `unknown instruction: ${rawKeyword}`));
    }

    let form: ArgsForm = "none";
    switch (lower) {
      case "add":
      case "copy":
      case "volume":
        form = this.maybeJson(ll, node, argStart, b, true);
        break;
      case "cmd":
      case "entrypoint":
      case "run":
      case "shell":
        form = this.maybeJson(ll, node, argStart, b, false);
        break;
      case "arg":
        form = this.nameOrNameVal(ll, node, argStart, b);
        break;
      case "env":
      case "label":
        form = this.nameVal(ll, node, argStart, b);
        break;
      case "expose":
      case "from":
        form = this.list(ll, node, argStart, b, "list");
        break;
      case "healthcheck":
        form = this.healthcheck(ll, node, argStart, b);
        break;
      case "maintainer":
      case "stopsignal":
      case "user":
      case "workdir":
        if (argStart < b) {
          node.args.push(ll.token(argStart, b));
          form = "string";
        }
        break;
      case "onbuild":
        if (argStart < b) {
          node.trigger = this.buildNode(ll, argStart, b);
          form = "onbuild";
        }
        break;
      default:
        form = this.list(ll, node, argStart, b, "unknown");
    }
    node.argsForm = form;
    node.words = node.json ? node.args : this.words(ll, argStart, b, this.escCode);
    return node;
  }

  /** Docker's flag extraction: `--name[=value]` words, quotes and `\` escapes processed. Returns where arguments start. */
  private extractFlags(ll: Logical, from: number, b: number, flags: Flag[]): number {
    const t = ll.text;
    let pos = from;
    for (;;) {
      while (pos < b && isUnicodeSpace(t.charCodeAt(pos))) pos++;
      if (pos >= b) return b;
      if (!(t.charCodeAt(pos) === 0x2d && pos + 1 < b && t.charCodeAt(pos + 1) === 0x2d)) return pos;
      const ws = pos;
      let word = "";
      let quote = 0;
      let blankOK = false;
      while (pos < b) {
        let c = t.charCodeAt(pos);
        if (quote === 0) {
          if (isUnicodeSpace(c)) break;
          if (c === 0x22 || c === 0x27) {
            quote = c;
            blankOK = true;
            pos++;
            continue;
          }
          if (c === 0x5c) {
            if (pos + 1 === b) {
              pos++;
              continue;
            }
            pos++;
            c = t.charCodeAt(pos);
          }
          word += String.fromCharCode(c);
          pos++;
        } else {
          if (c === quote) {
            quote = 0;
            pos++;
            continue;
          }
          if (c === 0x5c) {
            if (pos + 1 === b) {
              quote = 0;
              pos++;
              continue;
            }
            pos++;
            c = t.charCodeAt(pos);
          }
          word += String.fromCharCode(c);
          pos++;
        }
      }
      if (word === "--") return pos;
      if (blankOK || word.length > 0) {
        const body = word.slice(2);
        const eq = body.indexOf("=");
        flags.push({
          name: eq >= 0 ? body.slice(0, eq) : body,
          value: eq >= 0 ? body.slice(eq + 1) : undefined,
          raw: t.slice(ws, pos),
          range: ll.range(ws, pos),
        });
      }
    }
  }

  private list(ll: Logical, node: InstructionNode, a: number, b: number, form: ArgsForm): ArgsForm {
    const t = ll.text;
    let i = a;
    while (i < b) {
      const ws = i;
      while (i < b && !isSep(t.charCodeAt(i))) i++;
      node.args.push(ll.token(ws, i));
      while (i < b && isSep(t.charCodeAt(i))) i++;
    }
    return node.args.length > 0 ? form : "none";
  }

  /** JSON array, else a single string (RUN/CMD/…) or a whitespace list (COPY/ADD/VOLUME). */
  private maybeJson(ll: Logical, node: InstructionNode, a: number, b: number, toList: boolean): ArgsForm {
    if (a >= b) return "none";
    const t = ll.text;
    if (t.charCodeAt(a) === 0x5b) {
      const res = scanJsonArray(t, a, b);
      if (res.ok) {
        if (res.items.some((it) => it.value === undefined)) {
          this.errors.push(diag(ll.range(a, b).start, NOT_STRING_ARRAY, node.range.end.line));
        } else {
          for (const it of res.items) node.args.push(ll.token(it.start, it.end, it.value));
          node.json = true;
          let j = res.end;
          while (j < b && isUnicodeSpace(t.charCodeAt(j))) j++;
          if (j < b) {
            this.warnings.push(diag(ll.range(j, b).start, `text after the JSON array is ignored: ${t.slice(j, b)}`));
          }
          return "json";
        }
      } else {
        const c2 = t.charCodeAt(a + 1);
        if (c2 === 0x22 || c2 === 0x27) {
          this.warnings.push(
            diag(ll.range(a, b).start, `arguments look like a JSON array but are not valid JSON (${res.error}); Docker runs them as a shell command`),
          );
        }
      }
    }
    if (toList) return this.list(ll, node, a, b, "list");
    node.args.push(ll.token(a, b));
    return "string";
  }

  private healthcheck(ll: Logical, node: InstructionNode, a: number, b: number): ArgsForm {
    if (a >= b) return "none";
    const t = ll.text;
    let sep = a;
    while (sep < b && !isUnicodeSpace(t.charCodeAt(sep))) sep++;
    let next = sep;
    while (next < b && isUnicodeSpace(t.charCodeAt(next))) next++;
    const typ = ll.token(a, sep);
    const sub: InstructionNode = { ...node, args: [], json: false };
    this.maybeJson(ll, sub, next, b, false);
    node.args.push(typ, ...sub.args);
    node.json = sub.json;
    return "healthcheck";
  }

  /** Docker's parseWords: words separated by whitespace outside quotes; quotes and escapes kept. Returns [start, end) pairs. */
  private parseWords(ll: Logical, a: number, b: number): number[] {
    const t = ll.text;
    const esc = this.escCode;
    const out: number[] = [];
    let i = a;
    while (i < b) {
      while (i < b && isUnicodeSpace(t.charCodeAt(i))) i++;
      if (i >= b) break;
      const ws = i;
      let end = -1;
      let quote = 0;
      let blankOK = false;
      while (i < b) {
        const c = t.charCodeAt(i);
        if (quote === 0) {
          if (isUnicodeSpace(c)) break;
          if (c === 0x22 || c === 0x27) {
            quote = c;
            blankOK = true;
          } else if (c === esc) {
            if (i + 1 === b) {
              end = i;
              i++;
              break;
            }
            i++;
          }
          i++;
        } else {
          if (c === quote) {
            quote = 0;
            i++;
            continue;
          }
          if (c === esc && quote !== 0x27) {
            if (i + 1 === b) {
              end = i;
              i++;
              break;
            }
            i++;
          }
          i++;
        }
      }
      const we = end >= 0 ? end : i;
      if (blankOK || we > ws) out.push(ws, we);
    }
    return out;
  }

  private nameOrNameVal(ll: Logical, node: InstructionNode, a: number, b: number): ArgsForm {
    const ws = this.parseWords(ll, a, b);
    if (ws.length === 0) return "none";
    const t = ll.text;
    const pairs: KeyValueToken[] = [];
    for (let j = 0; j < ws.length; j += 2) {
      const s = ws[j] ?? 0;
      const e = ws[j + 1] ?? 0;
      const token = ll.token(s, e);
      node.args.push(token);
      const eq = t.indexOf("=", s);
      if (eq >= 0 && eq < e) pairs.push({ key: ll.token(s, eq), value: ll.token(eq + 1, e), token, form: "equals" });
      else pairs.push({ key: token, token, form: "name" });
    }
    node.pairs = pairs;
    return "pairs";
  }

  private nameVal(ll: Logical, node: InstructionNode, a: number, b: number): ArgsForm {
    const ws = this.parseWords(ll, a, b);
    if (ws.length === 0) return "none";
    const t = ll.text;
    const pairs: KeyValueToken[] = [];
    node.pairs = pairs;
    const first = t.slice(ws[0] ?? 0, ws[1] ?? 0);
    if (!first.includes("=")) {
      // Legacy `KEY value`: the value is everything after the first whitespace.
      let k = a;
      while (k < b && !isSep(t.charCodeAt(k))) k++;
      let v = k;
      while (v < b && isSep(t.charCodeAt(v))) v++;
      if (v >= b) {
        this.errors.push(diag(ll.range(a, b).start, `${node.keyword} must have two arguments`));
        node.args.push(ll.token(a, b));
        return "pairs";
      }
      const key = ll.token(a, k);
      const value = ll.token(v, b);
      node.args.push(key, value);
      pairs.push({ key, value, token: ll.token(a, b), form: "legacy" });
      return "pairs";
    }
    for (let j = 0; j < ws.length; j += 2) {
      const s = ws[j] ?? 0;
      const e = ws[j + 1] ?? 0;
      const token = ll.token(s, e);
      node.args.push(token);
      const eq = t.indexOf("=", s);
      if (eq < 0 || eq >= e) {
        this.errors.push(diag(token.range.start, `Syntax error - can't find = in ${JSON.stringify(token.raw)}. Must be of the form: name=value`));
        continue;
      }
      pairs.push({ key: ll.token(s, eq), value: ll.token(eq + 1, e), token, form: "equals" });
    }
    return "pairs";
  }

  /** Shell-like words with quotes and escapes kept (for locating parts of commands). */
  private words(ll: Logical, a: number, b: number, esc: number): Token[] {
    const t = ll.text;
    const out: Token[] = [];
    let i = a;
    while (i < b) {
      while (i < b && isUnicodeSpace(t.charCodeAt(i))) i++;
      if (i >= b) break;
      const ws = i;
      let quote = 0;
      while (i < b) {
        const c = t.charCodeAt(i);
        if (quote !== 0) {
          if (c === quote) quote = 0;
          else if (c === esc && quote === 0x22 && i + 1 < b) i++;
          i++;
          continue;
        }
        if (isUnicodeSpace(c)) break;
        if (c === 0x22 || c === 0x27) quote = c;
        else if (c === esc && i + 1 < b) i++;
        i++;
      }
      out.push(ll.token(ws, i));
    }
    return out;
  }

  /** Heredoc markers on an instruction line, found the way BuildKit finds them (shell words of the whole line). */
  private heredocMarkers(ll: Logical): { word: HeredocWord; marker: Token }[] {
    const line = ll.text;
    const lexed = expandWords(line, undefined, { keepUnset: true, rawQuotes: true, rawEscapes: true });
    if (lexed.error !== undefined) return [];
    const out: { word: HeredocWord; marker: Token }[] = [];
    let raw: Token[] | undefined;
    let searchFrom = 0;
    for (const w of lexed.words) {
      if (!w.includes("<<")) continue;
      const parsed = parseHeredocWord(w);
      if (parsed === null) continue;
      raw ??= this.words(ll, 0, line.length, 0x5c);
      let marker: Token | undefined;
      for (let j = searchFrom; j < raw.length; j++) {
        const tok = raw[j];
        if (tok !== undefined && tok.raw === w) {
          marker = tok;
          searchFrom = j + 1;
          break;
        }
      }
      if (marker === undefined) {
        const at = line.indexOf(w);
        marker = at >= 0 ? ll.token(at, at + w.length) : ll.token(0, 0, w);
      }
      if ("error" in parsed) {
        this.errors.push(diag(marker.range.start, parsed.error));
        continue;
      }
      out.push({ word: parsed, marker });
    }
    return out;
  }

  private readHeredoc(word: HeredocWord, marker: Token, from: number, instrLine: number): { heredoc: Heredoc; next: number } {
    const src = this.src;
    const text = this.text;
    const n = src.lineCount;
    let i = from;
    const contentStart = i < n ? (src.lineStarts[i] ?? text.length) : text.length;
    let term = -1;
    while (i < n) {
      const li = i++;
      let s = src.lineStarts[li] ?? 0;
      const e = src.lineEnds[li] ?? 0;
      if (word.chomp) while (s < e && text.charCodeAt(s) === 0x09) s++;
      if (e - s === word.name.length && text.startsWith(word.name, s)) {
        term = li;
        break;
      }
    }
    const terminated = term >= 0;
    const contentEnd = terminated ? (src.lineStarts[term] ?? text.length) : text.length;
    const heredoc: Heredoc = {
      name: word.name,
      content: text.slice(contentStart, contentEnd),
      expand: word.expand,
      chomp: word.chomp,
      fileDescriptor: word.fileDescriptor,
      marker,
      contentRange: src.range(contentStart, contentEnd),
      startLine: from + 1,
      endLine: terminated ? term + 1 : Math.max(n, 1),
      terminated,
    };
    if (terminated) {
      heredoc.terminatorRange = src.range(src.lineStarts[term] ?? 0, src.lineEnds[term] ?? 0);
    } else {
      this.errors.push({
        line: marker.range.start.line,
        column: marker.range.start.column,
        message: `unterminated heredoc ${JSON.stringify(word.name)}`,
        endLine: Math.max(n, instrLine),
      });
    }
    return { heredoc, next: i };
  }
}

/** Parses a Dockerfile. Never throws; see `errors` and `warnings` of the result. */
export function parseDockerfile(text: string, file = "Dockerfile"): DockerfileAst {
  try {
    return new Parser(String(text), file).parse();
  } catch (e) {
    // Defensive: the parser is not expected to throw.
    return {
      file,
      escapeChar: "\\",
      directives: [],
      instructions: [],
      comments: [],
      errors: [{ line: 1, column: 1, message: `internal parser error: ${e instanceof Error ? e.message : String(e)}` }],
      warnings: [],
      lineCount: 0,
    };
  }
}
