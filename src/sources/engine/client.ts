import { readFileSync } from "node:fs";
import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { DredgeError, errorMessage } from "../../util/errors.js";
import { errorMessageOf } from "./api.js";
import { describeEndpoint, type Endpoint } from "./endpoint.js";

/** Oldest Engine API dredge speaks (Docker 1.13 / 17.03: `/system/df`, history, save). */
const MIN_API = "1.25";
/** Newest Engine API dredge asks for; a newer engine answers it too (versions are negotiated down, never up). */
const MAX_API = "1.45";
/** JSON answers larger than this are refused (a list of every image of a big host is a few MB). */
const MAX_JSON_BYTES = 64 << 20;
/** How long to wait for an engine to answer `/_ping` or a JSON request. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** Which engine a client talks to, for messages ("the Docker engine at …"). */
export interface EngineLabel {
  name: "Docker" | "Podman";
  /** How to point dredge at another engine, said when this one is not reachable. */
  hint: string;
}

/** An engine answered with an error status: `status` and its message. */
export class EngineError extends DredgeError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(status === 404 ? "engine-not-found" : "engine-error", message);
    this.name = "EngineError";
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The API version to use with an engine that speaks `server` (its `API-Version` header). */
export function negotiateApiVersion(server: string | undefined): string {
  if (!server || !/^\d+\.\d+$/.test(server)) return MIN_API;
  return compareVersions(server, MAX_API) < 0 ? server : MAX_API;
}

/** Why a connection failed, in words a user can act on. */
function reasonOf(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case "ENOENT":
      return "no such socket";
    case "ECONNREFUSED":
      return "connection refused (nothing listens there)";
    case "EACCES":
    case "EPERM":
      return "permission denied (join the group that owns the socket, e.g. `docker`, or run as root)";
    case "ETIMEDOUT":
      return "timed out";
    case "ENOTSOCK":
      return "not a socket";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "unknown host";
    default:
      return errorMessage(err);
  }
}

/** A path segment for an image or container reference: `/` `:` `@` kept (the engine's router takes them), the rest escaped. */
export function refPath(ref: string): string {
  return encodeURIComponent(ref).replace(/%2F/gi, "/").replace(/%3A/gi, ":").replace(/%40/g, "@");
}

/**
 * A client of the Docker Engine API (Podman's compatible API too) over a unix socket or TCP (with
 * TLS as the docker CLI configures it). The API version is negotiated with `/_ping` on connect.
 */
export class EngineClient {
  private constructor(
    readonly endpoint: Endpoint,
    readonly label: EngineLabel,
    readonly apiVersion: string,
    /** `Server` header, e.g. `Docker/20.10.24 (linux)` or `Libpod/4.3.1 (linux)`. */
    readonly server: string,
    private readonly tls: { ca?: Buffer; cert?: Buffer; key?: Buffer } | undefined,
    private readonly timeoutMs: number,
  ) {}

