/**
 * `.dockerignore` as Docker reads and applies it, written from the behaviour of moby's
 * `ignorefile.ReadAll` and `patternmatcher` (the matcher BuildKit and the docker CLI use today):
 *
 * - Reading: UTF-8 BOM dropped from the first line; a line whose first character is `#` is a
 *   comment; lines are trimmed; `!` (then trimmed again) marks an exception; the rest is
 *   cleaned like Go's `filepath.Clean` (`a/../b` → `b`, `./a` → `a`, trailing `/` dropped) and
 *   one leading `/` is removed. A lone `!` or a pattern Go's `filepath.Match` rejects fails the
 *   build: they are reported as errors and left out.
 * - Matching one pattern: the pattern becomes a regular expression where `*` and `?` never
 *   cross `/`, `**` crosses any number of directories, and `.+()|{}$` are literal; a pattern
 *   with no wildcard compares exactly, `…**` as a prefix and `**…` as a suffix (so `**.pem`
 *   matches every path ending in `.pem`, as in moby).
 * - Matching a path: the last pattern that matches decides (`!` re-includes). A pattern also
 *   matches everything under a directory it matches; while walking, that is carried from each
 *   directory to its children as `MatchesUsingParentResults` does.
 *
 * Why not `@balena/dockerignore` at run time: it ports moby 19.03's `Matches`, which moby has
 * since deprecated as buggy. It escapes only `.` and `$` (so `a+b`, `(x)` are read as regular
 * expressions), has no exact/prefix/suffix match types (`**.pem` differs), keeps a BOM, drops a
 * lone `!` silently where Docker fails, and matches case-insensitively by default. It is the
 * oracle for the common cases in the tests instead (see test/unit/context/dockerignore.test.ts).
 */

import { isUnicodeSpace } from "../dockerfile/expand.js";
import { validGoPattern } from "./gomatch.js";

/** One pattern of an ignore file, cleaned as Docker cleans it. */
export interface IgnorePattern {
  /** 1-based line in the ignore file (0 when given programmatically). */
  line: number;
  /** The line as written, trimmed. */
  source: string;
  /** Cleaned pattern, without the leading `!`. */
  pattern: string;
  /** `!pattern`: re-includes what earlier patterns excluded. */
  exclusion: boolean;
}

/** A line Docker would refuse (the build fails on it). */
export interface IgnoreError {
  line: number;
  message: string;
}

export interface ParsedIgnoreFile {
  patterns: IgnorePattern[];
  errors: IgnoreError[];
}

/** Go's strings.TrimSpace. */
function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isUnicodeSpace(s.charCodeAt(a))) a++;
  while (b > a && isUnicodeSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Go's path.Clean (forward slashes, as `filepath.Clean` on Linux). */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}

/** Splits ignore-file text into lines as Go's bufio.ScanLines does (`\n`, a trailing `\r` dropped). */
function scanLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}

/** Reads `.dockerignore` text as Docker does; never throws. */
export function parseIgnoreFile(text: string): ParsedIgnoreFile {
  const patterns: IgnorePattern[] = [];
  const errors: IgnoreError[] = [];
  scanLines(text).forEach((raw, i) => {
    const line = i + 1;
    const scanned = i === 0 && raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
    if (scanned.startsWith("#")) return;
    let p = trimSpace(scanned);
    if (p === "") return;
    const exclusion = p.startsWith("!");
    if (exclusion) p = trimSpace(p.slice(1));
    if (p.length > 0) {
      p = cleanPath(p);
      if (p.length > 1 && p.startsWith("/")) p = p.slice(1);
    }
    const checked = checkPattern(exclusion ? "!" + p : p, line);
    if ("error" in checked) errors.push(checked.error);
    else if (checked.pattern) patterns.push({ ...checked.pattern, source: trimSpace(scanned) });
  });
  return { patterns, errors };
}

