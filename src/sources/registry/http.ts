import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import { DredgeError } from "../../util/errors.js";
import { backoffDelayMs, isRetryableError, isRetryableStatus, retryAfterMs, sleep } from "./retry.js";

/** One HTTP request to a registry or its token service. */
export interface HttpRequest {
  url: URL;
  method?: "GET" | "HEAD" | "POST";
  headers?: Record<string, string>;
  /** Headers sent only to the request's own origin (Authorization): dropped when a redirect leads elsewhere. */
  credentials?: Record<string, string>;
  body?: Buffer;
}

/** A response whose body has not been read yet (read it, or `discard` it). */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: URL;
  body: http.IncomingMessage;
}

export interface TransportOptions {
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  retries: number;
  backoffMs: number;
  maxRetryAfterMs: number;
  /** Hostname for which plain HTTP and unverified TLS are allowed (`--insecure`); none by default. */
  insecureHost?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const IDLE_SOCKET_MS = 15_000;
const MAX_REDIRECTS = 8;

/** A URL fit for a message: origin and path, never the query (a signed storage URL carries a signature there). */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** A transport failure (no HTTP status): refused, reset, timed out, TLS. Keeps the system code for retry decisions. */
export class NetworkError extends DredgeError {
  constructor(
    readonly errno: string | undefined,
    message: string,
  ) {
    super("network", message);
    this.name = "NetworkError";
  }
}

/** The reason of an OpenSSL error line (`…:SSL routines:ssl3_get_record:wrong version number:…` → `wrong version number`). */
function opensslReason(message: string): string {
  return /SSL routines:[^:]*:([^:\n]+)/.exec(message)?.[1] ?? message.split("\n")[0]!;
}

function networkMessage(err: unknown, url: URL): NetworkError {
  if (err instanceof NetworkError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code;
  const where = url.host;
  let text: string;
  switch (code) {
    case "ECONNREFUSED":
      text = `${where} refused the connection (is the registry running there?)`;
      break;
    case "ENOTFOUND":
    case "EAI_NONAME":
    case "EAI_AGAIN":
      text = `cannot resolve the host name ${url.hostname}`;
      break;
    case "ECONNRESET":
      text = `${where} closed the connection (${e.message})`;
      break;
    default:
      if (code && (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/.test(code))) {
        text = `TLS certificate of ${where} not trusted (${e.message}); for a private CA set NODE_EXTRA_CA_CERTS to its PEM file, or pass --insecure to skip the check for this registry`;
      } else if (code === "EPROTO" || code?.startsWith("ERR_SSL_")) {
        text = `TLS handshake with ${where} failed (${opensslReason(e.message)}); if the registry speaks plain HTTP, pass --insecure`;
      } else {
        text = `${where}: ${e?.message ?? String(err)}`;
      }
  }
  return new NetworkError(code, text);
}

function timeoutError(kind: "connect" | "idle", ms: number, url: URL): NetworkError {
  const what = kind === "connect" ? `no connection to ${url.host} within ${ms / 1000} s` : `${url.host} sent nothing for ${ms / 1000} s`;
  return new NetworkError("ETIMEDOUT", `${what} (timeout: --timeout)`);
}

/** Reads a body whole, up to `max` bytes (more is an error, not a truncation). */
export async function readBody(res: HttpResponse, max: number, what: string): Promise<Buffer> {
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max) {
    res.body.destroy();
    throw new DredgeError("too-large", `${what} is ${declared} bytes, more than the ${max} dredge reads`);
  }
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body) {
      total += (chunk as Buffer).length;
      if (total > max) {
        res.body.destroy();
        throw new DredgeError("too-large", `${what} is more than the ${max} bytes dredge reads`);
      }
      parts.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof DredgeError) throw err;
    throw networkMessage(err, res.url);
  }
  return Buffer.concat(parts);
}

/** Throws away a body that is not wanted (so the connection can be reused, or is closed). */
export function discard(res: HttpResponse): void {
  res.body.on("error", () => {});
  res.body.resume();
}

/**
 * HTTP(S) with the policies a registry client needs: connect and idle timeouts, redirects followed
 * without carrying credentials to another origin, no downgrade to plain HTTP, and retries with
 * exponential backoff on 429/5xx and network errors, honouring `Retry-After`.
 */
