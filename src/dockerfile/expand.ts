/**
 * Variable expansion as Dockerfile instructions perform it (ENV, ARG, LABEL,
 * COPY, ADD, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL, FROM, ONBUILD…; not
 * the command text of RUN/CMD/ENTRYPOINT, which the shell expands).
 *
 * Behaviour follows the Dockerfile reference ("Environment replacement"):
 * - `$V` and `${V}`; `${V:-word}`, `${V:+word}`, `${V-word}`, `${V+word}`,
 *   `${V?msg}`, `${V:?msg}`; `${V#pat}`, `${V##pat}`, `${V%pat}`, `${V%%pat}`,
 *   `${V/pat/repl}`, `${V//pat/repl}` (shell glob patterns).
 * - The escape character (`\` or the one set by `# escape=`) escapes the next
 *   character (`\$V` is literal); a trailing escape is dropped.
 * - Single quotes: everything literal, no expansion. Double quotes: `$`
 *   expands; the escape character escapes only `"`, `$` and itself.
 * - Quotes are removed from the result (unless `rawQuotes`).
 *
 * Functions never throw: a syntax error is reported in `error` and the input
 * is returned unchanged as `value`.
 */

import type { EscapeChar } from "./ast.js";

export type { EscapeChar } from "./ast.js";

/** Where variable values come from. A name that is absent (or maps to `undefined`) is unset. */
export type Env =
  | ReadonlyMap<string, string>
  | Readonly<Record<string, string | undefined>>
  | ((name: string) => string | undefined);

export interface ExpandOptions {
  /** Escape character; default `\`. */
  escapeChar?: EscapeChar;
  /** Leave references to unset variables as written (`$V`, `${V:-x}`) instead of replacing them with "" (BuildKit's SkipUnsetEnv). */
  keepUnset?: boolean;
  /** Keep quote characters in the result. */
  rawQuotes?: boolean;
  /** Keep escape characters in the result. */
  rawEscapes?: boolean;
}

export interface ExpandResult {
  value: string;
  /** Variable names referenced (outside single quotes), in order of first reference, including those only in a `${V:-word}` word. */
  references: string[];
  /** The referenced names that were unset. */
  unset: string[];
  error?: string;
}

export interface ExpandWordsResult {
  /** Result split into words on unquoted whitespace (after expansion), quotes removed. */
  words: string[];
  references: string[];
  unset: string[];
  error?: string;
}

class LexError extends Error {}

type Lookup = (name: string) => string | undefined;

function toLookup(env: Env | undefined): Lookup {
  if (env === undefined) return () => undefined;
  if (typeof env === "function") return env as Lookup;
  if (env instanceof Map) {
    const m = env as ReadonlyMap<string, string>;
    return (n) => m.get(n);
  }
  const rec = env as Readonly<Record<string, string | undefined>>;
  return (n) => (Object.prototype.hasOwnProperty.call(rec, n) ? rec[n] : undefined);
}

/** Go's unicode.IsSpace, for UTF-16 code units. */
export function isUnicodeSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

class Words {
  word = "";
  inWord = false;
  readonly list: string[] = [];

  addChar(ch: string): void {
    if (isUnicodeSpace(ch.charCodeAt(0))) {
      if (this.inWord && this.word.length > 0) {
        this.list.push(this.word);
        this.word = "";
        this.inWord = false;
      }
    } else {
      this.word += ch;
      this.inWord = true;
    }
  }

  addRaw(s: string): void {
    this.word += s;
    this.inWord = true;
  }

  addString(s: string): void {
    for (let i = 0; i < s.length; i++) this.addChar(s.charAt(i));
  }

  finish(): string[] {
    if (this.word.length > 0) {
      this.list.push(this.word);
      this.word = "";
      this.inWord = false;
    }
    return this.list;
  }
}

const SPECIAL_PARAMS = "@*#?-$!0";
const LETTER_RE = /\p{L}/u;
const DIGIT_RE = /\p{Nd}/u;

