/**
 * The CLI the tests run: the installed command, dist/bin/dredge.cjs (the launcher and the
 * CommonJS bundle scripts/bundle-cli.mjs makes after tsc), so the tests check what ships. A
 * build made with tsc alone (a helper's dist-NAME/) has no bundle: its ES modules are run.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** The dist folder this test was compiled into. */
export const DIST = fileURLToPath(new URL("../../", import.meta.url));

export const BUNDLED_CLI = fileURLToPath(new URL("../../bin/dredge.cjs", import.meta.url));
export const MODULE_CLI = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

export const CLI = existsSync(BUNDLED_CLI) ? BUNDLED_CLI : MODULE_CLI;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** The whole environment (default: this process's, with NO_COLOR). */
  env?: NodeJS.ProcessEnv;
  /** Variables added to the default environment. */
  extraEnv?: Record<string, string>;
  /** Which CLI (default `CLI`). */
  cli?: string;
  /** Node options before the script (`-r preload.cjs`). */
  nodeArgs?: readonly string[];
}

const exec = promisify(execFile);

/** Runs the CLI to its end as a user would: its exit code and output (a non-zero exit is no error here). */
export async function runCli(args: readonly string[], opts: CliOptions = {}): Promise<CliRun> {
  const env = opts.env ?? { ...process.env, NO_COLOR: "1", ...opts.extraEnv };
  try {
    const { stdout, stderr } = await exec(process.execPath, [...(opts.nodeArgs ?? []), opts.cli ?? CLI, ...args], { env, maxBuffer: 1 << 26, ...(opts.cwd ? { cwd: opts.cwd } : {}) });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as CliRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
