import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import { ajvLib, yamlLib } from "../util/deferred.js";
import { UsageError, errorMessage } from "../util/errors.js";
import { describePosition, Locator } from "./positions.js";
import { checkRuleIds } from "./rule-ids.js";
import { CONFIG_SCHEMA } from "./schema.js";
import type { DredgeConfig, UserRuleSpec } from "./types.js";
import { compileUserRule } from "./user-rules.js";

/** Names looked for in the working directory and each directory above it when no `--config` is given. */
export const CONFIG_NAMES = [".dredge.yaml", ".dredge.yml"];

/** The config file as written (before normalisation): `rules` may be a list or a map. */
interface RawConfig extends Omit<DredgeConfig, "rules" | "ruleSelection" | "file"> {
  rules?: UserRuleSpec[] | { custom?: UserRuleSpec[]; disable?: string[]; enable?: string[] };
}

let validator: ValidateFunction<RawConfig> | undefined;

/** The schema check, compiled on first use: a run without a config file never pays for it. */
function validate(data: unknown): data is RawConfig {
  validator ??= new (ajvLib().Ajv)({ allErrors: true, strict: true }).compile<RawConfig>(CONFIG_SCHEMA);
  return validator(data);
}

/** What a config text gives: the config and a way back to the lines its values came from. */
interface Parsed {
  config: DredgeConfig;
  locator: Locator;
  /** JSON pointer of the user rule list (`/rules` or `/rules/custom`). */
  rulesPointer: string;
}

/** One schema error in words, with the key and the line it is at. */
function describeError(e: ErrorObject, locator: Locator): string {
  const where = e.instancePath || "/";
  if (e.keyword === "additionalProperties") {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    return `${where} must NOT have additional properties (${key})${describePosition(locator.key(e.instancePath, key))}`;
  }
  const allowed = e.keyword === "enum" ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")})` : "";
  return `${where} ${e.message ?? "is invalid"}${allowed}${describePosition(locator.value(e.instancePath))}`;
}

/** The schema errors worth telling: not ajv's `if`/`then` bookkeeping. */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => e.keyword !== "if");
}

function parseDocumentText(text: string, file: string): Parsed {
  const { LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) throw new UsageError(`${file}: not valid YAML: ${doc.errors[0]!.message.split("\n")[0]!.replace(/:$/, "")}`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    throw new UsageError(`${file}: not valid YAML: ${errorMessage(err)}`);
  }
  const locator = new Locator(doc, lines);
  if (!validate(data)) throw new UsageError(`${file}: ${relevantErrors(validator?.errors ?? []).map((e) => describeError(e, locator)).join("; ")}`);
  const { rules, cacheDir, ...rest } = data;
  const config: DredgeConfig = { file, ...rest };
  let rulesPointer = "/rules";
  if (Array.isArray(rules)) config.rules = rules;
  else if (rules) {
    rulesPointer = "/rules/custom";
    if (rules.custom) config.rules = rules.custom;
    if (rules.disable || rules.enable) config.ruleSelection = { disable: rules.disable ?? [], enable: rules.enable ?? [] };
  }
  if (cacheDir !== undefined) config.cacheDir = resolve(dirname(file), cacheDir);
  for (const [i, entry] of (config.allow ?? []).entries()) {
    if (entry.fingerprint === undefined && entry.rule === undefined && entry.path === undefined) {
      throw new UsageError(`${file}: /allow/${i} needs fingerprint, rule or path${describePosition(locator.value(`/allow/${i}`))}`);
    }
  }
  const ids = new Set<string>();
  for (const [i, rule] of (config.rules ?? []).entries()) {
    const at = describePosition(locator.value(`${rulesPointer}/${i}/id`));
    if (ids.has(rule.id)) throw new UsageError(`${file}: rule id ${rule.id} is used twice${at}`);
    ids.add(rule.id);
    try {
      compileUserRule(rule);
    } catch (err) {
      throw new UsageError(`${file}: ${errorMessage(err)}${describePosition(locator.value(`${rulesPointer}/${i}`))}`);
    }
  }
  return { config, locator, rulesPointer };
}

/**
 * Parses and validates config text; errors name the file, the key and its line. User rules are
 * compiled once to catch bad regexes early. Rule ids in `rules.disable/enable` and `allow` are
 * checked against the known rules only by `loadConfig` / `parseConfigChecked`.
 */
export function parseConfig(text: string, file: string): DredgeConfig {
  return parseDocumentText(text, file).config;
}

/** `parseConfig`, and every rule id or glob the config names must name a rule dredge has. */
export async function parseConfigChecked(text: string, file: string): Promise<DredgeConfig> {
  const { config, locator } = parseDocumentText(text, file);
  const problems = await checkRuleIds(config);
  if (problems.length) {
    throw new UsageError(`${file}: ${problems.map((p) => `${p.pointer} ${p.message}${describePosition(locator.value(p.pointer))}`).join("; ")}`);
  }
  return config;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The config file that applies in `dir`: the first of CONFIG_NAMES in it or the nearest directory above it. */
export async function findConfig(dir: string): Promise<string | undefined> {
  let current = resolve(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(current, name);
      if (await isFile(candidate)) return candidate;
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Reads `path`, or the config found from `dir` upwards; no file and no path: an empty config. */
export async function loadConfig(path: string | undefined, dir = process.cwd()): Promise<DredgeConfig> {
  const file = path ?? (await findConfig(dir));
  if (file === undefined) return {};
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read the config ${file}: ${errorMessage(err)}`);
  }
  return parseConfigChecked(text, file);
}
