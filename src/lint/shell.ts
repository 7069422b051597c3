/**
 * A small POSIX-shell reader for RUN commands: enough of the grammar to see what a command
 * does with a secret (which programs run, with which words, where their output goes), not an
 * interpreter. It reads simple commands separated by `;`, `&&`, `||`, `&`, newlines and pipes,
 * words with single/double quotes, escapes, `$VAR`, `${…}`, `$(…)` and backticks (parsed
 * recursively), redirections (`>`, `>>`, `2>&1`, `<`, `<<EOF` with its body, `<<<`), comments
 * and reserved words (`if … then … fi` is read as the commands inside it).
 *
 * Never throws; hostile input ends early instead (a step budget and a nesting limit).
 */

/** A shell word as written, with what it expands from. */
export interface Word {
  /** Text as written. */
  raw: string;
  /** Text with quotes and escapes removed; `$VAR`, `${…}` and `$(…)` kept as written. */
  text: string;
  /** Some part was quoted. */
  quoted: boolean;
  /** Parameters referenced outside single quotes, in order (`$A`, `${B:-$C}` → A, B, C). */
  vars: string[];
  /** Command substitutions (`$(…)`, backticks, `<(…)`), parsed. */
  subs: Script[];
}

export interface Redirect {
  /** `>`, `>>`, `>|`, `<`, `<>`, `<<`, `<<-`, `<<<`, `>&`, `<&`, `&>`, `&>>`. */
  op: string;
  /** File descriptor written before the operator (`2>`), undefined when none. */
  fd?: number;
  /** The file (or fd for `>&`), or the heredoc delimiter. */
  target: Word;
  /** Heredoc (`<<`, `<<-`) body. */
  body?: string;
  /** Heredoc body is expanded (unquoted delimiter); then `bodyWord` holds its expansions. */
  bodyWord?: Word;
}

/** How a command is joined to the one before it. */
export type Joiner = "start" | "&&" | "||" | ";" | "|" | "&" | "\n";

export interface Command {
  /** `NAME=value` words before the command name. */
  assignments: { name: string; value: Word }[];
  /** The command name and its arguments. */
  words: Word[];
  redirects: Redirect[];
  joiner: Joiner;
  /** Its stdout feeds the next command (`a | b`). */
  pipedOut: boolean;
  /** Inside `if`/`while`/`until` conditions or after `||`/`&&` of a test: run only conditionally. */
  conditional: boolean;
  /** Offset of its first character in the script. */
  start: number;
}

export interface Script {
  commands: Command[];
  /** Reading stopped early (budget, nesting or an unterminated construct). */
  truncated: boolean;
}

const RESERVED = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "{", "}", "!", "esac", "function", "time"]);
const CONDITION_STARTERS = new Set(["if", "elif", "while", "until"]);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGN_RE = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/;
const MAX_DEPTH = 12;

interface Budget {
  steps: number;
}

function emptyWord(): Word {
  return { raw: "", text: "", quoted: false, vars: [], subs: [] };
}

function isBlank(c: string): boolean {
  return c === " " || c === "\t" || c === "\r";
}

function isMeta(c: string): boolean {
  return c === " " || c === "\t" || c === "\r" || c === "\n" || c === ";" || c === "&" || c === "|" || c === "<" || c === ">" || c === "(" || c === ")";
}

class Reader {
  i = 0;
  truncated = false;
  private pending: Redirect[] = [];

  constructor(
    private readonly s: string,
    private readonly budget: Budget,
    private readonly depth: number,
  ) {}

  private tick(): boolean {
    if (--this.budget.steps < 0) {
      this.truncated = true;
      return false;
    }
    return true;
  }

