// The registry source against a real registry: Debian's docker-registry (distribution v2) on 127.0.0.1,
// started and stopped here, in anonymous, htpasswd and token-auth (TLS) modes; images pushed with skopeo
// from OCI layouts made in-process; scanned with the dredge CLI and compared with the same image scanned
// from its layout. Faults come from a small proxy in front of the real registry. No dockerd needed.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request as httpRequest } from "node:http";
import { compress } from "zstd-napi";
import { LayoutWriter } from "../helpers/oci-fixture.js";
import { gzip, makeTar, sha256 } from "../helpers/tar-writer.js";
import { makeTestTls, pushWithSkopeo, startRegistry, type RegistryServer, type TestTls } from "./harness/registry.js";
import { startRegistryProxy, type Fault } from "./harness/registry-proxy.js";
import { startTokenIssuer, type TokenIssuer } from "./harness/token-issuer.js";
import { CLI } from "../helpers/cli.js";


// Fake credentials in real formats (the detectors' own examples).
const AWS_ID = "AKIAZON5RNXXRBWA7VYB";
const NPM = "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";
const GITHUB = "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";
const STRIPE = "sk_live_REAscXV4vpetpGJDHOzkXlfC";

// Registry users and tokens: values the output must never show.
const HT_USER = "alice";
const HT_PASS = "htpasswd-Pa55-word-77";
const TOKEN_USER = "carol";
const TOKEN_PASS = "token-service-pass-42";
const IDENTITY_TOKEN = "identity-refresh-token-9c1e";

let work: string;
let tls: TestTls;
let plain: RegistryServer;
let basic: RegistryServer;
let tokenReg: RegistryServer;
let issuer: TokenIssuer;
const layouts: Record<string, string> = {};
/** Digests to aim faults at, as the registry holds them (skopeo compresses plain layers when it pushes). */
const facts: { appLayers: string[]; plainLayers: string[]; plainReplacement?: Buffer; appManifest?: string } = { appLayers: [], plainLayers: [] };

/** GET from the plain registry (test setup: what it holds). */
function registryGet(host: string, path: string, accept?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: host.split(":")[0], port: Number(host.split(":")[1]), path, headers: accept ? { accept } : {} }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(parts)) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end();
  });
}

async function layerDigests(host: string, repo: string, tag: string): Promise<string[]> {
  const manifest = JSON.parse((await registryGet(host, `/v2/${repo}/manifests/${tag}`, "application/vnd.oci.image.manifest.v1+json")).toString()) as { layers: { digest: string }[] };
  return manifest.layers.map((l) => l.digest);
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the dredge CLI with a fresh layer cache and an empty docker config unless told otherwise. */
function dredge(args: string[], opts: { input?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const cache = mkdtempSync(join(work, "cache-"));
  const dockerConfig = mkdtempSync(join(work, "dockercfg-"));
  writeFileSync(join(dockerConfig, "config.json"), "{}");
  const env: NodeJS.ProcessEnv = { ...process.env, DREDGE_CACHE_DIR: cache, XDG_CACHE_HOME: cache, DOCKER_CONFIG: dockerConfig, NO_COLOR: "1", ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "scan", ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms: Date.now() - started });
    });
    child.stdin.end(opts.input ?? "");
  });
}

interface Report {
  targets: { target: string; digest?: string; error?: string; warnings?: string[] }[];
  findings: { rule: string; kind: string; fingerprint: string; severity: string; locations: ({ target: string } & Record<string, unknown>)[] }[];
}

async function scanJson(args: string[], opts: Parameters<typeof dredge>[1] = {}): Promise<{ report: Report; run: CliResult }> {
  const run = await dredge([...args, "-f", "json", "--fail-on", "none"], opts);
  assert.equal(run.code, 0, `dredge ${args.join(" ")} exited ${run.code}: ${run.stderr}`);
  return { report: JSON.parse(run.stdout) as Report, run };
}

