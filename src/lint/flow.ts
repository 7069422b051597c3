/**
 * The data-flow pass: walks every stage in order with its ARG/ENV scope and follows secret
 * sources (secret ARG/ENV names and values, `--build-arg` values, literal credentials, secret
 * mounts, sensitive files copied from the context) into their sinks (the RUN history, the
 * config, files written by RUN and copied on by `COPY --from`, the build log), and checks the
 * secret plumbing of each RUN. Each problem becomes a draft whose scope is settled at the end,
 * once it is known which stages and files reach the final image.
 */

import { posix } from "node:path";
import type { Detector } from "../detect/engine.js";
import { isSecretName } from "../detect/names.js";
import { isPlaceholder } from "../detect/placeholders.js";
import type { Confidence, RuleHit, Severity } from "../detect/types.js";
import {
  expandWord,
  type AddInstruction,
  type ArgInstruction,
  type CopyInstruction,
  type DockerfileModel,
  type EnvInstruction,
  type Instruction,
  type LabelInstruction,
  type RunInstruction,
  type Token,
} from "../dockerfile/index.js";
import type { Scope } from "../findings/types.js";
import { PROXY_ARGS } from "../image/history.js";
import { isSecretAssignment } from "../scan/variable-rule.js";
import { globalArgValues, resolveStageRef, type StageGraph } from "./graph.js";
import { copyTarget, covers, hasGlob, looksLikeDir, normalise, resolveImagePath } from "./paths.js";
import {
  literalSecret,
  literalSecretMessage,
} from "./rules/literal-secret.js";
import { rmLaterLayer, rmLaterLayerMessage } from "./rules/rm-later-layer.js";
import { secretArgName, secretArgNameMessage } from "./rules/secret-arg-name.js";
import { secretArgValue, secretArgValueMessage } from "./rules/secret-arg-value.js";
import { secretEnv, secretEnvMessage } from "./rules/secret-env.js";
import { secretFileWrite, secretFileWriteMessage } from "./rules/secret-file-write.js";
import { secretLabel, secretLabelMessage } from "./rules/secret-label.js";
import { secretMountMissing, secretMountMissingMessage } from "./rules/secret-mount-missing.js";
import { secretMountOptional, secretMountOptionalMessage } from "./rules/secret-mount-optional.js";
import { secretMountTilde, secretMountTildeMessage } from "./rules/secret-mount-tilde.js";
import { secretNotPassed, secretNotPassedMessage } from "./rules/secret-not-passed.js";
import { secretPrinted, secretPrintedMessage } from "./rules/secret-printed.js";
import { sensitiveFileCopy, sensitiveFileCopyMessage } from "./rules/sensitive-file-copy.js";
import { analyzeRun, runScriptText, type RunContext } from "./run.js";
import { sensitiveByName } from "./sensitive.js";
import { isFakeValue, isPointerValue } from "../detect/values.js";
import { parseShell } from "./shell.js";
import { describeTaint, kindOf, knownValue, mountSources, nameOf, union, type LiteralSource, type MountSource, type Taint, type VarSource } from "./taint.js";
import type { IssueContextFile, IssueSite, LintRuleMeta } from "./types.js";

/** A build-context file a COPY/ADD takes, as the context analysis found it. */
export interface ContextCopy {
  /** Line of the COPY/ADD instruction. */
  line: number;
  /** Relative to the context directory, `/`-separated. */
  path: string;
  directory: boolean;
  /** Why it is sensitive, in words. */
  reason: string;
  /** The first secret found in it, when any. */
  hit?: RuleHit;
  /** Its kind when sensitive by name (`dotenv-file`, `git-directory`). */
  kind?: string;
  /** A private key or cloud credential: critical once in the image. */
  critical: boolean;
  /** `.gitignore` excludes it but `.dockerignore` does not. */
  gitignoreOnly: boolean;
}

export interface FlowInput {
  model: DockerfileModel;
  graph: StageGraph;
  buildArgs: Readonly<Record<string, string>>;
  /** Secret ids the build passes; undefined when unknown. */
  secrets?: readonly string[];
  detector: Detector;
  /** Context files COPY/ADD instructions take; undefined when the context was not analysed. */
  contextCopies?: readonly ContextCopy[];
  /** Whether the context holds this relative path (name heuristics apply to sources it does not hold). */
  contextHas?: (path: string) => boolean;
}

/** Where a draft's reach is decided: a stage (history, config), a file (where it is copied), or fixed. */
type Reach = { stage: number } | { origin: Origin } | { fixed: Scope };

/** One problem, before its scope is known. */
export interface Draft {
  rule: LintRuleMeta;
  kind: string;
  confidence: Confidence;
  /** Severity the secret's own rule gives (critical for provider tokens), when known. */
  severity?: Severity;
  value?: string;
  name?: string;
  at: IssueSite;
  also: IssueSite[];
  context?: IssueContextFile;
  reach: Reach;
  message(scope: Scope, carriedBy: number[]): string;
}

