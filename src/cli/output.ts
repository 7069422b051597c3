import { Option } from "commander";
import { writeFile } from "node:fs/promises";
import type { ScanResult } from "../findings/types.js";
import { formatJson } from "../report/json.js";
import { formatText } from "../report/text.js";
import { exitCodeFor, type FailOn } from "./exit.js";

/** Report formats every command offers (`--format`). */
export const REPORT_FORMATS = ["text", "json"] as const;
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
}

/** Colour when forced (`--color`, FORCE_COLOR), else on a terminal; never into a file, with `--no-color` or NO_COLOR. */
function useColor(flags: OutputFlags): boolean {
  if (flags.output || flags.color === false || process.env.NO_COLOR !== undefined) return false;
  if (flags.color === true || process.env.FORCE_COLOR) return true;
  return Boolean(process.stdout.isTTY);
}

/** Prints the result as the flags ask (a file is written owner-only), and returns the exit code for `failOn`. */
export async function printReport(result: ScanResult, flags: OutputFlags, failOn: FailOn): Promise<number> {
  const showSecrets = Boolean(flags.showSecrets);
  const all = Boolean(flags.all);
  const text = flags.format === "json" ? formatJson(result, { showSecrets }) : formatText(result, { showSecrets, color: useColor(flags), all });
  if (flags.output) await writeFile(flags.output, text, { mode: 0o600 });
  else process.stdout.write(text);
  return exitCodeFor(result, failOn, all);
}
