// Building one scenario with its builder and caching the four exported forms.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseArchiveCached, baseArchivePath, buildBaseArchive, loadBaseIntoBuildah, loadBaseIntoDocker } from './base-images.js';
import { buildahAt, defaultEngineDir, startDockerd, wipeDockerData, type Buildah, type DockerEngine } from './engines.js';
import { convertWithSkopeo, FORM_FILES, FORM_NAMES, pushWithBuildah, verifyForms, type Forms } from './forms.js';
import { removeTree } from './fsutil.js';
import { e2eCacheDir } from './paths.js';
import { log } from './proc.js';
import { collectSecrets, prepareWorkCopy, type Scenario, type ScenarioJson } from './scenarios.js';

/** Part of every scenario cache key: bump it when the harness changes what it builds or exports. */
export const HARNESS_VERSION = 'dredge-e2e-harness-2';

/** built.json in a scenario's cache dir. */
export interface BuiltJson {
  name: string;
  builder: 'docker' | 'buildah';
  /** `sha256:…` as the builder reports it (docker: config digest; buildah: its image id). */
  imageId: string;
  /** The name the image was built under, e.g. `dredge-e2e/s001-arg-in-history:latest`. */
  tag: string;
  /** The full cache key (sha256 hex). */
  key: string;
  /** Paths relative to the folder of built.json. */
  forms: Forms;
  /** Secret values of the scenario (≥ 8 characters), for grepping outputs for leaks. */
  secrets: string[];
  buildSeconds: number;
  builtAt: string;
}

/** A built scenario: built.json with absolute form paths, plus the parsed scenario.json. */
export interface BuiltScenario extends BuiltJson {
  /** The scenario's cache dir. */
  dir: string;
  scenarioDir: string;
  scenario: ScenarioJson;
  /** True when nothing was built in this run. */
  fromCache: boolean;
}

export function cacheDirOf(name: string, key: string): string {
  return join(e2eCacheDir, 'scenarios', `${name}-${key.slice(0, 16)}`);
}

/** The cached build of s under key, or undefined. */
export function readBuilt(s: Scenario, key: string): BuiltScenario | undefined {
  const dir = cacheDirOf(s.name, key);
  const file = join(dir, 'built.json');
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8')) as BuiltJson;
  const built = withPaths(json, dir, s, true);
  return FORM_NAMES.every((f) => existsSync(built.forms[f])) ? built : undefined;
}

function withPaths(json: BuiltJson, dir: string, s: Scenario, fromCache: boolean): BuiltScenario {
  const forms = Object.fromEntries(FORM_NAMES.map((f) => [f, join(dir, json.forms[f])])) as Forms;
  return { ...json, forms, dir, scenarioDir: s.dir, scenario: s.json, fromCache };
}

/**
 * The engines one run needs, started on first use: dockerd with the base image loaded, buildah
 * with the base image pulled. close() stops dockerd and, unless keep, wipes both storages.
 */
export class BuildSession {
  private engine: Promise<DockerEngine> | undefined;
  private dockerReady: Promise<DockerEngine> | undefined;
  private buildahReady: Promise<Buildah> | undefined;

  constructor(
    private readonly baseNames: readonly string[],
    private readonly keep = false,
    private readonly dir = defaultEngineDir,
  ) {}

  private rawEngine(): Promise<DockerEngine> {
    this.engine ??= startDockerd(this.dir, { fresh: !this.keep });
    return this.engine;
  }

  /** The base image's docker-save archive, built with dockerd when not cached. */
  async baseArchive(): Promise<string> {
    const path = baseArchivePath();
    if (!baseArchiveCached()) await buildBaseArchive(await this.rawEngine(), path);
    return path;
  }

  docker(): Promise<DockerEngine> {
    this.dockerReady ??= (async () => {
      const archive = await this.baseArchive();
      const engine = await this.rawEngine();
      await loadBaseIntoDocker(engine, archive, this.baseNames);
      return engine;
    })();
    return this.dockerReady;
  }

