#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { DredgeError, errorMessage } from "../util/errors.js";
import { VERSION } from "../version.js";
import type { CommandName } from "./command-names.js";

type Register = (program: Command) => void;

/**
 * Every command, by name, with the module that registers it. A run loads only the command it
 * names, so `dredge lint` in a pre-commit hook does not load the image readers, the registry
 * client or the fixer (Node 20 loads ES modules one by one: their number is most of the startup
 * time); help, and a word that is no command, load them all. Add a command here.
 */
const COMMANDS: Record<CommandName, () => Promise<Register>> = {
  scan: async () => (await import("./scan-command.js")).registerScanCommand,
  context: async () => (await import("./context-command.js")).registerContextCommand,
  lint: async () => (await import("./lint-command.js")).registerLintCommand,
  host: async () => (await import("./host-command.js")).registerHostCommand,
  fix: async () => (await import("./fix-command.js")).registerFixCommand,
  schema: async () => (await import("./schema-command.js")).registerSchemaCommand,
  cache: async () => (await import("./cache-command.js")).registerCacheCommand,
  "install-docker-plugin": async () => (await import("./docker-plugin.js")).registerDockerPluginCommand,
};

/** The commands a command line needs: the one it names; none for `--version` alone; all otherwise (help, errors). */
function commandsFor(args: readonly string[]): CommandName[] {
  // The program's own options (-V, -h) take no value, so the first word that is no option is the command.
  const word = args.find((a) => !a.startsWith("-"));
  if (word !== undefined && Object.hasOwn(COMMANDS, word)) return [word as CommandName];
  if (word === undefined && args.some((a) => a === "-V" || a === "--version")) return [];
  return Object.keys(COMMANDS) as CommandName[];
}

async function program(args: readonly string[]): Promise<Command> {
  const cmd = new Command("dredge")
    .description("Find the secrets that sink into container images, layer by layer.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const registers = await Promise.all(commandsFor(args).map((name) => COMMANDS[name]!()));
  for (const register of registers) register(cmd);
  return cmd;
}

async function main(argv: string[]): Promise<void> {
  try {
    await (await program(argv.slice(2))).parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const message = err instanceof DredgeError || err instanceof Error ? errorMessage(err) : String(err);
    process.stderr.write(`dredge: ${message}\n`);
    process.exitCode = 2;
  }
}

// (Not a top-level await: the installed CLI is this module bundled as CommonJS, see ./launch.ts.)
void main(process.argv);
