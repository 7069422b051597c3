// The Docker semantics dredge lint relies on, checked against the real builders (dockerd's legacy
// builder and buildah): each fact is built with both, the image's history and config are read, and
// lint's verdict on the same Dockerfile is compared with what the builder did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../src/lint/index.js';
import type { LintIssue } from '../../src/lint/index.js';
import { BuildSession } from './harness/build.js';
import { removeTree } from './harness/fsutil.js';
import { e2eCacheDir } from './harness/paths.js';

const engineDir = join(e2eCacheDir, 'engine-lint-facts');
const session = new BuildSession(['alpine'], false, engineDir);
const work = join(e2eCacheDir, 'tmp');
mkdirSync(work, { recursive: true });
const root = mkdtempSync(join(work, 'lint-facts-'));
let counter = 0;

test.after(async () => {
  removeTree(root);
  await session.close();
});

interface Built {
  /** created_by of every history entry, oldest first. */
  history: string[];
  env: string[];
}

type BuilderName = 'docker' | 'buildah';

async function build(builder: BuilderName, dockerfile: string, args: Record<string, string>, target?: string): Promise<Built> {
  const dir = join(root, `b${++counter}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  const tag = `dredge-e2e/lint-fact-${counter}:latest`;
  const buildArgs = Object.entries(args).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
  const targetArgs = target ? ['--target', target] : [];
  if (builder === 'docker') {
    const engine = await session.docker();
    await engine.docker(['build', '--network=none', '-q', '-t', tag, ...buildArgs, ...targetArgs, dir]);
    const { stdout } = await engine.docker(['history', '--no-trunc', '--format', '{{json .CreatedBy}}', tag]);
    const history = stdout.trim().split('\n').map((l) => JSON.parse(l) as string).reverse();
    const env = JSON.parse((await engine.docker(['image', 'inspect', '--format', '{{json .Config.Env}}', tag])).stdout) as string[];
    return { history, env };
  }
  const b = await session.buildah();
  await b.buildah(['bud', '--layers', '--isolation', 'chroot', '-q', '-t', tag, ...buildArgs, ...targetArgs, '-f', join(dir, 'Dockerfile'), dir]);
  const info = JSON.parse((await b.buildah(['inspect', '--type', 'image', tag])).stdout) as {
    OCIv1: { history?: { created_by?: string }[]; config?: { Env?: string[] } };
  };
  return { history: (info.OCIv1.history ?? []).map((h) => h.created_by ?? ''), env: info.OCIv1.config?.Env ?? [] };
}

/** History entries of RUN instructions whose command contains `marker`. */
function runEntries(b: Built, marker: string): string[] {
  return b.history.filter((h) => h.includes(marker));
}

function issues(dockerfile: string, args: Record<string, string>, target?: string): LintIssue[] {
  return lintText(dockerfile, { buildArgs: args, ...(target ? { target } : {}) }).issues;
}

for (const builder of ['docker', 'buildah'] as const) {
  test(`${builder}: a RUN records every ARG in scope that has a value, used or not (|N K=V); lint says so`, async () => {
    const df = 'FROM alpine\nARG USED_TOKEN\nARG UNUSED_TOKEN\nARG NOVALUE_TOKEN\nRUN echo $USED_TOKEN > /used && echo marker-one\n';
    const args = { USED_TOKEN: 'used-value-1', UNUSED_TOKEN: 'unused-value-2' };
    const built = await build(builder, df, args);
    const [entry] = runEntries(built, 'marker-one');
    assert.ok(entry, built.history.join('\n'));
    assert.match(entry, /USED_TOKEN=used-value-1/);
    assert.match(entry, /UNUSED_TOKEN=unused-value-2/, 'recorded although the command does not use it');
    assert.doesNotMatch(entry, /NOVALUE_TOKEN=/, 'an ARG without a value is not recorded');
    const found = issues(df, args).filter((i) => i.rule === 'secret-arg-value');
    assert.deepEqual(found.map((i) => [i.at.line, i.scope, i.value]), [[2, 'final', 'used-value-1'], [3, 'final', 'unused-value-2']]);
    assert.match(found[1]!.message, /RUN on line 5 records it/);
  });

  test(`${builder}: a global ARG is in scope in a stage only where the stage redeclares it`, async () => {
    const df = 'ARG GLOBAL_TOKEN=global-value-3\nFROM alpine AS one\nRUN echo marker-one\nFROM alpine AS two\nARG GLOBAL_TOKEN\nRUN echo marker-two\n';
    const one = await build(builder, df, {}, 'one');
    assert.doesNotMatch(runEntries(one, 'marker-one')[0] ?? 'missing', /GLOBAL_TOKEN/);
    const two = await build(builder, df, {}, 'two');
    assert.match(runEntries(two, 'marker-two')[0] ?? 'missing', /GLOBAL_TOKEN=global-value-3/);
    assert.deepEqual(issues(df, {}, 'one').filter((i) => i.scope === 'final'), []);
    assert.deepEqual(issues(df, {}, 'two').map((i) => [i.rule, i.at.line, i.scope]), [['secret-arg-value', 5, 'final']]);
  });

  test(`${builder}: a stage built FROM another inherits its history (and the ARG values it recorded)`, async () => {
    const df = 'FROM alpine AS base\nARG BASE_TOKEN\nRUN echo marker-base\nFROM base\nRUN echo marker-child\n';
    const args = { BASE_TOKEN: 'base-value-4' };
    const built = await build(builder, df, args);
    assert.match(runEntries(built, 'marker-base')[0] ?? 'missing', /BASE_TOKEN=base-value-4/, 'the parent stage\'s RUN is in the final history');
    assert.doesNotMatch(runEntries(built, 'marker-child')[0] ?? 'missing', /BASE_TOKEN/, 'the ARG is not in scope in the child');
    assert.deepEqual(issues(df, args).map((i) => [i.rule, i.at.line, i.scope]), [['secret-arg-value', 2, 'final']]);
  });

  test(`${builder}: ENV is inherited by a stage built FROM another`, async () => {
    const df = 'FROM alpine AS base\nENV INHERITED_PASSWORD=env-value-5xyz\nFROM base\nRUN echo marker-child\n';
    const built = await build(builder, df, {});
    assert.ok(built.env.includes('INHERITED_PASSWORD=env-value-5xyz'), built.env.join(' '));
    assert.deepEqual(issues(df, {}).map((i) => [i.rule, i.at.line, i.scope]), [['secret-env', 2, 'final']]);
  });

  test(`${builder}: a stage only copied from leaves its history and ENV behind`, async () => {
    const df = 'FROM alpine AS build\nARG BUILD_TOKEN\nENV BUILD_PASSWORD=env-value-6xyz\nRUN echo marker-build > /ok\nFROM alpine\nCOPY --from=build /ok /ok\nRUN echo marker-final\n';
    const args = { BUILD_TOKEN: 'build-value-7' };
    const built = await build(builder, df, args);
    assert.ok(!built.history.some((h) => h.includes('build-value-7') || h.includes('marker-build')), built.history.join('\n'));
    assert.ok(!built.env.some((e) => e.startsWith('BUILD_PASSWORD=')));
    const found = issues(df, args);
    assert.ok(found.length > 0 && found.every((i) => i.scope === 'host'), found.map((i) => `${i.rule} ${i.scope}`).join(', '));
  });
}
