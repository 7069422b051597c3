import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { HttpTransport, NetworkError, readBody, type TransportOptions } from "../../../../src/sources/registry/http.js";
import { backoffDelayMs, retryAfterMs } from "../../../../src/sources/registry/retry.js";
import { DredgeError } from "../../../../src/util/errors.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function transport(o: Partial<TransportOptions> = {}): HttpTransport {
  return new HttpTransport({ connectTimeoutMs: 2000, idleTimeoutMs: 2000, retries: 3, backoffMs: 10, maxRetryAfterMs: 5000, insecureHost: "127.0.0.1", ...o });
}

test("Retry-After is read as delta-seconds or an HTTP date; anything else is ignored", () => {
  assert.equal(retryAfterMs("3"), 3000);
  assert.equal(retryAfterMs(" 0 "), 0);
  const now = Date.parse("2024-01-01T00:00:00Z");
  assert.equal(retryAfterMs("Mon, 01 Jan 2024 00:00:07 GMT", now), 7000);
  assert.equal(retryAfterMs("Sun, 31 Dec 2023 00:00:00 GMT", now), 0);
  assert.equal(retryAfterMs(undefined), undefined);
  assert.equal(retryAfterMs("soon"), undefined);
  assert.equal(retryAfterMs("-5"), undefined);
  assert.equal(retryAfterMs("1.5"), undefined);
});

test("backoff doubles from the base, with at most 25 % jitter, and is capped at 30 s", () => {
  assert.equal(backoffDelayMs(0, 500, () => 0), 500);
  assert.equal(backoffDelayMs(3, 500, () => 0), 4000);
  assert.equal(backoffDelayMs(2, 500, () => 1), 2500);
  assert.equal(backoffDelayMs(40, 500, () => 0), 30_000);
});

test("a 500 then 200 is retried and the 200 returned; a 404 is returned at once", async () => {
  let calls = 0;
  const s = await serve((req, res) => {
    calls++;
    if (req.url === "/missing") return void res.writeHead(404).end();
    res.writeHead(calls === 1 ? 500 : 200).end("ok");
  });
  try {
    const t = transport();
    const res = await t.request({ url: new URL(`http://127.0.0.1:${s.port}/x`) });
    assert.equal(res.status, 200);
    assert.equal((await readBody(res, 100, "x")).toString(), "ok");
    assert.equal(calls, 2);
    calls = 10;
    assert.equal((await t.request({ url: new URL(`http://127.0.0.1:${s.port}/missing`) })).status, 404);
    assert.equal(calls, 11);
    t.close();
  } finally {
    await s.close();
  }
});

test("429 with Retry-After waits as long as asked; one asking for longer than allowed is returned, not waited for", async () => {
  let calls = 0;
  const s = await serve((req, res) => {
    calls++;
    if (req.url === "/long") return void res.writeHead(429, { "retry-after": "3600" }).end();
    res.writeHead(calls === 1 ? 429 : 200, calls === 1 ? { "retry-after": "1" } : {}).end();
  });
  try {
    const t = transport();
    const started = Date.now();
    assert.equal((await t.request({ url: new URL(`http://127.0.0.1:${s.port}/x`) })).status, 200);
    assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
    const before = Date.now();
    assert.equal((await t.request({ url: new URL(`http://127.0.0.1:${s.port}/long`) })).status, 429);
    assert.ok(Date.now() - before < 900);
    t.close();
  } finally {
    await s.close();
  }
});

test("5xx for good: retried `retries` times, then the last response is returned", async () => {
  let calls = 0;
  const s = await serve((_req, res) => {
    calls++;
    res.writeHead(503).end();
  });
  try {
    const res = await transport({ retries: 2 }).request({ url: new URL(`http://127.0.0.1:${s.port}/x`) });
    assert.equal(res.status, 503);
    assert.equal(calls, 3);
  } finally {
    await s.close();
  }
});

test("a connection reset before the response is retried", async () => {
  let calls = 0;
  const s = await serve((req, res) => {
    calls++;
    if (calls === 1) req.socket.destroy();
    else res.writeHead(200).end("fine");
  });
  try {
    const res = await transport().request({ url: new URL(`http://127.0.0.1:${s.port}/x`) });
    assert.equal(res.status, 200);
    assert.equal(calls, 2);
  } finally {
    await s.close();
  }
});

test("a server that stalls hits the idle timeout with an error naming --timeout", async () => {
  const s = await serve(() => {
    // never answers
  });
  try {
    const started = Date.now();
    await assert.rejects(transport({ idleTimeoutMs: 300, retries: 1 }).request({ url: new URL(`http://127.0.0.1:${s.port}/x`) }), (e: unknown) => e instanceof NetworkError && /sent nothing for 0.3 s/.test(e.message) && /--timeout/.test(e.message));
    assert.ok(Date.now() - started < 3000);
  } finally {
    await s.close();
  }
});

