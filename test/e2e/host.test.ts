// `dredge host` and the engine sources against real engines: a private dockerd 20.10 (legacy builder,
// BuildKit through the API for build cache) and Podman (its CLI, and its API service on a socket).
// The scenarios s001/s003/s000 are built so their secrets stay in intermediate images only; the
// audit must find each host.expect there, not in the tagged image, and its cleanup must work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { request } from "node:http";
import { join } from "node:path";
import { wipeDockerData } from "./harness/engines.js";
import { ensureBaseImageArchive, listScenarios, startDockerd, type DockerEngine, type ImageExpectation, type Scenario } from "./harness/index.js";
import { baseArchiveCached, baseArchivePath, BASE_TAG, fromNames, loadBaseIntoDocker } from "./harness/base-images.js";
import { removeTree } from "./harness/fsutil.js";
import { e2eCacheDir } from "./harness/paths.js";
import { run, stopPid } from "./harness/proc.js";
import { collectSecrets, dockerfileOf, prepareWorkCopy } from "./harness/scenarios.js";
import { assertReportSchema } from "../helpers/json-schema.js";
import { engineHasImage, processDiscovery } from "../../src/sources/engine/index.js";
import { runCli, type CliRun } from "../helpers/cli.js";

/** The CLI compiled beside this test (dist/ or a helper's own outDir). */
const DIR = join(e2eCacheDir, "engine-host");
const OUTPUTS = join(DIR, "outputs");
const NAMES = ["s001-multistage-arg", "s003-multistage-npm-token", "s000-multistage-scp-key"];
const NPM_TOKEN = "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";

interface JsonLocation {
  target: string;
  status: string;
  path?: string;
  name?: string;
  image?: { id: string; tags: string[]; intermediate: boolean };
  layer?: { index: number; digest?: string; createdBy?: string };
  history?: { index: number; createdBy: string };
  config?: { field: string; key?: string };
}
interface JsonFinding {
  rule: string;
  kind: string;
  severity: string;
  scope?: string;
  fingerprint: string;
  secret?: string;
  preview: string;
  name?: string;
  locations: JsonLocation[];
}
interface HostJson {
  images: { id: string; target: string; tags: string[]; intermediate: boolean; secrets: number }[];
  containers: { id: string; name: string; read: boolean; secrets: number }[];
  buildCache: { count: number; size: number; ids: string[]; readable: boolean };
  cleanup: { command: string; why: string; frees?: number }[];
  kept: { id: string; why: string }[];
  pruned?: { command: string; removed: string[]; failed: { id: string; error: string }[] }[];
}
interface JsonReport {
  version: number;
  targets: { target: string; error?: string; warnings?: string[] }[];
  findings: JsonFinding[];
  host?: HostJson;
}

/** The environment of a user of this engine (and nothing of the caller's docker setup). */
function userEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const k of ["DOCKER_HOST", "DOCKER_CONFIG", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH", "CONTAINER_HOST"]) if (!(k in extra)) delete env[k];
  return env;
}

let outputs = 0;
/** Runs the CLI as a user would; outputs are kept for the leak check. */
async function dredge(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const r = await runCli(args, { env: userEnv(env) });
  mkdirSync(OUTPUTS, { recursive: true });
  const n = ++outputs;
  writeFileSync(join(OUTPUTS, `${n}.args`), args.join(" ") + "\n");
  writeFileSync(join(OUTPUTS, `${n}.${args.includes("--show-secrets") ? "shown" : "redacted"}.out`), r.stdout + r.stderr);
  return r;
}

function matches(f: JsonFinding, l: JsonLocation, e: ImageExpectation): boolean {
  if (e.status !== undefined && l.status !== e.status) return false;
  if (e.path !== undefined && l.path !== e.path) return false;
  if (e.value !== undefined && !(f.secret ?? "").includes(e.value)) return false;
  if (e.kind !== undefined && !f.kind.includes(e.kind) && !f.rule.includes(e.kind)) return false;
  if (e.name !== undefined && f.name !== e.name && l.name !== e.name) return false;
  return true;
}

function describe(report: JsonReport): string {
  return report.findings.map((f) => `${f.kind} ${f.preview} ${f.scope} [${f.locations.map((l) => `${l.target} ${l.status}:${l.path ?? ""}`).join(", ")}]`).join("\n");
}

