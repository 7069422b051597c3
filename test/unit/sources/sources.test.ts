import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { loadImages, resolveTarget } from "../../../src/sources/resolve.js";
import { scan } from "../../../src/scan/index.js";
import { LayoutWriter } from "../../helpers/oci-fixture.js";
import { makeTar, sha256 } from "../../helpers/tar-writer.js";

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "dredge-src-"));
}

async function multiPlatformLayout(dir: string): Promise<void> {
  const w = new LayoutWriter(dir);
  const amd = makeTar([{ name: "etc/arch", data: "amd64\n" }]);
  const arm = makeTar([{ name: "etc/arch", data: "arm64 GITHUB_TOKEN=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\n" }]);
  const m1 = await w.image({ layers: [amd] }, [sha256(amd)]);
  const m2 = await w.image({ layers: [arm], platform: { os: "linux", architecture: "arm64", variant: "v8" } }, [sha256(arm)]);
  const attestation = await w.blob(JSON.stringify({ schemaVersion: 2, config: { digest: sha256("x"), size: 1 }, layers: [] }), "application/vnd.oci.image.manifest.v1+json");
  const nested = { schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [
    { ...m1, platform: { os: "linux", architecture: "amd64" } },
    m2,
    { ...attestation, platform: { os: "unknown", architecture: "unknown" }, annotations: { "vnd.docker.reference.type": "attestation-manifest" } },
  ] };
  const nestedDesc = await w.blob(JSON.stringify(nested), "application/vnd.oci.image.index.v1+json");
  await w.index([{ ...nestedDesc, annotations: { "org.opencontainers.image.ref.name": "v1" } }]);
}