  buildah(): Promise<Buildah> {
    this.buildahReady ??= (async () => {
      const archive = await this.baseArchive();
      const b = buildahAt(this.dir);
      if (!this.keep) await b.wipe();
      await loadBaseIntoBuildah(b, archive, this.baseNames);
      return b;
    })();
    return this.buildahReady;
  }

  async close(): Promise<void> {
    const engine = await this.engine?.catch(() => undefined);
    engine?.stop();
    for (const d of ['work', 'tmp']) {
      try {
        rmdirSync(join(e2eCacheDir, d)); // only when empty: a failed build's copy stays for a look
      } catch {
        // not empty or absent
      }
    }
    if (this.keep) return;
    if (engine !== undefined) wipeDockerData(this.dir);
    const b = await this.buildahReady?.catch(() => undefined);
    await b?.wipe();
  }
}

/** Builds s with its builder, exports and checks the four forms, writes built.json; returns the result. */
export async function buildScenario(s: Scenario, key: string, session: BuildSession): Promise<BuiltScenario> {
  const builder = s.json.builder;
  if (builder === 'none') throw new Error(`${s.name} is lint-only`);
  const started = Date.now();
  const dir = cacheDirOf(s.name, key);
  const partial = dir + '.partial';
  const work = join(e2eCacheDir, 'work', s.name);
  removeTree(partial);
  mkdirSync(partial, { recursive: true });

  const setupFiles = await prepareWorkCopy(s, work);
  const secrets = collectSecrets(s, work, setupFiles);
  const tag = `dredge-e2e/${s.name}:latest`;
  const iidfile = join(work, 'iid');
  const context = join(work, 'context');
  const buildArgs = Object.entries(s.json.build.args ?? {}).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);

  let output: string;
  if (builder === 'docker') {
    const engine = await session.docker();
    const r = await engine.docker(['build', '--network=none', '--iidfile', iidfile, '-t', tag, ...buildArgs, context]);
    output = r.stdout + r.stderr;
    await engine.docker(['save', '-o', join(partial, FORM_FILES['docker-archive']), tag]);
    await convertWithSkopeo(partial);
  } else {
    const b = await session.buildah();
    const secretArgs = Object.entries(s.json.build.secrets ?? {}).flatMap(([id, secret]) => {
      let src: string;
      if ('file' in secret) src = join(work, secret.file);
      else {
        // buildah 1.28 has no env= in --secret: the value goes through a file
        src = join(work, `.secret-env-${id}`);
        writeFileSync(src, secret.value, { mode: 0o600 });
      }
      return ['--secret', `id=${id},src=${src}`];
    });
    const r = await b.buildah([
      'bud', '--layers', '--isolation', 'chroot', '--iidfile', iidfile, '-t', tag,
      ...buildArgs, ...secretArgs, '-f', join(context, 'Dockerfile'), context,
    ]);
    output = r.stdout + r.stderr;
    await pushWithBuildah(b, tag, partial);
  }
  chmodSync(join(partial, FORM_FILES['docker-archive']), 0o644); // docker save -o writes 0600
  await verifyForms(partial);

  const iid = readFileSync(iidfile, 'utf8').trim();
  const json: BuiltJson = {
    name: s.name,
    builder,
    imageId: iid.startsWith('sha256:') ? iid : `sha256:${iid}`,
    tag,
    key,
    forms: { ...FORM_FILES },
    secrets,
    buildSeconds: Math.round((Date.now() - started) / 100) / 10,
    builtAt: new Date().toISOString(),
  };
  writeFileSync(join(partial, 'build.log'), output);
  writeFileSync(join(partial, 'built.json'), JSON.stringify(json, null, 2) + '\n');
  for (const old of readdirSync(join(e2eCacheDir, 'scenarios'))) {
    const rest = old.startsWith(`${s.name}-`) ? old.slice(s.name.length + 1) : '';
    if (/^[0-9a-f]{16}(\.partial)?$/.test(rest) && join(e2eCacheDir, 'scenarios', old) !== partial) {
      removeTree(join(e2eCacheDir, 'scenarios', old)); // builds under an older key
    }
  }
  renameSync(partial, dir);
  removeTree(work);
  log(`${s.name}: built with ${builder} in ${json.buildSeconds} s`);
  return withPaths(json, dir, s, false);
}