/** A secret file as it first entered a stage, shared by every copy of it. */
interface Origin {
  draft?: Draft;
  records: FileRecord[];
}

/** A secret file in a stage's filesystem. */
interface FileRecord {
  /** Where it is (several candidates when the destination may have been a directory). */
  paths: string[];
  origin: Origin;
  stage: number;
  site: IssueSite;
  removed: boolean;
}

interface VarInfo {
  value?: string;
  /** Set when the variable is secret. */
  source?: VarSource;
}

/** A secret ARG declaration, waiting to learn whether a RUN records it. */
interface ArgDecl {
  source: VarSource;
  site: IssueSite;
  secret: "name" | "value";
  valueFrom: "default" | "build-arg" | "global";
  holds: string;
  recordedBy?: number;
  usedBy?: number;
  configBy?: { line: number; instruction: string; name: string };
}

interface StageState {
  index: number;
  label: string;
  args: Map<string, VarInfo>;
  env: Map<string, VarInfo>;
  decls: Map<string, ArgDecl>;
  allDecls: ArgDecl[];
  files: FileRecord[];
  cwd: string;
  user: string;
  shell: string[];
  gitStore?: string;
}

const POSIX_SHELL = /(?:^|\/)(?:sh|bash|dash|ash|zsh|ksh|mksh|busybox)$/;
/** Base images whose default shell is `cmd /S /C`. */
const WINDOWS_IMAGE = /(?:^|\/)(?:windows|nanoserver|servercore)(?:[:/@-]|$)|windowsservercore|nanoserver/i;
const EPHEMERAL = /^\/(?:dev|proc|sys)(?:\/|$)/;

function siteOf(ins: Instruction, stage: string, token?: Token, name?: string): IssueSite {
  const pos = token?.range.start ?? ins.range.start;
  const site: IssueSite = { line: pos.line, column: pos.column, stage, instruction: ins.kind === "UNKNOWN" ? ins.keyword.toUpperCase() : ins.kind };
  if (name !== undefined) site.name = name;
  return site;
}

/** The stable stand-in value of a finding with no secret value: `dockerfile:FILE:LINE:RULE`. */
export function syntheticValue(file: string, line: number, rule: string): string {
  return `dockerfile:${file}:${line}:${rule}`;
}

/** The instruction as a person reads it, shortened (`COPY . .`). */
function shortText(ins: Instruction): string {
  const t = ins.node.original.replace(/\s+/g, " ").trim();
  return t.length > 60 ? t.slice(0, 59) + "…" : t;
}

export class Flow {
  readonly drafts: Draft[] = [];
  /** Problems read past (each names its line). */
  readonly warnings: string[] = [];
  private readonly states: StageState[] = [];
  private readonly globals = new Map<string, string>();
  private readonly esc;
  private printedBefore = false;
  private readonly proxies = new Map<string, VarSource>();

  constructor(private readonly input: FlowInput) {
    this.esc = input.model.ast.escapeChar;
  }