/** Findings without the target names, sorted: what must be equal whatever the image came from. */
function comparable(r: Report): string[] {
  return r.findings
    .map((f) => JSON.stringify({ rule: f.rule, kind: f.kind, fingerprint: f.fingerprint, severity: f.severity, locations: f.locations.map(({ target: _t, ...rest }) => rest) }))
    .sort();
}

const kinds = (r: Report) => [...new Set(r.findings.map((f) => f.kind))].sort();

/** The app image: a .env later whited out, an .npmrc, and a secret-named ENV; gzip layers. */
async function makeAppLayout(dir: string): Promise<void> {
  const w = new LayoutWriter(dir);
  const tars = [
    makeTar([{ name: "app/", type: "dir" }, { name: "app/.env", data: `AWS_ACCESS_KEY_ID=${AWS_ID}\nGITHUB_TOKEN=${GITHUB}\n` }]),
    makeTar([{ name: "root/", type: "dir" }, { name: "root/.npmrc", data: `//registry.npmjs.org/:_authToken=${NPM}\n` }]),
    makeTar([{ name: "app/", type: "dir" }, { name: "app/.wh..env", data: "" }]),
  ];
  const desc = await w.image(
    {
      layers: tars.map(gzip),
      refName: "app",
      config: { config: { Env: ["PATH=/usr/bin:/bin", `STRIPE_API_KEY=${STRIPE}`] }, history: tars.map((_, i) => ({ created_by: `/bin/sh -c #(nop) COPY file:${i} in / ` })) },
    },
    tars.map(sha256),
  );
  facts.appManifest = desc.digest;
  await w.index([desc]);
}

/** A multi-platform image: amd64 and arm64/v8, zstd layers, a different secret in each. */
async function makeMultiLayout(dir: string): Promise<void> {
  const w = new LayoutWriter(dir);
  const image = async (arch: string, variant: string | undefined, secretFile: string) => {
    const tar = makeTar([{ name: "etc/", type: "dir" }, { name: "etc/app.conf", data: secretFile }]);
    const layer = await w.blob(compress(tar), "application/vnd.oci.image.layer.v1.tar+zstd");
    const config = await w.blob(JSON.stringify({ architecture: arch, os: "linux", ...(variant ? { variant } : {}), rootfs: { type: "layers", diff_ids: [sha256(tar)] }, history: [{ created_by: "COPY app.conf /etc/" }] }), "application/vnd.oci.image.config.v1+json");
    const manifest = await w.blob(JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json", config, layers: [layer] }), "application/vnd.oci.image.manifest.v1+json");
    return { ...manifest, platform: { os: "linux", architecture: arch, ...(variant ? { variant } : {}) } };
  };
  const amd = await image("amd64", undefined, `github_token = "${GITHUB}"\n`);
  const arm = await image("arm64", "v8", `stripe_key = "${STRIPE}"\n`);
  const nested = await w.blob(JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [amd, arm] }), "application/vnd.oci.image.index.v1+json");
  await w.index([{ ...nested, annotations: { "org.opencontainers.image.ref.name": "multi" } }]);
}

/** Two layers, one secret in each. */
async function makePlainLayout(dir: string): Promise<void> {
  const w = new LayoutWriter(dir);
  // Layer 1 carries 3 MiB of noise, so a drop in it comes after bytes were handed to the scanner.
  const noise = createHash("sha512");
  const filler = Buffer.concat(Array.from({ length: 3 << 14 }, (_, i) => noise.copy().update(String(i)).digest()));
  const tars = [
    makeTar([{ name: "a.txt", data: `aws ${AWS_ID}\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzREALKEY1\n` }]),
    makeTar([{ name: "b/noise.bin", data: filler }, { name: "b/.npmrc", data: `//registry.npmjs.org/:_authToken=${NPM}\n` }]),
  ];
  const desc = await w.image({ layers: tars.map(gzip), refName: "plain" }, tars.map(sha256));
  await w.index([desc]);
}