function isDigitCp(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT_RE.test(s);
}

function isNameCp(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 0x80) {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  }
  return LETTER_RE.test(s) || DIGIT_RE.test(s);
}

class Lexer {
  pos = 0;
  readonly references: string[] = [];
  readonly unset: string[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly src: string,
    private readonly lookup: Lookup,
    private readonly esc: string,
    private readonly keepUnset: boolean,
    private readonly rawQuotes: boolean,
    private readonly rawEscapes: boolean,
  ) {}

  private getEnv(name: string): string | undefined {
    const v = this.lookup(name);
    if (!this.seen.has(name)) {
      this.seen.add(name);
      this.references.push(name);
      if (v === undefined) this.unset.push(name);
    }
    return v;
  }

  /** Processes up to `stop` (consumed) or to the end when `stop` is "". */
  processStopOn(stop: string, rawEscapes: boolean): [string, string[]] {
    const src = this.src;
    let result = "";
    const words = new Words();
    while (this.pos < src.length) {
      const ch = src.charAt(this.pos);
      if (stop !== "" && ch === stop) {
        this.pos++;
        return [result, words.finish()];
      }
      if (ch === "'") {
        const t = this.singleQuote();
        result += t;
        words.addRaw(t);
        continue;
      }
      if (ch === '"') {
        const t = this.doubleQuote();
        result += t;
        words.addRaw(t);
        continue;
      }
      if (ch === "$") {
        const t = this.dollar();
        result += t;
        words.addString(t);
        continue;
      }
      this.pos++;
      if (ch === this.esc) {
        if (rawEscapes) {
          words.addRaw(ch);
          result += ch;
        }
        if (this.pos >= src.length) break;
        const c2 = src.charAt(this.pos++);
        words.addRaw(c2);
        result += c2;
      } else {
        words.addChar(ch);
        result += ch;
      }
    }
    if (stop !== "") throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
    return [result, words.finish()];
  }

