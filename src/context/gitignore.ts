/**
 * `.gitignore` as git reads it, only to tell a person that a file git ignores is still sent to
 * the Docker builder (`.gitignore` does not apply to docker builds). Git's rules: a pattern
 * without a `/` (other than a trailing one) matches a name at any depth below its file's
 * directory, one with a `/` is relative to that directory; a trailing `/` matches directories
 * only; `**` spans directories; `!` re-includes, except under an ignored directory (git never
 * looks inside one); deeper `.gitignore` files override shallower ones, and every
 * `.gitignore` overrides `.git/info/exclude`.
 */

interface GitPattern {
  /** Directory of the file that holds it, relative to the root ("" for the root). */
  base: string;
  negate: boolean;
  dirOnly: boolean;
  /** Matched against the path relative to `base` (else against the last component). */
  anchored: boolean;
  regexp: RegExp;
}

/** A glob of git's wildmatch as a regular expression (`*`, `?`, `[…]`, `**`, `\` escapes). */
function globToRegExp(glob: string): RegExp | undefined {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === "/";
        let j = i + 2;
        if (atStart && (j === glob.length || glob[j] === "/")) {
          // `**/` (any leading directories), `/**` (everything inside), `/**/` (zero or more directories).
          if (j === glob.length) re += ".*";
          else {
            re += "(?:.*/)?";
            j++;
          }
          i = j - 1;
          continue;
        }
        while (glob[j] === "*") j++;
        re += "[^/]*";
        i = j - 1;
      } else re += "[^/]*";
    } else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) re += "\\[";
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith("!")) body = "^" + body.slice(1);
        re += "[" + body.replace(/[\\[\]]/g, (c) => "\\" + c) + "]";
        i = close;
      }
    } else if (ch === "\\" && i + 1 < glob.length) {
      re += escapeChar(glob[++i]!);
    } else re += escapeChar(ch);
  }
  try {
    return new RegExp("^" + re + "$", "u");
  } catch {
    return undefined;
  }
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? "\\" + ch : ch;
}

/** Parses one ignore file's text; `base` is its directory relative to the root. */
export function parseGitignore(text: string, base: string): GitPattern[] {
  const out: GitPattern[] = [];
  for (let line of text.split("\n")) {
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line === "" || line.startsWith("#")) continue;
    // Trailing spaces are dropped unless escaped.
    line = line.replace(/(?<!\\)[ \t]+$/, "");
    if (line === "") continue;
    let negate = false;
    if (line.startsWith("!")) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith("\\!") || line.startsWith("\\#")) line = line.slice(1);
    let dirOnly = false;
    if (line.endsWith("/") && !line.endsWith("\\/")) {
      dirOnly = true;
      line = line.replace(/\/+$/, "");
    }
    if (line === "") continue;
    const anchored = line.includes("/");
    if (line.startsWith("/")) line = line.slice(1);
    const regexp = globToRegExp(line);
    if (regexp) out.push({ base, negate, dirOnly, anchored, regexp });
  }
  return out;
}

/** The ignore rules of a tree: `.git/info/exclude` and every `.gitignore`, by directory. */
export class GitIgnore {
  private readonly byDir = new Map<string, GitPattern[]>();
  private readonly exclude: GitPattern[] = [];
  private readonly cache = new Map<string, boolean>();

  /** Adds the `.gitignore` of directory `dir` (relative to the root, "" for the root). */
  addFile(dir: string, text: string): void {
    this.byDir.set(dir, parseGitignore(text, dir));
    this.cache.clear();
  }

  /** Adds `.git/info/exclude` (lowest precedence). */
  addExclude(text: string): void {
    this.exclude.push(...parseGitignore(text, ""));
    this.cache.clear();
  }

  get empty(): boolean {
    return this.byDir.size === 0 && this.exclude.length === 0;
  }

  /** Whether git ignores the path (relative, `/`-separated). */
  ignores(path: string, isDir: boolean): boolean {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      if (this.decide(parts.slice(0, i).join("/"), true)) return true;
    }
    return this.decide(path, isDir);
  }

  /** The last matching pattern's verdict for this path alone (its parents not considered). */
  private decide(path: string, isDir: boolean): boolean {
    const key = `${isDir ? "d" : "f"}:${path}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const lists: GitPattern[][] = [this.exclude];
    const parts = path.split("/");
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      const list = this.byDir.get(dir);
      if (list) lists.push(list);
    }
    let ignored = false;
    for (const list of lists) {
      for (const p of list) {
        if (p.dirOnly && !isDir) continue;
        const rel = p.base === "" ? path : path.startsWith(p.base + "/") ? path.slice(p.base.length + 1) : undefined;
        if (rel === undefined) continue;
        const subject = p.anchored ? rel : rel.slice(rel.lastIndexOf("/") + 1);
        if (p.regexp.test(subject)) ignored = !p.negate;
      }
    }
    this.cache.set(key, ignored);
    return ignored;
  }
}