test("an OCI layout with a nested multi-platform index picks linux/amd64 by default and another with --platform", async () => {
  const dir = tmp();
  try {
    await multiPlatformLayout(dir);
    const [amd] = await loadImages(`oci:${dir}`);
    assert.equal(amd!.layers.length, 1);
    assert.deepEqual(amd!.tags, ["v1"]);
    const r = await scan([`oci:${dir}`], { platform: { os: "linux", architecture: "arm64" } });
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0]!.kind, "github-personal-access-token");
    const byRef = await loadImages(`oci:${dir}:v1`);
    assert.equal(byRef.length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("asking for a platform the index lacks lists the platforms it has", async () => {
  const dir = tmp();
  try {
    await multiPlatformLayout(dir);
    await assert.rejects(loadImages(`oci:${dir}`, { platform: { os: "linux", architecture: "s390x" } }), /no image for linux\/s390x; platforms: linux\/amd64, linux\/arm64\/v8/);
    await assert.rejects(loadImages(`oci:${dir}:nope`), /no image named "nope"; it has: v1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an OCI archive (tar of a layout) is auto-detected and read by seeking", async () => {
  const dir = tmp();
  try {
    await multiPlatformLayout(join(dir, "layout"));
    execFileSync("tar", ["-C", join(dir, "layout"), "-cf", join(dir, "img.tar"), "."]);
    const images = await loadImages(join(dir, "img.tar"));
    assert.equal(images[0]!.target, `oci-archive:${join(dir, "img.tar")}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The layout Docker 25+ writes with `docker save`: manifest.json pointing into an OCI layout's blobs. */
async function docker25Save(dir: string, layers: Buffer[], config: Record<string, unknown>): Promise<string> {
  const root = join(dir, "save");
  const w = new LayoutWriter(root);
  const m = await w.image({ layers, config }, layers.map((l) => sha256(l)));
  await w.index([{ ...m, annotations: { "io.containerd.image.name": "docker.io/library/app:1", "org.opencontainers.image.ref.name": "1" } }]);
  const manifest = JSON.parse(readFileSync(join(root, "blobs", "sha256", m.digest.slice(7)), "utf8"));
  writeFileSync(
    join(root, "manifest.json"),
    JSON.stringify([{ Config: `blobs/sha256/${manifest.config.digest.slice(7)}`, RepoTags: ["app:1"], Layers: manifest.layers.map((l: { digest: string }) => `blobs/sha256/${l.digest.slice(7)}`) }]),
  );
  const file = join(dir, "docker25.tar");
  execFileSync("tar", ["-C", root, "-cf", file, "."]);
  return m.digest;
}

test("a Docker 25+ save (OCI layout inside docker save) is read as a docker archive with its manifest digest", async () => {
  const dir = tmp();
  try {
    const l0 = makeTar([{ name: "app/.env", data: "AWS_ACCESS_KEY_ID=AKIAZON5RNXXRBWA7VYB\n" }]);
    const l1 = makeTar([{ name: "app/.wh..env" }]);
    const digest = await docker25Save(dir, [l0, l1], {
      history: [
        { created_by: "COPY . /app # buildkit", comment: "buildkit.dockerfile.v0" },
        { created_by: "ENV PORT=3000", comment: "buildkit.dockerfile.v0", empty_layer: true },
        { created_by: "RUN /bin/sh -c rm /app/.env # buildkit", comment: "buildkit.dockerfile.v0" },
      ],
    });
    const r = await scan([join(dir, "docker25.tar")]);
    assert.equal(r.targets[0]!.digest, digest);
    assert.deepEqual(r.targets[0]!.tags, ["app:1"]);
    assert.deepEqual(r.targets[0]!.warnings, []);
    const f = r.findings.find((x) => x.kind === "aws-access-key-id")!;
    const loc = f.locations[0]!;
    assert.ok(loc.status === "deleted", loc.status);
    assert.equal(loc.layer.createdBy, "COPY . /app # buildkit");
    assert.equal(loc.removedBy?.createdBy, "RUN /bin/sh -c rm /app/.env # buildkit");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a dir: root filesystem is walked without following symlinks, FIFOs and loops included", async () => {
  const dir = tmp();
  try {
    mkdirSync(join(dir, "root", "app"), { recursive: true });
    writeFileSync(join(dir, "root", "app", ".env"), "GITHUB_TOKEN=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\n");
    execFileSync("ln", ["-s", "/etc", join(dir, "root", "etc-out")]);
    execFileSync("ln", ["-s", "loop", join(dir, "root", "loop")]);
    execFileSync("mkfifo", [join(dir, "root", "fifo")]);
    const r = await scan([`dir:${join(dir, "root")}`]);
    assert.deepEqual(r.findings.map((f) => [f.kind, f.locations.map((l) => (l.status === "present" ? l.path : l.status))]), [["github-personal-access-token", ["/app/.env"]]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an unknown file, a missing path and an engine prefix get clear errors", async () => {
  const dir = tmp();
  try {
    writeFileSync(join(dir, "junk.bin"), Buffer.alloc(2048, 7));
    const r = await scan([join(dir, "junk.bin"), join(dir, "missing.tar"), "docker:app:dev"]);
    assert.match(r.targets[0]!.error!, /checksum|not a tar/);
    assert.match(r.targets[1]!.error!, /no such file/);
    // No engine in a unit test (or one without this image): said plainly either way.
    assert.match(r.targets[2]!.error!, /cannot reach the Docker engine at .*: |no image "app:dev" in the Docker engine/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a docker save of several images scans them all, or the one named by tag or @index", async () => {
  const dir = tmp();
  try {
    const root = join(dir, "save");
    mkdirSync(root);
    const images = [
      { tag: "registry.local:5000/app:1", data: "GITHUB_TOKEN=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\n" },
      { tag: "tools:latest", data: "nothing here\n" },
    ];
    const manifest = [];
    for (const [i, img] of images.entries()) {
      const layer = makeTar([{ name: "etc/app.env", data: img.data }]);
      mkdirSync(join(root, `l${i}`));
      writeFileSync(join(root, `l${i}`, "layer.tar"), layer);
      const config = JSON.stringify({ rootfs: { type: "layers", diff_ids: [sha256(layer)] }, history: [{ created_by: "COPY app.env /etc/ # buildkit" }], config: {} });
      writeFileSync(join(root, `${sha256(config).slice(7)}.json`), config);
      manifest.push({ Config: `${sha256(config).slice(7)}.json`, RepoTags: [img.tag], Layers: [`l${i}/layer.tar`] });
    }
    writeFileSync(join(root, "manifest.json"), JSON.stringify(manifest));
    const file = join(dir, "multi.tar");
    execFileSync("tar", ["-C", root, "-cf", file, "."]);
    assert.equal((await loadImages(file)).length, 2);
    assert.deepEqual((await loadImages(`docker-archive:${file}:tools`)).map((i) => i.tags), [["tools:latest"]]);
    assert.deepEqual((await loadImages(`docker-archive:${file}:registry.local:5000/app:1`)).map((i) => i.tags), [["registry.local:5000/app:1"]]);
    assert.deepEqual((await loadImages(`docker-archive:${file}@1`)).map((i) => i.tags), [["tools:latest"]]);
    await assert.rejects(loadImages(`docker-archive:${file}:nope`), /no image tagged nope; tags: registry.local:5000\/app:1, tools:latest/);
    const r = await scan([file]);
    assert.deepEqual(r.targets.map((t) => t.warnings), [[], []]);
    assert.equal(r.findings.length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("gzip and zstd image archives are read front to back: same findings as the plain archive, nothing on disk", async () => {
  const dir = tmp();
  try {
    const l0 = makeTar([{ name: "app/.env", data: "GITHUB_TOKEN=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\n" }]);
    const l1 = makeTar([{ name: "app/.wh..env" }]);
    await docker25Save(dir, [l0, l1, l1], {
      history: [{ created_by: "COPY . /app # buildkit" }, { created_by: "RUN /bin/sh -c rm /app/.env # buildkit" }, { created_by: "RUN /bin/sh -c true # buildkit" }],
    });
    const plain = join(dir, "docker25.tar");
    const gz = join(dir, "docker25.tar.gz");
    const zst = join(dir, "docker25.tar.zst");
    execFileSync("sh", ["-c", `gzip -c '${plain}' > '${gz}' && zstd -q -c '${plain}' > '${zst}'`]);
    const shape = (r: Awaited<ReturnType<typeof scan>>) => ({
      warnings: r.targets.map((t) => t.warnings),
      findings: r.findings.map((f) => [f.kind, f.locations.map((l) => `${l.status}:${l.status === "deleted" || l.status === "present" ? l.path : ""}`)]),
    });
    const expected = shape(await scan([plain]));
    assert.deepEqual(expected.findings, [["github-personal-access-token", ["deleted:/app/.env"]]]);
    assert.deepEqual(shape(await scan([gz])), expected);
    assert.deepEqual(shape(await scan([`docker-archive:${zst}`])), expected);
    // A compressed archive cut short: a clear error or warning, no hang.
    const cut = join(dir, "cut.tar.gz");
    writeFileSync(cut, readFileSync(gz).subarray(0, Math.floor(readFileSync(gz).length / 2)));
    const r = await scan([cut]);
    assert.ok(r.targets[0]!.error ?? r.targets[0]!.warnings.join(""), "reported");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an unprefixed name that is no path: a host-qualified one is a registry reference, a bare one is looked up in the engine, never sent to Docker Hub unasked", async () => {
  assert.deepEqual(await resolveTarget("registry.example.com/team/app:1.2"), { kind: "registry", path: "registry.example.com/team/app:1.2" });
  assert.deepEqual(await resolveTarget("localhost:5000/app@sha256:" + "a".repeat(64)), { kind: "registry", path: "localhost:5000/app@sha256:" + "a".repeat(64) });
  const saved = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = "unix:///nonexistent/docker.sock";
  try {
    await assert.rejects(resolveTarget("myapp:dev"), (err: Error) => /no such image in the Docker engine/.test(err.message) && /registry:myapp:dev/.test(err.message));
  } finally {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  }
  // Something that cannot be a reference stays a missing path.
  await assert.rejects(resolveTarget("./no/such file.tar"), /no such file or directory/);
});
