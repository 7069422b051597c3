// A small HTTP proxy in front of a real registry that injects the faults a registry client must
// survive or report: a connection dropped mid-blob, 5xx then success, 429 with Retry-After, a blob
// whose bytes do not match its digest, a registry that stalls, one that ignores Range requests.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** One fault; `times` is how many matching requests get it (default: all). */
export type Fault =
  | { kind: "drop-mid-blob"; afterBytes: number; times?: number; digest?: string }
  | { kind: "status"; status: number; path: RegExp; times?: number; retryAfter?: string }
  /** Serves `body` for the blob (a blob that does not match its digest). */
  | { kind: "replace-blob"; digest: string; body: Buffer }
  | { kind: "stall"; path: RegExp; ms: number; times?: number }
  | { kind: "no-ranges" };

export interface ProxiedRequest {
  method: string;
  path: string;
  range?: string;
  status: number;
  /** When the request arrived (ms since the proxy started). */
  at: number;
}

export interface RegistryProxy {
  /** `127.0.0.1:PORT`. */
  host: string;
  /** Every request with the status the client saw. */
  log: ProxiedRequest[];
  close(): Promise<void>;
}

const BLOB = /\/blobs\/(sha256:[a-f0-9]{64})$/;

/** Starts a proxy on a free 127.0.0.1 port forwarding to `upstream` (`127.0.0.1:PORT`, plain HTTP). */
export async function startRegistryProxy(upstream: string, faults: Fault[]): Promise<RegistryProxy> {
  const [upHost, upPort] = upstream.split(":");
  const used = faults.map(() => 0);
  const log: ProxiedRequest[] = [];
  const started = Date.now();
  const take = (i: number): boolean => {
    const f = faults[i]!;
    const times = "times" in f && f.times !== undefined ? f.times : Infinity;
    if (used[i]! >= times) return false;
    used[i]!++;
    return true;
  };
  const blobDigest = (path: string) => BLOB.exec(path)?.[1];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = req.url ?? "/";
    const entry: ProxiedRequest = { method: req.method ?? "GET", path, status: 0, at: Date.now() - started };
    if (typeof req.headers.range === "string") entry.range = req.headers.range;
    log.push(entry);
    for (const [i, f] of faults.entries()) {
      if (f.kind === "status" && f.path.test(path) && take(i)) {
        entry.status = f.status;
        res.writeHead(f.status, { "content-type": "application/json", ...(f.retryAfter ? { "retry-after": f.retryAfter } : {}) });
        res.end(JSON.stringify({ errors: [{ code: "UNAVAILABLE", message: "injected fault" }] }));
        return;
      }
      if (f.kind === "stall" && f.path.test(path) && take(i)) await new Promise((r) => setTimeout(r, f.ms));
    }
    const noRanges = faults.some((f) => f.kind === "no-ranges");
    const headers = { ...req.headers, host: upstream };
    if (noRanges) delete headers.range;
    const up = request({ host: upHost, port: Number(upPort), method: req.method, path, headers }, (upRes) => {
      const digest = blobDigest(path);
      const outHeaders = { ...upRes.headers };
      if (noRanges) {
        delete outHeaders["accept-ranges"];
        outHeaders["accept-ranges"] = "none";
      }
      entry.status = upRes.statusCode ?? 0;
      const dropIndex = faults.findIndex((f, i) => f.kind === "drop-mid-blob" && digest !== undefined && (f.digest === undefined || f.digest === digest) && (upRes.statusCode === 200 || upRes.statusCode === 206) && used[i]! < (f.times ?? Infinity));
      const replace = faults.find((f): f is Extract<Fault, { kind: "replace-blob" }> => f.kind === "replace-blob" && f.digest === digest);
      if (replace && req.method === "GET" && upRes.statusCode === 200) {
        upRes.resume();
        res.writeHead(200, { ...outHeaders, "content-length": String(replace.body.length) });
        res.end(replace.body);
        return;
      }
      res.writeHead(upRes.statusCode ?? 502, outHeaders);
      if (dropIndex >= 0 && req.method === "GET") {
        used[dropIndex]!++;
        const limit = (faults[dropIndex] as { afterBytes: number }).afterBytes;
        let sent = 0;
        upRes.on("data", (chunk: Buffer) => {
          if (sent >= limit) return;
          const part = chunk.subarray(0, limit - sent);
          sent += part.length;
          res.write(part);
          if (sent >= limit) {
            // Flush what was written, then cut the connection as a broken network would.
            setTimeout(() => res.socket?.destroy(), 20);
            upRes.destroy();
          }
        });
        return;
      }
      upRes.pipe(res);
    });
    up.on("error", () => res.destroy());
    req.pipe(up);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
