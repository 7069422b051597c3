/**
 * `fix` over files: finds the Dockerfile, analyses its build context, plans the rewrite, and
 * writes the Dockerfile and the ignore file (each with a backup unless told not to), or only
 * shows what it would do.
 */

import { copyFile, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { analyzeContext, type ContextReport } from "../context/index.js";
import type { Detector } from "../detect/engine.js";
import { defaultDetector } from "../lint/lint.js";
import { DredgeError, errorMessage } from "../util/errors.js";
import { buildCommands, type BuildCommands } from "./commands.js";
import { planFixText } from "./planner.js";
import { outcomeOf, type FixOutcome, type FixPlan } from "./types.js";

export interface FixOptions {
  /** The build context (default: the Dockerfile's directory); false: do not analyse it. */
  context?: string | false;
  target?: string;
  buildArgs?: Record<string, string>;
  detector?: Detector;
  /** Only plan: write nothing. */
  dryRun?: boolean;
  /** Keep `<file>.bak` copies of the files written (default true). */
  backup?: boolean;
  /** Where the printed commands run (paths in them are relative to it; default: the process's cwd). */
  cwd?: string;
}

export interface FixResult {
  /** The Dockerfile (absolute). */
  dockerfile: string;
  /** The context directory (absolute). */
  contextDir: string;
  plan: FixPlan;
  outcome: FixOutcome;
  commands: BuildCommands;
  /** Files written (with their backups), empty on a dry run or when nothing changed. */
  written: { file: string; backup?: string }[];
  warnings: string[];
}

const MAX_DOCKERFILE = 4 << 20;

/** The Dockerfile a path names: the file, or `Dockerfile` (then `Containerfile`) in a directory. */
export async function locateDockerfile(path: string): Promise<string> {
  const abs = resolve(path);
  let st;
  try {
    st = await stat(abs);
  } catch (e) {
    throw new DredgeError("not-found", `cannot read ${path}: ${errorMessage(e)}`);
  }
  if (st.isFile()) return abs;
  if (!st.isDirectory()) throw new DredgeError("not-a-file", `${path} is neither a Dockerfile nor a directory`);
  for (const name of ["Dockerfile", "Containerfile"]) {
    try {
      if ((await stat(join(abs, name))).isFile()) return join(abs, name);
    } catch {
      // next
    }
  }
  throw new DredgeError("not-found", `no Dockerfile or Containerfile in ${path}`);
}

function rel(from: string, to: string): string {
  const r = relative(from, to);
  return r === "" ? "." : r;
}

async function backupAndWrite(file: string, text: string, exists: boolean, backup: boolean): Promise<{ file: string; backup?: string }> {
  const out: { file: string; backup?: string } = { file };
  if (exists && backup) {
    out.backup = `${file}.bak`;
    await copyFile(file, out.backup);
  }
  await writeFile(file, text);
  return out;
}

/** Plans the fix of a Dockerfile (file or directory) and writes it unless `dryRun`. */
export async function fix(path: string, opts: FixOptions = {}): Promise<FixResult> {
  const dockerfile = await locateDockerfile(path);
  const st = await stat(dockerfile);
  if (st.size > MAX_DOCKERFILE) throw new DredgeError("too-large", `${path} is larger than ${MAX_DOCKERFILE >> 20} MiB: not a Dockerfile`);
  const text = await readFile(dockerfile, "utf8");
  const cwd = resolve(opts.cwd ?? process.cwd());
  const contextDir = resolve(opts.context === false || opts.context === undefined ? dirname(dockerfile) : opts.context);
  const detector = opts.detector ?? defaultDetector();
  const warnings: string[] = [];
  let report: ContextReport | undefined;
  if (opts.context !== false) {
    try {
      report = await analyzeContext({
        dir: contextDir,
        dockerfile,
        detector,
        ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}),
        ...(opts.target !== undefined ? { target: opts.target } : {}),
      });
      warnings.push(...report.warnings);
    } catch (e) {
      warnings.push(`build context ${contextDir} not analysed: ${errorMessage(e)}`);
    }
  }
  const plan = planFixText(text, {
    file: rel(cwd, dockerfile),
    ...(opts.target !== undefined ? { target: opts.target } : {}),
    ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}),
    detector,
    ...(report ? { context: report } : {}),
    contextDir,
    hostPath: (p) => rel(cwd, join(report?.dir ?? contextDir, p)),
  });
  const commands = buildCommands(plan.secrets, rel(cwd, dockerfile), rel(cwd, contextDir));
  const written: FixResult["written"] = [];
  if (!opts.dryRun) {
    const backup = opts.backup ?? true;
    if (plan.after !== plan.before) written.push(await backupAndWrite(dockerfile, plan.after, true, backup));
    if (plan.ignore) written.push(await backupAndWrite(plan.ignore.file, plan.ignore.after, plan.ignore.exists, backup));
  }
  return { dockerfile, contextDir, plan, outcome: outcomeOf(plan), commands, written, warnings };
}
