import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { LayerCache } from "../../../src/cache/layer-cache.js";
import { scan, type ScanOptions } from "../../../src/scan/index.js";
import { toJsonObject } from "../../../src/report/json.js";
import { LayoutWriter } from "../../helpers/oci-fixture.js";
import { gzip, makeTar, sha256 } from "../../helpers/tar-writer.js";

const GH = "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";
const NPM = "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";
const BUILD_ARG = "s3cr3t-Build-Arg-Value-91";

const base = gzip(
  makeTar([
    { name: "etc/app/.env", data: `GITHUB_TOKEN=${GH}\n` },
    { name: "opt/notes.txt", data: `left by the build: ${BUILD_ARG}\n` },
  ]),
);

/** An image on the shared base: its own layer deletes the .env and writes an .npmrc; history holds a build arg. */
async function image(dir: string, own: string): Promise<string> {
  const top = gzip(makeTar([{ name: "etc/app/.wh..env" }, { name: "root/.npmrc", data: `//registry.npmjs.org/:_authToken=${NPM}\n# ${own}\n` }]));
  const w = new LayoutWriter(dir);
  const m = await w.image(
    {
      layers: [base, top],
      config: {
        history: [
          { created_by: "ADD rootfs.tar /" },
          { created_by: "ARG TOKEN", empty_layer: true },
          { created_by: `RUN |1 TOKEN=${BUILD_ARG} /bin/sh -c npm ci` },
        ],
      },
    },
    [sha256(gunzipSync(base)), sha256(gunzipSync(top))],
  );
  await w.index([m]);
  return `oci:${dir}`;
}


function json(r: Awaited<ReturnType<typeof scan>>, showSecrets = true): unknown {
  return toJsonObject(r, { showSecrets });
}

async function withDirs(fn: (work: string, cache: string) => Promise<void>): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "dredge-cache-img-"));
  const cache = mkdtempSync(join(tmpdir(), "dredge-cache-"));
  try {
    await fn(work, cache);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}

function cacheFiles(cache: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(join(d, e.name));
    }
  };
  walk(cache);
  return out;
}

test("a warm cache gives the same report as a cold scan, statuses and known values included", async () => {
  await withDirs(async (work, cache) => {
    const target = await image(work, "one");
    const uncached = await scan([target]);
    const cold = await scan([target], { cacheDir: cache });
    const warm = await scan([target], { cacheDir: cache });
    assert.deepEqual(json(cold, false), json(uncached, false));
    assert.deepEqual(json(warm, false), json(uncached, false));
    const byValue = new Map(uncached.findings.map((f) => [f.secret.reveal(), f]));
    // The base's .env is deleted by the top layer, the build arg is found again in a base file.
    assert.equal(byValue.get(GH)?.locations[0]?.status, "deleted");
    assert.ok(byValue.get(BUILD_ARG)?.locations.some((l) => l.status === "present" && "path" in l && l.path === "/opt/notes.txt"));
    assert.equal(cacheFiles(cache).length, 2);
  });
});

test("the cache never holds a secret value, only fingerprints and previews", async () => {
  await withDirs(async (work, cache) => {
    await scan([await image(work, "one")], { cacheDir: cache });
    for (const f of cacheFiles(cache)) {
      const text = readFileSync(f, "utf8");
      for (const secret of [GH, NPM, BUILD_ARG]) assert.ok(!text.includes(secret), `${f} holds a secret`);
      assert.match(text, /cached:[0-9a-f]{32}:/);
    }
  });
});

test("a second image on the same base reads only its own layer", async () => {
  await withDirs(async (work, cache) => {
    const first = await image(join(work, "a"), "one");
    const second = await image(join(work, "b"), "two");
    await scan([first], { cacheDir: cache });
    const done: { index: number; cached: boolean }[] = [];
    const r = await scan([second], { cacheDir: cache, onLayerDone: (_img, index, d) => done.push({ index, cached: d.cached }) });
    assert.deepEqual(done, [
      { index: 0, cached: true },
      { index: 1, cached: false },
    ]);
    assert.deepEqual(json(r, false), json(await scan([second]), false));
  });
});

test("with cache reads off (--show-secrets) every layer is scanned and values are whole", async () => {
  await withDirs(async (work, cache) => {
    const target = await image(work, "one");
    await scan([target], { cacheDir: cache });
    const opts: ScanOptions = { cacheDir: cache, cacheRead: false };
    const r = await scan([target], opts);
    assert.ok(r.findings.some((f) => f.secret.reveal() === GH));
  });
});

test("an archive whose blob was swapped under a cached digest gets a fresh scan, not the cached result", async () => {
  await withDirs(async (work, cache) => {
    const target = await image(work, "one");
    await scan([target], { cacheDir: cache });
    // A second scan hashes the blob to trust its entry (and keeps that digest for this process).
    await scan([target], { cacheDir: cache });
    // Replace the base blob's bytes but keep its name (the digest the manifest claims).
    const blobs = join(work, "blobs", "sha256");
    const baseFile = join(blobs, sha256(base).slice(7));
    const evil = gzip(makeTar([{ name: "etc/app/.env", data: `GITHUB_TOKEN=${GH}\n` }, { name: "srv/new.npmrc", data: `//r/:_authToken=${NPM}\n` }]));
    writeFileSync(baseFile, evil);
    const r = await scan([target], { cacheDir: cache });
    const npm = r.findings.find((f) => f.secret.reveal() === NPM);
    assert.ok(npm?.locations.some((l) => "path" in l && l.path === "/srv/new.npmrc"), "the swapped blob's content is reported");
    assert.ok(r.targets[0]!.warnings.some((w) => /hashes to/.test(w)));
  });
});

test("a corrupt or foreign cache entry is a miss, never a crash", async () => {
  await withDirs(async (work, cache) => {
    const target = await image(work, "one");
    const expected = json(await scan([target], { cacheDir: cache }));
    const files = cacheFiles(cache);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.constant('{"digest":"sha256:x","result":{"hits":7}}')), async (junk) => {
        for (const f of files) writeFileSync(f, junk);
        assert.deepEqual(json(await scan([target], { cacheDir: cache })), expected);
      }),
      { numRuns: 25 },
    );
  });
});

test("a cache that cannot be written is a warning and the scan still reports everything", async () => {
  await withDirs(async (work, cache) => {
    const target = await image(work, "one");
    const blocked = join(cache, "file");
    writeFileSync(blocked, "not a directory");
    const r = await scan([target], { cacheDir: blocked });
    assert.ok(r.findings.some((f) => f.secret.reveal() === GH));
    assert.ok(r.targets[0]!.warnings.some((w) => /layer cache/.test(w)));
  });
});

test("entries are kept per detector: other rules or another salt do not reuse them", async () => {
  await withDirs(async (work, cache) => {
    const target = await image(work, "one");
    await scan([target], { cacheDir: cache });
    await scan([target], { cacheDir: cache, fingerprintSalt: "another" });
    await scan([target], { cacheDir: cache, userRules: [{ id: "corp-token", regex: "corp_[a-z0-9]{20}" }] });
    assert.equal(readdirSync(join(cache, "layers")).length, 3);
    const c = await LayerCache.open(cache, { settings: { x: 1 } });
    assert.equal(await c.get("sha256:0000"), undefined);
  });
});