  /** Reads commands until the end, or until `close` at nesting level 0 (left unconsumed). */
  script(close?: ")" | "`"): Script {
    const s = this.s;
    const commands: Command[] = [];
    let cur: Command | undefined;
    let joiner: Joiner = "start";
    let parens = 0;
    let inCondition = false;
    let afterTest = false;
    const finish = (next: Joiner) => {
      if (cur && (cur.words.length > 0 || cur.assignments.length > 0 || cur.redirects.length > 0)) {
        if (next === "|") cur.pipedOut = true;
        commands.push(cur);
        // `[ -f x ] && cat x`, `test -f x || …`: what follows a test runs only conditionally.
        const name = cur.words[0]?.text;
        afterTest = name === "[" || name === "[[" || name === "test";
      }
      cur = undefined;
      joiner = next;
    };
    const current = (): Command => {
      cur ??= { assignments: [], words: [], redirects: [], joiner, pipedOut: false, conditional: inCondition || ((joiner === "&&" || joiner === "||") && afterTest), start: this.i };
      return cur;
    };
    while (this.i < s.length && this.tick()) {
      const c = s[this.i]!;
      if (isBlank(c)) {
        this.i++;
        continue;
      }
      if (c === "\\" && s[this.i + 1] === "\n") {
        this.i += 2;
        continue;
      }
      if (close !== undefined && c === close && parens === 0) break;
      if (c === "\n") {
        finish("\n");
        this.i++;
        this.readHeredocBodies();
        continue;
      }
      if (c === "#" && (!cur || cur.words.length === 0 || this.i === 0 || isMeta(s[this.i - 1]!))) {
        const nl = s.indexOf("\n", this.i);
        this.i = nl < 0 ? s.length : nl;
        continue;
      }
      if (c === ";") {
        this.i += s[this.i + 1] === ";" ? 2 : 1;
        finish(";");
        continue;
      }
      if (c === "&" && s[this.i + 1] === "&") {
        this.i += 2;
        finish("&&");
        continue;
      }
      if (c === "|" && s[this.i + 1] === "|") {
        this.i += 2;
        finish("||");
        continue;
      }
      if (c === "|") {
        this.i += s[this.i + 1] === "&" ? 2 : 1;
        finish("|");
        continue;
      }
      if (c === "&" && s[this.i + 1] !== ">") {
        this.i++;
        finish("&");
        continue;
      }
      if (c === "(" && s[this.i + 1] !== "(" && (!cur || cur.words.length === 0)) {
        parens++;
        this.i++;
        finish(joiner);
        continue;
      }
      if (c === "(") {
        // `f() {`, `((…))` arithmetic: skip the parentheses.
        this.skipBalanced("(", ")");
        continue;
      }
      if (c === ")") {
        if (parens > 0) parens--;
        this.i++;
        finish(";");
        continue;
      }
      if ((c === "<" || c === ">") && s[this.i + 1] === "(") {
        current().words.push(this.processSubstitution());
        continue;
      }
      const redirect = this.tryRedirect();
      if (redirect) {
        current().redirects.push(redirect);
        continue;
      }
      const start = this.i;
      const w = this.word();
      if (this.i === start) {
        this.i++; // never stall on an unexpected character
        continue;
      }
      const cmd = current();
      if (cmd.words.length === 0) {
        const assign = w.quoted ? null : ASSIGN_RE.exec(w.raw);
        if (assign) {
          const eq = w.raw.indexOf("=");
          const value = new Reader(w.raw.slice(eq + 1), this.budget, this.depth).word();
          cmd.assignments.push({ name: assign[1]!, value });
          continue;
        }
        if (!w.quoted && RESERVED.has(w.raw)) {
          if (CONDITION_STARTERS.has(w.raw)) inCondition = true;
          else if (w.raw === "then" || w.raw === "do") inCondition = false;
          cur = undefined;
          joiner = "start";
          continue;
        }
        if (!w.quoted && (w.raw === "for" || w.raw === "case" || w.raw === "select")) {
          this.skipHeader(w.raw);
          cur = undefined;
          continue;
        }
      }
      cmd.words.push(w);
    }
    finish(joiner);
    if (this.pending.length > 0) {
      for (const r of this.pending) r.body ??= "";
      this.pending = [];
    }
    return { commands, truncated: this.truncated };
  }

  /** `for x in a b; do`, `case $x in`: skips the header up to `do` / `in`. */
  private skipHeader(kind: string): void {
    const s = this.s;
    const stop = kind === "case" ? /\bin\b/g : /(?:;|\n)\s*do\b|\bdo\b/g;
    stop.lastIndex = this.i;
    const m = stop.exec(s);
    this.i = m ? m.index + m[0].length : s.length;
  }

  private skipBalanced(open: string, close: string): void {
    const s = this.s;
    let depth = 0;
    while (this.i < s.length && this.tick()) {
      const c = s[this.i]!;
      if (c === open) depth++;
      else if (c === close) {
        depth--;
        if (depth === 0) {
          this.i++;
          return;
        }
      } else if (c === "'" || c === '"') {
        const j = s.indexOf(c, this.i + 1);
        this.i = j < 0 ? s.length : j;
      }
      this.i++;
    }
  }

