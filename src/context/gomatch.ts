/**
 * Go's `path/filepath.Match` on Unix, which Docker uses for COPY/ADD sources and to
 * validate `.dockerignore` patterns: `*` any run of non-`/` characters, `?` one non-`/`
 * character, `[…]` a class (`^` negates, `a-z` ranges, `\` escapes), `\` escapes the next
 * character. No special case for dot files and no `**`. Works on code points, as Go works
 * on runes.
 */

/** A pattern Go rejects with `filepath.ErrBadPattern` (Docker fails the build on it). */
export class BadPatternError extends Error {
  constructor(pattern: string) {
    super(`syntax error in pattern ${JSON.stringify(pattern.length > 200 ? pattern.slice(0, 200) + "…" : pattern)}`);
    this.name = "BadPatternError";
  }
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;
const QUESTION = 0x3f;

type Runes = readonly number[];

function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/** Splits off the next chunk: leading stars, then up to the next star outside a class. */
function scanChunk(p: Runes, at: number): { star: boolean; start: number; end: number } {
  let i = at;
  let star = false;
  while (i < p.length && p[i] === STAR) {
    i++;
    star = true;
  }
  const start = i;
  let inRange = false;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === BACKSLASH) {
      if (i + 1 < p.length) i++;
    } else if (c === LBRACKET) inRange = true;
    else if (c === RBRACKET) inRange = false;
    else if (c === STAR && !inRange) break;
  }
  return { star, start, end: i };
}

class Bad extends Error {}

/** One (possibly escaped) character of a class; throws Bad on a syntax error. */
function getEsc(p: Runes, at: number, end: number): { r: number; next: number } {
  if (at >= end || p[at] === DASH || p[at] === RBRACKET) throw new Bad();
  if (p[at] === BACKSLASH) {
    at++;
    if (at >= end) throw new Bad();
  }
  const r = p[at]!;
  if (at + 1 >= end) throw new Bad();
  return { r, next: at + 1 };
}

/**
 * Matches one chunk (no stars) at the start of `s[si…]`: the index after the match, or -1.
 * Checks the whole chunk's syntax even after a mismatch (as Go does); throws Bad when wrong.
 */
function matchChunk(p: Runes, cs: number, ce: number, s: Runes, si: number): number {
  let failed = false;
  let c = cs;
  while (c < ce) {
    if (!failed && si >= s.length) failed = true;
    const ch = p[c]!;
    if (ch === LBRACKET) {
      let r = 0;
      if (!failed) r = s[si++]!;
      c++;
      let negated = false;
      if (c < ce && p[c] === CARET) {
        negated = true;
        c++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (c < ce && p[c] === RBRACKET && nrange > 0) {
          c++;
          break;
        }
        const lo = getEsc(p, c, ce);
        let hi = lo.r;
        c = lo.next;
        if (p[c] === DASH) {
          const h = getEsc(p, c + 1, ce);
          hi = h.r;
          c = h.next;
        }
        if (lo.r <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (ch === QUESTION) {
      if (!failed) {
        if (s[si] === SLASH) failed = true;
        si++;
      }
      c++;
    } else {
      if (ch === BACKSLASH) {
        c++;
        if (c >= ce) throw new Bad();
      }
      if (!failed) {
        if (p[c] !== s[si]) failed = true;
        si++;
      }
      c++;
    }
  }
  return failed ? -1 : si;
}

function matchRunes(p: Runes, name: Runes): boolean {
  let pi = 0;
  let ni = 0;
  outer: while (pi < p.length) {
    const { star, start, end } = scanChunk(p, pi);
    pi = end;
    if (star && start === end) {
      // A trailing * matches the rest of the name unless it holds a /.
      for (let k = ni; k < name.length; k++) if (name[k] === SLASH) return false;
      return true;
    }
    let t = -1;
    let err: unknown;
    try {
      t = matchChunk(p, start, end, name, ni);
    } catch (e) {
      err = e;
    }
    if (t >= 0 && (t === name.length || pi < p.length)) {
      ni = t;
      continue;
    }
    if (err) throw err;
    if (star) {
      for (let i = ni; i < name.length && name[i] !== SLASH; i++) {
        const u = matchChunk(p, start, end, name, i + 1);
        if (u >= 0) {
          if (pi === p.length && u < name.length) continue;
          ni = u;
          continue outer;
        }
      }
    }
    // No match: the rest of the pattern must still be valid.
    while (pi < p.length) {
      const next = scanChunk(p, pi);
      pi = next.end;
      matchChunk(p, next.start, next.end, [], 0);
    }
    return false;
  }
  return ni === name.length;
}

/** Go's `filepath.Match(pattern, name)`; throws BadPatternError where Go returns ErrBadPattern. */
export function goMatch(pattern: string, name: string): boolean {
  try {
    return matchRunes(runes(pattern), runes(name));
  } catch (e) {
    if (e instanceof Bad) throw new BadPatternError(pattern);
    throw e;
  }
}

/** True when Go accepts the pattern (Docker checks `.dockerignore` patterns this way). */
export function validGoPattern(pattern: string): boolean {
  try {
    goMatch(pattern, ".");
    return true;
  } catch {
    return false;
  }
}

/** True when a path has glob characters Docker expands (`*`, `?`, `[`, or a `\` escape). */
export function hasGlobMeta(path: string): boolean {
  return /[*?[\\]/.test(path);
}
