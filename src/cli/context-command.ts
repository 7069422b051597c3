import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import { compileUserRule } from "../config/user-rules.js";
import { analyzeContext, contextFindings, type ContextReport } from "../context/index.js";
import { Detector } from "../detect/engine.js";
import { BUILTIN_RULES } from "../detect/rules/index.js";
import type { ScanResult } from "../findings/types.js";
import { UsageError } from "../util/errors.js";
import { parseFailOn } from "./exit.js";
import { baselineOption, formatOption, needsFingerprints, printReport, writeBaselineOption, type ReportFormat } from "./output.js";

interface ContextFlags {
  file?: string;
  format: ReportFormat;
  output?: string;
  baseline?: string;
  writeBaseline?: string;
  showSecrets?: boolean;
  failOn?: string;
  target?: string;
  buildArg: string[];
  color?: boolean;
  all?: boolean;
  config?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--build-arg K=V`, or `--build-arg K` to take K from the environment (as docker build does). */
export function parseBuildArgs(list: readonly string[], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf("=");
    const key = eq < 0 ? item : item.slice(0, eq);
    if (key === "") throw new UsageError(`--build-arg needs a name: ${JSON.stringify(item.slice(0, 40))}`);
    if (eq >= 0) out[key] = item.slice(eq + 1);
    else if (env[key] !== undefined) out[key] = env[key]!;
  }
  return out;
}

/** A list for a note: the first ten, then how many more. */
function some(list: readonly string[]): string {
  return list.length <= 10 ? list.join(", ") : `${list.slice(0, 10).join(", ")} and ${list.length - 10} more (see the findings)`;
}

/** Notes for people: what the report cannot say with a finding (no ignore file, .gitignore is not .dockerignore…). */
export function contextNotes(report: ContextReport): string[] {
  const notes: string[] = [];
  if (!report.ignoreFile) {
    notes.push(
      report.ignoreSuggestions.length
        ? `there is no .dockerignore: all ${report.sentFiles} files are sent to the builder; create one with these lines: ${some(report.ignoreSuggestions)}`
        : `there is no .dockerignore: all ${report.sentFiles} files are sent to the builder`,
    );
  } else if (report.ignoreSuggestions.length) {
    notes.push(`${report.ignoreFile} lets sensitive files through; append these lines to it: ${some(report.ignoreSuggestions)}`);
  }
  if (report.gitignoreOnly.length) {
    const one = report.gitignoreOnly.length === 1;
    const by = report.ignoreFile ? `${report.ignoreFile} lets ${one ? "it" : "them"} through` : "there is no .dockerignore";
    notes.push(`\`.gitignore\` does not apply to docker builds: it excludes ${some(report.gitignoreOnly)}, but ${by}, so ${one ? "it is" : "they are"} sent`);
  }
  for (const e of report.ignoreErrors) notes.push(`${report.ignoreFile ?? ".dockerignore"} line ${e.line}: ${e.message}; docker build fails on it (the line is left out here)`);
  return [...notes, ...report.warnings];
}

/** Runs `dredge context`; returns the exit code. */
export async function runContext(dir: string, flags: ContextFlags): Promise<number> {
  const buildArgs = parseBuildArgs(flags.buildArg);
  const config = await loadConfig(flags.config);
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? "high");
  const rules = [...BUILTIN_RULES, ...(config.rules ?? []).map(compileUserRule)];
  const report = await analyzeContext({
    dir,
    detector: new Detector(rules),
    ...(flags.file !== undefined ? { dockerfile: flags.file } : {}),
    ...(Object.keys(buildArgs).length ? { buildArgs } : {}),
    ...(flags.target !== undefined ? { target: flags.target } : {}),
  });
  const target = `context:${dir}`;
  const result: ScanResult = {
    version: 1,
    targets: [{ target, warnings: contextNotes(report) }],
    findings: await contextFindings(report, target, { rules, fingerprints: needsFingerprints(flags, config), ...(config.fingerprintSalt ? { salt: config.fingerprintSalt } : {}) }),
  };
  return printReport(result, flags, failOn, config);
}

/** Adds `dredge context [DIR]` to the program. */
export function registerContextCommand(program: Command): void {
  program
    .command("context")
    .description("what `docker build` would send from DIR and copy into the image: sensitive files .dockerignore lets through")
    .argument("[dir]", "the build context", ".")
    .option("--file <dockerfile>", "the Dockerfile (default: DIR/Dockerfile); its COPY/ADD say what is copied")
    .addOption(formatOption())
    .addOption(baselineOption())
    .addOption(writeBaselineOption())
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--show-secrets", "print whole secret values (default: redacted previews)")
    .option("--fail-on <severity>", "exit 1 when a finding is at or above this severity (critical|high|medium|low|info|none; default: failOn in .dredge.yaml, else high)")
    .option("--target <stage>", "the stage built (default the last): copies into stages that do not reach it stay on the build host")
    .option("--build-arg <name[=value]>", "a build argument, as docker build takes it (repeatable)", collect, [])
    .option("--config <file>", "config file (default: .dredge.yaml in the working directory or the nearest directory above it)")
    .option("--all", "also show (and fail on) findings held back as low confidence: dependencies' test data and docs, published test keys")
    .option("--color", "force colour")
    .option("--no-color", "no colour")
    .exitOverride()
    .action(async (dir: string, flags: ContextFlags) => {
      process.exitCode = await runContext(dir, flags);
    });
}