/** moby's patternmatcher.New for one pattern: trimmed, cleaned, `!` split off, syntax checked. */
function checkPattern(text: string, line: number): { pattern?: IgnorePattern } | { error: IgnoreError } {
  let p = trimSpace(text);
  if (p === "") return {};
  p = cleanPath(p);
  let exclusion = false;
  if (p.startsWith("!")) {
    if (p.length === 1) return { error: { line, message: 'illegal exclusion pattern: "!"' } };
    exclusion = true;
    p = p.slice(1);
  }
  if (!validGoPattern(p)) return { error: { line, message: `syntax error in pattern ${JSON.stringify(p)}` } };
  return { pattern: { line, source: text, pattern: p, exclusion } };
}

/** Builds patterns from strings (as `docker build` gets them from an ignore file's lines). */
export function patternsFrom(lines: readonly string[]): ParsedIgnoreFile {
  return parseIgnoreFile(lines.join("\n"));
}

type MatchType = "exact" | "prefix" | "suffix" | "regexp" | "invalid";

const ESCAPED = new Set([".", "+", "(", ")", "|", "{", "}", "$"]);
/** Characters a JavaScript `u`-mode regular expression needs escaped to be literal. */
const JS_SPECIAL = /[\\^$.*+?()[\]{}|/]/;

/** A literal character as a regular-expression atom. */
function lit(ch: string): string {
  return JS_SPECIAL.test(ch) ? "\\" + ch : ch;
}

/** Go regexp escapes of a letter that mean a class (ASCII, as RE2 defines them). */
const PERL_CLASSES: Record<string, string> = { d: "[0-9]", D: "[^0-9]", s: "[\\t\\n\\f\\r ]", S: "[^\\t\\n\\f\\r ]", w: "[0-9A-Za-z_]", W: "[^0-9A-Za-z_]" };

/** One compiled pattern. */
export class CompiledPattern {
  readonly type: MatchType;
  private readonly regexp?: RegExp;

  constructor(readonly source: IgnorePattern) {
    const { type, regexp } = compile(source.pattern);
    this.type = type;
    if (regexp) this.regexp = regexp;
  }

  get exclusion(): boolean {
    return this.source.exclusion;
  }

  /** Whether the pattern matches this exact path (no parent directories considered). */
  matches(path: string): boolean {
    const p = this.source.pattern;
    switch (this.type) {
      case "exact":
        return path === p;
      case "prefix":
        return path.startsWith(p.slice(0, -2));
      case "suffix": {
        const suffix = p.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix.startsWith("/") && path === suffix.slice(1);
      }
      case "regexp":
        return this.regexp!.test(path);
      default:
        return false;
    }
  }
}

/** moby's Pattern.compile: the match type, and the expression for `regexp` ones. */
function compile(pattern: string): { type: MatchType; regexp?: RegExp } {
  const chars = [...pattern];
  let type: MatchType = "exact";
  let re = "^";
  let inClass = false;
  for (let i = 0, iter = 0; i < chars.length; i++, iter++) {
    const ch = chars[i]!;
    if (inClass) {
      // Inside a class the characters are the class's (Go's filepath.Match reading).
      if (ch === "]") {
        re += "]";
        inClass = false;
      } else if (ch === "\\" && i + 1 < chars.length) re += lit(chars[++i]!);
      else if (ch === "^" && chars[i - 1] === "[") re += "^";
      else if (ch === "-") re += "-";
      else re += lit(ch);
      continue;
    }
    if (ch === "*") {
      if (chars[i + 1] === "*") {
        i++;
        if (chars[i + 1] === "/") i++;
        if (i + 1 >= chars.length) {
          if (type === "exact") type = "prefix";
          else {
            re += ".*";
            type = "regexp";
          }
        } else {
          re += "(?:.*/)?";
          type = "regexp";
        }
        if (iter === 0) type = "suffix";
      } else {
        re += "[^/]*";
        type = "regexp";
      }
    } else if (ch === "?") {
      re += "[^/]";
      type = "regexp";
    } else if (ESCAPED.has(ch)) {
      re += "\\" + ch;
    } else if (ch === "\\") {
      if (i + 1 < chars.length) {
        const next = chars[++i]!;
        if (/[A-Za-z0-9]/.test(next)) {
          const cls = PERL_CLASSES[next];
          // Go's regexp knows few letter escapes; any other fails to compile, and the build with it.
          if (cls === undefined) return { type: "invalid" };
          re += cls;
        } else re += lit(next);
        type = "regexp";
      } else re += "\\\\";
    } else if (ch === "[") {
      re += "[";
      inClass = true;
      type = "regexp";
    } else if (ch === "]") {
      re += "\\]";
      type = "regexp";
    } else re += lit(ch);
  }
  if (type !== "regexp") return { type };
  try {
    return { type, regexp: new RegExp(re + "$", "u") };
  } catch {
    return { type: "invalid" };
  }
}

