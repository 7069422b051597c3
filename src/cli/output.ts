import { Option } from "commander";
import { writeFile } from "node:fs/promises";
import type { DredgeConfig } from "../config/types.js";
import { applyBaseline, readBaseline, saltId, writeBaseline } from "../findings/baseline.js";
import { applyConfigPolicy } from "../findings/policy.js";
import type { ScanResult } from "../findings/types.js";
import { formatJson, toJsonObject } from "../report/json.js";
import { formatSarif } from "../report/sarif.js";
import { formatText } from "../report/text.js";
import { exitCodeFor, type FailOn } from "./exit.js";

/** Report formats every command offers (`--format`). */
export const REPORT_FORMATS = ["text", "json", "sarif", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The `--format` option every command takes. */
export function formatOption(): Option {
  return new Option("-f, --format <format>", "output format").choices([...REPORT_FORMATS]).default("text");
}

/** The output flags every command takes. */
export interface OutputFlags {
  format: ReportFormat;
  output?: string;
  showSecrets?: boolean;
  color?: boolean;
  all?: boolean;
  /** `--baseline FILE`: report only findings whose fingerprint it does not hold. */
  baseline?: string;
  /** `--write-baseline FILE`: write every finding (after the config's allow list and rule choices) to it. */
  writeBaseline?: string;
}

/**
 * Whether this run's output uses fingerprints: every format but text shows them, and baselines
 * and allow entries match by them.
 */
export function needsFingerprints(flags: Pick<OutputFlags, "format" | "baseline" | "writeBaseline">, config: DredgeConfig = {}): boolean {
  return flags.format !== "text" || Boolean(flags.baseline || flags.writeBaseline) || (config.allow ?? []).some((a) => a.fingerprint !== undefined);
}

/** The `--baseline` option every command takes. */
export function baselineOption(): Option {
  return new Option("--baseline <file>", "report only findings not in this baseline (a --write-baseline file, or a --format json report)");
}

/** The `--write-baseline` option every command takes. */
export function writeBaselineOption(): Option {
  return new Option("--write-baseline <file>", "write this run's findings to a baseline file (fingerprints and redacted previews, never secrets)");
}

/**
 * The result the project wants to see: the config's rule choices and allow list applied, the
 * baseline written (`--write-baseline`) and then applied (`--baseline`).
 */
export async function settleResult(result: ScanResult, flags: Pick<OutputFlags, "baseline" | "writeBaseline">, config: DredgeConfig = {}): Promise<ScanResult> {
  const policed = applyConfigPolicy(result, config);
  // Read before writing: `--baseline b.json --write-baseline b.json` reports what is new since b.json, then updates it.
  const baseline = flags.baseline ? await readBaseline(flags.baseline) : undefined;
  if (flags.writeBaseline) {
    const n = await writeBaseline(flags.writeBaseline, policed, config.fingerprintSalt);
    process.stderr.write(`dredge: wrote ${n} finding${n === 1 ? "" : "s"} to the baseline ${flags.writeBaseline}\n`);
  }
  if (!baseline) return policed;
  if (baseline.salt !== undefined && baseline.salt !== saltId(config.fingerprintSalt)) {
    process.stderr.write(`dredge: warning: the baseline ${flags.baseline} was written with another fingerprintSalt: none of its fingerprints can match\n`);
  }
  return applyBaseline(policed, baseline);
}

/**
 * Colour when forced (`--color`, FORCE_COLOR other than 0/false), else on a terminal; never into
 * a file, with `--no-color`, or with NO_COLOR set to anything but "" (no-color.org).
 */
export function useColor(flags: Pick<OutputFlags, "output" | "color">, env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (flags.output || flags.color === false || env.NO_COLOR) return false;
  if (flags.color === true) return true;
  if (env.FORCE_COLOR !== undefined) return !/^(?:0|false)$/i.test(env.FORCE_COLOR);
  return isTTY;
}

/** What a command reports beside its findings (`dredge host`: the inventory and the cleanup commands); holds no secret. */
export interface ReportExtras {
  /** Top-level fields added to the JSON report. */
  json: Record<string, unknown>;
  /** Text after the text report. */
  text(color: boolean): string;
}

/** The report in the format asked for. */
async function render(result: ScanResult, flags: OutputFlags, showSecrets: boolean, all: boolean, extras?: ReportExtras): Promise<string> {
  switch (flags.format) {
    case "json":
      return extras ? JSON.stringify({ ...toJsonObject(result, { showSecrets }), ...extras.json }, null, 2) + "\n" : formatJson(result, { showSecrets });
    case "sarif":
      return formatSarif(result, { showSecrets, all });
    case "html":
      return await import("../report/html.js").then(async (html) => html.formatHtml(result, { showSecrets, all, dockerfiles: await html.readDockerfiles(result) }));
    default:
      return formatText(result, { showSecrets, color: useColor(flags), all }) + (extras ? "\n" + extras.text(useColor(flags)) : "");
  }
}

/**
 * Prints the result as the flags ask (a file is written owner-only), after the config's choices
 * and the baseline (`settleResult`), and returns the exit code for `failOn`.
 */
export async function printReport(raw: ScanResult, flags: OutputFlags, failOn: FailOn, config: DredgeConfig = {}, extras?: ReportExtras): Promise<number> {
  const result = await settleResult(raw, flags, config);
  const showSecrets = Boolean(flags.showSecrets);
  const all = Boolean(flags.all);
  const text = await render(result, flags, showSecrets, all, extras);
  if (flags.output) await writeFile(flags.output, text, { mode: 0o600 });
  else process.stdout.write(text);
  return exitCodeFor(result, failOn, all);
}
