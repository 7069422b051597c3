// The seed scenarios: listing, cache keys, the prepared work copy, and the secrets each one holds.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileBytes, makeWritable, removeTree, walkFiles } from './fsutil.js';
import { overlayRoot, repoRoot, scenariosRoot } from './paths.js';
import { run } from './proc.js';

/** One image expectation of scenario.json (fields as in ../shared/scenarios/README.md). */
export interface ImageExpectation {
  status?: string;
  path?: string;
  value?: string;
  kind?: string;
  name?: string;
  dockerfile_line?: number;
  in_head?: boolean;
  about?: string;
}

export interface LintExpectation {
  line: number;
  scope: 'final' | 'host' | 'bug' | 'log';
  about: string;
  with_build_args?: boolean;
}

export type BuildSecret = { file: string } | { env: string; value: string };

export type Builder = 'docker' | 'buildah' | 'none';

/** scenario.json, parsed. */
export interface ScenarioJson {
  title: string;
  seed?: string;
  builder: Builder;
  build: { args?: Record<string, string>; secrets?: Record<string, BuildSecret> };
  image?: { expect?: ImageExpectation[]; forbid?: ImageExpectation[] };
  lint?: { expect?: LintExpectation[]; clean?: boolean };
  context?: { expect?: { path: string }[]; forbid?: { path: string }[]; clean?: boolean };
  host?: { expect?: ImageExpectation[] };
  fix?: { outcome: 'fixed' | 'partial' | 'refused'; about: string; clean_of?: string[] };
}

export interface Scenario {
  name: string;
  /** The scenario's folder in the shared tree (read-only). */
  dir: string;
  /** `test/scenarios-overlay/<name>` when it exists. */
  overlay: string | undefined;
  json: ScenarioJson;
}

/** Every scenario folder (with a scenario.json) under the scenarios root, sorted by name. */
/** The project's own scenarios (`d-…`), built and checked like the shared ones. */
export const extraScenariosRoot = join(repoRoot, 'test', 'scenarios-extra');

/** Scenarios of the shared folder, then the project's own (unless a root is given). */
export function listScenarios(root?: string): Scenario[] {
  if (root === undefined) return [...scenariosIn(scenariosRoot()), ...(existsSync(extraScenariosRoot) ? scenariosIn(extraScenariosRoot) : [])];
  return scenariosIn(root);
}

function scenariosIn(root: string): Scenario[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'scenario.json')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const json = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as ScenarioJson;
      if (!['docker', 'buildah', 'none'].includes(json.builder)) throw new Error(`${name}: unknown builder ${String(json.builder)}`);
      json.build ??= {};
      const overlay = join(overlayRoot, name);
      return { name, dir, overlay: existsSync(overlay) ? overlay : undefined, json };
    });
}

/** The Dockerfile text of a scenario. */
export function dockerfileOf(s: Scenario): string {
  return readFileSync(join(s.dir, 'context', 'Dockerfile'), 'utf8');
}

/** Cache key: sha256 over harness version, base recipe, the scenario's files and its overlay's files. */
export function scenarioKey(s: Scenario, harnessVersion: string, baseKey: string): string {
  const h = createHash('sha256').update(`${harnessVersion}\0${baseKey}\0`);
  for (const [label, dir] of [['scenario', s.dir], ['overlay', s.overlay]] as const) {
    if (dir === undefined) continue;
    for (const rel of walkFiles(dir)) {
      const bytes = fileBytes(join(dir, rel));
      h.update(`${label}/${rel}\0${bytes.length}\0`).update(bytes);
    }
  }
  return h.digest('hex');
}

/**
 * Copies the scenario to work (made writable), lays the overlay over it and runs `setup.sh work/context`.
 * Returns the files setup.sh added (relative to work).
 */
export async function prepareWorkCopy(s: Scenario, work: string): Promise<string[]> {
  removeTree(work);
  mkdirSync(work, { recursive: true });
  cpSync(s.dir, work, { recursive: true });
  makeWritable(work);
  if (s.overlay !== undefined) cpSync(s.overlay, work, { recursive: true, force: true });
  if (!existsSync(join(work, 'setup.sh'))) return [];
  const before = new Set(walkFiles(work));
  await run('sh', [join(work, 'setup.sh'), join(work, 'context')], { cwd: work });
  return walkFiles(work).filter((f) => !before.has(f));
}

const MIN_SECRET = 8;

/**
 * Secret-looking pieces of a file's text: the body lines of PEM/OpenSSH private keys, else the value
 * of each `K=V` / `K = V` / `K: V` line, else the line; comments and `[section]` lines skipped.
 */
export function secretPieces(text: string): string[] {
  const out: string[] = [];
  let inKey = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (/^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----$/.test(line)) inKey = true;
    else if (/^-----END [A-Z0-9 ]*PRIVATE KEY-----$/.test(line)) inKey = false;
    else if (inKey) out.push(line);
    else if (line !== '' && !line.startsWith('#') && !/^\[.*\]$/.test(line)) {
      const kv = /^[\w.-]+\s*[=:]\s*(.+)$/.exec(line);
      out.push((kv?.[1] ?? line).replace(/^(["'])(.*)\1$/, '$2'));
    }
  }
  return out;
}

function privateKeyBodies(text: string): string[] {
  return text.includes('PRIVATE KEY-----') ? secretPieces(text.slice(text.indexOf('-----BEGIN'))) : [];
}

/**
 * Every secret value of the scenario of at least 8 characters, for grepping outputs for leaks: build args,
 * build secrets (file contents or values), image/host expect and forbid values, overlay file values, and
 * private keys that setup.sh generated (their body lines).
 */
export function collectSecrets(s: Scenario, work: string, setupFiles: readonly string[]): string[] {
  const found = new Set<string>();
  const add = (v: string | undefined): void => {
    if (v !== undefined && v.length >= MIN_SECRET) found.add(v);
  };
  for (const v of Object.values(s.json.build.args ?? {})) add(v);
  for (const secret of Object.values(s.json.build.secrets ?? {})) {
    if ('file' in secret) secretPieces(readFileSync(join(work, secret.file), 'utf8')).forEach(add);
    else add(secret.value);
  }
  for (const e of [...(s.json.image?.expect ?? []), ...(s.json.image?.forbid ?? []), ...(s.json.host?.expect ?? [])]) add(e.value);
  if (s.overlay !== undefined) {
    for (const rel of walkFiles(s.overlay)) secretPieces(readFileSync(join(s.overlay, rel), 'utf8')).forEach(add);
  }
  for (const rel of setupFiles) privateKeyBodies(readFileSync(join(work, rel), 'latin1')).forEach(add);
  return [...found].sort();
}
