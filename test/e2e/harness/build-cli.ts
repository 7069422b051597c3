// node dist/test/e2e/harness/build-cli.js [--keep-engine] [--base-archive] [SCENARIO…]
// Builds the seed scenarios (or only the base image archive, printing its path) and prints a summary.
import { lstatSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { walkFiles } from './fsutil.js';
import { buildScenarioImages, ensureBaseImageArchive, FORM_NAMES } from './index.js';
import { repoRoot } from './paths.js';

function sizeOf(path: string): number {
  if (!lstatSync(path).isDirectory()) return statSync(path).size;
  return walkFiles(path).reduce((sum, rel) => sum + lstatSync(join(path, rel)).size, 0);
}

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024)}K`;
}

async function main(argv: readonly string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => !['--keep-engine', '--base-archive', '--help'].includes(f));
  if (flags.has('--help') || unknown.length > 0) {
    process.stderr.write('usage: build-cli.js [--keep-engine] [--base-archive] [SCENARIO...]\n');
    return unknown.length > 0 ? 2 : 0;
  }
  if (flags.has('--base-archive')) {
    process.stdout.write((await ensureBaseImageArchive()) + '\n');
    return 0;
  }
  const started = Date.now();
  const { built, failed } = await buildScenarioImages({
    ...(names.length > 0 ? { only: names } : {}),
    keepEngine: flags.has('--keep-engine'),
  });
  const rows = built.map((b) => [
    b.name,
    b.builder,
    b.fromCache ? 'cached' : `built ${b.buildSeconds}s`,
    b.imageId.slice(0, 19),
    ...FORM_NAMES.map((f) => `${f}=${kib(sizeOf(b.forms[f]))}`),
    `secrets=${b.secrets.length}`,
  ]);
  const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd() + '\n');
  for (const f of failed) process.stdout.write(`${f.name}  FAILED  ${f.error.message.split('\n')[0] ?? ''}\n`);
  const cacheDir = built[0] ? relative(repoRoot, join(built[0].dir, '..')) : '.cache/e2e/scenarios';
  process.stdout.write(
    `${built.length} images (${built.filter((b) => !b.fromCache).length} built), ${failed.length} failed, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s; cache: ${cacheDir}\n`,
  );
  return failed.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
