import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";
import { DredgeError } from "../../util/errors.js";
import { isObject } from "../../util/json.js";

/** Where an engine's API listens, and how dredge learnt it (for messages). */
export type Endpoint = UnixEndpoint | TcpEndpoint;

export interface UnixEndpoint {
  kind: "unix";
  socketPath: string;
  /** What chose it, as said in messages: `from DOCKER_HOST`, `the default socket`… */
  from: string;
}

export interface TcpEndpoint {
  kind: "tcp";
  host: string;
  port: number;
  /** TLS as the docker CLI does it; undefined for plain HTTP. */
  tls?: TlsFiles;
  from: string;
}

/** Client TLS material (paths; read when connecting) and whether the server's certificate is verified. */
export interface TlsFiles {
  verify: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

/** What endpoint discovery reads: the environment and small files (injectable for tests). */
export interface DiscoveryEnv {
  env: NodeJS.ProcessEnv;
  /** A file's text, or undefined when it does not exist. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  home?: string;
}

/** The docker CLI's default socket. */
export const DEFAULT_DOCKER_SOCKET = "/var/run/docker.sock";

/** How an endpoint reads in messages: `unix:///var/run/docker.sock`, `tcp://host:2376 (TLS)`. */
export function describeEndpoint(e: Endpoint): string {
  return e.kind === "unix" ? `unix://${e.socketPath}` : `tcp://${e.host}:${e.port}${e.tls ? " (TLS)" : ""}`;
}

/** Docker's config directory: DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(d: DiscoveryEnv): string {
  return d.env.DOCKER_CONFIG || join(d.home ?? homedir(), ".docker");
}

/**
 * Parses a host URL as the docker CLI takes it (`DOCKER_HOST`, a context's endpoint, `CONTAINER_HOST`):
 * `unix:///path`, `tcp://host[:port]`, or `host:port` (tcp). ssh://, npipe:// and fd:// are refused
 * with what to do instead.
 */
export function parseHost(raw: string, source: string, tls?: TlsFiles, from = `from ${source}`): Endpoint {
  const text = raw.trim();
  if (text === "") throw new DredgeError("bad-engine-host", `${source} is empty`);
  const sep = text.indexOf("://");
  const scheme = sep < 0 ? "tcp" : text.slice(0, sep).toLowerCase();
  const rest = sep < 0 ? text : text.slice(sep + 3);
  switch (scheme) {
    case "unix": {
      if (!rest.startsWith("/")) throw new DredgeError("bad-engine-host", `${source}: ${JSON.stringify(text)} needs an absolute socket path (unix:///path/to/docker.sock)`);
      return { kind: "unix", socketPath: rest, from };
    }
    case "tcp": {
      const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)?(?::(\d{1,5}))?\/?$/.exec(rest);
      if (!m) throw new DredgeError("bad-engine-host", `${source}: ${JSON.stringify(text)} is not a tcp://HOST:PORT address`);
      const port = m[2] !== undefined ? Number(m[2]) : tls ? 2376 : 2375;
      if (port < 1 || port > 65535) throw new DredgeError("bad-engine-host", `${source}: port ${port} is out of range`);
      const host = (m[1] ?? "localhost").replace(/^\[(.*)\]$/, "$1");
      const e: TcpEndpoint = { kind: "tcp", host, port, from };
      if (tls) e.tls = tls;
      return e;
    }
    case "ssh":
      throw new DredgeError(
        "unsupported-engine-host",
        `${source} is an ssh:// endpoint (${text}), which dredge does not open itself; forward the remote socket and point dredge at it: ` +
          `ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock HOST & then DOCKER_HOST=unix:///tmp/docker.sock`,
      );
    default:
      throw new DredgeError("unsupported-engine-host", `${source}: ${scheme}:// endpoints are not supported (use unix:///path or tcp://host:port)`);
  }
}

/** TLS for the default context, from DOCKER_TLS_VERIFY / DOCKER_TLS and DOCKER_CERT_PATH, as the docker CLI reads them. */
function envTls(d: DiscoveryEnv): TlsFiles | undefined {
  const verify = Boolean(d.env.DOCKER_TLS_VERIFY);
  if (!verify && !d.env.DOCKER_TLS) return undefined;
  const dir = d.env.DOCKER_CERT_PATH || dockerConfigDir(d);
  return tlsFilesIn(d, dir, verify);
}

function tlsFilesIn(d: DiscoveryEnv, dir: string, verify: boolean): TlsFiles {
  const tls: TlsFiles = { verify };
  for (const [field, file] of [["ca", "ca.pem"], ["cert", "cert.pem"], ["key", "key.pem"]] as const) {
    const path = join(dir, file);
    if (d.exists(path)) tls[field] = path;
  }
  return tls;
}

/** The context name the docker CLI would use: DOCKER_HOST forces `default`, then DOCKER_CONTEXT, then config.json's currentContext. */
export function contextName(d: DiscoveryEnv): { name: string; from: string } {
  if (d.env.DOCKER_HOST) return { name: "default", from: "DOCKER_HOST" };
  if (d.env.DOCKER_CONTEXT) return { name: d.env.DOCKER_CONTEXT, from: "DOCKER_CONTEXT" };
  const configPath = join(dockerConfigDir(d), "config.json");
  const text = d.readFile(configPath);
  if (text !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new DredgeError("bad-docker-config", `${configPath} is not valid JSON (docker reads currentContext from it)`);
    }
    if (isObject(json) && typeof json.currentContext === "string" && json.currentContext !== "") {
      return { name: json.currentContext, from: `currentContext in ${configPath}` };
    }
  }
  return { name: "default", from: "default" };
}

