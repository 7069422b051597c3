// Entry point of the e2e harness: build every seed scenario once, cache the exported images.
import { join } from 'node:path';
import { baseRecipeKey, fromNames, README_BASE_NAMES } from './base-images.js';
import { BuildSession, buildScenario, HARNESS_VERSION, readBuilt, type BuiltScenario } from './build.js';
import { defaultEngineDir } from './engines.js';
import { withLock } from './fsutil.js';
import { e2eCacheDir } from './paths.js';
import { log } from './proc.js';
import { dockerfileOf, listScenarios, scenarioKey, type Scenario } from './scenarios.js';

export type { BuiltJson, BuiltScenario } from './build.js';
export { FORM_NAMES, type FormName, type Forms } from './forms.js';
export { listScenarios, type Scenario, type ScenarioJson, type ImageExpectation, type LintExpectation } from './scenarios.js';
export { startDockerd, buildahAt, type DockerEngine, type Buildah } from './engines.js';

export interface EnsureOptions {
  /** Scenario names to build (default: all with builder docker or buildah). */
  only?: readonly string[];
  /** Keep dockerd's data root and buildah's storage after the run (intermediate images for host audits). */
  keepEngine?: boolean;
  /** Engine work dir (default `<repo>/.cache/e2e/engine`). */
  engineDir?: string;
}

export interface BuildReport {
  /** Sorted by name. */
  built: BuiltScenario[];
  failed: { name: string; error: Error }[];
}

const LOCK = join(e2eCacheDir, 'lock');

/** Every FROM name the scenarios use plus the README's list: all get the base image. */
function baseNames(all: readonly Scenario[]): string[] {
  return [...new Set([...README_BASE_NAMES, ...fromNames(all.map(dockerfileOf))])].sort();
}

function selectBuildable(all: readonly Scenario[], only: readonly string[] | undefined): Scenario[] {
  const unknown = (only ?? []).filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  return all.filter((s) => s.json.builder !== 'none' && (only === undefined || only.includes(s.name)));
}

/**
 * Builds what is not cached (one at a time; dockerd and buildah only started when needed) and returns
 * every selected scenario's build, plus the failures. Never throws for a single scenario's failure.
 */
export async function buildScenarioImages(opts: EnsureOptions = {}): Promise<BuildReport> {
  const all = listScenarios();
  const selected = selectBuildable(all, opts.only);
  return withLock(LOCK, async () => {
    const baseKey = baseRecipeKey();
    const built: BuiltScenario[] = [];
    const failed: BuildReport['failed'] = [];
    const todo: { s: Scenario; key: string }[] = [];
    for (const s of selected) {
      const key = scenarioKey(s, HARNESS_VERSION, baseKey);
      const cached = readBuilt(s, key);
      if (cached) built.push(cached);
      else todo.push({ s, key });
    }
    if (todo.length > 0) {
      log(`${built.length} cached, building ${todo.length}: ${todo.map((t) => t.s.name).join(' ')}`);
      const session = new BuildSession(baseNames(all), opts.keepEngine ?? false, opts.engineDir ?? defaultEngineDir);
      try {
        for (const { s, key } of todo) {
          try {
            built.push(await buildScenario(s, key, session));
          } catch (e) {
            const error = e instanceof Error ? e : new Error(String(e));
            log(`${s.name}: FAILED: ${error.message}`);
            failed.push({ name: s.name, error });
          }
        }
      } finally {
        await session.close();
      }
    }
    built.sort((a, b) => a.name.localeCompare(b.name));
    return { built, failed };
  });
}

/** Like buildScenarioImages, but throws when any scenario failed to build. */
export async function ensureScenarioImages(opts: EnsureOptions = {}): Promise<BuiltScenario[]> {
  const { built, failed } = await buildScenarioImages(opts);
  if (failed.length > 0) {
    throw new Error(`scenario build failed: ${failed.map((f) => `${f.name}: ${f.error.message}`).join('\n\n')}`);
  }
  return built;
}

/** The base image's docker-save archive (built with a private dockerd when not cached); its path. */
export async function ensureBaseImageArchive(opts: Pick<EnsureOptions, 'engineDir'> = {}): Promise<string> {
  return withLock(LOCK, async () => {
    const session = new BuildSession([], false, opts.engineDir ?? defaultEngineDir);
    try {
      return await session.baseArchive();
    } finally {
      await session.close();
    }
  });
}
