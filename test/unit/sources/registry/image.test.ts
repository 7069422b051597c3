import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registryImages } from "../../../../src/sources/registry/index.js";
import { readLayer } from "../../../../src/layers/read.js";
import { DredgeError } from "../../../../src/util/errors.js";
import { LayoutWriter } from "../../../helpers/oci-fixture.js";
import { gzip, makeTar, sha256 } from "../../../helpers/tar-writer.js";

// A registry in this process, serving an OCI layout's blobs by the distribution API (tags → manifests),
// with switches to misbehave. The real registry is in test/e2e/registry.test.ts.
let dir: string;
let server: Server;
let host: string;
const tags = new Map<string, { digest: string; mediaType: string }>();
const lies: { manifestDigestHeader?: string; configBytes?: Buffer } = {};
const requests: string[] = [];
let amd64: { digest: string; mediaType: string };
let layerTar: Buffer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "dredge-registry-image-"));
  const w = new LayoutWriter(dir);
  layerTar = makeTar([{ name: "etc/token", data: "t0ken-data" }]);
  const image = (arch: string) => w.image({ layers: [gzip(layerTar)], platform: { os: "linux", architecture: arch } }, [sha256(layerTar)]);
  amd64 = await image("amd64");
  const arm64 = await image("arm64");
  const index = await w.blob(JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [amd64, arm64] }), "application/vnd.oci.image.index.v1+json");
  tags.set("multi", index);
  tags.set("single", amd64);
  server = createServer((req, res) => {
    requests.push(req.url!);
    const m = /^\/v2\/team\/app\/(manifests|blobs)\/(.+)$/.exec(req.url!);
    if (!m) return void res.writeHead(404).end();
    const tagged = m[1] === "manifests" ? tags.get(m[2]!) : undefined;
    const digest = tagged?.digest ?? m[2]!;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, "blobs", "sha256", digest.replace(/^sha256:/, "")));
    } catch {
      return void res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ code: "MANIFEST_UNKNOWN", message: "manifest unknown" }] }));
    }
    const headers: Record<string, string> = { "docker-content-digest": digest };
    if (m[1] === "manifests") {
      headers["content-type"] = (JSON.parse(bytes.toString()) as { mediaType: string }).mediaType;
      if (lies.manifestDigestHeader) headers["docker-content-digest"] = lies.manifestDigestHeader;
    } else if (lies.configBytes && bytes.toString().includes('"rootfs"')) bytes = lies.configBytes;
    res.writeHead(200, headers).end(bytes);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const opts = { insecure: true, retries: 0, backoffMs: 1 };

test("an index resolves to the platform's image: config read, layers named by digest, opened only when scanned", async () => {
  requests.length = 0;
  const [image] = await registryImages(`${host}/team/app:multi`, `registry:${host}/team/app:multi`, { ...opts, platform: { os: "linux", architecture: "arm64" } });
  assert.ok(image);
  assert.equal(image.target, `registry:${host}/team/app:multi`);
  assert.deepEqual(image.tags, [`${host}/team/app:multi`]);
  assert.deepEqual(image.config.platform, { os: "linux", architecture: "arm64" });
  assert.notEqual(image.digest, amd64.digest);
  assert.equal(image.layers.length, 1);
  const layer = image.layers[0]!;
  assert.equal(layer.kind, "blob");
  assert.equal(layer.kind === "blob" && layer.digest, sha256(gzip(layerTar)));
  assert.ok(!requests.some((r) => r.includes(sha256(gzip(layerTar)))), "no layer fetched before it is scanned");
  const entries: string[] = [];
  const read = await readLayer(layer, { entry: (e) => entries.push(e.path), data: () => {}, entryEnd: () => {} });
  assert.deepEqual(entries, ["/etc/token"]);
  assert.deepEqual(read.problems, []);
  assert.equal(read.diffId, sha256(layerTar));
});

test("a digest-pinned reference fetches by digest and reports that digest", async () => {
  const [image] = await registryImages(`${host}/team/app@${amd64.digest}`, "t", opts);
  assert.equal(image!.digest, amd64.digest);
  assert.deepEqual(image!.tags, []);
});

test("--platform on a single-platform image is a warning, not a silent scan of another platform", async () => {
  const [image] = await registryImages(`${host}/team/app:single`, "t", { ...opts, platform: { os: "linux", architecture: "arm64" } });
  assert.match(image!.warnings.join(), /--platform linux\/arm64 asked, but .* is a single-platform image for linux\/amd64/);
});

test("a manifest that does not hash to the digest the registry states is refused", async () => {
  lies.manifestDigestHeader = `sha256:${"1".repeat(64)}`;
  try {
    await assert.rejects(registryImages(`${host}/team/app:single`, "t", opts), (e: unknown) => e instanceof DredgeError && e.code === "digest-mismatch" && e.message.includes(amd64.digest) && e.message.includes("1".repeat(64)));
  } finally {
    delete lies.manifestDigestHeader;
  }
});

test("a config blob that does not hash to its digest is refused", async () => {
  lies.configBytes = Buffer.from('{"rootfs":{"diff_ids":[]},"config":{"Env":["EVIL=1"]}}');
  try {
    await assert.rejects(registryImages(`${host}/team/app:single`, "t", opts), /config sha256:[a-f0-9]{64} hashes to sha256:[a-f0-9]{64}, but the manifest names/);
  } finally {
    delete lies.configBytes;
  }
});

test("an unknown tag is a not-found error naming the repository and tag", async () => {
  await assert.rejects(registryImages(`${host}/team/app:nope`, "t", opts), (e: unknown) => e instanceof DredgeError && e.message === `${host}/team/app: tag nope not found (MANIFEST_UNKNOWN: manifest unknown)`);
});
