/**
 * Typed instructions and build stages from a `DockerfileAst`, with the checks
 * Docker applies when it turns the syntax tree into instructions (argument
 * counts, allowed flags, FROM … AS name, HEALTHCHECK options, …).
 *
 * Values are kept unexpanded: `raw…` fields hold the text as written, and the
 * processed fields (`value`, `defaultValue`, `key`) have quotes and escapes
 * removed with every `$VAR` left as written (see `unquote`). Expand them with
 * `expandWord` once the ARG/ENV values in scope are known.
 */

import type { Diagnostic, DockerfileAst, EscapeChar, Flag, Heredoc, InstructionNode, KeyValueToken, Range, Token } from "./ast.js";
import { unquote, variableReferences } from "./expand.js";
import { parseMount, type RunMount } from "./mount.js";
import { heredocContent, parseDockerfile, parseHeredocWord } from "./parse.js";

export type { RunMount, MountType, MountField } from "./mount.js";

interface Base {
  /** The syntax node this instruction comes from. */
  node: InstructionNode;
  line: number;
  range: Range;
}

/** Shell form (`RUN make`) or exec form (`RUN ["make"]`). */
export type CommandLine = { form: "shell"; command: string; token?: Token } | { form: "exec"; args: string[]; tokens: Token[] };

/** A heredoc used as a RUN input or a COPY/ADD source. */
export interface HeredocFile {
  name: string;
  /** Body as the build uses it (leading tabs removed for `<<-`). */
  content: string;
  /** Whether `$VAR` in the body is expanded (unquoted delimiter). */
  expand: boolean;
  heredoc: Heredoc;
}

export interface FromInstruction extends Base {
  kind: "FROM";
  /** Image reference as written (may contain `$VAR`). */
  image: string;
  imageToken?: Token;
  platform?: string;
  /** Stage name, lower-cased as Docker does. */
  stageName?: string;
  stageNameToken?: Token;
}

export interface ArgDefinition {
  name: string;
  /** Default value with quotes removed (variables left as written); undefined for `ARG NAME`. */
  defaultValue?: string;
  /** Default value as written. */
  rawDefault?: string;
  /** Variables the default value refers to. */
  references: string[];
  nameToken: Token;
  valueToken?: Token;
}

export interface ArgInstruction extends Base {
  kind: "ARG";
  args: ArgDefinition[];
}

export interface KeyValuePair {
  /** Key with quotes removed. */
  key: string;
  /** Value with quotes and escapes removed, variables left as written. */
  value: string;
  rawKey: string;
  rawValue: string;
  keyToken: Token;
  valueToken?: Token;
  /** Variables the value refers to (outside single quotes). */
  references: string[];
}

export interface EnvInstruction extends Base {
  kind: "ENV";
  pairs: KeyValuePair[];
  /** `ENV KEY value` (one pair, value is the rest of the line). */
  legacyForm: boolean;
}

export interface LabelInstruction extends Base {
  kind: "LABEL";
  pairs: KeyValuePair[];
  legacyForm: boolean;
}

export interface RunInstruction extends Base {
  kind: "RUN";
  command: CommandLine;
  mounts: RunMount[];
  network?: string;
  security?: string;
  devices: string[];
  heredocs: HeredocFile[];
  /** `RUN <<EOF` alone: the first heredoc's body is the script that runs. */
  heredocIsScript: boolean;
}

export interface CopySource {
  /** Path as written (for a heredoc source, the heredoc name). */
  path: string;
  token: Token;
  heredoc?: HeredocFile;
}

interface CopyBase extends Base {
  sources: CopySource[];
  destination: string;
  destinationToken?: Token;
  chown?: string;
  chmod?: string;
  link: boolean;
  exclude: string[];
  /** Arguments given as a JSON array. */
  json: boolean;
}

export interface CopyInstruction extends CopyBase {
  kind: "COPY";
  /** `--from=<stage|image|index>`. */
  from?: string;
  parents: boolean;
}

export interface AddInstruction extends CopyBase {
  kind: "ADD";
  checksum?: string;
  keepGitDir: boolean;
  unpack?: boolean;
}

export interface WorkdirInstruction extends Base {
  kind: "WORKDIR";
  path: string;
}

