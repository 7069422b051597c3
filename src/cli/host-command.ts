import type { Command } from "commander";
import { createInterface } from "node:readline/promises";
import { loadConfig } from "../config/load.js";
import { auditHost, type HostAudit } from "../host/audit.js";
import { runCleanup, type PruneOutcome } from "../host/prune.js";
import { hostJson, hostText } from "../host/report.js";
import { connectDocker } from "../sources/engine/index.js";
import { UsageError } from "../util/errors.js";
import { parseFailOn } from "./exit.js";
import { baselineOption, formatOption, printReport, writeBaselineOption, type ReportFormat } from "./output.js";

interface HostFlags {
  format: ReportFormat;
  output?: string;
  showSecrets?: boolean;
  failOn?: string;
  config?: string;
  all?: boolean;
  prune?: boolean;
  yes?: boolean;
  progress: boolean;
  quiet?: boolean;
  color?: boolean;
  baseline?: string;
  writeBaseline?: string;
}

const PAINT = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39] } as const;

function painter(color: boolean) {
  return (style: keyof typeof PAINT, text: string) => (color ? `\u001b[${PAINT[style][0]}m${text}\u001b[${PAINT[style][1]}m` : text);
}

/** Asks on the terminal; only `y`/`yes` agrees. */
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Runs the cleanup when `--prune` asks and the user agrees (or `--yes`); undefined when nothing was run. */
async function prune(audit: HostAudit, flags: HostFlags, client: Awaited<ReturnType<typeof connectDocker>>): Promise<PruneOutcome[] | undefined> {
  const steps = audit.plan.steps;
  if (!flags.prune || steps.length === 0) return flags.prune ? [] : undefined;
  if (!flags.yes) {
    process.stderr.write(`dredge host --prune will run:\n${steps.map((s) => `  ${s.command}`).join("\n")}\n`);
    if (!(await confirm("Remove them? [y/N] "))) {
      process.stderr.write("dredge: nothing removed\n");
      return undefined;
    }
  }
  const outcomes = await runCleanup(client, steps);
  const failed = outcomes.reduce((n, o) => n + o.failed.length, 0);
  if (failed) process.stderr.write(`dredge: ${failed} removal${failed === 1 ? "" : "s"} failed (see the report)\n`);
  return outcomes;
}

/** Runs `dredge host`; returns the exit code. */
export async function runHost(flags: HostFlags): Promise<number> {
  if (flags.yes && !flags.prune) throw new UsageError("--yes confirms --prune; without --prune nothing is removed");
  if (flags.prune && !flags.yes && !process.stdin.isTTY) throw new UsageError("--prune removes images and containers: run it on a terminal to confirm, or pass --yes");
  const config = await loadConfig(flags.config);
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? "high");
  const client = await connectDocker();
  const showProgress = flags.progress && !flags.quiet && Boolean(process.stderr.isTTY);
  const audit = await auditHost(client, {
    ...(config.rules ? { userRules: config.rules } : {}),
    ...(config.fingerprintSalt ? { fingerprintSalt: config.fingerprintSalt } : {}),
    ...(flags.all ? { all: true } : {}),
    ...(showProgress ? { onProgress: (what: string, done: number, total: number) => process.stderr.write(`\r\u001b[2K${done < total ? `auditing ${done + 1}/${total}: ${what}` : ""}`) } : {}),
  });
  const pruned = await prune(audit, flags, client);
  return printReport(audit.result, flags, failOn, config, {
    json: { host: hostJson(audit, pruned) },
    text: (color) => hostText(audit, pruned, painter(color)),
  });
}

/** `dredge host`. */
export function registerHostCommand(cmd: Command): void {
  cmd
    .command("host")
    .description("audit the local engine as a build host: every image (intermediate and dangling too), stopped containers and build cache; which secrets only the host holds, and the commands that remove them")
    .addOption(formatOption())
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--show-secrets", "print whole secret values (default: redacted previews)")
    .option("--fail-on <severity>", "exit 1 when a finding is at or above this severity (critical|high|medium|low|info|none; default high; host-only secrets are low)")
    .option("--prune", "run the cleanup commands (asks first; --yes to not ask)")
    .option("-y, --yes", "with --prune: remove without asking")
    .option("--config <file>", "config file (default: .dredge.yaml in the working directory)")
    .option("--all", "also show (and fail on, and clean up) findings held back as low confidence")
    .addOption(baselineOption())
    .addOption(writeBaselineOption())
    .option("--no-progress", "no progress line on stderr")
    .option("-q, --quiet", "no progress line")
    .option("--color", "force colour")
    .option("--no-color", "no colour")
    .exitOverride()
    .action(async (flags: HostFlags) => {
      process.exitCode = await runHost(flags);
    });
}