/** What a matcher decided for one path, and what its children need to know. */
export interface MatchResult {
  /** Excluded from the build context. */
  excluded: boolean;
  /** The pattern that decided (the last one that matched), if any. */
  decidedBy?: IgnorePattern;
  /** Per pattern: whether it matched this path or a parent (pass to the children). */
  info: readonly boolean[];
}

/** The patterns of an ignore file, applied as Docker applies them. */
export class DockerIgnore {
  readonly patterns: CompiledPattern[];
  /** Some pattern is an exception (`!…`). */
  readonly exclusions: boolean;
  /** Every exception is a plain path (no wildcard): walking can skip excluded directories no exception lies under. */
  private readonly literalExclusions: boolean;

  constructor(patterns: readonly IgnorePattern[]) {
    this.patterns = patterns.map((p) => new CompiledPattern(p));
    this.exclusions = this.patterns.some((p) => p.exclusion);
    this.literalExclusions = this.patterns.every((p) => !p.exclusion || !/[*?[\\]/.test(p.source.pattern));
  }

  static parse(text: string): { ignore: DockerIgnore; errors: IgnoreError[] } {
    const parsed = parseIgnoreFile(text);
    return { ignore: new DockerIgnore(parsed.patterns), errors: parsed.errors };
  }

  /**
   * moby's MatchesUsingParentResults: `path` (relative, `/`-separated, cleaned) given its parent
   * directory's result (undefined for a path at the top, or when unknown: then every parent
   * directory is tried, as MatchesOrParentMatches does).
   */
  match(path: string, parent?: MatchResult): MatchResult {
    const info: boolean[] = new Array<boolean>(this.patterns.length).fill(false);
    let matched = false;
    let decidedBy: IgnorePattern | undefined;
    let dirs: string[] | undefined;
    this.patterns.forEach((pattern, i) => {
      let m = parent ? parent.info[i] === true : false;
      if (!m) {
        // Skip when the pattern could not change the outcome (as moby does; the skipped pattern
        // is then not carried to the children either).
        if (pattern.exclusion !== matched) return;
        m = pattern.matches(path);
        if (!m && !parent) {
          dirs ??= parentDirs(path);
          m = dirs.some((d) => pattern.matches(d));
        }
      }
      info[i] = m;
      if (m) {
        matched = !pattern.exclusion;
        decidedBy = pattern.source;
      }
    });
    const out: MatchResult = { excluded: matched, info };
    if (decidedBy) out.decidedBy = decidedBy;
    return out;
  }

  /** Whether `path` is left out of the build context (moby's MatchesOrParentMatches). */
  excludes(path: string): boolean {
    return this.match(cleanPath(path)).excluded;
  }

  /**
   * Whether a walk must enter an excluded directory, because an exception may re-include
   * something under it (BuildKit's walker: always when an exception has a wildcard, else only
   * when an exception's path lies under the directory).
   */
  mayReincludeUnder(dir: string): boolean {
    if (!this.exclusions) return false;
    if (!this.literalExclusions) return true;
    const prefix = dir + "/";
    return this.patterns.some((p) => p.exclusion && (p.source.pattern + "/").startsWith(prefix));
  }
}

/** The parent directories of a path, shortest first (`a/b/c` → `a`, `a/b`). */
function parentDirs(path: string): string[] {
  const parts = path.split("/");
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join("/"));
  return out;
}
