import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EngineClient, negotiateApiVersion, refPath } from "../../../../src/sources/engine/client.js";
import { DOCKER_HINT } from "../../../../src/sources/engine/endpoint.js";
import { DredgeError } from "../../../../src/util/errors.js";

const LABEL = { name: "Docker", hint: DOCKER_HINT } as const;

test("the API version is the engine's when older than dredge's newest, else dredge's newest", () => {
  assert.equal(negotiateApiVersion("1.41"), "1.41");
  assert.equal(negotiateApiVersion("1.52"), "1.45");
  assert.equal(negotiateApiVersion(undefined), "1.25");
  assert.equal(negotiateApiVersion("garbage"), "1.25");
});

test("references keep the characters the engine's router takes, the rest is escaped", () => {
  assert.equal(refPath("registry.example.com:5000/team/app:1.0"), "registry.example.com:5000/team/app:1.0");
  assert.equal(refPath("app@sha256:abc"), "app@sha256:abc");
  assert.equal(refPath("a?b#c"), "a%3Fb%23c");
});

test("an engine that is not there: which endpoint was tried, why, and how to point dredge elsewhere; no stack trace", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-engine-"));
  try {
    const missing = join(dir, "docker.sock");
    await assert.rejects(EngineClient.connect({ kind: "unix", socketPath: missing, from: "from DOCKER_HOST" }, LABEL), (e: Error) => {
      assert.ok(e instanceof DredgeError);
      assert.equal(e.code, "engine-unreachable");
      assert.match(e.message, new RegExp(`the Docker engine at unix://${missing} \\(from DOCKER_HOST\\): no such socket`));
      assert.match(e.message, /DOCKER_HOST=unix:\/\/\/path\/to\/docker.sock/);
      assert.doesNotMatch(e.message, /\n\s+at /);
      return true;
    });
    const file = join(dir, "plain-file");
    writeFileSync(file, "");
    await assert.rejects(EngineClient.connect({ kind: "unix", socketPath: file, from: "the default socket" }, LABEL), /engine at unix:\/\/.*plain-file \(the default socket\): connection refused/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a server that is no engine, and an engine's error answers, are DredgeErrors with the engine's message", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-engine-"));
  const socketPath = join(dir, "engine.sock");
  let notEngine = false;
  const server = createServer((req, res) => {
    if (notEngine) {
      res.writeHead(404).end("404 page not found\n");
      return;
    }
    if (req.url === "/_ping") {
      res.writeHead(200, { "API-Version": "1.41", Server: "Docker/20.10.24 (linux)" }).end("OK");
      return;
    }
    assert.equal(req.url, "/v1.41/images/nope:1/json");
    res.writeHead(404, { "Content-Type": "application/json" }).end('{"message":"No such image: nope:1"}');
  });
  await new Promise<void>((r) => server.listen(socketPath, r));
  try {
    const client = await EngineClient.connect({ kind: "unix", socketPath, from: "from DOCKER_HOST" }, LABEL);
    assert.equal(client.apiVersion, "1.41");
    assert.equal(client.server, "Docker/20.10.24 (linux)");
    await assert.rejects(client.json("GET", "/images/nope:1/json"), (e: Error) => e instanceof DredgeError && e.message === "No such image: nope:1");
    notEngine = true;
    await assert.rejects(EngineClient.connect({ kind: "unix", socketPath, from: "from DOCKER_HOST" }, LABEL), /answered \/_ping with HTTP 404: 404 page not found; is it a Docker engine\?/);
  } finally {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
});
