import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RegistryClient } from "../../../../src/sources/registry/client.js";
import { resolveRegistryOptions, type RegistryOptions } from "../../../../src/sources/registry/options.js";
import { parseReference } from "../../../../src/sources/registry/reference.js";
import { readBody } from "../../../../src/sources/registry/http.js";
import { DredgeError } from "../../../../src/util/errors.js";

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body?: string;
}

/** A real HTTP server on 127.0.0.1 with a handler per test; records every request. */
async function server(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  const s = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const body = Buffer.concat(parts).toString();
      const entry: Seen = { method: req.method!, url: req.url! };
      if (req.headers.authorization) entry.authorization = req.headers.authorization;
      if (body) entry.body = body;
      seen.push(entry);
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  return {
    port,
    seen,
    close: () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

const json = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

/** A registry that wants `Bearer <one of accepted>` and challenges with the given realm. */
function bearerRegistry(realm: () => string, accepted: Set<string>) {
  return server((req, res) => {
    const auth = req.headers.authorization;
    if (!auth || !accepted.has(auth.replace(/^Bearer /, ""))) {
      return json(res, 401, { errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }, { "www-authenticate": `Bearer realm="${realm()}",service="test-registry",scope="repository:team/app:pull"` });
    }
    json(res, 200, { ok: true });
  });
}

function client(port: number, options: RegistryOptions = {}) {
  return new RegistryClient(parseReference(`127.0.0.1:${port}/team/app:1`), resolveRegistryOptions({ insecure: true, backoffMs: 5, ...options }));
}

function emptyDockerConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), "dredge-auth-"));
  writeFileSync(join(dir, "config.json"), "{}");
  return dir;
}

