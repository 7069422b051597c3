/**
 * What the rewrites need to know about the Dockerfile beyond lint's findings: each instruction's
 * stage, WORKDIR, HOME and USER; each RUN's shell text mapped to the file, its top-level
 * commands, and what each command does with secret data (lint's RUN reader, one command at a
 * time, so that a rewrite can move or drop exactly the command that writes a secret).
 */

import { posix } from "node:path";
import {
  expandWord,
  type DockerfileModel,
  type EscapeChar,
  type Instruction,
  type RunInstruction,
} from "../dockerfile/index.js";
import type { StageGraph } from "../lint/graph.js";
import { resolveImagePath, resolveShellPath } from "../lint/paths.js";
import { analyzeRun, type RunEffects } from "../lint/run.js";
import { parseShell } from "../lint/shell.js";
import type { LiteralSource, MountSource, Taint, VarSource } from "../lint/taint.js";
import { runScript, scriptShape, type LogicalText, type ScriptShape, type Segment } from "./run-text.js";

/** Where an instruction runs. */
export interface Place {
  stage: number;
  /** Position in the stage's instructions. */
  index: number;
  cwd: string;
  home: string;
  user: string;
  /** The shell RUN uses in shell form (`SHELL`, else `/bin/sh -c`, `cmd /S /C` on Windows images). */
  shell: string[];
}

const POSIX_SHELL = /(?:^|\/)(?:sh|bash|dash|ash|zsh|ksh|mksh|busybox)$/;
/** Base images whose default shell is `cmd /S /C` (as lint reads them). */
const WINDOWS_IMAGE = /(?:^|\/)(?:windows|nanoserver|servercore)(?:[:/@-]|$)|windowsservercore|nanoserver/i;

/** One top-level command of a RUN, and what it does with secrets. */
export interface CommandFacts {
  seg: Segment;
  /** Its text as the shell sees it. */
  text: string;
  /** The program it runs (base name, after `sudo`/`env`/… and assignments), or "" when none. */
  program: string;
  /** Its words (quotes removed), program first. */
  words: string[];
  fx: RunEffects;
  cwd: string;
}

export interface RunFacts {
  ins: RunInstruction;
  /** The Dockerfile's escape character (line continuations). */
  escape: EscapeChar;
  place: Place;
  /** The shell-form script, located in the file; undefined for exec form, a non-POSIX shell, or when it cannot be located. */
  script?: LogicalText;
  /** Why `script` is undefined, in words (`is in exec form`). */
  unreadable?: string;
  shape?: ScriptShape;
  commands: CommandFacts[];
  /** Secret mounts by id. */
  secretMounts: Map<string, { path?: string; raw: string; flagIndex: number }>;
}

const WRAPPERS = new Set(["sudo", "exec", "nohup", "time", "command", "nice", "env", "doas", "gosu", "su-exec", "timeout"]);

/** Secret sources the RUN reader should follow. */
export interface TaintSources {
  /** The secret ARGs in scope at a RUN, by name. */
  varsAt(ins: RunInstruction): ReadonlyMap<string, VarSource>;
  /** Literal credentials, by RUN line. */
  literals: Map<number, LiteralSource[]>;
}

export class DockerfileFacts {
  private readonly places = new Map<Instruction, Place>();
  private readonly runs = new Map<RunInstruction, RunFacts>();

  constructor(
    readonly text: string,
    readonly model: DockerfileModel,
    readonly graph: StageGraph,
    private readonly sources: TaintSources,
  ) {
    const states: { cwd: string; home?: string; user: string; shell: string[]; vars: Map<string, string> }[] = [];
    for (const node of graph.nodes) {
      const parent = node.parent !== undefined ? states[node.parent] : undefined;
      const shell = parent?.shell ?? (node.baseImage !== undefined && WINDOWS_IMAGE.test(node.baseImage) ? ["cmd", "/S", "/C"] : ["/bin/sh", "-c"]);
      const st = { cwd: parent?.cwd ?? "/", user: parent?.user ?? "root", shell, vars: new Map(parent?.vars ?? []) } as (typeof states)[number];
      if (parent?.home !== undefined) st.home = parent.home;
      states.push(st);
      const lookup = (n: string) => st.vars.get(n);
      node.stage.instructions.forEach((ins, index) => {
        const home = st.home ?? (st.user === "root" || st.user === "0" || st.user === "" ? "/root" : `/home/${st.user}`);
        this.places.set(ins, { stage: node.index, index, cwd: st.cwd, home, user: st.user, shell: st.shell });
        const expand = (t: string) => expandWord(t, lookup, { escapeChar: model.ast.escapeChar, keepUnset: true }).value;
        if (ins.kind === "SHELL" && ins.shell.length > 0) st.shell = ins.shell;
        else if (ins.kind === "WORKDIR") st.cwd = resolveImagePath(expand(ins.path), st.cwd);
        else if (ins.kind === "USER") st.user = expand(ins.user);
        else if (ins.kind === "ENV") {
          for (const p of ins.pairs) {
            const v = expand(p.rawValue);
            st.vars.set(p.key, v);
            if (p.key === "HOME" && v.startsWith("/")) st.home = v;
          }
        } else if (ins.kind === "ARG") {
          for (const a of ins.args) if (a.rawDefault !== undefined) st.vars.set(a.name, expand(a.rawDefault));
        }
      });
    }
  }

