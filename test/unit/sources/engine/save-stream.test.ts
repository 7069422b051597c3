// A `docker save` read as it streams: the layouts dockerd 20.10, Docker 25+ and Podman write, in
// their real member order (layers before the config and manifest), matched to layers by diff ID.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import fc from "fast-check";
import { BUILTIN_RULES } from "../../../../src/detect/rules/index.js";
import type { FileLocation } from "../../../../src/findings/types.js";
import { parseImageConfig } from "../../../../src/image/config.js";
import { scanImage, type StreamedLayerMemo } from "../../../../src/scan/scan-image.js";
import type { ImageInspect } from "../../../../src/sources/engine/api.js";
import { streamedEngineImage } from "../../../../src/sources/engine/engine-image.js";
import { readSaveStream } from "../../../../src/sources/engine/save-stream.js";
import { DredgeError } from "../../../../src/util/errors.js";
import { makeTar, sha256 } from "../../../helpers/tar-writer.js";

const hex = (d: string) => d.slice("sha256:".length);

/** Two layers: the base (with an unrelated "foo" in /etc/motd) and the one `RUN echo $MY_SECRET > /foo.txt` made. */
const BASE = makeTar([{ name: "etc/", type: "dir" }, { name: "etc/motd", data: "welcome, foo bar\n" }, { name: "etc/passwd", data: "root:x:0:0::/root:/bin/sh\n" }]);
const SECRET_LAYER = makeTar([{ name: "foo.txt", data: "foo\n" }]);
const EMPTY_LAYER = makeTar([]);
const DIFF_IDS = [sha256(BASE), sha256(SECRET_LAYER), sha256(EMPTY_LAYER)];

const CONFIG = Buffer.from(
  JSON.stringify({
    architecture: "amd64",
    os: "linux",
    config: { Env: ["PATH=/bin"] },
    rootfs: { type: "layers", diff_ids: DIFF_IDS },
    history: [
      { created_by: "/bin/sh -c #(nop) ADD file:base in /" },
      { created_by: "/bin/sh -c #(nop)  ARG MY_SECRET", empty_layer: true },
      { created_by: "|1 MY_SECRET=foo /bin/sh -c echo $MY_SECRET > /foo.txt" },
      { created_by: "|1 MY_SECRET=foo /bin/sh -c true" },
    ],
  }),
);
const ID = sha256(CONFIG);

/** dockerd 20.10: `<v1>/layer.tar` dirs in name order, the config among them, the manifest last; a repeated layer is a symlink. */
function legacySave(opts: { cut?: number } = {}): Buffer {
  const v1 = ["1111", "5555", "9999"].map((p) => p.padEnd(64, "0"));
  const tar = makeTar([
    { name: `${v1[0]}/`, type: "dir" },
    { name: `${v1[0]}/VERSION`, data: "1.0" },
    { name: `${v1[0]}/json`, data: JSON.stringify({ id: v1[0] }) },
    { name: `${v1[0]}/layer.tar`, data: EMPTY_LAYER },
    { name: `${"3".repeat(64)}.json`, data: "{}" },
    { name: `${v1[1]}/layer.tar`, data: SECRET_LAYER },
    { name: `${hex(ID)}.json`, data: CONFIG },
    { name: `${v1[2]}/layer.tar`, data: BASE },
    { name: "manifest.json", data: JSON.stringify([{ Config: `${hex(ID)}.json`, RepoTags: ["app:1"], Layers: [`${v1[2]}/layer.tar`, `${v1[1]}/layer.tar`, `${v1[0]}/layer.tar`] }]) },
    { name: "repositories", data: "{}" },
  ]);
  return opts.cut ? tar.subarray(0, opts.cut) : tar;
}

/** Docker 25+: an OCI layout inside the save, blobs named by digest (layers uncompressed: digest = diff ID). */
function ociSave(): Buffer {
  const blob = (d: string) => `blobs/sha256/${hex(d)}`;
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, config: { digest: ID, size: CONFIG.length }, layers: DIFF_IDS.map((d) => ({ digest: d })) }));
  return makeTar([
    { name: "blobs/", type: "dir" },
    { name: "blobs/sha256/", type: "dir" },
    ...[
      { name: blob(DIFF_IDS[0]!), data: BASE },
      { name: blob(DIFF_IDS[1]!), data: SECRET_LAYER },
      { name: blob(DIFF_IDS[2]!), data: EMPTY_LAYER },
      { name: blob(ID), data: CONFIG },
      { name: blob(sha256(manifest)), data: manifest },
    ].sort((a, b) => a.name.localeCompare(b.name)),
    { name: "index.json", data: JSON.stringify({ manifests: [{ digest: sha256(manifest) }] }) },
    { name: "manifest.json", data: JSON.stringify([{ Config: blob(ID), Layers: DIFF_IDS.map(blob) }]) },
    { name: "oci-layout", data: '{"imageLayoutVersion":"1.0.0"}' },
  ]);
}

/** What the engine's API says before the stream: the same layers, but history whose empty-layer flags are wrong. */
function inspectAnswer(): ImageInspect {
  return { id: ID, tags: ["app:1"], config: { Env: ["PATH=/bin"] }, diffIds: DIFF_IDS, size: 0 };
}

