import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_INDEX, OCI_MANIFEST, parseManifest, selectFromIndex } from "../../../../src/sources/registry/manifest.js";
import { DredgeError } from "../../../../src/util/errors.js";

const d = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

test("Docker v2 schema 2 and OCI manifests give config and layers; the type comes from the body, else the header", () => {
  const docker = parseManifest(json({ schemaVersion: 2, mediaType: DOCKER_MANIFEST, config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: d(1), size: 5 }, layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", digest: d(2), size: 10 }] }), undefined, "m");
  assert.equal(docker.kind, "image");
  assert.equal(docker.kind === "image" && docker.layers[0]!.digest, d(2));
  const oci = parseManifest(json({ schemaVersion: 2, config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: d(1) }, layers: [] }), `${OCI_MANIFEST}; charset=utf-8`, "m");
  assert.equal(oci.mediaType, OCI_MANIFEST);
});

test("manifest lists and OCI indexes are indexes", () => {
  for (const t of [OCI_INDEX, DOCKER_MANIFEST_LIST]) {
    const m = parseManifest(json({ schemaVersion: 2, mediaType: t, manifests: [{ digest: d(3), mediaType: OCI_MANIFEST, platform: { os: "linux", architecture: "amd64" } }] }), undefined, "m");
    assert.equal(m.kind, "index");
  }
});

test("schema 1 is refused with a clear error, by body or by content type", () => {
  assert.throws(() => parseManifest(json({ schemaVersion: 1, name: "x", fsLayers: [] }), "application/vnd.docker.distribution.manifest.v1+prettyjws", "app:old"), (e: unknown) => e instanceof DredgeError && e.code === "schema1-manifest" && /app:old is a Docker image manifest v2 schema 1.*re-push/.test(e.message));
  assert.throws(() => parseManifest(json({ name: "x" }), "application/vnd.docker.distribution.manifest.v1+json", "m"), /schema 1/);
});

test("an artifact (helm chart, signature) is not taken for an image", () => {
  assert.throws(() => parseManifest(json({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: "application/vnd.cncf.helm.config.v1+json", digest: d(1) }, layers: [] }), undefined, "chart"), /artifact \(config type application\/vnd.cncf.helm.config.v1\+json\)/);
  assert.throws(() => parseManifest(json({ mediaType: "text/html" }), undefined, "m"), /neither an image manifest nor an index/);
});

const index = (entries: object[]) => ({ kind: "index" as const, mediaType: OCI_INDEX, manifests: entries.map((e, i) => ({ digest: d(10 + i), mediaType: OCI_MANIFEST, annotations: {}, ...e })) });

test("--platform picks from an index: linux/amd64 by default; a variant-less entry wins when no variant is asked", () => {
  const idx = index([
    { platform: { os: "linux", architecture: "arm64", variant: "v8" } },
    { platform: { os: "linux", architecture: "amd64" } },
    { platform: { os: "linux", architecture: "arm", variant: "v7" } },
    { platform: { os: "linux", architecture: "arm", variant: "v6" } },
    { platform: { os: "unknown", architecture: "unknown" }, annotations: { "vnd.docker.reference.type": "attestation-manifest" } },
  ]);
  assert.equal(selectFromIndex(idx, undefined, "i").digest, d(11));
  assert.equal(selectFromIndex(idx, { os: "linux", architecture: "arm64" }, "i").digest, d(10));
  assert.equal(selectFromIndex(idx, { os: "linux", architecture: "arm", variant: "v6" }, "i").digest, d(13));
  assert.equal(selectFromIndex(idx, { os: "linux", architecture: "arm" }, "i").digest, d(12));
});

test("a platform the index lacks is an error listing the platforms it has (attestations left out)", () => {
  const idx = index([{ platform: { os: "linux", architecture: "arm64", variant: "v8" } }, { platform: { os: "linux", architecture: "amd64" } }, { platform: { os: "unknown", architecture: "unknown" } }]);
  assert.throws(() => selectFromIndex(idx, { os: "linux", architecture: "s390x" }, "reg/app:1"), (e: unknown) => e instanceof DredgeError && e.message === "reg/app:1 has no image for linux/s390x; platforms: linux/arm64/v8, linux/amd64 (choose one with --platform)");
  assert.throws(() => selectFromIndex(index([{ platform: { os: "unknown", architecture: "unknown" } }]), undefined, "i"), /lists no image manifests/);
});

test("property: hostile manifest JSON gives a parsed manifest or a DredgeError, never a crash", () => {
  const descriptor = fc.record({ digest: fc.oneof(fc.string(), fc.constant(d(1)), fc.constant("sha256:../../x")), mediaType: fc.oneof(fc.string(), fc.constantFrom(OCI_MANIFEST, OCI_INDEX, "application/vnd.oci.image.config.v1+json")), size: fc.oneof(fc.integer(), fc.double(), fc.string()), platform: fc.anything() }, { requiredKeys: [] });
  const manifest = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.record({ schemaVersion: fc.constantFrom(1, 2, "2"), mediaType: fc.constantFrom(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, "x"), config: descriptor, layers: fc.array(descriptor, { maxLength: 3 }), manifests: fc.array(descriptor, { maxLength: 3 }) }, { requiredKeys: [] }),
  );
  fc.assert(
    fc.property(manifest, fc.option(fc.constantFrom(OCI_MANIFEST, OCI_INDEX, "application/json", "text/html"), { nil: undefined }), (m, type) => {
      try {
        const parsed = parseManifest(json(m), type, "m");
        if (parsed.kind === "index") {
          try {
            selectFromIndex(parsed, undefined, "m");
          } catch (e) {
            assert.ok(e instanceof DredgeError, String(e));
          }
        }
      } catch (e) {
        assert.ok(e instanceof DredgeError, String(e));
      }
    }),
    { numRuns: 1000 },
  );
  assert.throws(() => parseManifest(Buffer.from("{not json"), undefined, "m"), /is not JSON/);
});
