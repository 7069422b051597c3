/**
 * What one RUN does with secrets: follows secret data (ARG/ENV values, secret mounts, literal
 * credentials) through its shell commands into the files it writes (`>`, `tee`, `cp`, and the
 * config files tools write: `npm set`, `git config`, `docker login`, `aws configure set`, …),
 * into the build log (`cat`, `echo`, `set -x`), and notes which files it removes.
 */

import { posix } from "node:path";
import { isPlaceholder } from "../detect/placeholders.js";
import { allCommands, parseShell, type Command, type Script, type Word } from "./shell.js";
import { covers, looksLikeDir, resolveShellPath } from "./paths.js";
import { mountSources, union, type LiteralSource, type MountSource, type Taint, type TaintSource } from "./taint.js";

/** What a RUN's commands can see. */
export interface RunContext {
  /** WORKDIR. */
  cwd: string;
  home: string;
  /** Taint of a variable of the RUN's environment (secret ARG/ENV in scope, env-mounted secret). */
  envTaint(name: string): Taint | undefined;
  /** Every secret variable of the environment (`env`, `printenv`, `envsubst`). */
  envAll(): Taint;
  /** Secret mounts by absolute path. */
  secretFiles: ReadonlyMap<string, MountSource>;
  /** Credentials found in the RUN's text. */
  literals: readonly LiteralSource[];
  /** The shell traces commands (`SHELL ["/bin/sh", "-xc"]`). */
  xtrace: boolean;
  /** git's credential store file, when an earlier RUN turned it on. */
  gitCredentialStore?: string;
}

/** A file the RUN writes secret data into. */
export interface FileWrite {
  path: string;
  /** Where it is when the destination was a directory (`cp x /root` → `/root/x`). */
  alt?: string;
  taint: Taint;
  /** Who writes it, in words (`npm set`, `echo … >`). */
  tool: string;
  /** Order of the command in the RUN. */
  step: number;
}

export interface Removal {
  /** Absolute path, maybe a glob. */
  pattern: string;
  step: number;
}

/** Secret data printed into the build log. */
export interface Print {
  taint: Taint;
  how: string;
}

/** A path under /run/secrets (or `~/…`) a command names. */
export interface PathRead {
  text: string;
  /** Absolute, when it resolves. */
  path?: string;
  /** Only read when a test says it exists (`[ -f … ] && …`), or under `if`. */
  conditional: boolean;
}

export interface RunEffects {
  writes: FileWrite[];
  removals: Removal[];
  prints: Print[];
  secretReads: PathRead[];
  tildeReads: PathRead[];
  /** Variables the commands reference. */
  vars: Set<string>;
  /** git's credential store, when this RUN turns it on. */
  gitCredentialStore?: string;
}

/** Most writes or removals one RUN keeps (a hostile script must not make matching them quadratic). */
const MAX_EFFECTS = 1000;
const CAT_LIKE = new Set(["cat", "tac", "base64", "base32", "head", "tail", "tr", "cut", "sort", "uniq", "grep", "egrep", "fgrep", "xxd", "od", "hexdump", "strings", "rev", "fold", "nl", "paste", "less", "more"]);
const SCRIPTED = new Set(["sed", "awk", "gawk", "mawk", "jq", "yq", "envsubst", "perl"]);
const SHELLS = new Set(["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"]);
const WRAPPERS = new Set(["sudo", "exec", "nohup", "time", "command", "builtin", "nice", "stdbuf", "timeout", "env", "xargs", "doas", "gosu", "su-exec"]);
const LOG_PATHS = new Set(["/dev/stdout", "/dev/stderr", "/dev/tty", "/proc/self/fd/1", "/proc/self/fd/2", "/proc/1/fd/1", "/proc/1/fd/2", "/dev/fd/1", "/dev/fd/2"]);
/** Keys of config files whose value is a credential (`//reg/:_authToken`, `password`, `token`). */
const AUTH_KEY = /(?:^|[:._/-])_?(?:auth(?:token)?|password|passwd|token|secret|api[-_]?key|access[-_]?key|secret[-_]?access[-_]?key|session[-_]?token)$/i;

interface State {
  cwd: string;
  vars: Map<string, Taint>;
  xtrace: boolean;
  step: number;
  depth: number;
  gitStore: string | undefined;
}