  private tryRedirect(): Redirect | undefined {
    const s = this.s;
    const m = /^(\d{1,2})?(<<<|<<-|<<|<>|<&|>>|>\||>&|&>>|&>|<|>)/.exec(s.slice(this.i, this.i + 6));
    if (!m) return undefined;
    const fd = m[1] !== undefined ? Number(m[1]) : undefined;
    if (m[1] !== undefined && m[2]!.startsWith("&")) return undefined; // `2&>` is not a redirect
    this.i += m[0].length;
    while (this.i < s.length && isBlank(s[this.i]!)) this.i++;
    const target = this.i < s.length && !isMeta(s[this.i]!) ? this.word() : emptyWord();
    const r: Redirect = { op: m[2]!, target };
    if (fd !== undefined) r.fd = fd;
    if (r.op === "<<" || r.op === "<<-") this.pending.push(r);
    return r;
  }

  /** After a newline: the bodies of the heredocs opened on the line before. */
  private readHeredocBodies(): void {
    const s = this.s;
    for (const r of this.pending) {
      const delim = r.target.text;
      const chomp = r.op === "<<-";
      let body = "";
      for (;;) {
        if (this.i >= s.length || !this.tick()) break;
        const nl = s.indexOf("\n", this.i);
        const line = s.slice(this.i, nl < 0 ? s.length : nl);
        this.i = nl < 0 ? s.length : nl + 1;
        const cmp = chomp ? line.replace(/^\t+/, "") : line;
        if (cmp === delim || cmp.replace(/\r$/, "") === delim) break;
        body += (chomp ? cmp : line) + "\n";
      }
      r.body = body;
      if (!r.target.quoted) r.bodyWord = expansionsOf(body, this.budget, this.depth);
    }
    this.pending = [];
  }

  private processSubstitution(): Word {
    const s = this.s;
    const start = this.i;
    this.i += 2;
    const w = emptyWord();
    if (this.depth < MAX_DEPTH) {
      const inner = new Reader(s, this.budget, this.depth + 1);
      inner.i = this.i;
      w.subs.push(inner.script(")"));
      this.i = inner.i;
    } else this.truncated = true;
    if (s[this.i] === ")") this.i++;
    w.raw = s.slice(start, this.i);
    w.text = w.raw;
    return w;
  }

  /** Reads one word at `i` (which must not be a metacharacter). */
  word(): Word {
    const s = this.s;
    const start = this.i;
    const w = emptyWord();
    while (this.i < s.length && this.tick()) {
      const c = s[this.i]!;
      if (isMeta(c)) break;
      if (c === "\\") {
        const next = s[this.i + 1];
        if (next === "\n") {
          this.i += 2;
          continue;
        }
        w.text += next ?? "";
        this.i += 2;
        continue;
      }
      if (c === "'") {
        const j = s.indexOf("'", this.i + 1);
        const end = j < 0 ? s.length : j;
        w.text += s.slice(this.i + 1, end);
        w.quoted = true;
        this.i = end + 1;
        continue;
      }
      if (c === '"') {
        w.quoted = true;
        this.i++;
        this.doubleQuoted(w, '"');
        if (s[this.i] === '"') this.i++;
        continue;
      }
      if (c === "$") {
        this.dollar(w);
        continue;
      }
      if (c === "`") {
        this.backtick(w);
        continue;
      }
      w.text += c;
      this.i++;
    }
    if (this.i > s.length) this.i = s.length;
    w.raw = s.slice(start, this.i);
    return w;
  }

  /** Inside double quotes (or a heredoc body when `end` is undefined): escapes, `$` and backticks. */
  doubleQuoted(w: Word, end: string | undefined): void {
    const s = this.s;
    while (this.i < s.length && this.tick()) {
      const c = s[this.i]!;
      if (c === end) return;
      if (c === "\\") {
        const next = s[this.i + 1];
        if (next === "\n") {
          this.i += 2;
          continue;
        }
        if (next === "$" || next === "`" || next === '"' || next === "\\") {
          w.text += next;
          this.i += 2;
          continue;
        }
        w.text += c;
        this.i++;
        continue;
      }
      if (c === "$") {
        this.dollar(w);
        continue;
      }
      if (c === "`") {
        this.backtick(w);
        continue;
      }
      w.text += c;
      this.i++;
    }
  }

