// Where the harness reads and writes.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('e2e harness: no package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** The repository root (the first folder with a package.json above this module, source or dist). */
export const repoRoot = findRepoRoot();

/** Everything the e2e harness caches: `<repo>/.cache/e2e` (git-ignored). */
export const e2eCacheDir = join(repoRoot, '.cache', 'e2e');

/** The shared seed scenarios: DREDGE_SCENARIOS, else `<repo>/../shared/scenarios`. */
export function scenariosRoot(): string {
  return resolve(process.env.DREDGE_SCENARIOS ?? join(repoRoot, '..', 'shared', 'scenarios'));
}

/** Files laid over a scenario copy before its build: `test/scenarios-overlay/<name>/`. */
export const overlayRoot = join(repoRoot, 'test', 'scenarios-overlay');
