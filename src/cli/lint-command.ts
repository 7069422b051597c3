import { existsSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import { compileUserRule } from "../config/user-rules.js";
import { Detector } from "../detect/engine.js";
import { BUILTIN_RULES } from "../detect/rules/index.js";
import { lint } from "../lint/index.js";
import { UsageError } from "../util/errors.js";
import { parseBuildArgs } from "./context-command.js";
import { parseFailOn } from "./exit.js";
import { baselineOption, formatOption, needsFingerprints, printReport, writeBaselineOption, type ReportFormat } from "./output.js";

interface LintFlags {
  /** A directory, `true` (default: each Dockerfile's directory) or `false` (`--no-context`). */
  context: string | boolean;
  target?: string;
  buildArg: string[];
  secret: string[];
  format: ReportFormat;
  baseline?: string;
  writeBaseline?: string;
  output?: string;
  showSecrets?: boolean;
  failOn?: string;
  color?: boolean;
  config?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The secret ids of `--secret id=X[,src=F|env=V]` flags (as docker build takes them: id defaults to the source's name). */
export function parseSecretIds(list: readonly string[]): string[] {
  return list.map((item) => {
    const fields = new Map<string, string>();
    for (const part of item.split(",")) {
      const eq = part.indexOf("=");
      if (eq <= 0) throw new UsageError(`--secret takes id=ID[,src=FILE|env=VAR], not ${JSON.stringify(part.slice(0, 40))}`);
      fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1));
    }
    const src = fields.get("src") ?? fields.get("source");
    const id = fields.get("id") ?? (src !== undefined ? basename(src) : fields.get("env"));
    if (!id) throw new UsageError("--secret needs an id (id=ID)");
    return id;
  });
}

/** Runs `dredge lint`; returns the exit code. */
export async function runLint(paths: string[], flags: LintFlags): Promise<number> {
  const buildArgs = parseBuildArgs(flags.buildArg);
  const secrets = flags.secret.length ? parseSecretIds(flags.secret) : undefined;
  const given = paths.length ? paths : [existsSync("Dockerfile") ? "Dockerfile" : "."];
  const config = await loadConfig(flags.config);
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? "high");
  const result = await lint(given, {
    ...(config.rules?.length ? { detector: new Detector([...BUILTIN_RULES, ...config.rules.map(compileUserRule)]) } : {}),
    ...(config.fingerprintSalt ? { salt: config.fingerprintSalt } : {}),
    fingerprints: needsFingerprints(flags, config),
    context: flags.context === false ? false : typeof flags.context === "string" ? flags.context : undefined,
    buildArgs,
    ...(secrets ? { secrets } : {}),
    ...(flags.target !== undefined ? { target: flags.target } : {}),
  });
  return printReport(result, flags, failOn, config);
}

/** Adds `dredge lint [PATHS...]` to the program. */
export function registerLintCommand(program: Command): void {
  program
    .command("lint")
    .description("find secret leaks in Dockerfiles before the build: history, config, files, copies, the build log, secret plumbing")
    .argument("[paths...]", "Dockerfiles, or directories to search for Dockerfile, Dockerfile.*, *.Dockerfile (default ./Dockerfile)")
    .option("--context <dir>", "the build context (default: each Dockerfile's directory)")
    .option("--no-context", "do not analyse the build context")
    .option("--target <stage>", "the stage the build ends with (default the last)")
    .option("--build-arg <name[=value]>", "a build argument, as docker build takes it (repeatable)", collect, [])
    .option("--secret <id=ID[,src=FILE|env=VAR]>", "a secret the build passes, as docker build takes it (repeatable)", collect, [])
    .addOption(formatOption())
    .addOption(baselineOption())
    .addOption(writeBaselineOption())
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--show-secrets", "print whole secret values (default: redacted previews)")
    .option("--fail-on <severity>", "exit 1 when a finding is at or above this severity (critical|high|medium|low|info|none; default: failOn in .dredge.yaml, else high)")
    .option("--config <file>", "config file (default: .dredge.yaml in the working directory or the nearest directory above it): salt and user rules")
    .option("--color", "force colour")
    .option("--no-color", "no colour")
    .exitOverride()
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await runLint(paths, flags);
    });
}
