/**
 * `dredge install-docker-plugin`: makes `docker dredge scan …` work. The Docker CLI finds plugins
 * as executables named `docker-NAME` in `$DOCKER_CONFIG/cli-plugins` (default `~/.docker/cli-plugins`),
 * asks each for its metadata with the `docker-cli-plugin-metadata` subcommand, and runs it as
 * `docker-NAME NAME ARGS…`. The plugin written here is a small POSIX shell script that answers the
 * metadata itself (the CLI asks every plugin on `docker --help`, so it must be quick) and otherwise
 * runs this dredge (absolute node and CLI paths) with the plugin name dropped.
 */

import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { UsageError, errorMessage } from "../util/errors.js";
import { VERSION } from "../version.js";

/** The plugin's name: `docker dredge`. The Docker CLI takes `[a-z][a-z0-9]*`. */
export const PLUGIN_NAME = "dredge";
/** A line every plugin this command writes holds, so a reinstall knows it may replace the file. */
const MARKER = "# written by `dredge install-docker-plugin`";

/** The metadata the Docker CLI expects from `docker-dredge docker-cli-plugin-metadata`. */
export function pluginMetadata(version = VERSION): Record<string, string> {
  return {
    SchemaVersion: "0.1.0",
    Vendor: "dredge",
    Version: version,
    ShortDescription: "Find secrets in image layers, history and config, and in Dockerfiles",
    URL: "https://www.npmjs.com/package/dredge",
  };
}

/** A word for a POSIX shell, single-quoted: nothing inside is expanded. */
export function shellQuote(word: string): string {
  if (word.includes("\0")) throw new UsageError("a path with a NUL byte cannot be put in a shell script");
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The text of the `docker-dredge` plugin that runs `cli` with `node`. */
export function pluginScript(node: string, cli: string, version = VERSION): string {
  const metadata = JSON.stringify(pluginMetadata(version));
  return [
    "#!/bin/sh",
    MARKER,
    "# The Docker CLI plugin for dredge: `docker dredge scan IMAGE`, `docker dredge lint`, …",
    'if [ "$1" = docker-cli-plugin-metadata ]; then',
    `  printf '%s\\n' ${shellQuote(metadata)}`,
    "  exit 0",
    "fi",
    "# The Docker CLI runs a plugin as `docker-dredge dredge ARGS…`: the first argument is the plugin's name.",
    `if [ "$1" = ${PLUGIN_NAME} ]; then shift; fi`,
    `exec ${shellQuote(node)} ${shellQuote(cli)} "$@"`,
    "",
  ].join("\n");
}

/** Where the Docker CLI looks for plugins: `$DOCKER_CONFIG/cli-plugins`, else `~/.docker/cli-plugins`. */
export function defaultPluginDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG || join(homedir(), ".docker"), "cli-plugins");
}

export interface InstallOptions {
  dir?: string;
  /** Replace a `docker-dredge` that this command did not write. */
  force?: boolean;
  /** The node and CLI the plugin runs (default: this process's node and this dredge). */
  node?: string;
  cli?: string;
}

/** Writes `docker-dredge` (mode 0755) into the plugin directory, atomically; returns its path. */
export async function installDockerPlugin(opts: InstallOptions = {}): Promise<string> {
  const dir = opts.dir ?? defaultPluginDir();
  const file = join(dir, `docker-${PLUGIN_NAME}`);
  const existing = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT" || err.code === "ENOTDIR") return undefined;
    // A directory or an unreadable file at that name: not ours to replace.
    return opts.force ? undefined : "";
  });
  if (existing !== undefined && !existing.includes(MARKER) && !opts.force) {
    throw new UsageError(`${file} exists and was not written by dredge; pass --force to replace it`);
  }
  const script = pluginScript(opts.node ?? process.execPath, opts.cli ?? thisCli());
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(`cannot create the plugin directory ${dir}: ${errorMessage(err)}`);
  }
  const tmp = join(dir, `.docker-${PLUGIN_NAME}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, script, { mode: 0o755 });
    await chmod(tmp, 0o755);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new UsageError(`cannot write ${file}: ${errorMessage(err)}`);
  }
  return file;
}

/**
 * The dredge command this code belongs to: the installed launcher when it runs from the bundle
 * (dist/bin/, beside dredge.cjs), else the CLI module beside it (dist/src/cli/main.js).
 */
function thisCli(): string {
  const launcher = fileURLToPath(new URL("./dredge.cjs", import.meta.url));
  return existsSync(launcher) ? launcher : fileURLToPath(new URL("./main.js", import.meta.url));
}

/** Adds `dredge install-docker-plugin` to the program. */
export function registerDockerPluginCommand(program: Command): void {
  program
    .command("install-docker-plugin")
    .description("install dredge as a Docker CLI plugin: `docker dredge scan IMAGE`")
    .option("--dir <dir>", "the Docker CLI plugin directory (default: $DOCKER_CONFIG/cli-plugins, else ~/.docker/cli-plugins)")
    .option("--force", "replace a docker-dredge that dredge did not write")
    .exitOverride()
    .action(async (flags: { dir?: string; force?: boolean }) => {
      const file = await installDockerPlugin({ ...(flags.dir !== undefined ? { dir: flags.dir } : {}), force: Boolean(flags.force) });
      process.stdout.write(`installed ${file}\nrun: docker dredge scan IMAGE  (docker dredge --help lists the commands)\n`);
    });
}