  run(): Draft[] {
    const { model, buildArgs } = this.input;
    // Predefined proxy args are in every RUN's environment, but out of the history unless declared.
    for (const name of PROXY_ARGS) {
      const v = Object.prototype.hasOwnProperty.call(buildArgs, name) ? buildArgs[name] : undefined;
      const hit = v ? this.hits(`${name}=${v}`)[0] : undefined;
      if (hit) this.proxies.set(name, { type: "var", origin: "ARG", name, value: hit.secret, kind: hit.kind, severity: hit.severity, line: 0 });
    }
    for (const [k, v] of globalArgValues(model, buildArgs)) this.globals.set(k, v);
    for (const node of this.input.graph.nodes) {
      const st = this.newState(node.index, node.label, node.parent, node.baseImage);
      this.states.push(st);
      for (const ins of node.stage.instructions) {
        try {
          this.instruction(st, ins);
        } catch (e) {
          // Lint goes on with the next instruction, and says so.
          this.warnings.push(`line ${ins.line}: internal error, instruction skipped by lint: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      this.finishArgs(st);
    }
    this.sweepLiterals();
    return this.drafts;
  }

  /**
   * A literal credential found by a rule's keyword (`PASSWORD=B@dP@ss`) is the same secret where it
   * appears without one (`net user john B@dP@ss`): those instructions become locations too.
   */
  private sweepLiterals(): void {
    const literal = this.drafts.filter((d) => d.rule === literalSecret && d.value !== undefined && d.value.length >= 8 && "stage" in d.reach);
    if (literal.length === 0) return;
    for (const node of this.input.graph.nodes) {
      for (const ins of node.stage.instructions) {
        const text = ins.node.original;
        for (const d of literal) {
          if (d.at.line === ins.line || d.also.some((a) => a.line === ins.line) || !text.includes(d.value!)) continue;
          if (this.drafts.some((x) => x !== d && x.rule === literalSecret && x.at.line === ins.line && x.value === d.value)) continue;
          d.also.push(siteOf(ins, node.label));
        }
      }
    }
  }

  private newState(index: number, label: string, parent: number | undefined, baseImage: string | undefined): StageState {
    const p = parent !== undefined ? this.states[parent] : undefined;
    const windows = baseImage !== undefined && WINDOWS_IMAGE.test(baseImage);
    const st: StageState = {
      index,
      label,
      args: new Map(),
      env: new Map(p?.env ?? []),
      decls: new Map(),
      allDecls: [],
      files: [],
      cwd: p?.cwd ?? "/",
      user: p?.user ?? "root",
      shell: p?.shell ?? (windows ? ["cmd", "/S", "/C"] : ["/bin/sh", "-c"]),
    };
    if (p?.gitStore) st.gitStore = p.gitStore;
    // A stage built FROM another has its files (and layers).
    for (const r of p?.files ?? []) {
      const rec: FileRecord = { paths: r.paths, origin: r.origin, stage: index, site: r.site, removed: r.removed };
      r.origin.records.push(rec);
      st.files.push(rec);
    }
    return st;
  }

  private expand(text: string, lookup: (name: string) => string | undefined): string {
    return expandWord(text, lookup, { escapeChar: this.esc, keepUnset: true }).value;
  }

  private lookup(st: StageState): (name: string) => string | undefined {
    return (n) => (st.args.has(n) ? st.args.get(n)!.value : st.env.get(n)?.value);
  }

  private home(st: StageState): string {
    const h = st.env.get("HOME")?.value;
    if (h && h.startsWith("/")) return h;
    return st.user === "root" || st.user === "0" || st.user === "" ? "/root" : `/home/${st.user}`;
  }

  private add(d: Draft): Draft {
    this.drafts.push(d);
    return d;
  }

  /**
   * Credentials in text, one hit per secret (the most specific rule's). A "secret" that is a shell
   * expansion (`_authToken=$(cat /run/secrets/x)`, `${TOKEN}`) is a reference, not a literal.
   */
  private hits(text: string): RuleHit[] {
    let raw: RuleHit[];
    try {
      raw = this.input.detector.scanText(text);
    } catch {
      return [];
    }
    const best = new Map<string, RuleHit>();
    for (const h of raw) {
      if (/\$[({A-Za-z_]|`/.test(h.secret) || isFakeValue(h.secret)) continue;
      const prev = best.get(h.secret);
      if (!prev || this.priority(h.ruleId) < this.priority(prev.ruleId)) best.set(h.secret, h);
    }
    return [...best.values()];
  }

  private priorities: Map<string, number> | undefined;

  private priority(ruleId: string): number {
    this.priorities ??= new Map(this.input.detector.ruleList.map((r) => [r.id, r.priority]));
    return this.priorities.get(ruleId) ?? 50;
  }

  private instruction(st: StageState, ins: Instruction): void {
    switch (ins.kind) {
      case "ARG":
        return this.arg(st, ins);
      case "ENV":
      case "LABEL":
        return this.envOrLabel(st, ins);
      case "RUN":
        return this.runInstruction(st, ins);
      case "COPY":
      case "ADD":
        return this.copy(st, ins);
      case "WORKDIR":
        st.cwd = resolveImagePath(this.expand(ins.path, this.lookup(st)), st.cwd);
        this.literals(st, ins, "history");
        return;
      case "USER":
        st.user = this.expand(ins.user, this.lookup(st));
        this.literals(st, ins, "config");
        return;
      case "SHELL":
        if (ins.shell.length > 0) st.shell = ins.shell;
        return;
      case "ONBUILD":
        this.literals(st, ins, "onbuild");
        return;
      case "CMD":
      case "ENTRYPOINT":
      case "HEALTHCHECK":
      case "EXPOSE":
      case "VOLUME":
      case "STOPSIGNAL":
      case "MAINTAINER":
        this.literals(st, ins, "config");
        return;
      default:
        return;
    }
  }

  /** Credentials written literally in an instruction's text. */
  private literals(st: StageState, ins: Instruction, where: "history" | "config" | "onbuild", extra = ""): LiteralSource[] {
    const text = ins.node.original + extra;
    const out: LiteralSource[] = [];
    const seen = new Set<string>();
    for (const h of this.hits(text)) {
      if (seen.has(h.secret)) continue;
      seen.add(h.secret);
      out.push({ type: "literal", value: h.secret, kind: h.kind, severity: h.severity });
      const site = siteOf(ins, st.label);
      const d: Draft = {
        rule: literalSecret,
        kind: h.kind,
        confidence: h.confidence,
        severity: h.severity,
        value: h.secret,
        at: site,
        also: [],
        reach: { stage: st.index },
        message: (scope) => literalSecretMessage({ kind: h.kind, instruction: ins.kind, stage: st.label, where }, scope),
      };
      if (h.name) d.name = h.name;
      this.add(d);
    }
    return out;
  }

  // ARG ---------------------------------------------------------------------------------------

  private arg(st: StageState, ins: ArgInstruction): void {
    const { buildArgs } = this.input;
    for (const def of ins.args) {
      const name = def.name;
      let value: string | undefined;
      let from: ArgDecl["valueFrom"] = "default";
      if (Object.prototype.hasOwnProperty.call(buildArgs, name)) {
        value = buildArgs[name];
        from = "build-arg";
      } else if (def.rawDefault !== undefined) {
        value = this.expand(def.rawDefault, this.lookup(st));
      } else if (this.globals.has(name)) {
        value = this.globals.get(name);
        from = "global";
      }
      const site = siteOf(ins, st.label, def.nameToken, name);
      const info: VarInfo = {};
      if (value !== undefined) info.value = value;
      const refs = from === "default" ? def.references.map((r) => this.secretVar(st, r)).filter((s): s is VarSource => s !== undefined) : [];
      const judged = this.judge(name, value, from !== "build-arg");
      if (judged || refs.length > 0) {
        const source: VarSource = { type: "var", origin: "ARG", name, kind: judged?.kind ?? refs[0]?.kind ?? "generic-secret", line: site.line };
        if (judged?.value !== undefined) source.value = judged.value;
        else if (refs[0]?.value !== undefined) source.value = refs[0].value;
        if (judged?.severity) source.severity = judged.severity;
        if (refs[0]) source.via = refs[0];
        info.source = source;
        const decl: ArgDecl = {
          source,
          site,
          secret: source.value !== undefined ? "value" : "name",
          valueFrom: from,
          holds: judged?.holds ?? `the value of ${refs[0]?.origin ?? "ARG"} ${refs[0]?.name ?? name}`,
        };
        st.decls.set(name, decl);
        st.allDecls.push(decl);
      } else st.decls.delete(name);
      st.args.set(name, info);
    }
  }

  /**
   * Whether `name=value` is a secret: by name and value (`MY_SECRET=foo`), by value alone (a
   * credential in it), or by name alone when no real value is known (`ARG NPM_TOKEN`).
   */
  private judge(name: string, value: string | undefined, placeholderMeansNameOnly: boolean): { kind: string; value?: string; holds: string; severity?: Severity } | undefined {
    const v = value?.trim() ?? "";
    if (v !== "" && !v.includes("$")) {
      const hits = this.hits(`${name}=${value}`);
      const hit = hits[0];
      const placeholder = isPlaceholder(v) || isFakeValue(v);
      if (!placeholder && isSecretAssignment(name, v) && !isPointerValue(name, v)) {
        const out: { kind: string; value?: string; holds: string; severity?: Severity } = { kind: hit?.kind ?? "generic-secret", value: value!, holds: hit?.kind ?? "a secret by its name" };
        if (hit) out.severity = hit.severity;
        return out;
      }
      if (hit) return { kind: hit.kind, value: hit.secret, holds: hit.kind, severity: hit.severity };
      if (!placeholder || !placeholderMeansNameOnly) return undefined;
    }
    if (v !== "" && v.includes("$") && !isPlaceholder(v)) return undefined;
    return isSecretName(name) ? { kind: "generic-secret", holds: "a secret by its name" } : undefined;
  }

  private secretVar(st: StageState, name: string): VarSource | undefined {
    return st.args.has(name) ? st.args.get(name)!.source : st.env.get(name)?.source;
  }

  private finishArgs(st: StageState): void {
    for (const decl of st.allDecls) {
      const s = decl.source;
      const consumed = decl.recordedBy !== undefined || decl.configBy !== undefined;
      if (decl.secret === "name") {
        if (!consumed) continue;
        this.add({
          rule: secretArgName,
          kind: s.kind,
          confidence: "medium",
          name: s.name,
          at: decl.site,
          also: [],
          reach: { stage: st.index },
          message: (scope) => {
            const p: Parameters<typeof secretArgNameMessage>[0] = { name: s.name, stage: st.label };
            if (decl.usedBy !== undefined) p.usedBy = decl.usedBy;
            if (decl.recordedBy !== undefined) p.recordedBy = decl.recordedBy;
            if (decl.configBy && decl.recordedBy === undefined) p.configBy = decl.configBy;
            return secretArgNameMessage(p, scope);
          },
        });
        continue;
      }
      if (decl.valueFrom !== "default" && !consumed) continue;
      const d: Draft = {
        rule: secretArgValue,
        kind: s.kind,
        confidence: s.kind === "generic-secret" ? "medium" : "high",
        value: s.value!,
        name: s.name,
        at: decl.site,
        also: [],
        reach: { stage: st.index },
        message: (scope) => {
          const p: Parameters<typeof secretArgValueMessage>[0] = {
            name: s.name,
            stage: st.label,
            source: decl.valueFrom === "default" ? "default" : "build-arg",
            holds: decl.holds,
          };
          if (decl.recordedBy !== undefined) p.recordedBy = decl.recordedBy;
          return secretArgValueMessage(p, scope);
        },
      };
      if (s.severity) d.severity = s.severity;
      this.add(d);
    }
  }

  // ENV / LABEL ---------------------------------------------------------------------------------

  private envOrLabel(st: StageState, ins: EnvInstruction | LabelInstruction): void {
    for (const p of ins.pairs) {
      const value = this.expand(p.rawValue, this.lookup(st));
      const refs = p.references.map((r) => this.secretVar(st, r)).filter((s): s is VarSource => s !== undefined);
      const unresolved = /\$/.test(value);
      let source: VarSource | undefined;
      if (!unresolved || refs.length > 0) {
        const judged = unresolved ? undefined : this.judgeValue(p.key, value);
        if (judged || refs.length > 0) {
          source = { type: "var", origin: "ENV", name: p.key, kind: judged?.kind ?? refs[0]!.kind, line: p.keyToken.range.start.line };
          const v = judged?.value ?? refs.find((r) => r.value !== undefined)?.value;
          if (v !== undefined) source.value = v;
          const sev = judged?.severity ?? refs[0]?.severity;
          if (sev) source.severity = sev;
          if (!judged && refs[0]) source.via = refs[0];
        }
      }
      for (const r of p.references) {
        const decl = st.decls.get(r);
        if (decl && st.args.get(r)?.source === decl.source) decl.configBy ??= { line: ins.line, instruction: ins.kind, name: p.key };
      }
      if (ins.kind === "ENV") {
        const info: VarInfo = { value };
        if (source) info.source = source;
        st.env.set(p.key, info);
      }
      if (!source) continue;
      const site = siteOf(ins, st.label, p.keyToken, p.key);
      const via = source.via;
      const from = via ? { origin: via.origin, name: via.name } : undefined;
      const d: Draft = {
        rule: ins.kind === "ENV" ? secretEnv : secretLabel,
        kind: source.kind,
        confidence: source.value !== undefined && source.kind !== "generic-secret" ? "high" : "medium",
        name: p.key,
        at: site,
        also: [],
        reach: { stage: st.index },
        message: (scope) =>
          ins.kind === "ENV"
            ? secretEnvMessage(from ? { name: p.key, stage: st.label, from } : { name: p.key, stage: st.label }, scope)
            : secretLabelMessage(from ? { name: p.key, stage: st.label, from } : { name: p.key, stage: st.label }, scope),
      };
      if (source.value !== undefined) d.value = source.value;
      if (source.severity) d.severity = source.severity;
      this.add(d);
    }
  }

  private judgeValue(name: string, value: string): { kind: string; value: string; severity?: Severity } | undefined {
    const v = value.trim();
    if (v === "") return undefined;
    const hit = this.hits(`${name}=${value}`)[0];
    if (isSecretAssignment(name, v) && !isPointerValue(name, v) && !isFakeValue(v)) return hit ? { kind: hit.kind, value, severity: hit.severity } : { kind: "generic-secret", value };
    if (hit) return { kind: hit.kind, value: hit.secret, severity: hit.severity };
    return undefined;
  }

  // RUN -----------------------------------------------------------------------------------------

  private runInstruction(st: StageState, ins: RunInstruction): void {
    const site = siteOf(ins, st.label);
    const line = ins.line;
    const bodies = ins.heredocs.map((h) => h.content).join("\n");
    const literals = this.literals(st, ins, "history", bodies ? "\n" + bodies : "");
    // Every ARG in scope with a value is recorded in this RUN's history entry (|N K=V).
    for (const decl of st.decls.values()) decl.recordedBy ??= line;

    const mounts: MountSource[] = [];
    const ephemeral: string[] = [];
    const secretFiles = new Map<string, MountSource>();
    const tildeTargets: string[] = [];
    const optional: MountSource[] = [];
    for (const m of ins.mounts) {
      if (m.type === "secret") {
        const id = m.secretId ?? "";
        const src: MountSource = { type: "mount", id };
        if (m.env) src.env = m.env;
        if (m.secretPath !== undefined) {
          const target = m.secretPath;
          if (target.startsWith("~")) tildeTargets.push(target);
          src.path = target.startsWith("~") ? normalise("/" + target) : resolveImagePath(target, st.cwd);
          secretFiles.set(src.path, src);
          ephemeral.push(src.path);
        }
        mounts.push(src);
        if (m.required === false) optional.push(src);
        const passed = this.input.secrets;
        if (passed && id && !passed.includes(id)) {
          this.add({
            rule: secretNotPassed,
            kind: secretNotPassed.kind,
            confidence: "high",
            at: site,
            also: [],
            reach: { fixed: "bug" },
            message: () => secretNotPassedMessage({ id, required: m.required === true, passed: [...passed] }),
          });
        }
      } else if (m.type !== "ssh") {
        ephemeral.push(resolveImagePath(m.target ?? ".", st.cwd));
      }
    }
    const shellName = st.shell[0] ?? "/bin/sh";
    const posixShell = POSIX_SHELL.test(shellName) || ins.command.form === "exec";
    const text = posixShell ? runScriptText(ins.command, ins.heredocs, ins.heredocIsScript) : undefined;
    const mountEnv = new Map(mounts.filter((m) => m.env).map((m) => [m.env!, m]));
    const ctx: RunContext = {
      cwd: st.cwd,
      home: this.home(st),
      envTaint: (name) => {
        const m = mountEnv.get(name);
        if (m) return [m];
        const s = this.secretVar(st, name) ?? (st.args.has(name) ? undefined : this.proxies.get(name));
        return s ? [s] : undefined;
      },
      envAll: () =>
        union(
          [...mountEnv.values()],
          [...this.proxies.entries()].filter(([n]) => !st.args.has(n)).map(([, v]) => v),
          [...st.args.values(), ...st.env.values()].flatMap((v) => (v.source ? [v.source] : [])),
        ),
      secretFiles,
      literals,
      xtrace: st.shell.slice(1).some((a) => /^-[a-z]*x/.test(a)),
    };
    if (st.gitStore) ctx.gitCredentialStore = st.gitStore;
    const fx = text !== undefined ? analyzeRun(parseShell(text), ctx) : undefined;
    for (const target of tildeTargets) {
      this.add({
        rule: secretMountTilde,
        kind: secretMountTilde.kind,
        confidence: "high",
        at: site,
        also: [],
        reach: { fixed: "bug" },
        message: () => {
          const read = fx?.tildeReads.find((r) => r.text !== target);
          return secretMountTildeMessage(read ? { target, reads: read.text } : { target });
        },
      });
    }

    if (!fx) return;
    if (fx.gitCredentialStore) st.gitStore = fx.gitCredentialStore;
    for (const decl of st.decls.values()) if (fx.vars.has(decl.source.name)) decl.usedBy ??= line;

    // Files written: kept unless removed later in the same RUN or on a mount.
    const byPath = new Map<string, { path: string; alt?: string; taint: Taint; tool: string }>();
    for (const w of fx.writes) {
      const onMount = (p: string) => EPHEMERAL.test(p) || ephemeral.some((e) => covers(e, p));
      if (onMount(w.path) && (w.alt === undefined || onMount(w.alt))) continue;
      const removed = fx.removals.some((r) => r.step > w.step && (covers(r.pattern, w.path) || (w.alt !== undefined && covers(r.pattern, w.alt))));
      if (removed) continue;
      const prev = byPath.get(w.path);
      if (prev) prev.taint = union(prev.taint, w.taint);
      else {
        const e: { path: string; alt?: string; taint: Taint; tool: string } = { path: w.path, taint: w.taint, tool: w.tool };
        if (w.alt !== undefined) e.alt = w.alt;
        byPath.set(w.path, e);
      }
    }
    // Removals of files earlier layers hold: they stay in those layers.
    for (const r of fx.removals) {
      for (const rec of st.files) {
        if (rec.removed || !rec.paths.some((p) => covers(r.pattern, p))) continue;
        rec.removed = true;
        const path = rec.paths.find((p) => covers(r.pattern, p))!;
        const addedBy = { line: rec.site.line, instruction: rec.site.instruction };
        const d: Draft = {
          rule: rmLaterLayer,
          kind: rec.origin.draft?.kind ?? "generic-secret",
          confidence: "high",
          at: site,
          also: [rec.site],
          reach: { stage: st.index },
          message: (scope) => rmLaterLayerMessage({ path, addedBy, stage: st.label }, scope),
        };
        const v = rec.origin.draft?.value;
        if (v !== undefined) d.value = v;
        const n = rec.origin.draft?.name;
        if (n !== undefined) d.name = n;
        this.add(d);
      }
    }
    for (const w of byPath.values()) {
      const known = knownValue(w.taint);
      const mount = mountSources(w.taint)[0];
      const what = describeTaint(w.taint);
      const origin: Origin = { records: [] };
      const d: Draft = {
        rule: secretFileWrite,
        kind: kindOf(w.taint),
        confidence: known && known.kind !== "generic-secret" ? "high" : "medium",
        at: site,
        also: [],
        reach: { origin },
        message: (scope, carriedBy) => {
          const p: Parameters<typeof secretFileWriteMessage>[0] = { tool: w.tool, what, path: w.path, stage: st.label, carriedBy };
          if (mount && w.taint.length === 1) p.fromMount = mount.id;
          return secretFileWriteMessage(p, scope);
        },
      };
      if (known) {
        d.value = known.value;
        if (known.severity) d.severity = known.severity;
      }
      const name = nameOf(w.taint);
      if (name !== undefined) d.name = name;
      origin.draft = this.add(d);
      this.record(st, origin, w.alt !== undefined ? [w.path, w.alt] : [w.path], site);
    }

    // The build log.
    const printed = new Map<string, Set<string>>();
    for (const p of fx.prints) {
      const set = printed.get(p.how) ?? new Set<string>();
      for (const m of mountSources(p.taint)) set.add(m.env && !m.path ? m.env : m.id);
      printed.set(p.how, set);
    }
    for (const [how, ids] of printed) {
      const again = this.printedBefore;
      this.printedBefore = true;
      this.add({
        rule: secretPrinted,
        kind: secretPrinted.kind,
        confidence: "high",
        at: site,
        also: [],
        reach: { fixed: "log" },
        message: () => secretPrintedMessage({ how, secrets: [...ids], again }),
      });
    }

    // Plumbing: reads of secret files no mount provides; optional secrets read unconditionally.
    const provided = [...secretFiles.keys()];
    const reported = new Set<string>();
    for (const r of fx.secretReads) {
      const p = r.path ?? r.text;
      if (hasGlob(p) || secretFiles.has(p) || provided.some((q) => q.startsWith(p + "/")) || reported.has(p)) continue;
      reported.add(p);
      this.add({
        rule: secretMountMissing,
        kind: secretMountMissing.kind,
        confidence: "high",
        at: site,
        also: [],
        reach: { fixed: "bug" },
        message: () => secretMountMissingMessage({ path: p, provided }),
      });
    }
    for (const m of optional) {
      if (!m.path) continue;
      const read = fx.secretReads.find((r) => r.path === m.path && !r.conditional);
      if (!read) continue;
      this.add({
        rule: secretMountOptional,
        kind: secretMountOptional.kind,
        confidence: "medium",
        at: site,
        also: [],
        reach: { fixed: "bug" },
        message: () => secretMountOptionalMessage({ id: m.id, path: m.path! }),
      });
    }
  }

  private record(st: StageState, origin: Origin, paths: string[], site: IssueSite): void {
    const rec: FileRecord = { paths, origin, stage: st.index, site, removed: false };
    origin.records.push(rec);
    st.files.push(rec);
  }

  // COPY / ADD ----------------------------------------------------------------------------------

  private copy(st: StageState, ins: CopyInstruction | AddInstruction): void {
    const site = siteOf(ins, st.label);
    const lookup = this.lookup(st);
    this.literals(st, ins, "history");
    const destRaw = this.expand(ins.destination, lookup);
    const dest = resolveImagePath(destRaw === "" ? "." : destRaw, st.cwd);
    const sources = ins.sources.map((s) => ({ s, path: s.heredoc ? s.path : this.expand(s.path, lookup) }));
    const destIsDir = destRaw.endsWith("/") || destRaw === "." || sources.length > 1 || sources.some((x) => hasGlob(x.path));
    const fromRef = ins.kind === "COPY" && ins.from !== undefined ? this.expand(ins.from, lookup) : undefined;
    if (fromRef !== undefined) {
      const from = resolveStageRef(this.input.model, fromRef, st.index);
      const src = from !== undefined ? this.states[from] : undefined;
      if (!src) return;
      for (const rec of src.files) {
        if (rec.removed) continue;
        for (const { path } of sources) {
          const abs = resolveImagePath(path, "/");
          let target: string | undefined;
          for (const p of rec.paths) {
            target = copyTarget(abs, p, dest, destIsDir);
            if (target !== undefined) break;
          }
          if (target === undefined) continue;
          this.record(st, rec.origin, [target], site);
          break;
        }
      }
      return;
    }
    // Heredoc sources: their content becomes a file.
    for (const { s } of sources) {
      if (!s.heredoc) continue;
      const path = destIsDir ? posix.join(dest, s.heredoc.name) : dest;
      const seen = new Set<string>();
      for (const h of this.hits(s.heredoc.content)) {
        if (seen.has(h.secret)) continue;
        seen.add(h.secret);
        const origin: Origin = { records: [] };
        const d: Draft = {
          rule: literalSecret,
          kind: h.kind,
          confidence: h.confidence,
          severity: h.severity,
          value: h.secret,
          at: site,
          also: [],
          reach: { origin },
          message: (scope, carriedBy) => literalSecretMessage({ kind: h.kind, instruction: ins.kind, stage: st.label, where: "file", path, carriedBy }, scope),
        };
        if (h.name) d.name = h.name;
        origin.draft = this.add(d);
        this.record(st, origin, [path], site);
      }
    }
    // Files of the build context.
    const relSources = sources
      .filter(({ s, path }) => !s.heredoc && !/^(?:https?|git|ssh):\/\/|^git@/.test(path))
      .map(({ path }) => normalise("/" + path));
    const covered = new Set<string>();
    const copies = this.input.contextCopies?.filter((c) => c.line === ins.line) ?? [];
    for (const c of copies) {
      const abs = "/" + c.path;
      let target: string | undefined;
      for (const src of relSources) {
        target = copyTarget(src, abs, dest, destIsDir);
        if (target !== undefined) {
          covered.add(src);
          break;
        }
      }
      target ??= posix.join(dest, posix.basename(c.path));
      // `COPY .netrc /root`: /root may be a directory of the base image.
      const alt = target === dest && !destIsDir ? posix.join(dest, posix.basename(c.path)) : undefined;
      this.contextFile(st, ins, site, {
        path: c.path,
        reason: c.reason,
        dest: alt !== undefined && looksLikeDir(dest, c.path) ? alt : target,
        alt: alt !== undefined && looksLikeDir(dest, c.path) ? target : alt,
        gitignoreOnly: c.gitignoreOnly,
        ...(c.hit ? { hit: c.hit } : {}),
        ...(c.kind ? { kind: c.kind } : {}),
        ...(c.critical ? { severity: "critical" as const } : {}),
        confidence: c.hit ? c.hit.confidence : "medium",
        byContext: true,
      });
    }
    for (const src of relSources) {
      if (covered.has(src)) continue;
      const rel = src.slice(1);
      if (this.input.contextCopies !== undefined && this.input.contextHas?.(rel)) continue;
      const reason = sensitiveByName(rel, destRaw);
      if (!reason) continue;
      const base = posix.basename(rel);
      const into = posix.join(dest, base);
      const dirGuess = destIsDir || looksLikeDir(dest, rel);
      this.contextFile(st, ins, site, {
        path: rel,
        reason: `${reason}, by its name`,
        dest: dirGuess ? into : dest,
        gitignoreOnly: false,
        confidence: "low",
        byContext: false,
        alt: destIsDir ? undefined : dirGuess ? dest : into,
      });
    }
  }

  private contextFile(
    st: StageState,
    ins: CopyInstruction | AddInstruction,
    site: IssueSite,
    f: {
      path: string;
      reason: string;
      dest: string;
      gitignoreOnly: boolean;
      hit?: RuleHit;
      kind?: string;
      severity?: Severity;
      confidence: Confidence;
      byContext: boolean;
      alt?: string | undefined;
    },
  ): void {
    const origin: Origin = { records: [] };
    const instruction = shortText(ins);
    const d: Draft = {
      rule: sensitiveFileCopy,
      kind: f.hit?.kind ?? f.kind ?? sensitiveFileCopy.kind,
      confidence: f.confidence,
      at: site,
      also: [],
      reach: { origin },
      message: (scope, carriedBy) =>
        sensitiveFileCopyMessage({ instruction, path: f.path, reason: f.reason, dest: f.dest, stage: st.label, gitignoreOnly: f.gitignoreOnly, carriedBy }, scope),
    };
    if (f.hit) {
      d.value = f.hit.secret;
      d.severity = f.hit.severity;
      if (f.hit.name) d.name = f.hit.name;
    }
    if (f.severity) d.severity = f.severity;
    if (f.byContext) d.context = { path: f.path, copiedBy: [site] };
    origin.draft = this.add(d);
    this.record(st, origin, f.alt !== undefined && f.alt !== f.dest ? [f.dest, f.alt] : [f.dest], site);
  }

  /** How far a draft reaches, and the COPY --from lines that carry it into the final image. */
  resolve(d: Draft): { scope: Scope; carriedBy: IssueSite[] } {
    const chain = this.input.graph.chain;
    if ("fixed" in d.reach) return { scope: d.reach.fixed, carriedBy: [] };
    if ("stage" in d.reach) return { scope: chain.has(d.reach.stage) ? "final" : "host", carriedBy: [] };
    const recs = d.reach.origin.records;
    const inFinal = recs.filter((r) => chain.has(r.stage));
    if (inFinal.length === 0) return { scope: "host", carriedBy: [] };
    const carriedBy: IssueSite[] = [];
    for (const r of inFinal) {
      if (r.site.line !== d.at.line && r.site.instruction === "COPY" && !carriedBy.some((c) => c.line === r.site.line)) carriedBy.push(r.site);
    }
    return { scope: "final", carriedBy };
  }
}
