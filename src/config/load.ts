import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import { UsageError, errorMessage } from "../util/errors.js";
import { CONFIG_SCHEMA } from "./schema.js";
import type { DredgeConfig } from "./types.js";
import { compileUserRule } from "./user-rules.js";

/** Names looked for in the working directory when no `--config` is given. */
export const CONFIG_NAMES = [".dredge.yaml", ".dredge.yml"];

const validate = new Ajv({ allErrors: true, strict: true }).compile<DredgeConfig>(CONFIG_SCHEMA);

/** Parses and validates config text; errors name the file and the field. User rules are compiled once to catch bad regexes early. */
export function parseConfig(text: string, file: string): DredgeConfig {
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 }) ?? {};
  } catch (err) {
    throw new UsageError(`${file}: not valid YAML: ${errorMessage(err)}`);
  }
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`);
    throw new UsageError(`${file}: ${problems.join("; ")}`);
  }
  const ids = new Set<string>();
  for (const rule of data.rules ?? []) {
    if (ids.has(rule.id)) throw new UsageError(`${file}: rule id ${rule.id} is used twice`);
    ids.add(rule.id);
    compileUserRule(rule);
  }
  return data;
}

/** Reads `path`, or the first of CONFIG_NAMES in `dir`; no file and no path: an empty config. */
export async function loadConfig(path: string | undefined, dir = process.cwd()): Promise<DredgeConfig> {
  const candidates = path !== undefined ? [path] : CONFIG_NAMES.map((n) => join(dir, n));
  for (const file of candidates) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (err) {
      if (path === undefined && (err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw new UsageError(`cannot read the config ${file}: ${errorMessage(err)}`);
    }
    return parseConfig(text, file);
  }
  return {};
}
