import { escapeRegExp } from "../util/text.js";

/** A `NAME=value` pair read from history (a build arg, an ENV, an ARG default, a LABEL). */
export interface NamedValue {
  name: string;
  value: string;
}

/** What a history `created_by` says the instruction was. */
export interface ParsedHistory {
  /** Dockerfile instruction in upper case (`RUN`, `ENV`, `COPY`…), or undefined when unknown (e.g. `docker import`). */
  instruction?: string;
  /** Build args the legacy builder / BuildKit recorded for a RUN (`|N K=V …`). */
  buildArgs: NamedValue[];
  /** ENV pairs, ARG declarations with defaults, LABEL pairs. */
  pairs: NamedValue[];
  /** ARG names declared (with or without defaults). */
  declaredArgs: string[];
  /** The instruction's arguments after the keyword and build args (the RUN command, the COPY spec…). */
  body: string;
  /** Which builder's format this was. */
  form: "legacy" | "buildkit" | "plain";
}

/** Build args Docker predefines: always allowed, recorded like declared ones. */
export const PROXY_ARGS = [
  "HTTP_PROXY",
  "http_proxy",
  "HTTPS_PROXY",
  "https_proxy",
  "FTP_PROXY",
  "ftp_proxy",
  "NO_PROXY",
  "no_proxy",
  "ALL_PROXY",
  "all_proxy",
];

const INSTRUCTIONS = new Set([
  "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
]);

/** Shell prefixes that start the command after the build args (POSIX, Windows cmd and PowerShell). */
const SHELL_STARTS = [/ \/bin\/(?:ba|da|a)?sh -c /, / cmd \/S \/C /i, / powershell(?:\.exe)? (?:-\w+ )*-Command /i, / pwsh (?:-\w+ )*-Command /i];

/** The shell a RUN's command runs under, as builders write it before the command. */
const SHELL_PREFIX = /^(?:\/bin\/(?:ba|da|a)?sh -c |cmd \/S \/C |powershell(?:\.exe)? (?:-\w+ )*-Command )([\s\S]*)$/i;

const NAME_AT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * Splits `|N K=V K2=V2 … command` exactly. Builders write the pairs unquoted and joined by
 * spaces, so a value may hold spaces, quotes and `=`: a new pair starts only at ` NAME=` where
 * NAME is a known ARG (declared earlier in the history, or predefined) when names are known,
 * and the command starts at the shell (`/bin/sh -c`, `cmd /S /C`, …) or the configured one.
 */
export function parseBuildArgs(text: string, declared: ReadonlySet<string>, shells: readonly string[] = []): { args: NamedValue[]; rest: string } | undefined {
  const head = /^\|(\d+) /.exec(text);
  if (!head) return undefined;
  const count = Number(head[1]);
  if (!Number.isSafeInteger(count) || count > 10000) return undefined;
  let s = text.slice(head[0].length);
  if (count === 0) return { args: [], rest: s };
  // Where the command starts: the first shell prefix after the first pair's `=`.
  const firstEq = s.indexOf("=");
  if (firstEq < 0) return undefined;
  let cmdAt = -1;
  const starts = [...SHELL_STARTS, ...shells.filter(Boolean).map((sh) => new RegExp(` ${escapeRegExp(sh)} `))];
  for (const re of starts) {
    const m = re.exec(s.slice(firstEq));
    if (m && (cmdAt < 0 || firstEq + m.index < cmdAt)) cmdAt = firstEq + m.index;
  }
  let pairsText: string;
  let rest: string;
  if (cmdAt >= 0) {
    pairsText = s.slice(0, cmdAt);
    rest = s.slice(cmdAt + 1);
  } else {
    // Exec-form RUN (`|1 A=b echo hi`): with no shell to anchor on, the last value ends at a space.
    pairsText = s;
    rest = "";
  }
  // With the ARG names the history declares, only ` NAME=` of such a name (or a predefined proxy
  // arg) starts a pair. Without them (a squashed history), any ` NAME=` does, up to N pairs. N is
  // only a bound: Docker writes the pair count, buildah the count of space-separated words.
  const boundaries: number[] = [0];
  const known = declared.size > 0;
  for (let i = pairsText.indexOf(" "); i >= 0 && (known || boundaries.length < count); i = pairsText.indexOf(" ", i + 1)) {
    const m = NAME_AT.exec(pairsText.slice(i + 1));
    if (!m) continue;
    const name = m[0].slice(0, -1);
    if (!known || declared.has(name) || PROXY_ARGS.includes(name)) boundaries.push(i + 1);
  }
  const args: NamedValue[] = [];
  for (let k = 0; k < boundaries.length; k++) {
    const from = boundaries[k]!;
    const to = k + 1 < boundaries.length ? boundaries[k + 1]! - 1 : pairsText.length;
    const pair = pairsText.slice(from, to);
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    args.push({ name: pair.slice(0, eq), value: pair.slice(eq + 1) });
  }
  if (cmdAt < 0 && args.length > 0) {
    const last = args[args.length - 1]!;
    const sp = last.value.indexOf(" ");
    if (sp >= 0) {
      rest = last.value.slice(sp + 1);
      last.value = last.value.slice(0, sp);
    }
  }
  s = rest;
  return { args, rest: s };
}