before(async () => {
  const missing = ["docker-registry", "skopeo", "htpasswd", "openssl"].filter((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0);
  if (missing.length) throw new Error(`the registry tests need ${missing.join(", ")}: bash scripts/setup.sh installs them`);
  work = mkdtempSync(join(tmpdir(), "dredge-e2e-registry-"));
  mkdirSync(join(work, "certs"));
  tls = await makeTestTls(join(work, "certs"));
  for (const [name, make] of [
    ["app", makeAppLayout],
    ["multi", makeMultiLayout],
    ["plain", makePlainLayout],
  ] as const) {
    layouts[name] = join(work, `layout-${name}`);
    await make(layouts[name]);
  }
  issuer = await startTokenIssuer({ users: { [TOKEN_USER]: TOKEN_PASS }, refreshTokens: { [IDENTITY_TOKEN]: TOKEN_USER }, tls, dir: join(work, "certs") });
  [plain, basic, tokenReg] = await Promise.all([
    startRegistry(),
    startRegistry({ auth: { kind: "htpasswd", users: [{ name: HT_USER, password: HT_PASS }] } }),
    startRegistry({ tls, auth: { kind: "token", realm: issuer.realm, service: issuer.service, issuer: issuer.issuer, rootCertBundle: issuer.rootCertBundle } }),
  ]);
  await pushWithSkopeo(`${layouts.app}:app`, `${plain.host}/team/app:oci`);
  await pushWithSkopeo(`${layouts.app}:app`, `${plain.host}/team/app:v2s2`, { format: "v2s2" });
  await pushWithSkopeo(`${layouts.multi}:multi`, `${plain.host}/team/multi:1`, { all: true });
  await pushWithSkopeo(`${layouts.plain}:plain`, `${plain.host}/team/plain:1`);
  facts.appLayers = await layerDigests(plain.host, "team/app", "oci");
  facts.plainLayers = await layerDigests(plain.host, "team/plain", "1");
  // The same gzip stream with another MTIME in its header: the same tar, but not the blob the manifest names.
  const changed = Buffer.from(await registryGet(plain.host, `/v2/team/plain/blobs/${facts.plainLayers[0]}`));
  changed[4] = changed[4]! ^ 0x01;
  facts.plainReplacement = changed;
  await pushWithSkopeo(`${layouts.app}:app`, `${basic.host}/team/app:1`, { creds: `${HT_USER}:${HT_PASS}` });
  await pushWithSkopeo(`${layouts.app}:app`, `${tokenReg.host}/public/app:1`, { creds: `${TOKEN_USER}:${TOKEN_PASS}` });
  await pushWithSkopeo(`${layouts.app}:app`, `${tokenReg.host}/private/app:1`, { creds: `${TOKEN_USER}:${TOKEN_PASS}` });
});

after(async () => {
  plain?.stop();
  basic?.stop();
  tokenReg?.stop();
  await issuer?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Nothing in a run's output may contain a credential or an issued token. */
function assertNoCredentials(run: CliResult, extra: string[] = []): void {
  const all = run.stdout + run.stderr;
  for (const secret of [HT_PASS, TOKEN_PASS, IDENTITY_TOKEN, Buffer.from(`${HT_USER}:${HT_PASS}`).toString("base64"), ...issuer.issued, ...extra]) {
    assert.ok(!all.includes(secret), `output shows a credential (${secret.slice(0, 6)}…)`);
  }
}

describe("registry source, anonymous registry over plain HTTP (--insecure)", () => {
  test("an OCI manifest and a Docker v2 schema 2 manifest scan exactly as the image's OCI layout does", async () => {
    const fromLayout = (await scanJson([`oci:${layouts.app}:app`])).report;
    assert.deepEqual(kinds(fromLayout).filter((k) => ["aws-access-key-id", "npm-access-token", "github-personal-access-token", "stripe-secret-key"].includes(k)).length, 4, JSON.stringify(kinds(fromLayout)));
    for (const tag of ["oci", "v2s2"]) {
      const { report } = await scanJson([`registry:${plain.host}/team/app:${tag}`, "--insecure"]);
      assert.equal(report.targets[0]!.error, undefined);
      assert.deepEqual(report.targets[0]!.warnings ?? [], []);
      assert.equal(report.targets[0]!.target, `registry:${plain.host}/team/app:${tag}`);
      assert.deepEqual(comparable(report), comparable(fromLayout), tag);
    }
    const deleted = fromLayout.findings.find((f) => f.kind === "aws-access-key-id")!.locations[0]!;
    assert.equal(deleted.status, "deleted");
  });

  test("a digest-pinned reference is verified and scanned; a digest the registry lacks is a clear error (exit 2)", async () => {
    const { report } = await scanJson([`registry:${plain.host}/team/app@${facts.appManifest}`, "--insecure"]);
    assert.equal(report.targets[0]!.digest, facts.appManifest);
    assert.ok(report.findings.length > 0);
    const missing = await dredge([`registry:${plain.host}/team/app@sha256:${"0".repeat(64)}`, "--insecure"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr + missing.stdout, /manifest sha256:0{64} not found/);
    const noTag = await dredge([`registry:${plain.host}/team/app:nope`, "--insecure", "-f", "json"]);
    assert.match(noTag.stdout, /team\/app: tag nope not found \(MANIFEST_UNKNOWN/);
  });

  test("a multi-platform index with zstd layers: linux/amd64 by default, --platform picks another, a missing one lists those there are", async () => {
    const amd = (await scanJson([`registry:${plain.host}/team/multi:1`, "--insecure"])).report;
    assert.deepEqual(kinds(amd), ["github-personal-access-token"]);
    const arm = (await scanJson([`registry:${plain.host}/team/multi:1`, "--insecure", "--platform", "linux/arm64"])).report;
    assert.deepEqual(kinds(arm), ["stripe-secret-key"]);
    const layout = (await scanJson([`oci:${layouts.multi}:multi`, "--platform", "linux/arm64"])).report;
    assert.deepEqual(comparable(arm), comparable(layout));
    const none = await dredge([`registry:${plain.host}/team/multi:1`, "--insecure", "--platform", "linux/s390x", "-f", "json"]);
    assert.equal(none.code, 2);
    assert.match(none.stdout, /has no image for linux\/s390x; platforms: linux\/amd64, linux\/arm64\/v8 \(choose one with --platform\)/);
  });

  test("without --insecure a plain-HTTP registry is not spoken to in clear: a TLS error that names --insecure", async () => {
    const run = await dredge([`registry:${plain.host}/team/app:oci`, "-f", "json"]);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /TLS handshake with 127\.0\.0\.1:\d+ failed \(wrong version number\); if the registry speaks plain HTTP, pass --insecure/);
  });

  test(".dredge.yaml's registry.hosts entry makes a host insecure (and sets its timeout) without the flag", async () => {
    const config = join(work, "insecure.dredge.yaml");
    writeFileSync(config, `registry:\n  hosts:\n    ${plain.host}: { insecure: true, timeout: 20 }\n`);
    const { report } = await scanJson([`registry:${plain.host}/team/app:oci`, "--config", config]);
    assert.equal(report.targets[0]!.error, undefined);
    assert.ok(report.findings.length > 0);
  });

  test("bad references and flags are usage errors", async () => {
    const bad = await dredge([`registry:${plain.host}/Team/App:1`, "--insecure", "-f", "json"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stdout, /must be lowercase/);
    const noPass = await dredge([`registry:${plain.host}/team/app:oci`, "--username", "x"]);
    assert.equal(noPass.code, 2);
    assert.match(noPass.stderr, /--username needs --password-stdin/);
    const two = await dredge(["registry:a.example.com/x", "registry:b.example.com/y", "--username", "u", "--password-stdin"], { input: "pw-for-one-registry" });
    assert.equal(two.code, 2);
    assert.match(two.stderr, /--username is for one registry, but the targets name a\.example\.com, b\.example\.com/);
    const timeout = await dredge([`registry:${plain.host}/team/app:oci`, "--timeout", "soon"]);
    assert.equal(timeout.code, 2);
    assert.match(timeout.stderr, /--timeout must be a number of seconds/);
  });
});

describe("registry source, htpasswd basic auth", () => {
  test("no credentials: a clear error that says how to give them", async () => {
    const run = await dredge([`registry:${basic.host}/team/app:1`, "--insecure", "-f", "json"]);
    assert.equal(run.code, 2);
    assert.match(run.stdout, new RegExp(`requires credentials: docker login ${basic.host.replace(/\./g, "\\.")}, or pass --username with --password-stdin`));
  });

  test("--username with --password-stdin (newline stripped as docker login does) scans like the layout", async () => {
    const { report, run } = await scanJson([`registry:${basic.host}/team/app:1`, "--insecure", "--username", HT_USER, "--password-stdin"], { input: `${HT_PASS}\n` });
    const layout = (await scanJson([`oci:${layouts.app}:app`])).report;
    assert.deepEqual(comparable(report), comparable(layout));
    assertNoCredentials(run);
  });

  test("a wrong password: an error naming where the credentials came from, showing neither them nor the right ones", async () => {
    const run = await dredge([`registry:${basic.host}/team/app:1`, "--insecure", "--username", HT_USER, "--password-stdin", "-f", "json"], { input: "wrong-Pa55-for-alice" });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /refused the credentials from --username\/--password-stdin/);
    assertNoCredentials(run, ["wrong-Pa55-for-alice", Buffer.from(`${HT_USER}:wrong-Pa55-for-alice`).toString("base64")]);
  });

  test("docker login's config.json: auths (DOCKER_CONFIG) and a credsStore helper called as docker calls it", async () => {
    const cfg = mkdtempSync(join(work, "login-"));
    writeFileSync(join(cfg, "config.json"), JSON.stringify({ auths: { [basic.host]: { auth: Buffer.from(`${HT_USER}:${HT_PASS}`).toString("base64") } } }));
    const viaAuths = await scanJson([`registry:${basic.host}/team/app:1`, "--insecure"], { env: { DOCKER_CONFIG: cfg } });
    assert.ok(viaAuths.report.findings.length > 0);
    assertNoCredentials(viaAuths.run);

    const bin = mkdtempSync(join(work, "bin-"));
    const helper = join(bin, "docker-credential-e2etest");
    // Answers only for the server URL docker would ask for, read from stdin.
    writeFileSync(helper, `#!/bin/sh\n[ "$1" = get ] || exit 9\nurl=$(cat)\n[ "$url" = "${basic.host}" ] || { echo "credentials not found in native keychain"; exit 1; }\nprintf '{"ServerURL":"%s","Username":"${HT_USER}","Secret":"${HT_PASS}"}' "$url"\n`);
    chmodSync(helper, 0o755);
    const store = mkdtempSync(join(work, "store-"));
    writeFileSync(join(store, "config.json"), JSON.stringify({ credsStore: "e2etest", auths: { [basic.host]: {} } }));
    const viaHelper = await scanJson([`registry:${basic.host}/team/app:1`, "--insecure"], { env: { DOCKER_CONFIG: store, PATH: `${bin}:${process.env.PATH}` } });
    assert.ok(viaHelper.report.findings.length > 0);
    assertNoCredentials(viaHelper.run);
  });
});

describe("registry source, token auth over TLS (the registry's auth: token mode, a token service written for the test)", () => {
  const ca = () => ({ NODE_EXTRA_CA_CERTS: tls.caFile });

  test("anonymous bearer flow for a public repository, trusted through NODE_EXTRA_CA_CERTS", async () => {
    const before = issuer.requests.length;
    const { report } = await scanJson([`registry:${tokenReg.host}/public/app:1`], { env: ca() });
    const layout = (await scanJson([`oci:${layouts.app}:app`])).report;
    assert.deepEqual(comparable(report), comparable(layout));
    const asked = issuer.requests.slice(before);
    assert.ok(asked.length >= 1);
    assert.ok(asked.every((r) => r.method === "GET" && r.basicUser === undefined && r.scopes.includes("repository:public/app:pull")));
  });

  test("a private repository: refused anonymously (no token in the message), pulled with a password or docker login's identity token", async () => {
    const anon = await dredge([`registry:${tokenReg.host}/private/app:1`, "-f", "json"], { env: ca() });
    assert.equal(anon.code, 2);
    assert.match(anon.stdout, /refused the token for repository:private\/app:pull \(insufficient_scope\)/);
    assertNoCredentials(anon);

    const withPassword = await scanJson([`registry:${tokenReg.host}/private/app:1`, "--username", TOKEN_USER, "--password-stdin"], { env: ca(), input: TOKEN_PASS });
    assert.ok(withPassword.report.findings.length > 0);
    assertNoCredentials(withPassword.run);

    const cfg = mkdtempSync(join(work, "idtok-"));
    writeFileSync(join(cfg, "config.json"), JSON.stringify({ auths: { [tokenReg.host]: { auth: Buffer.from(`${TOKEN_USER}:`).toString("base64"), identitytoken: IDENTITY_TOKEN } } }));
    const before = issuer.requests.length;
    const withIdentity = await scanJson([`registry:${tokenReg.host}/private/app:1`], { env: { ...ca(), DOCKER_CONFIG: cfg } });
    assert.ok(withIdentity.report.findings.length > 0);
    const posts = issuer.requests.slice(before).filter((r) => r.method === "POST");
    assert.ok(posts.length >= 1 && posts.every((p) => p.grant === "refresh_token" && p.clientId === "docker"));
    assertNoCredentials(withIdentity.run);

    writeFileSync(join(cfg, "config.json"), JSON.stringify({ auths: { [tokenReg.host]: { identitytoken: "revoked-identity-token-0000" } } }));
    const revoked = await dredge([`registry:${tokenReg.host}/private/app:1`, "-f", "json"], { env: { ...ca(), DOCKER_CONFIG: cfg } });
    assert.equal(revoked.code, 2);
    assert.match(revoked.stdout, /token service https:\/\/127\.0\.0\.1:\d+\/token refused the credentials from .*config\.json/);
    assertNoCredentials(revoked, ["revoked-identity-token-0000"]);
  });

  test("an untrusted certificate is an error that says how to trust it; --insecure skips the check for this registry only", async () => {
    const untrusted = await dredge([`registry:${tokenReg.host}/public/app:1`, "-f", "json"], { env: { NODE_EXTRA_CA_CERTS: undefined } });
    assert.equal(untrusted.code, 2);
    assert.match(untrusted.stdout, /TLS certificate of 127\.0\.0\.1:\d+ not trusted .*NODE_EXTRA_CA_CERTS.*--insecure/);
    // The token service runs on the same host (another port): --insecure covers it too.
    const insecure = await scanJson([`registry:${tokenReg.host}/public/app:1`, "--insecure"], { env: { NODE_EXTRA_CA_CERTS: undefined } });
    assert.ok(insecure.report.findings.length > 0);
  });
});

describe("registry source, faults from a proxy in front of the real registry", () => {
  async function withProxy(faults: Fault[], body: (host: string, log: Awaited<ReturnType<typeof startRegistryProxy>>["log"]) => Promise<void>): Promise<void> {
    const proxy = await startRegistryProxy(plain.host, faults);
    try {
      await body(proxy.host, proxy.log);
    } finally {
      await proxy.close();
    }
  }
  const expected = async () => comparable((await scanJson([`oci:${layouts.app}:app`])).report);

  test("a connection dropped mid-blob is resumed with a Range request and the scan is whole", async () => {
    const faults: Fault[] = facts.appLayers.slice(0, 2).map((digest) => ({ kind: "drop-mid-blob", afterBytes: 100, times: 1, digest }));
    await withProxy(faults, async (host, log) => {
      const { report } = await scanJson([`registry:${host}/team/app:oci`, "--insecure"]);
      assert.deepEqual(report.targets[0]!.warnings ?? [], []);
      assert.deepEqual(comparable(report), await expected());
      for (const digest of facts.appLayers.slice(0, 2)) {
        assert.ok(log.some((r) => r.path.endsWith(digest) && r.range === "bytes=100-" && r.status === 206), JSON.stringify(log));
      }
    });
  });

  test("500 then 200 on manifests and blobs: retried with backoff, the scan is whole", async () => {
    await withProxy(
      [
        { kind: "status", status: 500, path: /\/manifests\//, times: 2 },
        { kind: "status", status: 503, path: /\/blobs\//, times: 2 },
      ],
      async (host, log) => {
        const { report } = await scanJson([`registry:${host}/team/app:oci`, "--insecure"]);
        assert.deepEqual(comparable(report), await expected());
        assert.equal(log.filter((r) => r.status === 500).length, 2);
        assert.equal(log.filter((r) => r.status === 503).length, 2);
      },
    );
  });

  test("429 with Retry-After: the wait asked for is honoured", async () => {
    await withProxy([{ kind: "status", status: 429, path: /\/manifests\//, times: 1, retryAfter: "2" }], async (host, log) => {
      const { report } = await scanJson([`registry:${host}/team/app:oci`, "--insecure"]);
      assert.deepEqual(comparable(report), await expected());
      const first = log.find((r) => r.status === 429)!;
      const next = log[log.indexOf(first) + 1]!;
      assert.ok(next.at - first.at >= 1900, `retried after ${next.at - first.at} ms`);
    });
  });

  test("a blob whose bytes do not match its digest fails that layer naming both digests; the other layer is still scanned", async () => {
    await withProxy([{ kind: "replace-blob", digest: facts.plainLayers[0]!, body: facts.plainReplacement! }], async (host) => {
      const { report } = await scanJson([`registry:${host}/team/plain:1`, "--insecure"]);
      const warnings = (report.targets[0]!.warnings ?? []).join("\n");
      const actual = sha256(facts.plainReplacement!);
      assert.match(warnings, new RegExp(`layer 0 \\(.*${facts.plainLayers[0]}\\): blob ${facts.plainLayers[0]}: the registry sent content that hashes to ${actual}, but the manifest names ${facts.plainLayers[0]}`));
      assert.ok(kinds(report).includes("npm-access-token"), JSON.stringify(kinds(report)));
    });
  });

  test("a registry slower than --timeout: the scan stops with a timeout error instead of hanging", async () => {
    await withProxy([{ kind: "stall", path: /\/manifests\//, ms: 4000 }], async (host) => {
      const run = await dredge([`registry:${host}/team/app:oci`, "--insecure", "--timeout", "0.5", "-f", "json"]);
      assert.equal(run.code, 2);
      assert.match(run.stdout, /sent nothing for 0\.5 s \(timeout: --timeout\)/);
      assert.ok(run.ms < 30_000, `took ${run.ms} ms`);
    });
  });

  test("a drop mid-blob after bytes reached the scanner, from a registry that serves no ranges: a clear error for that layer", async () => {
    await withProxy([{ kind: "no-ranges" }, { kind: "drop-mid-blob", afterBytes: 2 << 20, digest: facts.plainLayers[1]! }], async (host) => {
      const { report } = await scanJson([`registry:${host}/team/plain:1`, "--insecure"]);
      assert.match((report.targets[0]!.warnings ?? []).join("\n"), /layer 1 .*the connection dropped after 2097152 of \d+ bytes .*does not serve byte ranges/);
      assert.ok(kinds(report).includes("aws-access-key-id"));
    });
  });
});

describe("registry source, schema 1", () => {
  test("a schema 1 manifest is refused with an error that says what to do", async () => {
    const legacy = await startRegistry({ schema1: true });
    try {
      await pushWithSkopeo(`${layouts.app}:app`, `${legacy.host}/team/old:1`, { format: "v2s1" });
      const run = await dredge([`registry:${legacy.host}/team/old:1`, "--insecure", "-f", "json"]);
      assert.equal(run.code, 2);
      assert.match(run.stdout, /is a Docker image manifest v2 schema 1, deprecated since 2017 and not supported; re-push/);
    } finally {
      legacy.stop();
    }
  });
});
