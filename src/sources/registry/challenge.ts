/** One challenge of a `WWW-Authenticate` header (RFC 7235): `Bearer realm="…",service="…",scope="…"`. */
export interface Challenge {
  /** Auth scheme, lowercased (`bearer`, `basic`). */
  scheme: string;
  /** Parameters by lowercased name; quoted values unescaped. */
  params: Record<string, string>;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * Parses a `WWW-Authenticate` header value into its challenges. Lenient and total: what does not
 * parse is skipped, so any header (hostile or not) gives a list, never an exception.
 */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  const s = header.length > 16384 ? header.slice(0, 16384) : header;
  let i = 0;
  let current: Challenge | undefined;
  const skipSpace = () => {
    while (i < s.length && (s[i] === " " || s[i] === "\t")) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < s.length && TCHAR.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  const readQuoted = (): string => {
    // At the opening quote; an unterminated string runs to the end of the header.
    i++;
    let value = "";
    while (i < s.length && s[i] !== '"') {
      if (s[i] === "\\" && i + 1 < s.length) i++;
      value += s[i];
      i++;
    }
    i++;
    return value;
  };
  while (i < s.length) {
    skipSpace();
    if (s[i] === ",") {
      i++;
      continue;
    }
    const token = readToken();
    if (!token) {
      // A stray character (or a quoted string where a name belongs): skip it.
      if (s[i] === '"') readQuoted();
      else i++;
      continue;
    }
    skipSpace();
    if (s[i] === "=") {
      i++;
      skipSpace();
      let value: string;
      if (s[i] === '"') value = readQuoted();
      else {
        const start = i;
        while (i < s.length && s[i] !== "," && s[i] !== " " && s[i] !== "\t") i++;
        value = s.slice(start, i);
      }
      const name = token.toLowerCase();
      // The first occurrence wins; a parameter before any scheme has no challenge to belong to.
      if (current && !(name in current.params)) current.params[name] = value;
      continue;
    }
    current = { scheme: token.toLowerCase(), params: Object.create(null) as Record<string, string> };
    out.push(current);
  }
  return out;
}