test("anonymous bearer flow: challenge → token from the realm with service and scope → request retried with it; token reused", async () => {
  const accepted = new Set<string>();
  let issued = 0;
  const tokens = await server((req, res) => {
    const token = `anon-token-${++issued}`;
    accepted.add(token);
    json(res, 200, { token, expires_in: 300 });
  });
  const reg = await bearerRegistry(() => `http://127.0.0.1:${tokens.port}/token`, accepted);
  const dir = emptyDockerConfig();
  try {
    const c = client(reg.port, { dockerConfigDir: dir });
    const res = await c.get("/v2/team/app/manifests/1");
    assert.equal(res.status, 200);
    await readBody(res, 1000, "x");
    assert.equal(tokens.seen.length, 1);
    const url = new URL(tokens.seen[0]!.url, "http://x");
    assert.equal(url.searchParams.get("service"), "test-registry");
    assert.equal(url.searchParams.get("scope"), "repository:team/app:pull");
    assert.equal(tokens.seen[0]!.authorization, undefined);
    await readBody(await c.get("/v2/team/app/blobs/x"), 1000, "x");
    assert.equal(tokens.seen.length, 1, "the token is cached for the scope");
    assert.equal(reg.seen.at(-1)!.authorization, "Bearer anon-token-1");
    // Once it lapses, layers opened together share one new token.
    const internals = c as unknown as { auth: { tokens: Map<string, { expiresAt: number }> } };
    for (const t of internals.auth.tokens.values()) t.expiresAt = 0;
    const all = await Promise.all([1, 2, 3].map((i) => c.get(`/v2/team/app/blobs/${i}`)));
    assert.deepEqual(all.map((r) => r.status), [200, 200, 200]);
    assert.equal(tokens.seen.length, 2);
  } finally {
    await reg.close();
    await tokens.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bearer with a password: Basic credentials and account go to the token service, never to the registry", async () => {
  const accepted = new Set<string>();
  const tokens = await server((req, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from("alice:correct horse").toString("base64")}`) return json(res, 401, { details: "invalid credentials" });
    accepted.add("alice-token");
    json(res, 200, { access_token: "alice-token", expires_in: 300 });
  });
  const reg = await bearerRegistry(() => `http://127.0.0.1:${tokens.port}/token`, accepted);
  try {
    const res = await client(reg.port, { login: { username: "alice", password: "correct horse" } }).get("/v2/team/app/manifests/1");
    assert.equal(res.status, 200);
    assert.equal(new URL(tokens.seen[0]!.url, "http://x").searchParams.get("account"), "alice");
    assert.ok(reg.seen.every((s) => !s.authorization?.startsWith("Basic")));
    // Wrong password: an AuthError naming where the credentials came from, not what they are.
    await assert.rejects(client(reg.port, { login: { username: "alice", password: "wrong-password-123" } }).get("/v2/team/app/manifests/1"), (e: unknown) => {
      assert.ok(e instanceof DredgeError && e.code === "auth");
      assert.match(e.message, /refused the credentials from --username\/--password-stdin \(invalid credentials\)/);
      assert.doesNotMatch(e.message, /wrong-password-123|d3JvbmctcGFzc3dvcmQ/);
      return true;
    });
  } finally {
    await reg.close();
    await tokens.close();
  }
});

test("an identity token from docker login is traded at the token service as an OAuth2 refresh token (POST, client_id docker)", async () => {
  const accepted = new Set<string>();
  const tokens = await server((req, res, body) => {
    const form = new URLSearchParams(body);
    if (req.method !== "POST" || form.get("grant_type") !== "refresh_token" || form.get("refresh_token") !== "idtok-5566") return json(res, 401, { details: "bad grant" });
    accepted.add("from-refresh");
    json(res, 200, { access_token: "from-refresh", expires_in: 300, refresh_token: "idtok-5566" });
  });
  const reg = await bearerRegistry(() => `http://127.0.0.1:${tokens.port}/token`, accepted);
  const dir = mkdtempSync(join(tmpdir(), "dredge-auth-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify({ auths: { [`127.0.0.1:${reg.port}`]: { auth: Buffer.from("alice:").toString("base64"), identitytoken: "idtok-5566" } } }));
  try {
    assert.equal((await client(reg.port, { dockerConfigDir: dir }).get("/v2/team/app/manifests/1")).status, 200);
    const form = new URLSearchParams(tokens.seen[0]!.body);
    assert.equal(form.get("client_id"), "docker");
    assert.equal(form.get("service"), "test-registry");
    assert.equal(form.get("scope"), "repository:team/app:pull");
  } finally {
    await reg.close();
    await tokens.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Basic challenge: credentials sent only after the challenge; none at all is a clear 'docker login' error", async () => {
  const good = `Basic ${Buffer.from("bob:hunter2-pw").toString("base64")}`;
  const reg = await server((req, res) => {
    if (req.headers.authorization !== good) return json(res, 401, { errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }, { "www-authenticate": 'Basic realm="test"' });
    json(res, 200, {});
  });
  const dir = emptyDockerConfig();
  try {
    assert.equal((await client(reg.port, { login: { username: "bob", password: "hunter2-pw" } }).get("/v2/team/app/manifests/1")).status, 200);
    assert.equal(reg.seen[0]!.authorization, undefined, "no credentials before the registry asks");
    await assert.rejects(client(reg.port, { dockerConfigDir: dir }).get("/v2/team/app/manifests/1"), /requires credentials: docker login 127\.0\.0\.1:\d+, or pass --username with --password-stdin/);
    await assert.rejects(client(reg.port, { login: { username: "bob", password: "not-hunter2" } }).get("/v2/team/app/manifests/1"), (e: unknown) => {
      assert.match(String(e), /refused the credentials from --username/);
      assert.doesNotMatch(String(e), /not-hunter2|Ym9iOm5vdC1odW50ZXIy/);
      return true;
    });
  } finally {
    await reg.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a token the registry refuses right after it was issued is an error without the token; a stale one is renewed once", async () => {
  const accepted = new Set<string>();
  let n = 0;
  const tokens = await server((_req, res) => json(res, 200, { token: `tok-${++n}-abcdef`, expires_in: 300 }));
  const reg = await bearerRegistry(() => `http://127.0.0.1:${tokens.port}/token`, accepted);
  const dir = emptyDockerConfig();
  try {
    await assert.rejects(client(reg.port, { dockerConfigDir: dir }).get("/v2/team/app/manifests/1"), (e: unknown) => {
      assert.match(String(e), /the registry refused the token for repository:team\/app:pull/);
      assert.doesNotMatch(String(e), /tok-\d-abcdef/);
      return true;
    });
    // A cached token the registry stopped accepting (expired early) is replaced by a new one.
    const c = client(reg.port, { dockerConfigDir: dir });
    accepted.add("tok-2-abcdef");
    assert.equal((await c.get("/v2/team/app/manifests/1")).status, 200);
    const internals = c as unknown as { auth: { tokens: Map<string, { fetchedAt: number }> } };
    for (const t of internals.auth.tokens.values()) t.fetchedAt -= 60_000;
    accepted.clear();
    accepted.add("tok-3-abcdef");
    assert.equal((await c.get("/v2/team/app/manifests/1")).status, 200);
    assert.equal(n, 3);
  } finally {
    await reg.close();
    await tokens.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--insecure covers the registry's host only: a plain-HTTP token service on another host is refused", async () => {
  const reg = await bearerRegistry(() => `http://localhost:1/token`, new Set());
  const dir = emptyDockerConfig();
  try {
    await assert.rejects(client(reg.port, { dockerConfigDir: dir }).get("/v2/team/app/manifests/1"), /refusing plain HTTP to localhost:1/);
  } finally {
    await reg.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a 401 without a usable challenge says so", async () => {
  const reg = await server((_req, res) => json(res, 401, {}, { "www-authenticate": "Negotiate" }));
  try {
    await assert.rejects(client(reg.port).get("/v2/team/app/manifests/1"), /answered 401 without a challenge dredge can answer \(WWW-Authenticate: negotiate\)/);
  } finally {
    await reg.close();
  }
});