/** A build through the Engine API with BuildKit (`version=2`): there is no buildx here, but dockerd 20.10 has BuildKit inside. */
function buildKitBuild(engine: DockerEngine, dir: string, tag: string): Promise<string> {
  const socketPath = engine.host.slice("unix://".length);
  return new Promise<string>((resolve, reject) => {
    const tar = spawn("tar", ["-C", dir, "-cf", "-", "."]);
    const req = request({ socketPath, method: "POST", path: `/v1.41/build?version=2&networkmode=none&t=${encodeURIComponent(tag)}`, headers: { "Content-Type": "application/x-tar" } }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => {
        const body = Buffer.concat(parts).toString("utf8");
        if (res.statusCode !== 200 || /"error"/.test(body)) reject(new Error(`BuildKit build of ${tag}: HTTP ${res.statusCode}: ${body.slice(-500)}`));
        else resolve(body);
      });
    });
    req.on("error", reject);
    tar.stdout.pipe(req);
  });
}

const scenarios: Scenario[] = listScenarios().filter((s) => NAMES.includes(s.name));
assert.deepEqual(scenarios.map((s) => s.name).sort(), [...NAMES].sort(), "the scenarios this test builds exist");
const tagOf = (s: Scenario) => `dredge-e2e/${s.name}:latest`;
const secrets = new Set<string>([NPM_TOKEN]);

/** Builds the three scenarios with the legacy builder (s000 keeps its build containers), a container holding a token, and BuildKit cache. */
async function buildAll(engine: DockerEngine): Promise<void> {
  for (const s of scenarios) {
    const work = join(DIR, "work", s.name);
    const added = await prepareWorkCopy(s, work);
    for (const v of collectSecrets(s, work, added)) if (v.length >= 8) secrets.add(v);
    const args = Object.entries(s.json.build.args ?? {}).flatMap(([k, v]) => ["--build-arg", `${k}=${v}`]);
    // --rm=false leaves the step containers behind, as an interrupted or careless build does.
    const keep = s.name === "s000-multistage-scp-key" ? ["--rm=false"] : [];
    await engine.docker(["build", "-q", "--network=none", ...keep, ...args, "-t", tagOf(s), join(work, "context")]);
  }
  // A stopped container whose own layer holds a credential (a debugging session left behind).
  await engine.docker(["run", "--network=none", "--name", "left-behind", "debian", "sh", "-c", `echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' > /root/.npmrc`]);
  const bk = join(DIR, "work", "buildkit");
  mkdirSync(bk, { recursive: true });
  writeFileSync(join(bk, "Dockerfile"), "FROM debian\nRUN echo built > /built.txt\n");
  await buildKitBuild(engine, bk, "dredge-e2e/buildkit:latest");
}