  private singleQuote(): string {
    const src = this.src;
    this.pos++;
    let result = this.rawQuotes ? "'" : "";
    for (;;) {
      if (this.pos >= src.length) throw new LexError("unexpected end of statement while looking for matching single-quote");
      const ch = src.charAt(this.pos++);
      if (ch === "'") {
        if (this.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private doubleQuote(): string {
    const src = this.src;
    this.pos++;
    let result = this.rawQuotes ? '"' : "";
    for (;;) {
      if (this.pos >= src.length) throw new LexError("unexpected end of statement while looking for matching double-quote");
      const ch = src.charAt(this.pos);
      if (ch === '"') {
        this.pos++;
        if (this.rawQuotes) result += ch;
        return result;
      }
      if (ch === "$") {
        result += this.dollar();
        continue;
      }
      this.pos++;
      if (ch === this.esc) {
        if (this.pos >= src.length) continue; // reported as unterminated quote
        const n = src.charAt(this.pos);
        if (n === '"' || n === "$" || n === this.esc) {
          if (this.rawEscapes) result += ch;
          result += n;
          this.pos++;
          continue;
        }
      }
      result += ch;
    }
  }

  private processName(): string {
    const src = this.src;
    let name = "";
    while (this.pos < src.length) {
      const cp = src.codePointAt(this.pos) ?? 0;
      const ch = String.fromCodePoint(cp);
      if (name === "" && isDigitCp(ch)) {
        while (this.pos < src.length) {
          const d = String.fromCodePoint(src.codePointAt(this.pos) ?? 0);
          if (!isDigitCp(d)) break;
          name += d;
          this.pos += d.length;
        }
        return name;
      }
      if (name === "" && SPECIAL_PARAMS.includes(ch)) {
        this.pos++;
        return ch;
      }
      if (!isNameCp(ch)) break;
      name += ch;
      this.pos += ch.length;
    }
    return name;
  }

  private dollar(): string {
    const src = this.src;
    this.pos++; // $
    if (src.charAt(this.pos) !== "{") {
      const name = this.processName();
      if (name === "") return "$";
      const v = this.getEnv(name);
      if (v === undefined) return this.keepUnset ? "$" + name : "";
      return v;
    }
    this.pos++; // {
    if (this.pos >= src.length) throw new LexError("syntax error: missing '}'");
    const first = src.charAt(this.pos);
    if (first === "{" || first === "}" || first === ":") throw new LexError("syntax error: bad substitution");
    const name = this.processName();
    if (this.pos >= src.length) throw new LexError("syntax error: missing '}'");
    let ch = src.charAt(this.pos++);
    let chs = ch;
    if (ch === "}") {
      const v = this.getEnv(name);
      if (v === undefined) return this.keepUnset ? "${" + name + "}" : "";
      return v;
    }
    let nullIsUnset = false;
    if (ch === ":") {
      nullIsUnset = true;
      if (this.pos >= src.length) throw new LexError("syntax error: missing '}'");
      ch = src.charAt(this.pos++);
      chs += ch;
    }
    if (ch === "/" && !nullIsUnset) return this.substitution(name);
    if (!nullIsUnset && !"+-?#%".includes(ch)) throw new LexError(`unsupported modifier (${chs}) in substitution`);
    const patternMod = ch === "#" || ch === "%";
    if (nullIsUnset && patternMod) throw new LexError(`unsupported modifier (${chs}) in substitution`);
    const value = this.getEnv(name);
    let word: string;
    try {
      word = this.processStopOn("}", patternMod)[0];
    } catch (e) {
      if (this.pos >= src.length) throw new LexError("syntax error: missing '}'");
      throw e;
    }
    const set = value !== undefined;
    if (this.keepUnset && !set) return "${" + name + chs + word + "}";
    const empty = !set || (nullIsUnset && value === "");
    switch (ch) {
      case "-":
        return empty ? word : (value ?? "");
      case "+":
        return empty ? "" : word;
      case "?":
        if (!set) throw new LexError(`${name}: ${word !== "" ? word : "is not allowed to be unset"}`);
        if (nullIsUnset && value === "") throw new LexError(`${name}: ${word !== "" ? word : "is not allowed to be empty"}`);
        return value ?? "";
      case "#":
      case "%": {
        let greedy = false;
        let pat = word;
        if (pat.charAt(0) === ch) {
          greedy = true;
          pat = pat.slice(1);
        }
        return ch === "%" ? trimSuffix(pat, value ?? "", greedy, this.esc) : trimPrefix(pat, value ?? "", greedy, this.esc);
      }
      default:
        throw new LexError(`unsupported modifier (${chs}) in substitution`);
    }
  }

  private substitution(name: string): string {
    const src = this.src;
    const value = this.getEnv(name);
    let all = false;
    if (src.charAt(this.pos) === "/") {
      all = true;
      this.pos++;
    }
    let pattern: string;
    try {
      pattern = this.processStopOn("/", true)[0];
    } catch (e) {
      if (this.pos >= src.length) throw new LexError("syntax error: missing '/' in ${}");
      throw e;
    }
    let replacement: string;
    try {
      replacement = this.processStopOn("}", true)[0];
    } catch (e) {
      if (this.pos >= src.length) throw new LexError("syntax error: missing '}'");
      throw e;
    }
    if (value === undefined && this.keepUnset) return "${" + name + "/" + (all ? "/" : "") + pattern + "/" + replacement + "}";
    return replacePattern(value ?? "", pattern, replacement, all, this.esc);
  }
}

function escapeRegExpChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? "\\" + c : c;
}

/** Converts a shell glob pattern (`*`, `?`, `[...]`, escapes) to an anchored RegExp. */
function shellPatternRegExp(pattern: string, esc: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === esc || c === "\\") {
      i++;
      if (i < pattern.length) re += escapeRegExpChar(pattern.charAt(i));
      continue;
    }
    if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else if (c === "[") {
      let j = i + 1;
      if (pattern.charAt(j) === "!" || pattern.charAt(j) === "^") j++;
      if (pattern.charAt(j) === "]") j++;
      while (j < pattern.length && pattern.charAt(j) !== "]") j++;
      if (j >= pattern.length) {
        re += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, j);
      let neg = false;
      if (body.startsWith("!") || body.startsWith("^")) {
        neg = true;
        body = body.slice(1);
      }
      re += "[" + (neg ? "^" : "") + body.replace(/[\\\]^[]/g, (m) => "\\" + m) + "]";
      i = j;
    } else re += escapeRegExpChar(c);
  }
  try {
    return new RegExp("^(?:" + re + ")$", "u");
  } catch {
    try {
      return new RegExp("^(?:" + re + ")$");
    } catch {
      throw new LexError(`invalid pattern (${pattern}) in substitution`);
    }
  }
}

function trimPrefix(pattern: string, value: string, greedy: boolean, esc: string): string {
  const re = shellPatternRegExp(pattern, esc);
  if (greedy) {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(0, i))) return value.slice(i);
  } else {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(0, i))) return value.slice(i);
  }
  return value;
}