export class HttpTransport {
  // Kept-alive connections left idle are closed after IDLE_SOCKET_MS (the agent's timeout applies to free sockets).
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8, timeout: IDLE_SOCKET_MS });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, timeout: IDLE_SOCKET_MS });
  private readonly unverifiedAgent = new https.Agent({ keepAlive: true, maxSockets: 8, timeout: IDLE_SOCKET_MS, rejectUnauthorized: false });

  constructor(readonly options: TransportOptions) {}

  /** True when `--insecure` covers this URL's host. */
  isInsecureHost(url: URL): boolean {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    return this.options.insecureHost !== undefined && host.toLowerCase() === this.options.insecureHost.toLowerCase();
  }

  /** Delay before retry number `attempt` (from 0). */
  backoff(attempt: number): number {
    return backoffDelayMs(attempt, this.options.backoffMs);
  }

  /** One exchange, no redirects, no retries. */
  private exchange(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const secure = url.protocol === "https:";
      if (!secure && url.protocol !== "http:") {
        reject(new DredgeError("bad-url", `unsupported URL scheme ${url.protocol} (${describeUrl(url)})`));
        return;
      }
      if (!secure && !this.isInsecureHost(url)) {
        reject(new DredgeError("insecure-refused", `refusing plain HTTP to ${url.host}: only HTTPS unless --insecure names this registry's host`));
        return;
      }
      const agent = secure ? (this.isInsecureHost(url) ? this.unverifiedAgent : this.httpsAgent) : this.httpAgent;
      const { connectTimeoutMs, idleTimeoutMs } = this.options;
      const req = (secure ? https : http).request(url, { method, headers, agent, timeout: idleTimeoutMs });
      let connectTimer: NodeJS.Timeout | undefined;
      let response: http.IncomingMessage | undefined;
      const fail = (err: Error) => {
        clearTimeout(connectTimer);
        req.destroy(err);
        response?.destroy(err);
      };
      req.on("socket", (socket: Socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(() => fail(timeoutError("connect", connectTimeoutMs, url)), connectTimeoutMs);
        const connected = () => clearTimeout(connectTimer);
        socket.once(secure ? "secureConnect" : "connect", connected);
        socket.once("close", connected);
      });
      req.on("timeout", () => fail(timeoutError("idle", idleTimeoutMs, url)));
      req.on("error", (err) => {
        clearTimeout(connectTimer);
        reject(networkMessage(err, url));
      });
      req.on("response", (res) => {
        clearTimeout(connectTimer);
        response = res;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, url, body: res });
      });
      req.end(body);
    });
  }

  /** One request with redirects followed (credentials only to the first origin; never from HTTPS to HTTP). */
  async send(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url;
    let method: string = req.method ?? "GET";
    let body = req.body;
    const origin = url.origin;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { "user-agent": "dredge", ...req.headers, ...(url.origin === origin ? req.credentials : {}) };
      if (body) headers["content-length"] = String(body.length);
      const res = await this.exchange(url, method, headers, body);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || !location) return res;
      discard(res);
      if (hop >= MAX_REDIRECTS) throw new DredgeError("too-many-redirects", `more than ${MAX_REDIRECTS} redirects from ${describeUrl(req.url)}`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new DredgeError("bad-redirect", `${url.host} redirected to an invalid URL`);
      }
      if (url.protocol === "https:" && next.protocol === "http:" && !this.isInsecureHost(next)) {
        throw new DredgeError("insecure-refused", `${url.host} redirected to plain HTTP (${describeUrl(next)}); refused`);
      }
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
      }
      if (body && next.origin !== origin) {
        throw new DredgeError("bad-redirect", `${url.host} redirected a request with a body to ${next.host}; not followed (the body may hold credentials)`);
      }
      url = next;
    }
  }

  /**
   * A request retried on network errors and 429/5xx, with backoff (or the `Retry-After` the server
   * asks for). Returns the last response whatever its status; throws when the network failed.
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const { retries, maxRetryAfterMs } = this.options;
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse;
      try {
        res = await this.send(req);
      } catch (err) {
        if (!(err instanceof NetworkError) || attempt >= retries || !isRetryableError({ code: err.errno })) throw err;
        await sleep(this.backoff(attempt));
        continue;
      }
      if (!isRetryableStatus(res.status) || attempt >= retries) return res;
      const asked = retryAfterMs(headerOf(res, "retry-after"));
      if (asked !== undefined && asked > maxRetryAfterMs) return res;
      discard(res);
      await sleep(asked ?? this.backoff(attempt));
    }
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    this.unverifiedAgent.destroy();
  }
}

/** A response header as one string (the first, when repeated). */
export function headerOf(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
