import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import fc from "fast-check";
import { contextName, dockerEndpoint, parseHost, podmanEndpoints, type DiscoveryEnv } from "../../../../src/sources/engine/endpoint.js";
import { DredgeError } from "../../../../src/util/errors.js";

/** Discovery over an in-memory file tree (the real discovery reads the same paths from disk). */
function discovery(env: NodeJS.ProcessEnv, files: Record<string, string> = {}): DiscoveryEnv {
  return { env, home: "/home/u", readFile: (p) => files[p], exists: (p) => p in files };
}

function contextFiles(config: string, name: string, host: string, tls: string[] = [], extra: Record<string, unknown> = {}): Record<string, string> {
  const id = createHash("sha256").update(name).digest("hex");
  const files: Record<string, string> = {
    [join(config, "contexts", "meta", id, "meta.json")]: JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, ...extra } } }),
  };
  for (const f of tls) files[join(config, "contexts", "tls", id, "docker", f)] = "pem";
  return files;
}

test("no DOCKER_HOST, no context: the default socket", () => {
  assert.deepEqual(dockerEndpoint(discovery({})), { kind: "unix", socketPath: "/var/run/docker.sock", from: "the default socket" });
});

test("DOCKER_HOST unix:// and tcp:// are taken as the docker CLI takes them (default ports 2375, 2376 with TLS)", () => {
  assert.deepEqual(dockerEndpoint(discovery({ DOCKER_HOST: "unix:///tmp/d.sock" })), { kind: "unix", socketPath: "/tmp/d.sock", from: "from DOCKER_HOST" });
  assert.deepEqual(dockerEndpoint(discovery({ DOCKER_HOST: "tcp://10.0.0.5" })), { kind: "tcp", host: "10.0.0.5", port: 2375, from: "from DOCKER_HOST" });
  assert.deepEqual(dockerEndpoint(discovery({ DOCKER_HOST: "build.example:2380" })), { kind: "tcp", host: "build.example", port: 2380, from: "from DOCKER_HOST" });
  assert.deepEqual(parseHost("tcp://[::1]:2376", "x"), { kind: "tcp", host: "::1", port: 2376, from: "from x" });
});