  private dollar(w: Word): void {
    const s = this.s;
    const start = this.i;
    const next = s[this.i + 1];
    if (next === "(" && s[this.i + 2] === "(") {
      // $(( arithmetic )): variables inside, no command.
      this.i += 1;
      this.skipBalanced("(", ")");
      const inner = s.slice(start + 3, this.i);
      for (const m of inner.matchAll(/\$?\b([A-Za-z_][A-Za-z0-9_]*)\b/g)) w.vars.push(m[1]!);
    } else if (next === "(") {
      this.i += 2;
      if (this.depth < MAX_DEPTH) {
        const inner = new Reader(s, this.budget, this.depth + 1);
        inner.i = this.i;
        w.subs.push(inner.script(")"));
        this.i = inner.i;
        if (inner.truncated) this.truncated = true;
      } else {
        this.truncated = true;
        this.skipBalanced("(", ")");
      }
      if (s[this.i] === ")") this.i++;
    } else if (next === "{") {
      let depth = 0;
      let j = this.i + 1;
      for (; j < s.length; j++) {
        if (s[j] === "{") depth++;
        else if (s[j] === "}") {
          depth--;
          if (depth === 0) break;
        }
      }
      const inner = s.slice(this.i + 2, j);
      const name = /^[#!]?([A-Za-z_][A-Za-z0-9_]*)/.exec(inner);
      if (name) w.vars.push(name[1]!);
      for (const m of inner.slice(name ? name[0].length : 0).matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) w.vars.push(m[1]!);
      this.i = Math.min(s.length, j + 1);
    } else if (next === "'") {
      // $'…' ANSI-C quoting.
      const j = s.indexOf("'", this.i + 2);
      const end = j < 0 ? s.length : j;
      w.text += s.slice(this.i + 2, end);
      w.quoted = true;
      this.i = end + 1;
      return;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let j = this.i + 1;
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j]!)) j++;
      w.vars.push(s.slice(this.i + 1, j));
      this.i = j;
    } else if (next !== undefined && /[0-9@*#?$!-]/.test(next)) {
      this.i += 2;
    } else {
      this.i++;
    }
    w.text += s.slice(start, this.i);
  }

  private backtick(w: Word): void {
    const s = this.s;
    const start = this.i;
    let j = this.i + 1;
    let inner = "";
    while (j < s.length && s[j] !== "`") {
      if (s[j] === "\\" && j + 1 < s.length) {
        inner += s[j + 1] === "`" || s[j + 1] === "\\" || s[j + 1] === "$" ? s[j + 1] : s[j]! + s[j + 1]!;
        j += 2;
        continue;
      }
      inner += s[j];
      j++;
    }
    this.i = Math.min(s.length, j + 1);
    if (this.depth < MAX_DEPTH) {
      const r = new Reader(inner, this.budget, this.depth + 1);
      w.subs.push(r.script());
    } else this.truncated = true;
    w.text += s.slice(start, this.i);
  }
}

/** The expansions in a heredoc body or other double-quote-like text. */
function expansionsOf(text: string, budget: Budget, depth: number): Word {
  const r = new Reader(text, budget, depth);
  const w = emptyWord();
  r.doubleQuoted(w, undefined);
  w.raw = text;
  return w;
}

/** Default work allowed per script: generous for real commands, bounded for hostile ones. */
const DEFAULT_BUDGET = 2_000_000;

/** Parses a shell script. Never throws. */
export function parseShell(script: string, budget = DEFAULT_BUDGET): Script {
  return new Reader(script, { steps: budget }, 0).script();
}

/** The expansions (`$VAR`, `$(…)`) of text read like a double-quoted string (an expanding heredoc body). */
export function parseExpansions(text: string, budget = DEFAULT_BUDGET): Word {
  return expansionsOf(text, { steps: budget }, 0);
}

/** Every command of a script, including those inside command substitutions, depth first. */
export function* allCommands(script: Script): Generator<Command> {
  for (const c of script.commands) {
    yield c;
    for (const w of [...c.words, ...c.assignments.map((a) => a.value), ...c.redirects.map((r) => r.target), ...c.redirects.flatMap((r) => (r.bodyWord ? [r.bodyWord] : []))]) {
      for (const sub of w.subs) yield* allCommands(sub);
    }
  }
}

/** True for a valid shell variable name. */
export function isName(s: string): boolean {
  return NAME_RE.test(s);
}
