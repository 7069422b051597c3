// A real registry for the e2e tests: Debian's docker-registry (distribution v2) on 127.0.0.1, in its
// own temp directory (storage, config, htpasswd, certificates), started here and stopped by pid.
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { request as httpsRequest } from "node:https";
import { pidAlive, run, stopPid } from "./proc.js";

/** A CA and a server certificate for 127.0.0.1 and localhost, made by openssl. */
export interface TestTls {
  /** PEM of the CA: what NODE_EXTRA_CA_CERTS points a client at. */
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** How the registry authenticates pulls and pushes. */
export type RegistryAuthMode =
  | { kind: "anonymous" }
  | { kind: "htpasswd"; users: { name: string; password: string }[] }
  | { kind: "token"; realm: string; service: string; issuer: string; rootCertBundle: string };

export interface RegistryStartOptions {
  auth?: RegistryAuthMode;
  /** Serve HTTPS with this certificate (default: plain HTTP). */
  tls?: TestTls;
  /** Accept (deprecated) schema 1 manifests, to test that dredge refuses them clearly. */
  schema1?: boolean;
}

export interface RegistryServer {
  /** `127.0.0.1:PORT`. */
  host: string;
  port: number;
  pid: number;
  dir: string;
  stop(): void;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Makes a CA and a server certificate (SAN 127.0.0.1, localhost) with openssl in `dir`. */
export async function makeTestTls(dir: string): Promise<TestTls> {
  const caKey = join(dir, "ca.key");
  const caFile = join(dir, "ca.pem");
  const keyFile = join(dir, "server.key");
  const csr = join(dir, "server.csr");
  const certFile = join(dir, "server.pem");
  const ext = join(dir, "server.ext");
  await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caFile, "-days", "2", "-subj", "/CN=dredge test CA"]);
  await run("openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", csr, "-subj", "/CN=127.0.0.1"]);
  writeFileSync(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  await run("openssl", ["x509", "-req", "-in", csr, "-CA", caFile, "-CAkey", caKey, "-CAcreateserial", "-out", certFile, "-days", "2", "-extfile", ext]);
  return { caFile, certFile, keyFile };
}

/** An htpasswd file (bcrypt, as distribution requires) made by apache2-utils' htpasswd. */
async function writeHtpasswd(path: string, users: { name: string; password: string }[]): Promise<void> {
  const lines: string[] = [];
  for (const u of users) lines.push((await run("htpasswd", ["-nbB", u.name, u.password])).stdout.trim());
  writeFileSync(path, lines.join("\n") + "\n");
}

function configYaml(dir: string, port: number, opts: RegistryStartOptions): string {
  const lines = [
    "version: 0.1",
    "log:",
    "  level: error",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${join(dir, "storage")}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: 127.0.0.1:${port}`,
    "  secret: dredge-e2e-registry-secret",
  ];
  if (opts.tls) lines.push("  tls:", `    certificate: ${opts.tls.certFile}`, `    key: ${opts.tls.keyFile}`);
  const auth = opts.auth ?? { kind: "anonymous" };
  if (auth.kind === "htpasswd") lines.push("auth:", "  htpasswd:", "    realm: dredge-e2e", `    path: ${join(dir, "htpasswd")}`);
  if (auth.kind === "token") {
    lines.push("auth:", "  token:", `    realm: ${auth.realm}`, `    service: ${auth.service}`, `    issuer: ${auth.issuer}`, `    rootcertbundle: ${auth.rootCertBundle}`);
  }
  if (opts.schema1) lines.push("compatibility:", "  schema1:", "    enabled: true");
  return lines.join("\n") + "\n";
}

/** Resolves when GET /v2/ answers at all (200, or 401 when auth is on). */
async function waitReady(port: number, tls: TestTls | undefined, pid: number, logFile: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (!pidAlive(pid)) throw new Error(`docker-registry exited at start:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    const ok = await new Promise<boolean>((resolve) => {
      const opts = { host: "127.0.0.1", port, path: "/v2/", timeout: 1000, ...(tls ? { ca: readFileSync(tls.caFile) } : {}) };
      const req = (tls ? httpsRequest : request)(opts, (res) => {
        res.resume();
        resolve(true);
      });
      req.on("error", () => resolve(false));
      req.on("timeout", () => req.destroy());
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry on port ${port} did not answer within 20 s`);
}

/** Starts docker-registry on a free 127.0.0.1 port with its own storage and config. */
export async function startRegistry(opts: RegistryStartOptions = {}): Promise<RegistryServer> {
  const dir = mkdtempSync(join(tmpdir(), "dredge-registry-"));
  const port = await freePort();
  if (opts.auth?.kind === "htpasswd") await writeHtpasswd(join(dir, "htpasswd"), opts.auth.users);
  const config = join(dir, "config.yml");
  writeFileSync(config, configYaml(dir, port, opts));
  const logFile = join(dir, "registry.log");
  const out = openSync(logFile, "a");
  const child = spawn("docker-registry", ["serve", config], { stdio: ["ignore", out, out], detached: true });
  closeSync(out);
  child.unref();
  const pid = child.pid!;
  const server: RegistryServer = {
    host: `127.0.0.1:${port}`,
    port,
    pid,
    dir,
    stop() {
      stopPid(pid, "docker-registry", 10_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitReady(port, opts.tls, pid, logFile);
  } catch (err) {
    server.stop();
    throw err;
  }
  return server;
}

export interface PushOptions {
  /** `skopeo copy --all`: every image of an index. */
  all?: boolean;
  /** `user:password` for the destination. */
  creds?: string;
  /** Manifest format: `oci`, `v2s2` (Docker schema 2) or `v2s1` (schema 1). */
  format?: "oci" | "v2s2" | "v2s1";
}

/** Pushes an image of an OCI layout (`DIR` or `DIR:ref`) to `docker://DEST` with skopeo (TLS not verified: test setup only). */
export async function pushWithSkopeo(layout: string, dest: string, opts: PushOptions = {}): Promise<void> {
  const args = ["copy", "--quiet", "--dest-tls-verify=false"];
  if (opts.all) args.push("--all");
  if (opts.creds) args.push("--dest-creds", opts.creds);
  if (opts.format) args.push("--format", opts.format);
  args.push(`oci:${layout}`, `docker://${dest}`);
  await run("skopeo", args, { timeoutMs: 300_000 });
}