export interface UserInstruction extends Base {
  kind: "USER";
  /** As written, `user[:group]`. */
  raw: string;
  user: string;
  group?: string;
}

export interface CmdInstruction extends Base {
  kind: "CMD";
  /** Undefined for a bare `CMD`. */
  command?: CommandLine;
}

export interface EntrypointInstruction extends Base {
  kind: "ENTRYPOINT";
  command?: CommandLine;
}

export interface ShellInstruction extends Base {
  kind: "SHELL";
  shell: string[];
}

export interface ExposedPort {
  raw: string;
  /** Port or range, e.g. `80`, `8000-8010`, `${PORT}`. */
  port: string;
  protocol?: string;
  token: Token;
}

export interface ExposeInstruction extends Base {
  kind: "EXPOSE";
  ports: ExposedPort[];
}

export interface VolumeInstruction extends Base {
  kind: "VOLUME";
  paths: string[];
  tokens: Token[];
}

export interface StopSignalInstruction extends Base {
  kind: "STOPSIGNAL";
  signal: string;
}

export interface HealthcheckInstruction extends Base {
  kind: "HEALTHCHECK";
  /** `NONE` or `CMD` (upper-cased); anything else is an error. */
  type: string;
  command?: CommandLine;
  interval?: string;
  timeout?: string;
  startPeriod?: string;
  startInterval?: string;
  retries?: number;
}

export interface OnbuildInstruction extends Base {
  kind: "ONBUILD";
  /** The instruction run when the image is used as a base. */
  trigger?: Instruction;
}

export interface MaintainerInstruction extends Base {
  kind: "MAINTAINER";
  maintainer: string;
}

export interface UnknownInstruction extends Base {
  kind: "UNKNOWN";
  keyword: string;
}

export type Instruction =
  | FromInstruction
  | ArgInstruction
  | EnvInstruction
  | LabelInstruction
  | RunInstruction
  | CopyInstruction
  | AddInstruction
  | WorkdirInstruction
  | UserInstruction
  | CmdInstruction
  | EntrypointInstruction
  | ShellInstruction
  | ExposeInstruction
  | VolumeInstruction
  | StopSignalInstruction
  | HealthcheckInstruction
  | OnbuildInstruction
  | MaintainerInstruction
  | UnknownInstruction;

export interface Stage {
  /** `AS name` (lower-cased). */
  name?: string;
  index: number;
  from: FromInstruction;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

export interface DockerfileModel {
  ast: DockerfileAst;
  /** All instructions in file order. */
  instructions: Instruction[];
  /** ARG instructions before the first FROM. */
  globalArgs: ArgInstruction[];
  stages: Stage[];
  /** Syntax errors (from the AST) followed by instruction errors. */
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

type FlagKind = "bool" | "string" | "strings";
type FlagSpec = Readonly<Record<string, FlagKind>>;

const FLAGS: Readonly<Record<string, FlagSpec>> = {
  FROM: { platform: "string" },
  RUN: { mount: "strings", network: "string", security: "string", device: "strings" },
  COPY: { from: "string", chown: "string", chmod: "string", link: "bool", parents: "bool", exclude: "strings" },
  ADD: {
    chown: "string",
    chmod: "string",
    link: "bool",
    "keep-git-dir": "bool",
    checksum: "string",
    exclude: "strings",
    unpack: "bool",
  },
  HEALTHCHECK: { interval: "string", timeout: "string", "start-period": "string", "start-interval": "string", retries: "string" },
};

const STAGE_NAME_RE = /^[a-z][a-z0-9-_.]*$/;
const GO_DURATION_RE = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Go time.ParseDuration, in milliseconds; undefined when invalid. */
function parseGoDuration(s: string): number | undefined {
  if (s === "0" || s === "+0" || s === "-0") return 0;
  if (!GO_DURATION_RE.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number.parseFloat(m[1] ?? "0") * (DURATION_UNITS[m[2] ?? "s"] ?? 0);
  }
  return s.startsWith("-") ? -total : total;
}

class Builder {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  private readonly esc: EscapeChar;

  constructor(readonly ast: DockerfileAst) {
    this.esc = ast.escapeChar;
  }

  private err(at: Range | Token | InstructionNode | Flag, message: string, out = this.errors): void {
    const r = "keywordRange" in at ? at.keywordRange : "range" in at ? at.range : at;
    out.push({ line: r.start.line, column: r.start.column, message });
  }