  /** Connects (pings) and negotiates the API version; an unreachable engine is a DredgeError saying where and what to do. */
  static async connect(endpoint: Endpoint, label: EngineLabel, opts: { timeoutMs?: number } = {}): Promise<EngineClient> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let tls: { ca?: Buffer; cert?: Buffer; key?: Buffer } | undefined;
    if (endpoint.kind === "tcp" && endpoint.tls) {
      tls = {};
      for (const f of ["ca", "cert", "key"] as const) {
        const path = endpoint.tls[f];
        if (!path) continue;
        try {
          tls[f] = readFileSync(path);
        } catch (err) {
          throw new DredgeError("engine-tls", `cannot read the TLS file ${path} for ${describeEndpoint(endpoint)} (${endpoint.from}): ${errorMessage(err)}`);
        }
      }
    }
    const probe = new EngineClient(endpoint, label, "", "", tls, timeoutMs);
    const res = await probe.send("GET", "/_ping", undefined, timeoutMs);
    const body = await readBody(res, 4096).catch(() => "");
    if (res.statusCode !== 200) {
      throw new DredgeError("engine-unreachable", `${probe.where()} answered /_ping with HTTP ${res.statusCode}${body ? `: ${errorMessageOf(body)}` : ""}; is it a ${label.name} engine? ${label.hint}`);
    }
    const server = String(res.headers["api-version"] ?? "");
    if (server && compareVersions(server, MIN_API) < 0) {
      throw new DredgeError("engine-too-old", `${probe.where()} speaks Engine API ${server}; dredge needs ${MIN_API} or newer`);
    }
    return new EngineClient(endpoint, label, negotiateApiVersion(server), String(res.headers.server ?? ""), tls, timeoutMs);
  }

  /** "the Docker engine at unix:///var/run/docker.sock (from DOCKER_HOST)". */
  where(): string {
    return `the ${this.label.name} engine at ${describeEndpoint(this.endpoint)} (${this.endpoint.from})`;
  }

  private send(method: string, path: string, query: Record<string, string | string[]> | undefined, timeoutMs: number | undefined): Promise<IncomingMessage> {
    const qs = query ? new URLSearchParams(Object.entries(query).flatMap(([k, v]): [string, string][] => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString() : "";
    const full = (this.apiVersion && path !== "/_ping" ? `/v${this.apiVersion}` : "") + path + (qs ? `?${qs}` : "");
    const e = this.endpoint;
    const options: RequestOptions = { method, path: full, headers: { Host: "docker", "User-Agent": "dredge" } };
    if (e.kind === "unix") options.socketPath = e.socketPath;
    else {
      options.host = e.host;
      options.port = e.port;
    }
    return new Promise((resolve, reject) => {
      const req =
        e.kind === "tcp" && e.tls
          ? httpsRequest({ ...options, ...this.tls, rejectUnauthorized: e.tls.verify, servername: e.host })
          : httpRequest(options);
      if (timeoutMs !== undefined) {
        req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
      }
      req.on("response", (res) => {
        // The timeout guards the wait for an answer; a long stream is not cut by it.
        req.setTimeout(0);
        resolve(res);
      });
      req.on("error", (err: NodeJS.ErrnoException) => {
        const tlsProblem = /certificate|SSL|TLS|self.signed/i.test(err.message) ? ` (TLS: ${err.message}; DOCKER_CERT_PATH names the ca.pem, cert.pem and key.pem to use)` : "";
        reject(new DredgeError("engine-unreachable", `cannot reach ${this.where()}: ${reasonOf(err)}${tlsProblem}. Is ${this.label.name === "Docker" ? "dockerd" : "the Podman API service"} running? ${this.label.hint}`, { cause: err }));
      });
      req.end();
    });
  }

  /** A request whose answer is JSON (or empty); an error status is an EngineError with the engine's message. */
  async json(method: "GET" | "POST" | "DELETE", path: string, query?: Record<string, string | string[]>): Promise<unknown> {
    const res = await this.send(method, path, query, this.timeoutMs);
    const body = await readBody(res, MAX_JSON_BYTES);
    if ((res.statusCode ?? 0) >= 400) throw new EngineError(res.statusCode ?? 0, errorMessageOf(body) || `HTTP ${res.statusCode}`);
    if (body.trim() === "") return null;
    try {
      return JSON.parse(body);
    } catch {
      throw new DredgeError("bad-engine-answer", `${this.where()} answered ${method} ${path} with something that is not JSON`);
    }
  }

  /** A GET whose answer streams (a save or export tar); the caller reads it to the end or destroys it. */
  async stream(path: string, query?: Record<string, string | string[]>): Promise<IncomingMessage> {
    // No answer timeout: Docker 20.10 writes the whole save to a temporary directory before it answers.
    const res = await this.send("GET", path, query, undefined);
    if ((res.statusCode ?? 0) >= 400) {
      const body = await readBody(res, 1 << 20).catch(() => "");
      throw new EngineError(res.statusCode ?? 0, errorMessageOf(body) || `HTTP ${res.statusCode}`);
    }
    return res;
  }
}

/** Reads a whole answer, refusing more than `max` bytes. */
async function readBody(res: IncomingMessage, max: number): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    n += chunk.length;
    if (n > max) {
      res.destroy();
      throw new DredgeError("bad-engine-answer", `the engine's answer is larger than ${max >> 20} MiB`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}