test("a body that stalls mid-way is cut by the idle timeout too", async () => {
  const s = await serve((_req, res) => {
    res.writeHead(200, { "content-length": "100" });
    res.write("partial");
  });
  try {
    const res = await transport({ idleTimeoutMs: 300 }).request({ url: new URL(`http://127.0.0.1:${s.port}/x`) });
    await assert.rejects(readBody(res, 1000, "body"), (e: unknown) => e instanceof DredgeError);
  } finally {
    await s.close();
  }
});

test("a TLS handshake that never completes hits the connect timeout", async () => {
  // Accepts TCP but never speaks TLS: the connection is never established.
  const sockets: import("node:net").Socket[] = [];
  const tcp: TcpServer = createTcpServer((sock) => void sockets.push(sock));
  await new Promise<void>((r) => tcp.listen(0, "127.0.0.1", r));
  const port = (tcp.address() as { port: number }).port;
  try {
    await assert.rejects(
      transport({ connectTimeoutMs: 300, idleTimeoutMs: 10_000, retries: 0 }).request({ url: new URL(`https://127.0.0.1:${port}/v2/`) }),
      (e: unknown) => e instanceof NetworkError && /no connection to 127.0.0.1:\d+ within 0.3 s/.test(e.message),
    );
  } finally {
    for (const s of sockets) s.destroy();
    tcp.close();
  }
});

test("redirects are followed; Authorization goes to the first origin only (another port is another origin)", async () => {
  const seen: Record<string, string | undefined> = {};
  const storage = await serve((req, res) => {
    seen.storage = req.headers.authorization;
    seen.range = req.headers.range;
    res.writeHead(200).end("blob");
  });
  const registry = await serve((req, res) => {
    if (req.url === "/same") return void res.writeHead(307, { location: "/final" }).end();
    if (req.url === "/final") {
      seen.final = req.headers.authorization;
      return void res.writeHead(200).end("same");
    }
    if (req.url === "/elsewhere") return void res.writeHead(302, { location: `http://localhost:${storage.port}/blob` }).end();
    res.writeHead(307, { location: `http://127.0.0.1:${storage.port}/blob?X-Signature=abc` }).end();
  });
  try {
    const t = transport();
    const credentials = { authorization: "Bearer s3cr3t-token" };
    const res = await t.request({ url: new URL(`http://127.0.0.1:${registry.port}/x`), headers: { range: "bytes=2-" }, credentials });
    assert.equal((await readBody(res, 100, "x")).toString(), "blob");
    assert.equal(res.url.port, String(storage.port));
    assert.equal(seen.storage, undefined);
    assert.equal(seen.range, "bytes=2-");
    const same = await t.request({ url: new URL(`http://127.0.0.1:${registry.port}/same`), credentials });
    assert.equal((await readBody(same, 100, "x")).toString(), "same");
    assert.equal(seen.final, "Bearer s3cr3t-token");
    // --insecure covers the registry's host only: plain HTTP to any other host is refused.
    await assert.rejects(t.request({ url: new URL(`http://127.0.0.1:${registry.port}/elsewhere`), credentials }), /refusing plain HTTP to localhost/);
    await assert.rejects(transport({ insecureHost: "localhost" }).request({ url: new URL(`http://127.0.0.1:${registry.port}/x`) }), /refusing plain HTTP to 127.0.0.1/);
    await assert.rejects(new HttpTransport({ connectTimeoutMs: 1000, idleTimeoutMs: 1000, retries: 0, backoffMs: 1, maxRetryAfterMs: 1 }).request({ url: new URL(`http://127.0.0.1:${registry.port}/x`) }), /refusing plain HTTP/);
  } finally {
    await storage.close();
    await registry.close();
  }
});

test("a POST is not carried to another origin by a redirect (its body may hold an identity token)", async () => {
  const other = await serve((_req, res) => res.writeHead(200).end());
  const s = await serve((_req, res) => res.writeHead(307, { location: `http://127.0.0.1:${other.port}/token` }).end());
  try {
    await assert.rejects(transport().request({ url: new URL(`http://127.0.0.1:${s.port}/token`), method: "POST", body: Buffer.from("refresh_token=abc") }), /not followed/);
  } finally {
    await s.close();
    await other.close();
  }
});

test("a body larger than allowed is an error, not a truncation", async () => {
  const s = await serve((_req, res) => res.writeHead(200).end("x".repeat(5000)));
  try {
    const res = await transport().request({ url: new URL(`http://127.0.0.1:${s.port}/x`) });
    await assert.rejects(readBody(res, 100, "manifest"), /manifest is (5000 bytes, )?more than/);
  } finally {
    await s.close();
  }
});
