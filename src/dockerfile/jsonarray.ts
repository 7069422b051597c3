/**
 * Scans a JSON array at a position of a string, recording where each element
 * is. Mirrors how Docker decodes exec-form arguments: the first JSON value is
 * decoded and anything after the closing `]` is ignored.
 */

export interface JsonArrayItem {
  /** Index of the element's first character. */
  start: number;
  /** Index just after the element. */
  end: number;
  /** Decoded value when the element is a string, else `undefined`. */
  value: string | undefined;
}

export type JsonArrayResult =
  | { ok: true; items: JsonArrayItem[]; end: number }
  | { ok: false; error: string; at: number };

const MAX_DEPTH = 1000;

class JsonError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

class Scanner {
  pos: number;
  constructor(
    readonly s: string,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  ws(): void {
    const s = this.s;
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  fail(msg: string): never {
    throw new JsonError(msg, this.pos);
  }

  string(): string {
    const s = this.s;
    const start = this.pos;
    this.pos++; // opening quote
    let simple = true;
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        const lit = s.slice(start, this.pos);
        return simple ? lit.slice(1, -1) : (JSON.parse(lit) as string);
      }
      if (c < 0x20) this.fail("invalid character in string literal");
      if (c === 0x5c) {
        simple = false;
        const n = s.charAt(this.pos + 1);
        if (n === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(this.pos + 2, this.pos + 6)) || this.pos + 6 > this.end) this.fail("invalid escape in string literal");
          this.pos += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(n) || n === "" || this.pos + 1 >= this.end) this.fail("invalid escape in string literal");
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    return this.fail("unexpected end of JSON input");
  }

  number(): void {
    const s = this.s;
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = this.pos;
    const r = m.exec(s);
    if (!r || r[0] === "" || r[0] === "-") this.fail("invalid number literal");
    const next = this.pos + r[0].length;
    if (next > this.end) this.fail("unexpected end of JSON input");
    this.pos = next;
  }

  literal(word: string): void {
    if (this.s.startsWith(word, this.pos) && this.pos + word.length <= this.end) this.pos += word.length;
    else this.fail("invalid literal");
  }

  value(depth: number): string | undefined {
    if (depth > MAX_DEPTH) this.fail("exceeded max depth");
    this.ws();
    if (this.pos >= this.end) this.fail("unexpected end of JSON input");
    const c = this.s.charAt(this.pos);
    switch (c) {
      case '"':
        return this.string();
      case "[":
        this.array(depth + 1, undefined);
        return undefined;
      case "{":
        this.object(depth + 1);
        return undefined;
      case "t":
        this.literal("true");
        return undefined;
      case "f":
        this.literal("false");
        return undefined;
      case "n":
        this.literal("null");
        return undefined;
      default:
        if (c === "-" || (c >= "0" && c <= "9")) {
          this.number();
          return undefined;
        }
        return this.fail(`invalid character '${c}' looking for beginning of value`);
    }
  }

  array(depth: number, items: JsonArrayItem[] | undefined): void {
    this.pos++; // [
    this.ws();
    if (this.s.charAt(this.pos) === "]" && this.pos < this.end) {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      const start = this.pos;
      const v = this.value(depth);
      items?.push({ start, end: this.pos, value: v });
      this.ws();
      if (this.pos >= this.end) this.fail("unexpected end of JSON input");
      const c = this.s.charAt(this.pos);
      this.pos++;
      if (c === "]") return;
      if (c !== ",") this.fail(`invalid character '${c}' after array element`);
    }
  }

  object(depth: number): void {
    this.pos++; // {
    this.ws();
    if (this.s.charAt(this.pos) === "}" && this.pos < this.end) {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.s.charAt(this.pos) !== '"' || this.pos >= this.end) this.fail("invalid character looking for beginning of object key string");
      this.string();
      this.ws();
      if (this.s.charAt(this.pos) !== ":" || this.pos >= this.end) this.fail("invalid character after object key");
      this.pos++;
      this.value(depth);
      this.ws();
      if (this.pos >= this.end) this.fail("unexpected end of JSON input");
      const c = this.s.charAt(this.pos);
      this.pos++;
      if (c === "}") return;
      if (c !== ",") this.fail(`invalid character '${c}' after object key:value pair`);
    }
  }
}

/** Scans `s[start..end)`, which must begin with `[`. */
export function scanJsonArray(s: string, start: number, end: number): JsonArrayResult {
  if (s.charAt(start) !== "[" || start >= end) return { ok: false, error: "not a JSON array", at: start };
  const sc = new Scanner(s, start, end);
  const items: JsonArrayItem[] = [];
  try {
    sc.array(1, items);
  } catch (e) {
    if (e instanceof JsonError) return { ok: false, error: e.message, at: e.at };
    return { ok: false, error: e instanceof Error ? e.message : String(e), at: sc.pos };
  }
  return { ok: true, items, end: sc.pos };
}