  /** BuildKit's BFlags: known flags, types, duplicates. */
  private flags(node: InstructionNode, spec: FlagSpec, errs: Diagnostic[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const f of node.flags) {
      const kind = Object.prototype.hasOwnProperty.call(spec, f.name) ? spec[f.name] : undefined;
      if (kind === undefined) {
        this.err(f, `unknown flag: ${f.name === "" ? f.raw : f.name}`, errs);
        continue;
      }
      const prev = out.get(f.name);
      if (prev !== undefined && kind !== "strings") {
        this.err(f, `duplicate flag specified: ${f.name}`, errs);
        continue;
      }
      let value: string;
      if (kind === "bool") {
        if (f.value === "") {
          this.err(f, `missing a value on flag: ${f.name}`, errs);
          continue;
        }
        const lower = (f.value ?? "").toLowerCase();
        if (lower !== "" && lower !== "true" && lower !== "false") {
          this.err(f, `expecting boolean value for flag ${f.name}, not: ${f.value ?? ""}`, errs);
          continue;
        }
        value = lower === "" ? "true" : lower;
      } else {
        if (f.value === undefined) {
          this.err(f, `missing a value on flag: ${f.name}`, errs);
          continue;
        }
        value = f.value;
      }
      if (prev) prev.push(value);
      else out.set(f.name, [value]);
    }
    return out;
  }

  private pair(kv: KeyValueToken, errs: Diagnostic[]): KeyValuePair {
    const rawKey = kv.key.value;
    const rawValue = kv.value?.value ?? "";
    const k = unquote(rawKey, this.esc);
    const v = unquote(rawValue, this.esc);
    if (k.error !== undefined) this.err(kv.key, k.error, errs);
    if (v.error !== undefined && kv.value) this.err(kv.value, v.error, errs);
    const out: KeyValuePair = {
      key: k.value,
      value: v.value,
      rawKey,
      rawValue,
      keyToken: kv.key,
      references: variableReferences(rawValue, this.esc),
    };
    if (kv.value) out.valueToken = kv.value;
    return out;
  }

  private commandLine(node: InstructionNode, args: Token[]): CommandLine | undefined {
    if (node.json) return { form: "exec", args: args.map((t) => t.value), tokens: args };
    const tok = args[0];
    if (tok === undefined) return undefined;
    return { form: "shell", command: tok.value, token: tok };
  }

  private heredocFile(h: Heredoc): HeredocFile {
    return { name: h.name, content: heredocContent(h), expand: h.expand, heredoc: h };
  }