  get escapeChar() {
    return this.model.ast.escapeChar;
  }

  place(ins: Instruction): Place | undefined {
    return this.places.get(ins);
  }

  /** Instructions of a stage after the given one. */
  after(ins: Instruction): Instruction[] {
    const p = this.places.get(ins);
    if (!p) return [];
    return this.model.stages[p.stage]!.instructions.slice(p.index + 1);
  }

  /** Instructions of a stage before the given one. */
  before(ins: Instruction): Instruction[] {
    const p = this.places.get(ins);
    if (!p) return [];
    return this.model.stages[p.stage]!.instructions.slice(0, p.index);
  }

  /** Whether the stage reaches the final image (the target's FROM chain). */
  inChain(stage: number): boolean {
    return this.graph.chain.has(stage);
  }

  /** Stages built FROM this one. */
  children(stage: number): number[] {
    return this.graph.nodes.filter((n) => n.parent === stage).map((n) => n.index);
  }

  run(ins: RunInstruction): RunFacts {
    let facts = this.runs.get(ins);
    if (facts) return facts;
    const place = this.places.get(ins) ?? { stage: 0, index: 0, cwd: "/", home: "/root", user: "root", shell: ["/bin/sh", "-c"] };
    const secretMounts = new Map<string, { path?: string; raw: string; flagIndex: number }>();
    const mountFlags = ins.node.flags.filter((f) => f.name === "mount");
    ins.mounts.forEach((m, i) => {
      if (m.type !== "secret") return;
      const id = m.secretId ?? "";
      const flag = mountFlags[i];
      const entry: { path?: string; raw: string; flagIndex: number } = { raw: flag?.raw ?? "", flagIndex: flag ? ins.node.flags.indexOf(flag) : -1 };
      if (m.secretPath !== undefined && !m.secretPath.startsWith("~")) entry.path = resolveImagePath(m.secretPath, place.cwd);
      secretMounts.set(id, entry);
    });
    facts = { ins, escape: this.escapeChar, place, commands: [], secretMounts };
    const posixShell = POSIX_SHELL.test(place.shell[0] ?? "");
    const script = posixShell ? runScript(this.text, ins.node, this.escapeChar) : undefined;
    if (!script) {
      facts.unreadable = !posixShell
        ? `runs in ${place.shell.join(" ")}, not a POSIX shell`
        : ins.command.form === "exec"
          ? "is in exec form (no shell)"
          : "could not be located exactly in the file";
    }
    if (script) {
      facts.script = script;
      facts.shape = scriptShape(script.text);
      let cwd = place.cwd;
      for (const seg of facts.shape.segments) {
        const text = script.text.slice(seg.start, seg.end);
        const cmd = this.command(ins, text, cwd, place.home, secretMounts);
        facts.commands.push({ ...cmd, seg });
        if (cmd.program === "cd") cwd = resolveShellPath(cmd.words[1] ?? place.home, cwd, place.home) ?? cwd;
      }
    }
    this.runs.set(ins, facts);
    return facts;
  }

  private command(ins: RunInstruction, text: string, cwd: string, home: string, mounts: RunFacts["secretMounts"]): Omit<CommandFacts, "seg"> {
    const script = parseShell(text);
    const first = script.commands[0];
    let words = first?.words.map((w) => w.text) ?? [];
    while (words.length > 0 && WRAPPERS.has(posix.basename(words[0]!))) {
      let i = 1;
      while (i < words.length && (words[i]!.startsWith("-") || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!) || /^\d/.test(words[i]!))) i++;
      words = words.slice(i);
    }
    const secretFiles = new Map<string, MountSource>();
    for (const [id, m] of mounts) if (m.path) secretFiles.set(m.path, { type: "mount", id, path: m.path });
    const vars = this.sources.varsAt(ins);
    const fx = analyzeRun(script, {
      cwd,
      home,
      envTaint: (name): Taint | undefined => {
        const v = vars.get(name);
        return v ? [v] : undefined;
      },
      envAll: () => [...vars.values()],
      secretFiles,
      literals: this.sources.literals.get(ins.line) ?? [],
      xtrace: false,
    });
    return { text, program: words[0] ? posix.basename(words[0]) : "", words, fx, cwd };
  }
}
