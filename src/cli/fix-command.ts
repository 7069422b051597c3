import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import { compileUserRule } from "../config/user-rules.js";
import { Detector } from "../detect/engine.js";
import { BUILTIN_RULES } from "../detect/rules/index.js";
import { fix, formatFixJson, formatFixText } from "../fix/index.js";
import { parseBuildArgs } from "./context-command.js";
import { formatOption, type ReportFormat } from "./output.js";

interface FixFlags {
  dryRun?: boolean;
  /** False with `--no-backup`. */
  backup: boolean;
  /** A directory, `true` (default: the Dockerfile's directory) or `false` (`--no-context`). */
  context: string | boolean;
  target?: string;
  buildArg: string[];
  format: ReportFormat;
  output?: string;
  config?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs `dredge fix`; returns the exit code: 0 fixed or nothing to fix, 1 something refused. */
export async function runFix(path: string | undefined, flags: FixFlags): Promise<number> {
  const buildArgs = parseBuildArgs(flags.buildArg);
  const config = await loadConfig(flags.config);
  const cwd = process.cwd();
  const dryRun = Boolean(flags.dryRun);
  const result = await fix(path ?? ".", {
    ...(config.rules?.length ? { detector: new Detector([...BUILTIN_RULES, ...config.rules.map(compileUserRule)]) } : {}),
    context: flags.context === false ? false : typeof flags.context === "string" ? flags.context : undefined,
    ...(flags.target !== undefined ? { target: flags.target } : {}),
    buildArgs,
    dryRun,
    backup: flags.backup,
    cwd,
  });
  const opts = { cwd, dryRun, secrets: result.plan.secretValues };
  const text = flags.format === "json" ? formatFixJson(result, opts) : formatFixText(result, opts);
  if (flags.output) await writeFile(flags.output, text, { mode: 0o600 });
  else process.stdout.write(text);
  return result.outcome === "partial" || result.outcome === "refused" ? 1 : 0;
}

/** Adds `dredge fix [DOCKERFILE|DIR]` to the program. */
export function registerFixCommand(program: Command): void {
  program
    .command("fix")
    .description("rewrite a Dockerfile (and .dockerignore) so that secrets never enter a layer, where the data flow proves it safe; print the build command that supplies them")
    .argument("[dockerfile]", "the Dockerfile, or a directory holding one (default: .)")
    .option("--dry-run", "show a unified diff of what would change; write nothing")
    .option("--no-backup", "do not keep Dockerfile.bak / .dockerignore.bak copies of the files written")
    .option("--context <dir>", "the build context (default: the Dockerfile's directory)")
    .option("--no-context", "do not analyse the build context (no .dockerignore changes)")
    .option("--target <stage>", "the stage the build ends with (default the last)")
    .option("--build-arg <name[=value]>", "a build argument, as docker build takes it (repeatable)", collect, [])
    .addOption(formatOption())
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--config <file>", "config file (default: .dredge.yaml in the working directory): salt and user rules")
    .exitOverride()
    .action(async (dockerfile: string | undefined, flags: FixFlags) => {
      process.exitCode = await runFix(dockerfile, flags);
    });
}