  instruction(node: InstructionNode, errs: Diagnostic[]): Instruction {
    const base = { node, line: node.startLine, range: node.range };
    const kw = node.keyword;
    const args = node.args;
    const spec = node.known ? (FLAGS[kw] ?? {}) : undefined;
    const fl = spec && kw !== "HEALTHCHECK" ? this.flags(node, spec, errs) : new Map<string, string[]>();
    const one = (name: string): string | undefined => fl.get(name)?.[0];
    const bool = (name: string): boolean => one(name) === "true";
    const exactlyOne = (): string => {
      const a = args[0];
      if (a === undefined || args.length !== 1) this.err(node, `${kw} requires exactly one argument`, errs);
      return a?.value ?? "";
    };
    if (!node.known) return { ...base, kind: "UNKNOWN", keyword: node.rawKeyword };

    switch (kw) {
      case "FROM": {
        const out: FromInstruction = { ...base, kind: "FROM", image: args[0]?.value ?? "" };
        if (args[0]) out.imageToken = args[0];
        const platform = one("platform");
        if (platform !== undefined) out.platform = platform;
        const asTok = args[1];
        const nameTok = args[2];
        if (args.length === 3 && asTok && nameTok && asTok.value.toLowerCase() === "as") {
          const name = nameTok.value.toLowerCase();
          if (!STAGE_NAME_RE.test(name)) {
            this.err(nameTok, `invalid name for build stage: ${JSON.stringify(nameTok.value)}, name can't start with a number or contain symbols`, errs);
          }
          out.stageName = name;
          out.stageNameToken = nameTok;
        } else if (args.length !== 1) {
          this.err(node, "FROM requires either one or three arguments", errs);
        }
        return out;
      }
      case "ARG": {
        const defs: ArgDefinition[] = [];
        for (const kv of node.pairs ?? []) {
          if (kv.form === "equals" && kv.key.value === "") this.err(kv.token, "ARG names can not be blank", errs);
          const def: ArgDefinition = { name: kv.key.value, nameToken: kv.key, references: [] };
          if (kv.value) {
            const v = unquote(kv.value.value, this.esc);
            if (v.error !== undefined) this.err(kv.value, v.error, errs);
            def.defaultValue = v.value;
            def.rawDefault = kv.value.value;
            def.valueToken = kv.value;
            def.references = variableReferences(kv.value.value, this.esc);
          }
          defs.push(def);
        }
        if (defs.length === 0) this.err(node, "ARG requires at least one argument", errs);
        return { ...base, kind: "ARG", args: defs };
      }
      case "ENV":
      case "LABEL": {
        const pairs: KeyValuePair[] = [];
        for (const kv of node.pairs ?? []) {
          const p = this.pair(kv, errs);
          if (p.rawKey === "") this.err(kv.token, `${kw} names can not be blank`, errs);
          pairs.push(p);
        }
        if (node.args.length === 0) this.err(node, `${kw} requires at least one argument`, errs);
        const legacyForm = (node.pairs ?? []).some((p) => p.form === "legacy");
        return kw === "ENV" ? { ...base, kind: "ENV", pairs, legacyForm } : { ...base, kind: "LABEL", pairs, legacyForm };
      }
      case "RUN": {
        const mounts: RunMount[] = [];
        const mountFlags = node.flags.filter((f) => f.name === "mount");
        for (const f of mountFlags) {
          if (f.value === undefined) continue;
          const pm = parseMount(f.value);
          for (const e of pm.errors) this.err(f, e, errs);
          mounts.push(pm.mount);
        }
        const network = one("network");
        if (network !== undefined && !["default", "none", "host"].includes(network)) {
          this.err(node.flags.find((f) => f.name === "network") ?? node, `network mode "${network}" not supported`, errs);
        }
        const security = one("security");
        if (security !== undefined && !["sandbox", "insecure"].includes(security)) {
          this.err(node.flags.find((f) => f.name === "security") ?? node, `security mode "${security}" not supported`, errs);
        }
        const command = this.commandLine(node, args) ?? { form: "shell", command: "" };
        const heredocIsScript =
          command.form === "shell" && node.heredocs.length > 0 && (() => {
            const h = parseHeredocWord(command.command.trim());
            return h !== null && !("error" in h);
          })();
        const out: RunInstruction = {
          ...base,
          kind: "RUN",
          command,
          mounts,
          devices: fl.get("device") ?? [],
          heredocs: node.heredocs.map((h) => this.heredocFile(h)),
          heredocIsScript,
        };
        if (network !== undefined) out.network = network;
        if (security !== undefined) out.security = security;
        return out;
      }
      case "COPY":
      case "ADD": {
        if (args.length < 2) {
          this.err(node, `${kw} requires at least two arguments, but only one was provided. Destination could not be determined`, errs);
        }
        const destTok = args.length >= 2 ? args[args.length - 1] : undefined;
        const sources: CopySource[] = [];
        for (const tok of args.length >= 2 ? args.slice(0, -1) : args) {
          const src: CopySource = { path: tok.value, token: tok };
          if (!node.json) {
            const h = parseHeredocWord(tok.value);
            if (h !== null && !("error" in h)) {
              const doc = node.heredocs.find((d) => d.name === h.name);
              if (doc) {
                src.path = doc.name;
                src.heredoc = this.heredocFile(doc);
              }
            }
          }
          sources.push(src);
        }
        if (destTok && !node.json) {
          const h = parseHeredocWord(destTok.value);
          if (h !== null && !("error" in h)) this.err(destTok, `${kw} cannot accept a heredoc as a destination`, errs);
        }
        const common = {
          ...base,
          sources,
          destination: destTok?.value ?? "",
          link: bool("link"),
          exclude: fl.get("exclude") ?? [],
          json: node.json,
        };
        const withOpt = <T extends CopyBase>(o: T): T => {
          if (destTok) o.destinationToken = destTok;
          const chown = one("chown");
          if (chown !== undefined) o.chown = chown;
          const chmod = one("chmod");
          if (chmod !== undefined) o.chmod = chmod;
          return o;
        };
        if (kw === "COPY") {
          const out = withOpt<CopyInstruction>({ ...common, kind: "COPY", parents: bool("parents") });
          const from = one("from");
          if (from !== undefined) out.from = from;
          return out;
        }
        const out = withOpt<AddInstruction>({ ...common, kind: "ADD", keepGitDir: bool("keep-git-dir") });
        const checksum = one("checksum");
        if (checksum !== undefined) out.checksum = checksum;
        const unpack = one("unpack");
        if (unpack !== undefined) out.unpack = unpack === "true";
        return out;
      }
      case "WORKDIR":
        return { ...base, kind: "WORKDIR", path: exactlyOne() };
      case "USER": {
        const raw = exactlyOne();
        const i = raw.indexOf(":");
        const out: UserInstruction = { ...base, kind: "USER", raw, user: i >= 0 ? raw.slice(0, i) : raw };
        if (i >= 0) out.group = raw.slice(i + 1);
        return out;
      }
      case "STOPSIGNAL":
        return { ...base, kind: "STOPSIGNAL", signal: exactlyOne() };
      case "MAINTAINER":
        return { ...base, kind: "MAINTAINER", maintainer: exactlyOne() };
      case "CMD":
      case "ENTRYPOINT": {
        const command = this.commandLine(node, args);
        if (kw === "CMD") return command ? { ...base, kind: "CMD", command } : { ...base, kind: "CMD" };
        return command ? { ...base, kind: "ENTRYPOINT", command } : { ...base, kind: "ENTRYPOINT" };
      }
      case "SHELL": {
        if (args.length > 0 && !node.json) this.err(node, "SHELL requires the arguments to be in JSON form", errs);
        else if (args.length === 0) this.err(node, "SHELL requires at least one argument", errs);
        return { ...base, kind: "SHELL", shell: node.json ? args.map((a) => a.value) : [] };
      }
      case "EXPOSE": {
        if (args.length === 0) this.err(node, "EXPOSE requires at least one argument", errs);
        const ports = args.map((tok): ExposedPort => {
          const i = tok.value.lastIndexOf("/");
          const p: ExposedPort = { raw: tok.value, port: i >= 0 ? tok.value.slice(0, i) : tok.value, token: tok };
          if (i >= 0) p.protocol = tok.value.slice(i + 1).toLowerCase();
          return p;
        });
        return { ...base, kind: "EXPOSE", ports };
      }
      case "VOLUME": {
        if (args.length === 0) this.err(node, "VOLUME requires at least one argument", errs);
        for (const a of args) if (a.value.trim() === "") this.err(a, "VOLUME specified can not be an empty string", errs);
        return { ...base, kind: "VOLUME", paths: args.map((a) => a.value), tokens: args };
      }
      case "HEALTHCHECK":
        return this.healthcheck(node, base, errs);
      case "ONBUILD": {
        const out: OnbuildInstruction = { ...base, kind: "ONBUILD" };
        const trig = node.trigger;
        if (!trig) {
          this.err(node, "ONBUILD requires at least one argument", errs);
          return out;
        }
        if (trig.keyword === "ONBUILD") this.err(trig, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", errs);
        else if (trig.keyword === "FROM" || trig.keyword === "MAINTAINER") this.err(trig, `${trig.keyword} isn't allowed as an ONBUILD trigger`, errs);
        // The trigger only runs in a child build: its own problems are warnings here.
        const trigErrs: Diagnostic[] = [];
        out.trigger = this.instruction(trig, trigErrs);
        for (const d of trigErrs) this.warnings.push({ ...d, message: `ONBUILD trigger: ${d.message}` });
        return out;
      }
      default:
        return { ...base, kind: "UNKNOWN", keyword: node.rawKeyword };
    }
  }

  private healthcheck(node: InstructionNode, base: Base, errs: Diagnostic[]): HealthcheckInstruction {
    const args = node.args;
    const typTok = args[0];
    const type = (typTok?.value ?? "").toUpperCase();
    const out: HealthcheckInstruction = { ...base, kind: "HEALTHCHECK", type };
    if (!typTok) {
      this.err(node, "HEALTHCHECK requires at least one argument", errs);
      return out;
    }
    const rest = args.slice(1);
    if (type === "NONE") {
      if (rest.length > 0) this.err(node, "HEALTHCHECK NONE takes no arguments", errs);
      return out;
    }
    const fl = this.flags(node, FLAGS.HEALTHCHECK ?? {}, errs);
    if (type !== "CMD") {
      this.err(typTok, `Unknown type ${JSON.stringify(type)} in HEALTHCHECK (try CMD)`, errs);
      return out;
    }
    const command = this.commandLine(node, rest);
    if (!command || (command.form === "exec" && command.args.length === 0)) {
      this.err(node, "Missing command after HEALTHCHECK CMD", errs);
    }
    if (command) out.command = command;
    const durations: [string, "interval" | "timeout" | "startPeriod" | "startInterval"][] = [
      ["interval", "interval"],
      ["timeout", "timeout"],
      ["start-period", "startPeriod"],
      ["start-interval", "startInterval"],
    ];
    for (const [flag, prop] of durations) {
      const v = fl.get(flag)?.[0];
      if (v === undefined || v === "") continue;
      out[prop] = v;
      const ms = parseGoDuration(v);
      const f = node.flags.find((x) => x.name === flag) ?? node;
      if (ms === undefined) this.err(f, `time: invalid duration ${JSON.stringify(v)}`, errs);
      else if (ms !== 0 && ms < 1) this.err(f, `Interval ${JSON.stringify(flag)} cannot be less than 1ms`, errs);
    }
    const retries = fl.get("retries")?.[0];
    if (retries !== undefined && retries !== "") {
      const f = node.flags.find((x) => x.name === "retries") ?? node;
      if (!/^[+-]?\d+$/.test(retries)) this.err(f, `strconv.ParseInt: parsing ${JSON.stringify(retries)}: invalid syntax`, errs);
      else {
        const n = Number.parseInt(retries, 10);
        if (n < 0) this.err(f, `--retries cannot be negative (${n})`, errs);
        out.retries = n;
      }
    }
    return out;
  }
}

/** Builds typed instructions and stages from a syntax tree. Never throws. */
export function buildInstructions(ast: DockerfileAst): DockerfileModel {
  const b = new Builder(ast);
  const instructions: Instruction[] = [];
  const globalArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  const names = new Map<string, number>();
  for (const node of ast.instructions) {
    let ins: Instruction;
    try {
      ins = b.instruction(node, b.errors);
    } catch (e) {
      b.errors.push({ line: node.startLine, column: node.keywordRange.start.column, message: `internal error: ${e instanceof Error ? e.message : String(e)}` });
      ins = { node, line: node.startLine, range: node.range, kind: "UNKNOWN", keyword: node.rawKeyword };
    }
    instructions.push(ins);
    if (ins.kind === "FROM") {
      const stage: Stage = { index: stages.length, from: ins, instructions: [] };
      if (ins.stageName !== undefined) {
        stage.name = ins.stageName;
        const prev = names.get(ins.stageName);
        if (prev !== undefined) {
          b.warnings.push({
            line: ins.line,
            column: ins.stageNameToken?.range.start.column ?? 1,
            message: `duplicate stage name ${JSON.stringify(ins.stageName)} (also stage ${prev})`,
          });
        } else names.set(ins.stageName, stage.index);
      }
      stages.push(stage);
      continue;
    }
    const current = stages[stages.length - 1];
    if (current) current.instructions.push(ins);
    else if (ins.kind === "ARG") globalArgs.push(ins);
    else if (ins.kind !== "UNKNOWN") {
      b.errors.push({ line: ins.line, column: node.keywordRange.start.column, message: "no build stage in current context" });
    }
  }
  if (stages.length === 0 && ast.instructions.length > 0) {
    b.errors.push({ line: 1, column: 1, message: "no FROM instruction: the Dockerfile has no build stage" });
  }
  return {
    ast,
    instructions,
    globalArgs,
    stages,
    errors: [...ast.errors, ...b.errors],
    warnings: [...ast.warnings, ...b.warnings],
  };
}

/** Parses text and builds typed instructions in one step. */
export function parseDockerfileInstructions(text: string, file = "Dockerfile"): DockerfileModel {
  return buildInstructions(parseDockerfile(text, file));
}
