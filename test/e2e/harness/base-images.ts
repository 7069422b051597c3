// The base image every scenario FROM name points at (see ../shared/scenarios/README.md, "Base images"):
// a busybox-static root filesystem with shell stand-ins for the tools the Dockerfiles call.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Buildah, DockerEngine } from './engines.js';
import { removeTree } from './fsutil.js';
import { e2eCacheDir } from './paths.js';
import { log, run } from './proc.js';

/** Bump when the recipe below changes in a way the hashed inputs do not show. */
const BASE_RECIPE_VERSION = 'base-1';

/** The name the base image has in its own archive. */
export const BASE_TAG = 'dredge-e2e/base:latest';

/** Config change given to `docker import`. */
export const BASE_IMPORT_CHANGE = 'ENV PATH=/usr/local/bin:/usr/bin:/bin HOME=/root';

/** The FROM names the scenarios README lists; Dockerfiles may add more (see fromNames). */
export const README_BASE_NAMES: readonly string[] = [
  'debian', 'ubuntu', 'alpine', 'node:18-alpine', 'node:alpine', 'python:3.9', 'python:3.9-slim-bullseye', 'python:3',
];

const BUSYBOX = '/bin/busybox';
const PASSWD = 'root:x:0:0:root:/root:/bin/sh\n';

const NOOP = '#!/bin/sh\n# dredge e2e stand-in: does nothing\nexit 0\n';

/** Stand-ins in /usr/local/bin: they write the files the real tools write, nothing more. */
const STAND_INS: Readonly<Record<string, string>> = {
  npm: `#!/bin/sh
# dredge e2e stand-in for npm
npmrc="\${HOME:-/root}/.npmrc"
case "$1" in
  set)
    shift
    for kv in "$@"; do printf '%s\\n' "$kv" >> "$npmrc"; done ;;
  config)
    [ "$2" = set ] || exit 0
    shift 2
    case "$1" in
      *=*) for kv in "$@"; do printf '%s\\n' "$kv" >> "$npmrc"; done ;;
      *) printf '%s=%s\\n' "$1" "$2" >> "$npmrc" ;;
    esac ;;
  install|i|ci) mkdir -p node_modules ;;
  run) if [ "$2" = build ]; then mkdir -p dist && cp index.js dist/; fi ;;
esac
`,
  yarn: '#!/bin/sh\n# dredge e2e stand-in for yarn\nmkdir -p node_modules\n',
  aws: `#!/bin/sh
# dredge e2e stand-in for aws
if [ "$1" = configure ] && [ "$2" = set ]; then
  mkdir -p /root/.aws
  [ -f /root/.aws/credentials ] || printf '[default]\\n' > /root/.aws/credentials
  printf '%s = %s\\n' "$3" "$4" >> /root/.aws/credentials
fi
exit 0
`,
  scp: '#!/bin/sh\n# dredge e2e stand-in for scp\n: > ./files\n',
  pip: NOOP,
  curl: NOOP,
  apk: NOOP,
  node: NOOP,
  git: NOOP,
};

/** sha256 over everything that makes the base image's content. */
export function baseRecipeKey(): string {
  const h = createHash('sha256').update(BASE_RECIPE_VERSION).update('\0').update(BASE_IMPORT_CHANGE).update('\0').update(PASSWD);
  h.update(readFileSync(BUSYBOX));
  for (const name of Object.keys(STAND_INS).sort()) h.update(`\0${name}\0${STAND_INS[name] ?? ''}`);
  return h.digest('hex');
}

/** Where the docker-save archive of the base image is cached for the current recipe. */
export function baseArchivePath(): string {
  return join(e2eCacheDir, 'base', baseRecipeKey().slice(0, 16), 'base-docker-archive.tar');
}

/** The FROM image names in the given Dockerfile texts (stage names, `scratch` and `$VAR` left out). */
export function fromNames(dockerfiles: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of dockerfiles) {
    const stages = new Set<string>();
    for (const line of text.split('\n')) {
      const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
      if (!m?.[1]) continue;
      const image = m[1];
      if (!stages.has(image.toLowerCase()) && image !== 'scratch' && !image.includes('$')) names.add(image);
      if (m[2]) stages.add(m[2].toLowerCase());
    }
  }
  return [...names].sort();
}

/** Writes the root filesystem into dir (which must not exist yet). */
async function makeRootfs(dir: string): Promise<void> {
  for (const d of ['bin', 'etc', 'root', 'tmp', 'usr/bin', 'usr/local/bin']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'bin', 'busybox'), readFileSync(BUSYBOX), { mode: 0o755 });
  const { stdout } = await run(BUSYBOX, ['--list']);
  for (const applet of stdout.split('\n').map((s) => s.trim())) {
    // the list names busybox itself: linking it over the binary makes a symlink loop
    if (applet === '' || applet === 'busybox' || applet.includes('/')) continue;
    symlinkSync('busybox', join(dir, 'bin', applet));
  }
  writeFileSync(join(dir, 'etc', 'passwd'), PASSWD, { mode: 0o644 });
  for (const [name, text] of Object.entries(STAND_INS)) writeFileSync(join(dir, 'usr', 'local', 'bin', name), text, { mode: 0o755 });
  chmodSync(join(dir, 'root'), 0o700);
  chmodSync(join(dir, 'tmp'), 0o1777);
}

/** Builds the base image in engine (`docker import`) and writes its `docker save` archive to out. */
export async function buildBaseArchive(engine: DockerEngine, out: string): Promise<void> {
  const tmpRoot = join(e2eCacheDir, 'tmp');
  mkdirSync(tmpRoot, { recursive: true });
  const tmp = mkdtempSync(join(tmpRoot, 'base-'));
  try {
    const rootfs = join(tmp, 'rootfs');
    await makeRootfs(rootfs);
    const tar = join(tmp, 'rootfs.tar');
    await run('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-C', rootfs, '-cf', tar, '.']);
    await engine.docker(['import', '-c', BASE_IMPORT_CHANGE, tar, BASE_TAG]);
    mkdirSync(join(out, '..'), { recursive: true });
    await engine.docker(['save', '-o', out + '.tmp', BASE_TAG]);
    renameSync(out + '.tmp', out);
    log(`base image archive written: ${out}`);
  } finally {
    removeTree(tmp);
  }
}

/** Loads the base archive into the engine and tags it with every name. */
export async function loadBaseIntoDocker(engine: DockerEngine, archive: string, names: readonly string[]): Promise<void> {
  await engine.docker(['load', '-q', '-i', archive]);
  for (const name of names) await engine.docker(['tag', BASE_TAG, name]);
}

/** Pulls the base archive into buildah's storage and tags it with every name. */
export async function loadBaseIntoBuildah(b: Buildah, archive: string, names: readonly string[]): Promise<void> {
  const { stdout } = await b.buildah(['pull', '-q', `docker-archive:${archive}`]);
  const id = stdout.trim().split('\n').pop();
  if (!id) throw new Error(`buildah pull docker-archive:${archive} printed no image id`);
  await b.buildah(['tag', id, ...names]);
}

/** True when the base archive for the current recipe exists. */
export function baseArchiveCached(): boolean {
  return existsSync(baseArchivePath());
}