test("DOCKER_TLS_VERIFY with DOCKER_CERT_PATH: TLS, verified, with the client files that exist; port 2376 by default", () => {
  const files = { "/certs/ca.pem": "", "/certs/cert.pem": "", "/certs/key.pem": "" };
  const e = dockerEndpoint(discovery({ DOCKER_HOST: "tcp://host", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/certs" }, files));
  assert.deepEqual(e, { kind: "tcp", host: "host", port: 2376, from: "from DOCKER_HOST", tls: { verify: true, ca: "/certs/ca.pem", cert: "/certs/cert.pem", key: "/certs/key.pem" } });
  const noVerify = dockerEndpoint(discovery({ DOCKER_HOST: "tcp://host:2376", DOCKER_TLS: "1" }, { "/home/u/.docker/cert.pem": "", "/home/u/.docker/key.pem": "" }));
  assert.deepEqual(noVerify.kind === "tcp" && noVerify.tls, { verify: false, cert: "/home/u/.docker/cert.pem", key: "/home/u/.docker/key.pem" });
});

test("currentContext in $DOCKER_CONFIG/config.json picks the context's docker endpoint from meta/<sha256 of name>/meta.json", () => {
  const cfg = "/cfg";
  const files = { [join(cfg, "config.json")]: JSON.stringify({ currentContext: "builder" }), ...contextFiles(cfg, "builder", "unix:///run/builder.sock") };
  const e = dockerEndpoint(discovery({ DOCKER_CONFIG: cfg }, files));
  assert.equal(e.kind, "unix");
  assert.equal(e.kind === "unix" && e.socketPath, "/run/builder.sock");
  assert.equal(e.from, 'from docker context "builder", named by currentContext in /cfg/config.json');
});

test("DOCKER_CONTEXT wins over currentContext; DOCKER_HOST wins over both", () => {
  const cfg = "/home/u/.docker";
  const files = {
    [join(cfg, "config.json")]: JSON.stringify({ currentContext: "a" }),
    ...contextFiles(cfg, "a", "unix:///a.sock"),
    ...contextFiles(cfg, "b", "tcp://b.example:2376", ["ca.pem", "cert.pem", "key.pem"]),
  };
  const b = dockerEndpoint(discovery({ DOCKER_CONTEXT: "b" }, files));
  assert.equal(b.kind === "tcp" && `${b.host}:${b.port}`, "b.example:2376");
  assert.equal(b.kind === "tcp" && b.tls?.verify, true);
  assert.equal(b.kind === "tcp" && b.tls?.ca, join(cfg, "contexts", "tls", createHash("sha256").update("b").digest("hex"), "docker", "ca.pem"));
  assert.deepEqual(contextName(discovery({ DOCKER_CONTEXT: "b", DOCKER_HOST: "unix:///h.sock" }, files)), { name: "default", from: "DOCKER_HOST" });
  const h = dockerEndpoint(discovery({ DOCKER_CONTEXT: "b", DOCKER_HOST: "unix:///h.sock" }, files));
  assert.equal(h.kind === "unix" && h.socketPath, "/h.sock");
});

test("a context with SkipTLSVerify connects with TLS but does not verify the server", () => {
  const files = contextFiles("/home/u/.docker", "lab", "tcp://lab:2376", [], { SkipTLSVerify: true });
  const e = dockerEndpoint(discovery({ DOCKER_CONTEXT: "lab" }, files));
  assert.deepEqual(e.kind === "tcp" && e.tls, { verify: false });
});

test("a context that does not exist, or has no docker endpoint, is a clear error naming where it came from", () => {
  assert.throws(() => dockerEndpoint(discovery({ DOCKER_CONTEXT: "gone" })), (e: Error) => e instanceof DredgeError && /context "gone" \(from DOCKER_CONTEXT\) does not exist/.test(e.message));
  const files = { [join("/home/u/.docker", "contexts", "meta", createHash("sha256").update("x").digest("hex"), "meta.json")]: JSON.stringify({ Name: "x", Endpoints: {} }) };
  assert.throws(() => dockerEndpoint(discovery({ DOCKER_CONTEXT: "x" }, files)), /has no docker endpoint/);
  assert.throws(() => dockerEndpoint(discovery({}, { "/home/u/.docker/config.json": "{not json" })), /config.json is not valid JSON/);
});

test("ssh://, npipe:// and malformed hosts are refused with what to do instead", () => {
  assert.throws(() => parseHost("ssh://me@build", "DOCKER_HOST"), /ssh -nNT -L \/tmp\/docker.sock:\/var\/run\/docker.sock/);
  assert.throws(() => parseHost("npipe:////./pipe/docker_engine", "DOCKER_HOST"), /npipe:\/\/ endpoints are not supported/);
  assert.throws(() => parseHost("unix://relative.sock", "DOCKER_HOST"), /absolute socket path/);
  assert.throws(() => parseHost("tcp://host:99999", "DOCKER_HOST"), /out of range/);
  assert.throws(() => parseHost("tcp://ho st", "DOCKER_HOST"), /not a tcp:\/\/HOST:PORT/);
});

test("Podman: CONTAINER_HOST first, else the rootless then the rootful socket, only those that exist", () => {
  assert.deepEqual(podmanEndpoints(discovery({ CONTAINER_HOST: "unix:///p.sock", XDG_RUNTIME_DIR: "/run/user/1000" })), [{ kind: "unix", socketPath: "/p.sock", from: "from CONTAINER_HOST" }]);
  const both = podmanEndpoints(discovery({ XDG_RUNTIME_DIR: "/run/user/1000" }, { "/run/user/1000/podman/podman.sock": "", "/run/podman/podman.sock": "" }));
  assert.deepEqual(
    both.map((e) => e.kind === "unix" && e.socketPath),
    ["/run/user/1000/podman/podman.sock", "/run/podman/podman.sock"],
  );
  assert.deepEqual(podmanEndpoints(discovery({ XDG_RUNTIME_DIR: "/run/user/1000" })), []);
});

test("any DOCKER_HOST text gives an endpoint or a DredgeError, never a crash", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.constantFrom("unix://", "tcp://", "ssh://", "fd://").chain((p) => fc.string().map((s) => p + s))), (host) => {
      try {
        const e = parseHost(host, "DOCKER_HOST");
        assert.ok(e.kind === "unix" ? e.socketPath.startsWith("/") : e.port >= 1 && e.port <= 65535);
      } catch (err) {
        assert.ok(err instanceof DredgeError, String(err));
      }
    }),
    { numRuns: 1000 },
  );
});

test("any context meta.json content gives an endpoint or a DredgeError", () => {
  const id = createHash("sha256").update("c").digest("hex");
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.record({ Endpoints: fc.record({ docker: fc.record({ Host: fc.string(), SkipTLSVerify: fc.anything() }) }) }).map((v) => JSON.stringify(v))), (text) => {
      try {
        dockerEndpoint(discovery({ DOCKER_CONTEXT: "c" }, { [`/home/u/.docker/contexts/meta/${id}/meta.json`]: text }));
      } catch (err) {
        assert.ok(err instanceof DredgeError, String(err));
      }
    }),
    { numRuns: 500 },
  );
});