function trimSuffix(pattern: string, value: string, greedy: boolean, esc: string): string {
  const re = shellPatternRegExp(pattern, esc);
  if (greedy) {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

function replacePattern(value: string, pattern: string, replacement: string, all: boolean, esc: string): string {
  if (pattern === "") return value;
  const re = shellPatternRegExp(pattern, esc);
  let out = "";
  let i = 0;
  while (i <= value.length) {
    let matchEnd = -1;
    for (let j = value.length; j > i; j--) {
      if (re.test(value.slice(i, j))) {
        matchEnd = j;
        break;
      }
    }
    if (matchEnd < 0) {
      if (i < value.length) out += value.charAt(i);
      i++;
      continue;
    }
    out += replacement;
    i = matchEnd;
    if (!all) return out + value.slice(i);
  }
  return out;
}

function run(text: string, env: Env | undefined, options: ExpandOptions | undefined): { lexer: Lexer; value: string; words: string[]; error?: string } {
  const lexer = new Lexer(
    text,
    toLookup(env),
    options?.escapeChar ?? "\\",
    options?.keepUnset ?? false,
    options?.rawQuotes ?? false,
    options?.rawEscapes ?? false,
  );
  try {
    const [value, words] = lexer.processStopOn("", options?.rawEscapes ?? false);
    return { lexer, value, words };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { lexer, value: text, words: [], error: `failed to process "${text}": ${message}` };
  }
}

/** Expands one word (BuildKit's ProcessWord): whitespace is kept, quotes removed. */
export function expandWord(text: string, env?: Env, options?: ExpandOptions): ExpandResult {
  const r = run(text, env, options);
  const out: ExpandResult = { value: r.value, references: r.lexer.references, unset: r.lexer.unset };
  if (r.error !== undefined) out.error = r.error;
  return out;
}

/** Expands and splits into words on unquoted whitespace (BuildKit's ProcessWords). */
export function expandWords(text: string, env?: Env, options?: ExpandOptions): ExpandWordsResult {
  const r = run(text, env, options);
  const out: ExpandWordsResult = { words: r.words, references: r.lexer.references, unset: r.lexer.unset };
  if (r.error !== undefined) out.error = r.error;
  return out;
}

/** Names of the variables a value refers to (outside single quotes), without expanding anything. */
export function variableReferences(text: string, escapeChar: EscapeChar = "\\"): string[] {
  return run(text, undefined, { escapeChar, keepUnset: true }).lexer.references;
}

/**
 * Removes quotes and escapes from a value but leaves every variable reference
 * as written (`"$HOME/x y"` → `$HOME/x y`): the literal value when nothing is
 * known about the environment.
 */
export function unquote(text: string, escapeChar: EscapeChar = "\\"): { value: string; error?: string } {
  const r = run(text, undefined, { escapeChar, keepUnset: true });
  return r.error !== undefined ? { value: r.value, error: r.error } : { value: r.value };
}