function provisional() {
  // Every step marked as a layer but the last: which step made which layer is off by one.
  return parseImageConfig({
    config: { Env: ["PATH=/bin"] },
    rootfs: { diff_ids: DIFF_IDS },
    history: [
      { created_by: "/bin/sh -c #(nop) ADD file:base in /" },
      { created_by: "/bin/sh -c #(nop)  ARG MY_SECRET" },
      { created_by: "|1 MY_SECRET=foo /bin/sh -c echo $MY_SECRET > /foo.txt" },
      { created_by: "|1 MY_SECRET=foo /bin/sh -c true", empty_layer: true },
    ],
  });
}

function imageOf(bytes: Buffer, target = "docker:app:1") {
  return streamedEngineImage(target, inspectAnswer(), provisional(), async () => Readable.from([bytes.subarray(0, 700), bytes.subarray(700)]), target);
}

async function fooLocations(bytes: Buffer, memo?: StreamedLayerMemo) {
  const out = await scanImage(imageOf(bytes), BUILTIN_RULES, memo ? { streamMemo: memo } : {});
  const foo = out.sightings.filter((s) => s.secret === "foo");
  return { out, files: foo.map((s) => s.location).filter((l): l is FileLocation => l.status === "present" || l.status === "deleted" || l.status === "overwritten") };
}

for (const [layout, bytes] of [
  ["dockerd 20.10 (v1 layer dirs, config among them)", legacySave()],
  ["Docker 25+ (OCI layout, blobs by digest)", ociSave()],
] as const) {
  test(`${layout}: layers matched by diff ID, the stream's config replaces the API's, a short known value only where in scope`, async () => {
    const { out, files } = await fooLocations(bytes);
    assert.deepEqual(out.warnings, []);
    assert.equal(out.failedLayers, 0);
    // /foo.txt is in layer 1, made by the RUN that had MY_SECRET (the real config says so; the API's guess did not).
    assert.deepEqual(
      files.map((l) => [l.path, l.layer.index, l.layer.createdBy]),
      [["/foo.txt", 1, "|1 MY_SECRET=foo /bin/sh -c echo $MY_SECRET > /foo.txt"]],
    );
    // "foo" in the base layer's /etc/motd predates the build arg: not a sighting.
    assert.ok(!files.some((l) => l.path === "/etc/motd"));
    assert.deepEqual(out.layerRefs.map((r) => r.digest), DIFF_IDS);
  });
}

test("a layer scanned once in a run is not scanned again in another image's stream: its name is remembered, its bytes checked", async () => {
  const memo: StreamedLayerMemo = { results: new Map(), names: new Map() };
  const first = await fooLocations(legacySave(), memo);
  const entries = memo.results.size;
  assert.equal(memo.names.size, 3);
  const second = await fooLocations(legacySave(), memo);
  assert.equal(memo.results.size, entries, "no new scan results: every layer came from the memo");
  assert.deepEqual(second.files, first.files);
  // The same name with other bytes is caught, not trusted.
  const liar = Buffer.from(legacySave());
  const at = liar.indexOf("foo\n");
  liar.write("bar\n", at);
  const third = await scanImage(imageOf(liar), BUILTIN_RULES, { streamMemo: memo });
  assert.ok(third.warnings.some((w) => /bytes changed since they were read earlier/.test(w)), third.warnings.join("\n"));
});

test("a stream cut inside a layer ends the scan with a warning, never a hang", async () => {
  const full = legacySave();
  const out = await scanImage(imageOf(legacySave({ cut: full.indexOf("foo\n") + 2 })), BUILTIN_RULES);
  assert.ok(out.warnings.some((w) => /reading the archive stopped/.test(w)), out.warnings.join("\n"));
  assert.ok(out.failedLayers > 0);
});

test("readSaveStream keeps JSON members with their digests and records links", async () => {
  const tar = makeTar([
    { name: "a.json", data: '{"x":1}' },
    { name: `${"c".repeat(64)}/layer.tar`, type: "symlink", linkname: `../${"d".repeat(64)}.tar` },
    { name: `${"d".repeat(64)}.tar`, data: EMPTY_LAYER },
  ]);
  const seen: string[] = [];
  const got = await readSaveStream(Readable.from([tar]), "t", async (name, content) => {
    seen.push(name);
    for await (const _ of content) void _;
  });
  assert.deepEqual(seen, [`${"d".repeat(64)}.tar`]);
  assert.equal(got.json.get("a.json")?.digest, sha256('{"x":1}'));
  assert.equal(got.links.get(`${"c".repeat(64)}/layer.tar`), `${"d".repeat(64)}.tar`);
});

test("any bytes as a save stream: contents or a DredgeError, never a crash or a hang", async () => {
  const base = legacySave();
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a)), fc.tuple(fc.nat(base.length - 1), fc.nat(255)).map(([i, b]) => Buffer.from(base).fill(b, i, i + 1)), fc.nat(base.length).map((n) => base.subarray(0, n))), async (bytes) => {
      try {
        await readSaveStream(Readable.from([bytes]), "t", async (_name, content) => {
          for await (const _ of content) void _;
        });
      } catch (err) {
        assert.ok(err instanceof DredgeError, String(err));
      }
    }),
    { numRuns: 300 },
  );
});