/** The docker endpoint of a named context (`docker context create`), from its meta.json and TLS files. */
function contextEndpoint(d: DiscoveryEnv, name: string, from: string): Endpoint {
  const id = createHash("sha256").update(name).digest("hex");
  const contexts = join(dockerConfigDir(d), "contexts");
  const metaPath = join(contexts, "meta", id, "meta.json");
  const text = d.readFile(metaPath);
  if (text === undefined) {
    throw new DredgeError("no-such-context", `docker context ${JSON.stringify(name)} (from ${from}) does not exist: no ${metaPath}; list contexts with \`docker context ls\``);
  }
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw new DredgeError("bad-context", `${metaPath} (docker context ${JSON.stringify(name)}) is not valid JSON`);
  }
  const docker = isObject(meta) && isObject(meta.Endpoints) && isObject(meta.Endpoints.docker) ? meta.Endpoints.docker : undefined;
  const host = docker && typeof docker.Host === "string" ? docker.Host : "";
  if (!host) throw new DredgeError("bad-context", `docker context ${JSON.stringify(name)} has no docker endpoint (Endpoints.docker.Host in ${metaPath})`);
  const label = `docker context ${JSON.stringify(name)}`;
  const tlsDir = join(contexts, "tls", id, "docker");
  const skipVerify = docker?.SkipTLSVerify === true;
  const hasTls = ["ca.pem", "cert.pem", "key.pem"].some((f) => d.exists(join(tlsDir, f)));
  const tls = hasTls || skipVerify ? tlsFilesIn(d, tlsDir, !skipVerify) : undefined;
  return parseHost(host, label, host.startsWith("unix:") ? undefined : tls, `from ${label}, named by ${from}`);
}

/**
 * The Docker endpoint, found as the docker CLI finds it: DOCKER_HOST (with DOCKER_TLS_VERIFY /
 * DOCKER_CERT_PATH), else the context named by DOCKER_CONTEXT or config.json's currentContext, else
 * the default socket.
 */
export function dockerEndpoint(d: DiscoveryEnv): Endpoint {
  const ctx = contextName(d);
  if (ctx.name !== "default") return contextEndpoint(d, ctx.name, ctx.from);
  if (d.env.DOCKER_HOST) {
    const tls = envTls(d);
    return parseHost(d.env.DOCKER_HOST, "DOCKER_HOST", d.env.DOCKER_HOST.startsWith("unix:") ? undefined : tls);
  }
  return { kind: "unix", socketPath: DEFAULT_DOCKER_SOCKET, from: "the default socket" };
}

/**
 * Podman's API sockets to try, in order: CONTAINER_HOST, the rootless user socket
 * ($XDG_RUNTIME_DIR/podman/podman.sock), the rootful one (/run/podman/podman.sock). Only sockets
 * that exist are listed (CONTAINER_HOST always is).
 */
export function podmanEndpoints(d: DiscoveryEnv): Endpoint[] {
  if (d.env.CONTAINER_HOST) return [parseHost(d.env.CONTAINER_HOST, "CONTAINER_HOST")];
  const out: Endpoint[] = [];
  const candidates: [string, string][] = [];
  if (d.env.XDG_RUNTIME_DIR) candidates.push([join(d.env.XDG_RUNTIME_DIR, "podman", "podman.sock"), "the rootless podman socket ($XDG_RUNTIME_DIR/podman/podman.sock)"]);
  candidates.push(["/run/podman/podman.sock", "the rootful podman socket"]);
  for (const [path, from] of candidates) if (d.exists(path)) out.push({ kind: "unix", socketPath: path, from });
  return out;
}

/** How to point dredge at another Docker engine (the tail of every "not reachable" message). */
export const DOCKER_HINT = "point dredge at another engine with DOCKER_HOST=unix:///path/to/docker.sock (or tcp://HOST:2376 with DOCKER_TLS_VERIFY=1), or DOCKER_CONTEXT=NAME";

/** How to point dredge at Podman. */
export const PODMAN_HINT =
  "start the API with `podman system service --time=0 unix:///run/user/$UID/podman/podman.sock` (or `systemctl --user start podman.socket`), or set CONTAINER_HOST=unix:///path/to/podman.sock; without a socket dredge runs `podman image save`";
