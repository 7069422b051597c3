import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import { scan } from "../scan/index.js";
import { parsePlatform } from "../sources/platform.js";
import { parseFailOn } from "./exit.js";
import { formatOption, printReport, type ReportFormat } from "./output.js";

interface ScanFlags {
  format: ReportFormat;
  output?: string;
  showSecrets?: boolean;
  failOn: string;
  platform?: string;
  dockerfile?: string;
  target?: string;
  progress: boolean;
  color?: boolean;
  config?: string;
  all?: boolean;
}

async function runScan(targets: string[], flags: ScanFlags): Promise<number> {
  const failOn = parseFailOn(flags.failOn);
  const platform = flags.platform ? parsePlatform(flags.platform) : undefined;
  const showProgress = flags.progress && Boolean(process.stderr.isTTY);
  const config = await loadConfig(flags.config);
  const result = await scan(targets, {
    ...(config.rules ? { userRules: config.rules } : {}),
    ...(config.fingerprintSalt ? { fingerprintSalt: config.fingerprintSalt } : {}),
    ...(platform ? { platform } : {}),
    ...(flags.dockerfile ? { dockerfile: flags.dockerfile } : {}),
    ...(flags.target ? { target: flags.target } : {}),
    onLayer: showProgress ? (img, i, n) => process.stderr.write(`\r\u001b[2Kscanning ${img.target}: layer ${i + 1}/${n}`) : undefined,
  });
  if (showProgress) process.stderr.write("\r\u001b[2K");
  return printReport(result, flags, failOn);
}

/** `dredge scan TARGETS…`. */
export function registerScanCommand(cmd: Command): void {
  cmd
    .command("scan")
    .description("scan images: docker-archive:FILE, oci:DIR, oci-archive:FILE, dir:ROOTFS (or a path, auto-detected)")
    .argument("<targets...>", "images to scan")
    .addOption(formatOption())
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--show-secrets", "print whole secret values (default: redacted previews)")
    .option("--fail-on <severity>", "exit 1 when a finding is at or above this severity (critical|high|medium|low|info|none)", "high")
    .option("--platform <os/arch[/variant]>", "platform to pick from multi-platform images (default linux/amd64)")
    .option("--dockerfile <file>", "the Dockerfile the image was built from: findings name its lines")
    .option("--target <stage>", "the stage that was built (with --dockerfile; default the last)")
    .option("--config <file>", "config file (default: .dredge.yaml in the working directory)")
    .option("--all", "also show (and fail on) findings held back as low confidence: test data, docs, published test keys")
    .option("--no-progress", "no progress line on stderr")
    .option("--color", "force colour")
    .option("--no-color", "no colour")
    .exitOverride()
    .action(async (targets: string[], flags: ScanFlags) => {
      process.exitCode = await runScan(targets, flags);
    });
}
