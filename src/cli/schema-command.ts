import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { UsageError } from "../util/errors.js";
import { packageFile } from "../util/package-root.js";

/** Schemas `dredge schema` prints: the JSON report (published in the package's schema/ folder), the config file, the baseline file. */
export const SCHEMA_NAMES = ["report", "config", "baseline"] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** The published JSON Schema of the JSON report, shipped in the package. */
export const reportSchemaPath = (): string => packageFile("schema", "report-v1.schema.json");

/** The text of a schema, as JSON. */
export async function schemaText(name: string): Promise<string> {
  switch (name) {
    case "report":
      return readFile(reportSchemaPath(), "utf8");
    case "config": {
      const { CONFIG_SCHEMA } = await import("../config/schema.js");
      return JSON.stringify(CONFIG_SCHEMA, null, 2) + "\n";
    }
    case "baseline": {
      const { BASELINE_SCHEMA } = await import("../findings/baseline.js");
      return JSON.stringify(BASELINE_SCHEMA, null, 2) + "\n";
    }
    default:
      throw new UsageError(`dredge schema takes ${SCHEMA_NAMES.join(", ")} (got ${JSON.stringify(name.slice(0, 40))})`);
  }
}

/** Adds `dredge schema [report|config|baseline]` to the program. */
export function registerSchemaCommand(program: Command): void {
  program
    .command("schema")
    .description("print a JSON Schema: the JSON report (default), the .dredge.yaml config, or the baseline file")
    .argument("[name]", `which schema: ${SCHEMA_NAMES.join(", ")}`, "report")
    .exitOverride()
    .action(async (name: string) => {
      process.stdout.write(await schemaText(name));
    });
}
