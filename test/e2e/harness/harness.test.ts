// The harness's own check: every seed scenario builds, its four forms hang together, and the built
// docker-archive shows what scenario.json expects and forbids (by plain tar extraction, not by dredge).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import { verifyForms } from './forms.js';
import { walkFiles } from './fsutil.js';
import { ensureScenarioImages, type BuiltScenario, type ImageExpectation } from './index.js';
import { run } from './proc.js';

interface Unpacked {
  /** The config's strings, JSON-decoded, one per line. */
  config: string;
  /** One extracted dir per layer, oldest first. */
  layers: string[];
}

async function unpack(archive: string, into: string): Promise<Unpacked> {
  await run('tar', ['-xf', archive, '-C', into]);
  const [m] = JSON.parse(readFileSync(join(into, 'manifest.json'), 'utf8')) as { Config: string; Layers: string[] }[];
  assert.ok(m, 'manifest.json lists an image');
  const layers: string[] = [];
  for (const [i, layer] of m.Layers.entries()) {
    const dir = join(into, `layer-${i}`);
    mkdirSync(dir);
    await run('tar', ['-xf', join(into, layer), '-C', dir]);
    layers.push(dir);
  }
  return { config: decodedStrings(JSON.parse(readFileSync(join(into, m.Config), 'utf8'))).join('\n'), layers };
}

/** Every string in a parsed config (history lines, Env, Labels…), as the tools show them: JSON escapes undone. */
function decodedStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(decodedStrings);
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...decodedStrings(x)]);
  return [];
}

function fileHas(path: string, needle: string): boolean {
  try {
    return readFileSync(path, 'latin1').includes(needle);
  } catch {
    return false;
  }
}

function anyFileHas(layer: string, needle: string): string | undefined {
  return walkFiles(layer).find((rel) => fileHas(join(layer, rel), needle));
}

const whiteout = (layer: string, path: string): boolean => existsSync(join(layer, dirname(path), `.wh.${basename(path)}`));

function checkExpect(img: Unpacked, e: ImageExpectation): void {
  const what = JSON.stringify(e);
  if (e.status === 'history' || e.status === 'config') {
    // value is a substring of the secret; name is the ARG/ENV it was given as
    const hit = img.config.includes(e.value ?? '') && (e.name === undefined || img.config.includes(`${e.name}=`));
    assert.ok(hit, `config holds ${e.name ?? ''} ${e.value ?? ''}: ${what}`);
    return;
  }
  if (e.path === undefined) return;
  const path = e.path;
  const holders = img.layers.map((l, i) => ({ l, i })).filter(({ l }) => existsSync(join(l, path)));
  assert.ok(holders.length > 0, `a layer holds ${path}: ${what}`);
  if (e.in_head !== undefined) return; // a .git store: its objects are compressed
  const needle = e.value ?? (e.kind === 'private-key' ? 'PRIVATE KEY-----' : undefined);
  const withValue = holders.filter(({ l }) => needle === undefined || fileHas(join(l, path), needle));
  assert.ok(withValue.length > 0, `${path} holds ${needle ?? '(file)'}: ${what}`);
  const first = withValue[0]?.i ?? 0;
  const removed = img.layers.slice(first + 1).some((l) => whiteout(l, path));
  assert.equal(removed, e.status === 'deleted', `${path} ${e.status ?? ''} in the final image: ${what}`);
}

function checkForbid(img: Unpacked, f: ImageExpectation): void {
  const what = JSON.stringify(f);
  const needle = f.value ?? (f.kind === 'private-key' ? 'PRIVATE KEY-----' : undefined);
  if (needle !== undefined && needle.length >= 8) {
    assert.ok(!img.config.includes(needle), `config free of ${needle}: ${what}`);
    for (const l of img.layers) assert.equal(anyFileHas(l, needle), undefined, `no layer file holds ${needle}: ${what}`);
  }
  if (f.path !== undefined) {
    for (const l of img.layers) assert.ok(!existsSync(join(l, f.path)), `no layer holds ${f.path}: ${what}`);
  }
}

async function checkScenario(b: BuiltScenario): Promise<void> {
  await verifyForms(b.dir);
  const into = mkdtempSync(join(tmpdir(), 'dredge-harness-'));
  try {
    const img = await unpack(b.forms['docker-archive'], into);
    for (const e of b.scenario.image?.expect ?? []) checkExpect(img, e);
    for (const f of b.scenario.image?.forbid ?? []) checkForbid(img, f);
  } finally {
    rmSync(into, { recursive: true, force: true });
  }
}

test('seed scenarios build into images that match scenario.json', async (t) => {
  const built = await ensureScenarioImages();
  assert.ok(built.length > 0, 'some scenarios have a builder');
  for (const b of built) await t.test(b.name, () => checkScenario(b));
});