async function audit(env: NodeJS.ProcessEnv, extra: string[] = []): Promise<JsonReport> {
  const r = await dredge(["host", "--format", "json", "--show-secrets", "--fail-on", "none", ...extra], env);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.ok(report.host, "the report has the host part");
  assertReportSchema(report, "dredge host --format json");
  return report;
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, as `docker context create` and DOCKER_CERT_PATH take them. */
async function makeCertificates(dir: string): Promise<void> {
  removeTree(dir);
  mkdirSync(dir, { recursive: true });
  const ssl = (args: string[]) => run("openssl", args, { cwd: dir });
  await ssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-subj", "/CN=dredge-e2e-ca"]);
  writeFileSync(join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  writeFileSync(join(dir, "client.ext"), "extendedKeyUsage=clientAuth\n");
  for (const [who, key] of [["server", "server-key.pem"], ["client", "key.pem"]] as const) {
    await ssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", `${who}.csr`, "-subj", `/CN=${who}`]);
    const cert = who === "server" ? "server-cert.pem" : "cert.pem";
    await ssl(["x509", "-req", "-in", `${who}.csr`, "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", `${who}.ext`]);
  }
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

if (!baseArchiveCached()) await ensureBaseImageArchive({ engineDir: DIR });
removeTree(OUTPUTS);
const CERTS = join(DIR, "certs");
await makeCertificates(CERTS);
const TLS_PORT = await freePort();
// Beside its socket, dockerd listens on TCP with TLS, client certificates verified (as `docker context` users set it up).
const engine = await startDockerd(DIR, {
  extraArgs: ["-H", `tcp://127.0.0.1:${TLS_PORT}`, "--tlsverify", "--tlscacert", join(CERTS, "ca.pem"), "--tlscert", join(CERTS, "server-cert.pem"), "--tlskey", join(CERTS, "server-key.pem")],
});
const env: NodeJS.ProcessEnv = { DOCKER_HOST: engine.host, DOCKER_CONFIG: engine.env.DOCKER_CONFIG };

test("dredge host and the engine sources against a real dockerd", { timeout: 20 * 60_000 }, async (t) => {
  try {
    await loadBaseIntoDocker(engine, baseArchivePath(), fromNames(scenarios.map(dockerfileOf)));
    await buildAll(engine);

    let first: JsonReport | undefined;
    await t.test("every host.expect is found in an intermediate image, and no tagged image holds it", async () => {
      const report = (first = await audit(env));
      for (const target of report.targets) assert.equal(target.error, undefined, `${target.target}: ${target.error}`);
      for (const s of scenarios) {
        const tagged = report.host!.images.find((i) => i.tags.includes(tagOf(s)));
        assert.ok(tagged && !tagged.intermediate, `${tagOf(s)} is listed as tagged`);
        for (const e of s.json.host?.expect ?? []) {
          const hits = report.findings.filter((f) => f.locations.some((l) => matches(f, l, e) && l.image?.intermediate === true));
          assert.ok(hits.length > 0, `${s.name}: expected ${JSON.stringify(e)} in an intermediate image\nfound:\n${describe(report)}`);
          for (const f of hits) {
            assert.ok(!f.locations.some((l) => l.image?.id === tagged.id), `${s.name}: the tagged image is listed as holding ${f.preview}`);
            assert.equal(f.scope, "host", `${f.preview} is only on the host`);
            assert.equal(f.severity, "low");
          }
        }
      }
      // The container's own file, attributed to the container (the rest of its filesystem is its image's).
      const token = report.findings.find((f) => f.secret === NPM_TOKEN);
      assert.ok(token?.locations.some((l) => l.target === "docker-container:left-behind" && l.path === "/root/.npmrc"), describe(report));
      const box = report.host!.containers.find((c) => c.name === "left-behind");
      assert.ok(box?.read && box.secrets === 1);
      // BuildKit's cache is listed, said to be unreadable, and pruned by the plan.
      assert.ok(report.host!.buildCache.count > 0 && report.host!.buildCache.readable === false);
      const commands = report.host!.cleanup.map((c) => c.command);
      assert.match(commands[0]!, /^docker rm /, "containers first");
      assert.equal(commands.at(-1), "docker builder prune --all --force");
      assert.ok(commands.slice(1, -1).every((c) => c.startsWith("docker rmi --no-prune ")), commands.join("\n"));
      // Without --show-secrets, the text and JSON reports hold no secret.
      const text = await dredge(["host"], env);
      assert.equal(text.code, 0, "host-only findings are low: the default --fail-on high passes");
      assert.match(text.stdout, /To remove what only this host holds/);
      const json = await dredge(["host", "--format", "json"], env);
      for (const v of secrets) assert.ok(!text.stdout.includes(v) && !json.stdout.includes(v), `a secret (${v.slice(0, 4)}…) was printed without --show-secrets`);
    });

    await t.test("docker:REF finds what a scan of the image's docker save finds", async () => {
      assert.ok(first);
      const refs = [...scenarios.map(tagOf), ...first.host!.images.filter((i) => i.intermediate && i.secrets > 0).map((i) => i.id)];
      for (const ref of refs) {
        const archive = join(DIR, "work", "save.tar");
        await engine.docker(["save", "-o", archive, ref]);
        const [live, saved] = await Promise.all([dredge(["scan", `docker:${ref}`, "-f", "json", "--show-secrets", "--fail-on", "none"], env), dredge(["scan", `docker-archive:${archive}`, "-f", "json", "--show-secrets", "--fail-on", "none"], env)]);
        const norm = (out: string) => {
          const r = JSON.parse(out) as JsonReport;
          assert.equal(r.targets[0]!.error, undefined, r.targets[0]!.error);
          assert.deepEqual(r.targets[0]!.warnings ?? [], []);
          return r.findings.map((f) => ({ ...f, locations: f.locations.map((l) => ({ ...l, target: "" })) }));
        };
        assert.deepEqual(norm(live.stdout), norm(saved.stdout), `docker:${ref} and its docker save differ`);
      }
    });

    await t.test("tcp:// with TLS (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) and docker contexts made by the docker CLI reach the same engine", async () => {
      const ref = `docker:${tagOf(scenarios[0]!)}`;
      const scanOk = async (e: NodeJS.ProcessEnv) => {
        const r = await dredge(["scan", ref, "-f", "json", "--fail-on", "none"], e);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.equal((JSON.parse(r.stdout) as JsonReport).targets[0]!.error, undefined);
      };
      const tcp = `tcp://127.0.0.1:${TLS_PORT}`;
      await scanOk({ DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: CERTS });
      // Plain HTTP to the TLS port, and TLS without the CA: each said plainly.
      const plain = await dredge(["scan", ref, "-f", "json"], { DOCKER_HOST: tcp });
      assert.match((JSON.parse(plain.stdout) as JsonReport).targets[0]!.error!, /engine at tcp:\/\/127\.0\.0\.1:\d+ \(from DOCKER_HOST\) answered \/_ping with HTTP 400/);
      const noCa = join(DIR, "certs-no-ca");
      removeTree(noCa);
      mkdirSync(noCa);
      for (const f of ["cert.pem", "key.pem"]) writeFileSync(join(noCa, f), readFileSync(join(CERTS, f)));
      const untrusted = await dredge(["scan", ref, "-f", "json"], { DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: noCa });
      assert.match((JSON.parse(untrusted.stdout) as JsonReport).targets[0]!.error!, /cannot reach the Docker engine at tcp:\/\/127\.0\.0\.1:\d+ \(TLS\).*\(TLS: .*certificate.*DOCKER_CERT_PATH names/);
      // A context as `docker context create` stores it (meta and TLS files under DOCKER_CONFIG/contexts).
      const config = join(DIR, "context-config");
      removeTree(config);
      const cli = (args: string[]) => run("docker", args, { env: { DOCKER_CONFIG: config, DOCKER_HOST: "", DOCKER_CONTEXT: "" } });
      await cli(["context", "create", "tls-build", "--docker", `host=${tcp},ca=${join(CERTS, "ca.pem")},cert=${join(CERTS, "cert.pem")},key=${join(CERTS, "key.pem")}`]);
      await scanOk({ DOCKER_CONFIG: config, DOCKER_CONTEXT: "tls-build" });
      await cli(["context", "use", "tls-build"]);
      await scanOk({ DOCKER_CONFIG: config });
      const gone = await dredge(["scan", ref, "-f", "json"], { DOCKER_CONFIG: config, DOCKER_CONTEXT: "nope" });
      assert.match((JSON.parse(gone.stdout) as JsonReport).targets[0]!.error!, /docker context "nope" \(from DOCKER_CONTEXT\) does not exist/);
      // engineHasImage, for telling `myapp:dev` apart from a file: true, false, and false when unreachable.
      assert.equal(await engineHasImage(tagOf(scenarios[0]!), processDiscovery({ DOCKER_HOST: engine.host })), true);
      assert.equal(await engineHasImage("dredge-e2e/none:1", processDiscovery({ DOCKER_HOST: engine.host })), false);
      assert.equal(await engineHasImage(tagOf(scenarios[0]!), processDiscovery({ DOCKER_HOST: "unix:///nonexistent.sock" })), false);
    });

    await t.test("the printed cleanup commands work as printed: run with the docker CLI, a new audit is clean", async () => {
      for (const { command } of first!.host!.cleanup) {
        const [cli, ...args] = command.split(" ");
        assert.equal(cli, "docker");
        await engine.docker(args);
      }
      const after = await audit(env);
      assert.deepEqual(after.findings.filter((f) => f.scope === "host").map((f) => f.preview), [], describe(after));
      assert.deepEqual(after.host!.cleanup, []);
      assert.equal(after.host!.buildCache.count, 0);
      for (const s of scenarios) await engine.docker(["image", "inspect", tagOf(s)]); // the tagged images stay
    });

    await t.test("--prune --yes runs the same cleanup through the API and reports each result", async () => {
      await engine.docker(["rm", "-f", "left-behind"]).catch(() => undefined);
      await buildAll(engine);
      const before = await audit(env);
      assert.ok(before.host!.cleanup.length >= 3);
      const pruned = await audit(env, ["--prune", "--yes"]);
      assert.deepEqual(pruned.host!.pruned!.map((p) => p.command), before.host!.cleanup.map((c) => c.command));
      for (const p of pruned.host!.pruned!) assert.deepEqual(p.failed, [], p.command);
      const after = await audit(env);
      assert.deepEqual(after.findings.filter((f) => f.scope === "host").map((f) => f.preview), [], describe(after));
      assert.deepEqual(after.host!.cleanup, []);
      const refused = await dredge(["host", "--prune"], env);
      assert.equal(refused.code, 2, "no terminal, no --yes: nothing is removed");
      assert.match(refused.stderr, /--prune removes images and containers: run it on a terminal to confirm, or pass --yes/);
    });
  } finally {
    engine.stop();
    wipeDockerData(DIR);
  }
});

test("an engine that is not reachable: which endpoint, how to point dredge elsewhere, exit 2, no stack trace", async () => {
  const missing = join(DIR, "no-such", "docker.sock");
  const scan = await dredge(["scan", "docker:app:dev", "-f", "json"], { DOCKER_HOST: `unix://${missing}` });
  assert.equal(scan.code, 2);
  const report = JSON.parse(scan.stdout) as JsonReport;
  assert.match(report.targets[0]!.error!, new RegExp(`cannot reach the Docker engine at unix://${missing} \\(from DOCKER_HOST\\): no such socket.*DOCKER_HOST=unix:///path/to/docker.sock`));
  const host = await dredge(["host"], { DOCKER_HOST: `unix://${missing}` });
  assert.equal(host.code, 2);
  assert.match(host.stderr, /^dredge: cannot reach the Docker engine at .* \(from DOCKER_HOST\): no such socket/);
  assert.doesNotMatch(host.stderr, /\n\s+at /);
  const ssh = await dredge(["host"], { DOCKER_HOST: "ssh://me@build" });
  assert.equal(ssh.code, 2);
  assert.match(ssh.stderr, /ssh:\/\/ endpoint .* ssh -nNT -L/);
});

test("podman:NAME through the podman CLI and through Podman's API socket finds the intermediate image's secret", { timeout: 10 * 60_000 }, async () => {
  const dir = join(DIR, "podman");
  removeTree(dir);
  mkdirSync(dir, { recursive: true });
  // Podman storage of this test's own (vfs: no overlay mounts needed), by the standard variable.
  writeFileSync(join(dir, "storage.conf"), `[storage]\ndriver = "vfs"\ngraphroot = "${join(dir, "root")}"\nrunroot = "${join(dir, "run")}"\n`);
  const penv = { CONTAINERS_STORAGE_CONF: join(dir, "storage.conf") };
  const podman = (args: string[]) => run("podman", args, { env: penv });
  const s001 = scenarios.find((s) => s.name === "s001-multistage-arg")!;
  const work = join(dir, "work");
  await prepareWorkCopy(s001, work);
  await podman(["load", "-q", "-i", baseArchivePath()]);
  await podman(["tag", BASE_TAG, "debian"]);
  await podman(["build", "-q", "--isolation", "chroot", "--build-arg", "MY_SECRET=foo", "-t", "dredge-e2e/s001-podman", join(work, "context")]);
  const ids = (await podman(["images", "-a", "-q", "--no-trunc"])).stdout.trim().split("\n").map((l) => l.trim().replace(/^sha256:/, ""));
  const targets = [...new Set(ids)].map((id) => `podman:${id.slice(0, 12)}`);
  const scanAll = async (extra: NodeJS.ProcessEnv) => {
    const r = await dredge(["scan", ...targets, "podman:dredge-e2e/s001-podman", "-f", "json", "--show-secrets", "--fail-on", "none"], { ...penv, ...extra });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    for (const t of report.targets) assert.equal(t.error, undefined, `${t.target}: ${t.error}`);
    return report;
  };
  const viaCli = await scanAll({});
  const foo = viaCli.findings.find((f) => f.secret === "foo");
  assert.ok(foo?.locations.some((l) => l.status === "present" && l.path === "/foo.txt"), describe(viaCli));
  assert.ok(!foo!.locations.some((l) => l.target === "podman:dredge-e2e/s001-podman"), "the tagged image does not hold it");

  // The API service, as `podman system service` runs it without systemd; stopped by its pid.
  const socket = join(dir, "podman.sock");
  const service = spawn("podman", ["system", "service", "--time=0", `unix://${socket}`], { env: { ...process.env, ...penv }, stdio: "ignore", detached: true });
  try {
    for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
    const viaSocket = await scanAll({ CONTAINER_HOST: `unix://${socket}` });
    const strip = (r: JsonReport) => r.findings.map((f) => ({ ...f, locations: f.locations.map((l) => ({ ...l })) }));
    assert.deepEqual(strip(viaSocket), strip(viaCli), "the socket and the CLI give the same findings");
  } finally {
    if (service.pid !== undefined) stopPid(service.pid, "podman");
  }
  removeTree(dir);
});