/** Splits arguments into positionals and flags (`--flag=value`, `--flag value` for those in `withValue`, `-abc`). */
function splitArgs(args: readonly Word[], withValue: ReadonlySet<string>): { pos: Word[]; flags: Map<string, Word | true> } {
  const pos: Word[] = [];
  const flags = new Map<string, Word | true>();
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const t = w.text;
    if (t === "--") {
      pos.push(...args.slice(i + 1));
      break;
    }
    if (t.startsWith("-") && t.length > 1 && !w.quoted) {
      const eq = t.indexOf("=");
      if (t.startsWith("--") && eq > 0) {
        const raw = w.raw.slice(w.raw.indexOf("=") + 1);
        flags.set(t.slice(0, eq), { ...w, raw, text: t.slice(eq + 1) });
      } else if (withValue.has(t) && i + 1 < args.length) {
        flags.set(t, args[++i]!);
      } else flags.set(t, true);
      continue;
    }
    pos.push(w);
  }
  return { pos, flags };
}

function flagWord(flags: Map<string, Word | true>, ...names: string[]): Word | undefined {
  for (const n of names) {
    const v = flags.get(n);
    if (v !== undefined && v !== true) return v;
  }
  return undefined;
}

function hasFlag(flags: Map<string, Word | true>, ...names: string[]): boolean {
  return names.some((n) => flags.has(n));
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

class RunAnalyzer {
  readonly fx: RunEffects = { writes: [], removals: [], prints: [], secretReads: [], tildeReads: [], vars: new Set() };
  private readonly nameLiterals = new Map<string, LiteralSource>();

  constructor(private readonly ctx: RunContext) {}

  run(script: Script): void {
    const st: State = { cwd: this.ctx.cwd, vars: new Map(), xtrace: this.ctx.xtrace, step: 0, depth: 0, gitStore: this.ctx.gitCredentialStore };
    this.collectReads(script);
    this.script(script, st, false);
    if (st.gitStore !== this.ctx.gitCredentialStore && st.gitStore !== undefined) this.fx.gitCredentialStore = st.gitStore;
  }

  private resolve(text: string, st: State): string | undefined {
    return resolveShellPath(text, st.cwd, this.ctx.home);
  }

  private home(rel: string): string {
    return posix.join(this.ctx.home, rel);
  }

  /** The secret mounts a path names (`/run/secrets/*` names them all). */
  private secretAt(text: string, st: State): MountSource[] {
    const p = this.resolve(text, st);
    if (p === undefined) return [];
    const exact = this.ctx.secretFiles.get(p);
    if (exact) return [exact];
    if (/[*?[]/.test(p)) return [...this.ctx.secretFiles.entries()].filter(([k]) => covers(p, k)).map(([, v]) => v);
    return [];
  }

  private wordTaint(w: Word, st: State): Taint {
    const out: TaintSource[] = [];
    for (const v of w.vars) {
      this.fx.vars.add(v);
      const t = st.vars.get(v) ?? this.ctx.envTaint(v);
      if (t) out.push(...t);
    }
    for (const sub of w.subs) out.push(...this.script(sub, st, true));
    for (const lit of this.ctx.literals) if (w.raw.includes(lit.value) || w.text.includes(lit.value)) out.push(lit);
    return union(out);
  }

  /** A credential given literally as the value of an auth key (`npm set //r/:_authToken=abc…`). */
  private nameLiteral(words: readonly Word[]): Taint {
    const out: LiteralSource[] = [];
    const check = (key: string, value: Word | string) => {
      const v = typeof value === "string" ? value : value.text;
      const literal = typeof value === "string" ? !/[$`]/.test(value) : value.vars.length === 0 && value.subs.length === 0;
      if (!literal || !AUTH_KEY.test(key.replace(/["']/g, "")) || v.length < 6 || isPlaceholder(v)) return;
      const known = this.ctx.literals.find((l) => v.includes(l.value));
      if (known) return;
      let lit = this.nameLiterals.get(v);
      if (!lit) {
        lit = { type: "literal", value: v, kind: "generic-secret", severity: "high" };
        this.nameLiterals.set(v, lit);
      }
      out.push(lit);
    };
    for (let i = 0; i < words.length; i++) {
      const t = words[i]!.text;
      const eq = t.indexOf("=");
      if (eq > 0) check(t.slice(0, eq), t.slice(eq + 1));
      else if (i + 1 < words.length) {
        check(t, words[i + 1]!);
        i++;
      }
    }
    return out;
  }

  private write(st: State, path: string | undefined, taint: Taint, tool: string, alt?: string): void {
    if (path === undefined || taint.length === 0 || this.fx.writes.length >= MAX_EFFECTS) return;
    const w: FileWrite = { path, taint, tool, step: st.step };
    if (alt !== undefined && alt !== path) w.alt = alt;
    this.fx.writes.push(w);
  }

  /** Runs a script; returns what it prints (to the log, or to the caller's `$(…)` when `captured`). */
  private script(script: Script, st: State, captured: boolean): Taint {
    let result: Taint = [];
    let piped: Taint = [];
    for (const cmd of script.commands) {
      const stdin = cmd.joiner === "|" ? piped : [];
      const out = this.command(cmd, st, stdin, captured);
      if (cmd.pipedOut) piped = out;
      else {
        piped = [];
        if (captured) result = union(result, out);
      }
    }
    return result;
  }

  private command(cmd: Command, st: State, pipeIn: Taint, captured: boolean): Taint {
    st.step++;
    let stdin = pipeIn;
    for (const r of cmd.redirects) {
      if (r.op === "<<" || r.op === "<<-") {
        const body = r.body ?? "";
        const lits = this.ctx.literals.filter((l) => body.includes(l.value));
        stdin = union(stdin, r.bodyWord ? this.wordTaint(r.bodyWord, st) : [], lits);
      } else if (r.op === "<<<") stdin = union(stdin, this.wordTaint(r.target, st));
      else if (r.op === "<" && (r.fd === undefined || r.fd === 0)) stdin = union(stdin, this.secretAt(r.target.text, st));
    }
    const assignTaints = cmd.assignments.map((a) => ({ name: a.name, taint: this.wordTaint(a.value, st) }));
    let words = cmd.words;
    // Wrappers: sudo, env, exec, xargs … run the command that follows.
    let xargs = false;
    while (words.length > 0 && WRAPPERS.has(posix.basename(words[0]!.text))) {
      const w = posix.basename(words[0]!.text);
      if (w === "xargs") xargs = true;
      let i = 1;
      while (i < words.length) {
        const t = words[i]!.text;
        if (t.startsWith("-")) {
          i += /^-[ugCDnI]$|^--user$|^-L$|^-P$|^-d$|^-s$/.test(t) ? 2 : 1;
          continue;
        }
        if (w === "env" && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
          i++;
          continue;
        }
        if (w === "timeout" && /^\d/.test(t)) {
          i++;
          continue;
        }
        break;
      }
      words = words.slice(i);
    }
    if (words.length === 0) {
      if (cmd.words.length === 0) {
        for (const a of assignTaints) st.vars.set(a.name, a.taint);
        this.trace(st, assignTaints.map((a) => a.taint));
        // `$(< /run/secrets/x)`: a redirection alone prints the file.
        return this.stdout(cmd, st, stdin, "cat", captured);
      }
      // `env` alone prints the environment.
      return this.stdout(cmd, st, union(this.ctx.envAll(), ...[...st.vars.values()]), "env", captured);
    }
    const name = posix.basename(words[0]!.text);
    const args = words.slice(1);
    const argTaints = args.map((w) => this.wordTaint(w, st));
    if (xargs) argTaints.push(stdin);
    this.trace(st, [...assignTaints.map((a) => a.taint), ...argTaints]);
    const all = union(...argTaints);
    let out: Taint = [];
    switch (name) {
      case "echo":
      case "printf":
        out = all;
        break;
      case "tee": {
        out = stdin;
        for (const w of args) if (!w.text.startsWith("-")) this.write(st, this.resolve(w.text, st), stdin, "tee");
        break;
      }
      case "env":
      case "printenv":
        out = args.length === 0 ? union(this.ctx.envAll(), ...[...st.vars.values()]) : union(...args.map((a) => st.vars.get(a.text) ?? this.ctx.envTaint(a.text)));
        break;
      case "cd":
      case "pushd": {
        const to = args.find((a) => !a.text.startsWith("-"));
        st.cwd = to === undefined ? this.ctx.home : (this.resolve(to.text, st) ?? st.cwd);
        break;
      }
      case "set":
        for (const a of args) {
          if (/^-[a-z]*x/.test(a.text)) st.xtrace = true;
          else if (/^\+[a-z]*x/.test(a.text)) st.xtrace = false;
        }
        if (args.some((a, i) => a.text === "-o" && args[i + 1]?.text === "xtrace")) st.xtrace = true;
        if (args.some((a, i) => a.text === "+o" && args[i + 1]?.text === "xtrace")) st.xtrace = false;
        break;
      case "export":
      case "declare":
      case "typeset":
      case "local":
      case "readonly":
        args.forEach((a, i) => {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(a.text);
          if (m) st.vars.set(m[1]!, argTaints[i]!);
        });
        break;
      case "unset":
        for (const a of args) st.vars.delete(a.text);
        break;
      case "read":
        for (const a of args) if (!a.text.startsWith("-")) st.vars.set(a.text, stdin);
        break;
      case "rm":
      case "unlink":
      case "shred":
        if (name !== "shred" || args.some((a) => /^-[a-z]*u|^--remove/.test(a.text))) {
          for (const a of args) {
            if (a.text.startsWith("-")) continue;
            const p = this.resolve(a.text, st);
            if (p !== undefined && this.fx.removals.length < MAX_EFFECTS) this.fx.removals.push({ pattern: p, step: st.step });
          }
        }
        break;
      case "cp":
      case "mv":
      case "install":
      case "rsync":
        this.copy(name, args, st);
        break;
      case "dd": {
        const inArg = args.find((a) => a.text.startsWith("if="));
        const outArg = args.find((a) => a.text.startsWith("of="));
        const src = inArg ? this.secretAt(inArg.text.slice(3), st) : stdin;
        if (outArg) this.write(st, this.resolve(outArg.text.slice(3), st), src, "dd");
        else out = src;
        break;
      }
      case "eval":
        if (st.depth < 4) {
          const inner = parseShell(args.map((a) => a.text).join(" "));
          this.collectReads(inner);
          out = this.nested(inner, st, stdin, captured);
        }
        break;
      default:
        if (CAT_LIKE.has(name) || SCRIPTED.has(name)) {
          const files = args.filter((a) => !a.text.startsWith("-") || a.text === "-");
          const fromFiles = union(...files.map((a) => this.secretAt(a.text, st)));
          out = union(fromFiles, files.length === 0 || files.some((a) => a.text === "-") || SCRIPTED.has(name) ? stdin : []);
          if (SCRIPTED.has(name)) out = union(out, all);
          if (name === "envsubst") out = union(out, this.ctx.envAll(), ...[...st.vars.values()]);
        } else if (SHELLS.has(name)) {
          out = this.shell(cmd, args, st, stdin, captured);
        } else {
          this.tool(name, args, argTaints, st, stdin);
        }
    }
    return this.stdout(cmd, st, out, name, captured);
  }

  /** Where a command's output goes: a file, the log, the next command or the caller. */
  private stdout(cmd: Command, st: State, out: Taint, name: string, captured: boolean): Taint {
    let dest: string | undefined;
    for (const r of cmd.redirects) {
      const toStdout = r.fd === undefined || r.fd === 1;
      if (((r.op === ">" || r.op === ">>" || r.op === ">|") && toStdout) || r.op === "&>" || r.op === "&>>") dest = r.target.text;
      else if (r.op === ">&" && toStdout && /^\d+$/.test(r.target.text)) dest = `/dev/fd/${r.target.text}`;
    }
    if (dest !== undefined) {
      if (dest === "/dev/null") return [];
      const p = this.resolve(dest, st);
      if (p !== undefined && !LOG_PATHS.has(p)) {
        this.write(st, p, out, `${name} … ${cmd.redirects.some((r) => r.op === ">>" || r.op === "&>>") ? ">>" : ">"}`);
        return [];
      }
    }
    if (cmd.pipedOut || (captured && dest === undefined)) return out;
    const mounts = mountSources(out);
    if (mounts.length > 0) this.fx.prints.push({ taint: mounts, how: name });
    return [];
  }

  private trace(st: State, taints: Taint[]): void {
    if (!st.xtrace) return;
    const mounts = mountSources(union(...taints));
    if (mounts.length > 0) this.fx.prints.push({ taint: mounts, how: "set -x" });
  }

  private nested(inner: Script, st: State, stdin: Taint, captured: boolean): Taint {
    const saved = st.depth;
    st.depth++;
    const out = this.scriptWithStdin(inner, st, stdin, captured);
    st.depth = saved;
    return out;
  }

  private scriptWithStdin(script: Script, st: State, stdin: Taint, captured: boolean): Taint {
    const first = script.commands[0];
    if (first && stdin.length > 0 && first.joiner === "start") {
      // The first command of `sh -c '…'` reads the shell's stdin.
      const rest: Script = { commands: script.commands.slice(1), truncated: script.truncated };
      const out = this.command(first, st, stdin, captured);
      return union(first.pipedOut ? [] : captured ? out : [], this.script(rest, st, captured));
    }
    return this.script(script, st, captured);
  }

  /** `sh -c '…'`, `bash -ex -c …`, `sh <<EOF … EOF`. */
  private shell(cmd: Command, args: readonly Word[], st: State, stdin: Taint, captured: boolean): Taint {
    if (st.depth >= 4) return [];
    let i = 0;
    let trace = false;
    let script: string | undefined;
    for (; i < args.length; i++) {
      const t = args[i]!.text;
      if (/^-[a-zA-Z]+$/.test(t)) {
        if (t.includes("x")) trace = true;
        if (t.includes("c")) {
          script = args[i + 1]?.text;
          break;
        }
        continue;
      }
      if (t === "-o" && args[i + 1]?.text === "xtrace") trace = true;
      break;
    }
    if (script === undefined) {
      const heredoc = cmd.redirects.find((r) => (r.op === "<<" || r.op === "<<-") && r.body !== undefined);
      if (heredoc && i >= args.length) script = heredoc.body;
    }
    if (script === undefined) return [];
    const saved = st.xtrace;
    if (trace) st.xtrace = true;
    const inner = parseShell(script);
    this.collectReads(inner);
    const out = this.nested(inner, st, stdin, captured);
    st.xtrace = saved;
    return out;
  }

  private copy(name: string, args: readonly Word[], st: State): void {
    const { pos, flags } = splitArgs(args, new Set(["-t", "-m", "-o", "-g", "-S", "--mode", "--owner", "--group", "--suffix", "-e"]));
    const targetDir = flagWord(flags, "-t", "--target-directory");
    const dest = targetDir ?? pos[pos.length - 1];
    const sources = targetDir ? pos : pos.slice(0, -1);
    if (!dest) return;
    const destPath = this.resolve(dest.text, st);
    if (destPath === undefined) return;
    const dirLike = targetDir !== undefined || dest.text.endsWith("/") || dest.text === "." || sources.length > 1;
    for (const src of sources) {
      for (const m of this.secretAt(src.text, st)) {
        const base = posix.basename(m.path ?? src.text);
        const into = posix.join(destPath, base);
        if (dirLike) this.write(st, into, [m], name);
        else if (looksLikeDir(destPath, base)) this.write(st, into, [m], name, destPath);
        else this.write(st, destPath, [m], name, into);
      }
    }
  }

  /** Config files tools write credentials into. */
  private tool(name: string, args: readonly Word[], argTaints: readonly Taint[], st: State, stdin: Taint): void {
    const taintOf = (w: Word | undefined): Taint => (w ? (argTaints[args.indexOf(w)] ?? []) : []);
    const anyOf = (ws: readonly (Word | undefined)[]): Taint => union(...ws.map(taintOf));
    const text = (i: number) => args[i]?.text;
    switch (name) {
      case "npm":
      case "pnpm": {
        const { pos, flags } = splitArgs(args, new Set(["-L", "--location", "--userconfig"]));
        let kv: Word[] | undefined;
        if (pos[0]?.text === "set") kv = pos.slice(1);
        else if ((pos[0]?.text === "config" || pos[0]?.text === "c") && pos[1]?.text === "set") kv = pos.slice(2);
        const loc = flagWord(flags, "--location", "-L")?.text;
        const userconfig = flagWord(flags, "--userconfig");
        const file = userconfig
          ? this.resolve(userconfig.text, st)
          : hasFlag(flags, "-g", "--global") || loc === "global"
            ? "/usr/local/etc/npmrc"
            : loc === "project"
              ? posix.join(st.cwd, ".npmrc")
              : this.home(".npmrc");
        if (kv) this.write(st, file, union(anyOf(kv), this.nameLiteral(kv)), `${name} ${pos[0]?.text === "set" ? "set" : "config set"}`);
        else if ((pos[0]?.text === "config" || pos[0]?.text === "c") && (pos[1]?.text === "delete" || pos[1]?.text === "rm") && file) {
          this.fx.removals.push({ pattern: file, step: st.step });
        }
        return;
      }
      case "yarn": {
        const { pos } = splitArgs(args, new Set());
        if (pos[0]?.text === "config" && pos[1]?.text === "set") {
          const kv = pos.slice(2);
          this.write(st, this.home(".yarnrc"), union(anyOf(kv), this.nameLiteral(kv)), "yarn config set");
        }
        return;
      }
      case "pip":
      case "pip3":
      case "python":
      case "python3": {
        const { pos, flags } = splitArgs(args, new Set(["-m"]));
        if (name.startsWith("python") && flagWord(flags, "-m")?.text !== "pip") return;
        const c = pos.findIndex((w) => w.text === "config");
        if (c < 0 || pos[c + 1]?.text !== "set") return;
        const kv = pos.slice(c + 2);
        const file = hasFlag(flags, "--global") ? "/etc/pip.conf" : hasFlag(flags, "--site") ? "/usr/pip.conf" : this.home(".config/pip/pip.conf");
        this.write(st, file, union(anyOf(kv), this.nameLiteral(kv)), "pip config set");
        return;
      }
      case "git":
        this.git(args, argTaints, st);
        return;
      case "docker":
      case "podman":
      case "buildah":
      case "skopeo":
      case "helm":
      case "oras":
      case "crane": {
        const { pos, flags } = splitArgs(args, new Set(["-u", "--username", "-p", "--password", "--authfile", "--registry-config"]));
        const login = pos.findIndex((w) => w.text === "login");
        if (login < 0) {
          if (name === "helm" && pos[0]?.text === "repo" && pos[1]?.text === "add") {
            const t = union(taintOf(flagWord(flags, "--password")), hasFlag(flags, "--password-stdin") ? stdin : [], anyOf(pos.slice(2)));
            this.write(st, this.home(".config/helm/repositories.yaml"), t, "helm repo add");
          }
          return;
        }
        const t = union(taintOf(flagWord(flags, "-p", "--password")), hasFlag(flags, "--password-stdin") ? stdin : [], this.nameLiteral(flagWord(flags, "-p", "--password") ? [{ ...flagWord(flags, "-p", "--password")!, text: "password" }, flagWord(flags, "-p", "--password")!] : []));
        const authfile = flagWord(flags, "--authfile", "--registry-config");
        const file = authfile
          ? this.resolve(authfile.text, st)
          : name === "docker"
            ? this.home(".docker/config.json")
            : name === "helm"
              ? this.home(".config/helm/registry/config.json")
              : name === "oras" || name === "crane"
                ? this.home(".docker/config.json")
                : "/run/containers/0/auth.json";
        this.write(st, file, t, `${name} login`);
        return;
      }
      case "aws": {
        const { pos } = splitArgs(args, new Set(["--profile", "--region", "--output"]));
        if (pos[0]?.text !== "configure") return;
        if (pos[1]?.text === "set") {
          const key = pos[2];
          const value = pos[3];
          if (!key || !value) return;
          const secretKey = /aws_(?:secret_access_key|access_key_id|session_token)$/i.test(key.text);
          const file = secretKey ? this.home(".aws/credentials") : this.home(".aws/config");
          this.write(st, file, union(taintOf(value), secretKey ? this.nameLiteral([{ ...key, text: "secret_access_key" }, value]) : []), "aws configure set");
        } else if (pos.length === 1 || pos[1]?.text === "import") {
          this.write(st, this.home(".aws/credentials"), union(stdin, anyOf(pos.slice(1))), "aws configure");
        }
        return;
      }
      case "gcloud": {
        const { pos, flags } = splitArgs(args, new Set(["--key-file", "--cred-file", "--project"]));
        if (pos[0]?.text !== "auth" || (pos[1]?.text !== "activate-service-account" && pos[1]?.text !== "login")) return;
        const key = flagWord(flags, "--key-file", "--cred-file");
        if (!key) return;
        this.write(st, this.home(".config/gcloud/credentials.db"), union(this.secretAt(key.text, st), taintOf(key)), `gcloud auth ${pos[1].text}`);
        return;
      }
      case "composer": {
        const { pos, flags } = splitArgs(args, new Set(["-d", "--working-dir"]));
        if (pos[0]?.text !== "config" || !pos[1] || !/^(?:http-basic|github-oauth|gitlab-token|gitlab-oauth|bearer|bitbucket-oauth)\./.test(pos[1].text)) return;
        const file = hasFlag(flags, "-g", "--global") ? this.home(".composer/auth.json") : posix.join(st.cwd, "auth.json");
        this.write(st, file, union(anyOf(pos.slice(1)), this.nameLiteral([{ ...pos[1], text: "password" }, ...pos.slice(pos.length - 1)])), "composer config");
        return;
      }
      case "bundle":
      case "bundler": {
        const { pos, flags } = splitArgs(args, new Set());
        if (pos[0]?.text !== "config") return;
        const kv = pos[1]?.text === "set" ? pos.slice(2) : pos.slice(1);
        if (kv.length < 2) return;
        const file = hasFlag(flags, "--local") ? posix.join(st.cwd, ".bundle/config") : this.home(".bundle/config");
        this.write(st, file, anyOf(kv), "bundle config");
        return;
      }
      case "poetry": {
        const { pos } = splitArgs(args, new Set());
        if (pos[0]?.text !== "config" || !pos[1] || !/^(?:http-basic|pypi-token)\./.test(pos[1].text)) return;
        this.write(st, this.home(".config/pypoetry/auth.toml"), union(anyOf(pos.slice(2)), this.nameLiteral([{ ...pos[1], text: "password" }, ...pos.slice(pos.length - 1)])), "poetry config");
        return;
      }
      case "cargo":
        if (text(0) === "login") this.write(st, this.home(".cargo/credentials.toml"), union(anyOf(args.slice(1)), stdin), "cargo login");
        return;
      case "gem":
        if (args.some((a) => a.text === "-a" || a.text === "--add" || a.text === "--source")) this.write(st, this.home(".gemrc"), union(...argTaints), "gem sources");
        return;
      case "kubectl": {
        if (text(0) !== "config" || text(1) !== "set-credentials") return;
        const { flags } = splitArgs(args.slice(2), new Set(["--token", "--password", "--username"]));
        this.write(st, this.home(".kube/config"), union(taintOf(flagWord(flags, "--token")), taintOf(flagWord(flags, "--password"))), "kubectl config set-credentials");
        return;
      }
      case "gh":
        if (text(0) === "auth" && text(1) === "login" && args.some((a) => a.text === "--with-token")) this.write(st, this.home(".config/gh/hosts.yml"), stdin, "gh auth login");
        return;
      case "dotnet":
      case "nuget": {
        const { flags } = splitArgs(args, new Set(["-p", "--password", "-Password", "-u", "--username", "-Username", "-n", "--name", "-Name", "-Source", "--configfile", "-ConfigFile"]));
        const pw = flagWord(flags, "-p", "--password", "-Password");
        if (!pw || !args.some((a) => a.text === "source" || a.text === "sources")) return;
        this.write(st, this.home(".nuget/NuGet/NuGet.Config"), union(taintOf(pw), this.nameLiteral([{ ...pw, text: "password" }, pw])), `${name} ${name === "dotnet" ? "nuget add source" : "sources add"}`);
        return;
      }
      default:
        return;
    }
  }

  private git(args: readonly Word[], argTaints: readonly Taint[], st: State): void {
    let i = 0;
    let cwd = st.cwd;
    while (i < args.length && args[i]!.text.startsWith("-")) {
      const t = args[i]!.text;
      if (t === "-C" && args[i + 1]) {
        cwd = this.resolve(args[i + 1]!.text, { ...st, cwd }) ?? cwd;
        i += 2;
      } else if (t === "-c" || t === "--git-dir" || t === "--work-tree" || t === "--namespace") i += 2;
      else i++;
    }
    const sub = args[i]?.text;
    const rest = args.slice(i + 1);
    const taintOf = (w: Word | undefined): Taint => (w ? (argTaints[args.indexOf(w)] ?? []) : []);
    const local = { ...st, cwd };
    if (sub === "config") {
      const { pos, flags } = splitArgs(rest, new Set(["-f", "--file", "--type", "--default", "--blob"]));
      if (hasFlag(flags, "--get", "--get-all", "--get-regexp", "--list", "-l", "--unset", "--unset-all", "--remove-section", "--rename-section", "-e", "--edit")) return;
      const [key, value] = pos;
      if (!key) return;
      const fileFlag = flagWord(flags, "-f", "--file");
      const file = fileFlag
        ? this.resolve(fileFlag.text, local)
        : hasFlag(flags, "--global")
          ? this.home(".gitconfig")
          : hasFlag(flags, "--system")
            ? "/etc/gitconfig"
            : posix.join(cwd, ".git/config");
      if (/^credential(\..*)?\.helper$/i.test(key.text) && value && /^store\b/.test(value.text)) {
        const m = /--file[= ](\S+)/.exec(value.text);
        st.gitStore = m ? (this.resolve(m[1]!, local) ?? this.home(".git-credentials")) : this.home(".git-credentials");
      }
      this.write(st, file, union(taintOf(key), taintOf(value), this.nameLiteral(value ? [key, value] : [])), "git config");
      return;
    }
    if (sub === "clone") {
      const { pos } = splitArgs(
        rest,
        new Set(["-b", "--branch", "-o", "--origin", "-c", "--config", "--depth", "--reference", "--separate-git-dir", "-j", "--jobs", "-u", "--upload-pack", "--template", "--shallow-since", "--shallow-exclude", "--server-option"]),
      );
      const url = pos[0];
      const t = taintOf(url);
      if (!url || t.length === 0) return;
      const dir = pos[1]?.text ?? posix.basename(url.text.replace(/\/+$/, "")).replace(/\.git$/, "");
      const root = this.resolve(dir, local);
      if (root !== undefined) this.write(st, posix.join(root, ".git/config"), t, "git clone");
      if (st.gitStore) this.write(st, st.gitStore, t, "git's credential store");
      return;
    }
    if (sub === "remote" && (rest[0]?.text === "add" || rest[0]?.text === "set-url")) {
      const url = rest[rest.length - 1];
      this.write(st, posix.join(cwd, ".git/config"), taintOf(url), `git remote ${rest[0].text}`);
      return;
    }
    if (st.gitStore && (sub === "fetch" || sub === "pull" || sub === "push" || sub === "ls-remote" || sub === "submodule")) {
      this.write(st, st.gitStore, union(...rest.map(taintOf)), "git's credential store");
    }
  }

  /** Paths under /run/secrets and `~/…` the script names (for the plumbing checks). */
  private collectReads(script: Script): void {
    const cmds = [...allCommands(script)];
    const tested = new Set<string>();
    for (const c of cmds) {
      const n = c.words[0]?.text;
      if (n === "[" || n === "[[" || n === "test") for (const w of c.words) tested.add(w.text);
    }
    cmds.forEach((c, idx) => {
      const next = cmds[idx + 1];
      const guarded = c.conditional || next?.joiner === "||" || c.redirects.some((r) => r.fd === 2 && r.target.text === "/dev/null");
      // What echo/printf print is data (a runtime script written at build time), not a read.
      const printer = c.words[0] !== undefined && (c.words[0].text === "echo" || c.words[0].text === "printf");
      const words = [...(printer ? [] : c.words), ...c.assignments.map((a) => a.value), ...c.redirects.filter((r) => r.op !== "<<" && r.op !== "<<-").map((r) => r.target)];
      for (const w of words) {
        for (const m of w.text.matchAll(/(?:^|[=:,])(\/run\/secrets\/[^\s'"`;|&<>)(,:]+)/g)) {
          const p = m[1]!.replace(/\/+$/, "");
          this.fx.secretReads.push({ text: p, path: p, conditional: guarded || tested.has(p) });
        }
        const tilde = /(?:^|=)(~\/[^\s'"`;|&<>)(,:]*)/.exec(w.text);
        if (tilde) this.fx.tildeReads.push({ text: tilde[1]!, conditional: guarded });
      }
    });
  }
}

/** The shell script a RUN runs: its command text with heredoc bodies after it, as the shell sees them. */
export function runScriptText(command: { form: "shell"; command: string } | { form: "exec"; args: string[] }, heredocs: readonly { name: string; content: string }[], heredocIsScript: boolean): string | undefined {
  if (command.form === "exec") return command.args.map(shellQuote).join(" ");
  if (heredocIsScript && heredocs[0]) {
    const body = heredocs[0].content;
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
    if (shebang) {
      const interp = posix.basename(shebang[1] === "/usr/bin/env" || shebang[1] === "/bin/env" ? (shebang[2] ?? "") : shebang[1]!);
      if (!SHELLS.has(interp)) return undefined;
    }
    return body;
  }
  let text = command.command;
  for (const h of heredocs) text += `\n${h.content}${h.content === "" || h.content.endsWith("\n") ? "" : "\n"}${h.name}`;
  return text;
}

/** Follows secret data through a RUN's shell script. */
export function analyzeRun(script: Script, ctx: RunContext): RunEffects {
  const a = new RunAnalyzer(ctx);
  a.run(script);
  return a.fx;
}