/**
 * Splits `K=V K2="v w"` pairs as ENV/LABEL/ARG write them (with Docker's quoting), or the legacy
 * single-pair `ENV K V` form.
 */
export function parsePairs(text: string, allowLegacy: boolean): NamedValue[] {
  const t = text.trim();
  if (t === "") return [];
  const firstWord = /^[^\s=]+/.exec(t)?.[0] ?? "";
  if (allowLegacy && !t.slice(firstWord.length).startsWith("=")) {
    const value = t.slice(firstWord.length).trim();
    return [{ name: firstWord, value }];
  }
  const out: NamedValue[] = [];
  let i = 0;
  while (i < t.length) {
    while (i < t.length && /\s/.test(t[i]!)) i++;
    if (i >= t.length) break;
    const word = readWord(t, i);
    i = word.end;
    const eq = word.text.indexOf("=");
    if (eq < 0) out.push({ name: word.text, value: "" });
    else out.push({ name: word.text.slice(0, eq), value: word.text.slice(eq + 1) });
  }
  return out;
}

/** Reads one shell-like word starting at `i`, removing quotes and backslash escapes. */
function readWord(t: string, i: number): { text: string; end: number } {
  let out = "";
  while (i < t.length && !/\s/.test(t[i]!)) {
    const c = t[i]!;
    if (c === "\\" && i + 1 < t.length) {
      out += t[i + 1];
      i += 2;
    } else if (c === '"' || c === "'") {
      const close = t.indexOf(c, i + 1);
      if (close < 0) {
        out += t.slice(i + 1);
        i = t.length;
      } else {
        out += c === '"' ? t.slice(i + 1, close).replace(/\\(["\\$`])/g, "$1") : t.slice(i + 1, close);
        i = close + 1;
      }
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, end: i };
}

/**
 * Reads a history `created_by`: the legacy builder's (`/bin/sh -c #(nop)  ENV K=V`,
 * `|1 K=V /bin/sh -c cmd`), BuildKit's (`RUN |1 K=V /bin/sh -c cmd # buildkit`, `ENV K=V`) and
 * buildah's (like the legacy builder, keeping `--mount` text). `knownArgs` are ARG names declared
 * earlier in the same history.
 */
export function parseCreatedBy(createdBy: string, knownArgs: ReadonlySet<string>, shell: readonly string[] = []): ParsedHistory {
  const result: ParsedHistory = { buildArgs: [], pairs: [], declaredArgs: [], body: createdBy, form: "plain" };
  let text = createdBy.trim();
  const shellPrefix = shell.length ? shell.join(" ") : "";

  // BuildKit: `INSTR args # buildkit` (the marker only on RUN/COPY/ADD).
  const bk = /^([A-Z]+) ([\s\S]*)$/.exec(text);
  if (bk && INSTRUCTIONS.has(bk[1]!) && (bk[1] !== "RUN" || !text.startsWith("RUN /bin/sh -c #(nop)"))) {
    result.form = "buildkit";
    result.instruction = bk[1]!;
    let body = bk[2]!.replace(/\s*# buildkit$/, "");
    if (result.instruction === "RUN") {
      const parsed = parseBuildArgs(body, knownArgs, shellPrefix ? [shellPrefix] : []);
      if (parsed) {
        result.buildArgs = parsed.args;
        body = parsed.rest;
      }
      body = SHELL_PREFIX.exec(body)?.[1] ?? body;
    }
    result.body = body;
    fillPairs(result, body);
    return result;
  }

  // Legacy / buildah: optional `|N K=V …`, then the shell, then `#(nop) INSTR …` or the RUN command.
  const parsed = parseBuildArgs(text, knownArgs, shellPrefix ? [shellPrefix] : []);
  if (parsed) {
    result.buildArgs = parsed.args;
    text = parsed.rest;
  }
  result.form = "legacy";
  const nop = /^(?:\/bin\/sh -c |cmd \/S \/C |powershell(?:\.exe)? (?:-\w+ )*-Command )?#\(nop\)\s*([A-Za-z]+)\s?([\s\S]*)$/i.exec(text);
  if (nop) {
    result.instruction = nop[1]!.toUpperCase();
    result.body = nop[2]!.trim();
    fillPairs(result, result.body);
    return result;
  }
  const run = SHELL_PREFIX.exec(text);
  if (run) {
    result.instruction = "RUN";
    result.body = run[1]!;
    return result;
  }
  if (parsed) {
    result.instruction = "RUN";
    result.body = text;
    return result;
  }
  result.form = "plain";
  result.body = createdBy;
  return result;
}

function fillPairs(result: ParsedHistory, body: string): void {
  switch (result.instruction) {
    case "ENV":
      result.pairs = parsePairs(body, true);
      break;
    case "LABEL":
      result.pairs = parsePairs(body, false);
      break;
    case "ARG": {
      const pairs = parsePairs(body, false);
      result.declaredArgs = pairs.map((p) => p.name);
      result.pairs = pairs.filter((p) => body.includes(`${p.name}=`));
      break;
    }
  }
}
