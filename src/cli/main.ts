#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { registerContextCommand } from "./context-command.js";
import { registerLintCommand } from "./lint-command.js";
import { DredgeError, errorMessage } from "../util/errors.js";
import { registerScanCommand } from "./scan-command.js";
import { VERSION } from "../version.js";

function program(): Command {
  const cmd = new Command("dredge")
    .description("Find the secrets that sink into container images, layer by layer.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerScanCommand(cmd);
  registerContextCommand(cmd);
  registerLintCommand(cmd);
  return cmd;
}

async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
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

await main(process.argv);
