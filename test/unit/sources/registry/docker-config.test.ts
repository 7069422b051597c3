import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertToHostname, dockerConfigDir, dockerLoginCredential } from "../../../../src/sources/registry/docker-config.js";
import { CredentialScrubber } from "../../../../src/sources/registry/secrets.js";

let root: string;
let bin: string;
const oldPath = process.env.PATH;

before(() => {
  root = mkdtempSync(join(tmpdir(), "dredge-docker-config-"));
  bin = join(root, "bin");
  mkdirSync(bin);
  // Credential helpers as real programs on PATH: each records its argv and stdin, then answers.
  const helper = (name: string, body: string) => {
    const path = join(bin, `docker-credential-${name}`);
    writeFileSync(path, `#!/bin/sh\nprintf '%s' "$*" > "${root}/${name}.args"\ncat > "${root}/${name}.stdin"\n${body}\n`);
    chmodSync(path, 0o755);
  };
  helper("store", `printf '{"ServerURL":"x","Username":"bob","Secret":"helper-pass-9f8e7d"}'`);
  helper("tokens", `printf '{"ServerURL":"x","Username":"<token>","Secret":"identity-tok-1a2b3c"}'`);
  helper("empty", `echo "credentials not found in native keychain"; exit 1`);
  helper("broken", `echo "gpg: decryption failed: helper-pass-9f8e7d"; exit 3`);
  helper("garbage", `echo "secret-in-garbage-output"`);
  process.env.PATH = `${bin}:${oldPath}`;
});

after(() => {
  process.env.PATH = oldPath;
  rmSync(root, { recursive: true, force: true });
});

function configDir(config: unknown): string {
  const dir = mkdtempSync(join(root, "cfg-"));
  writeFileSync(join(dir, "config.json"), typeof config === "string" ? config : JSON.stringify(config));
  return dir;
}

const b64 = (s: string) => Buffer.from(s).toString("base64");

test("DOCKER_CONFIG names the config directory, else ~/.docker", () => {
  assert.equal(dockerConfigDir({ DOCKER_CONFIG: "/etc/dk" }), "/etc/dk");
  assert.match(dockerConfigDir({}), /\.docker$/);
});

test("auths: the auth field is base64 of user:password (the password may hold colons)", async () => {
  const dir = configDir({ auths: { "localhost:5000": { auth: b64("alice:pa:ss") } } });
  const { credential, problems } = await dockerLoginCredential("localhost:5000", new CredentialScrubber(), dir);
  assert.deepEqual(problems, []);
  assert.equal(credential?.username, "alice");
  assert.equal(credential?.password, "pa:ss");
  assert.equal(credential?.source, join(dir, "config.json"));
});

test("auths: a legacy key with a scheme and path matches its host; Docker Hub's key is https://index.docker.io/v1/", async () => {
  const dir = configDir({ auths: { "https://reg.example.com/v1/": { auth: b64("a:b") }, "https://index.docker.io/v1/": { auth: b64("hubuser:hubpass") } } });
  assert.equal((await dockerLoginCredential("reg.example.com", new CredentialScrubber(), dir)).credential?.password, "b");
  assert.equal((await dockerLoginCredential("https://index.docker.io/v1/", new CredentialScrubber(), dir)).credential?.username, "hubuser");
  assert.equal((await dockerLoginCredential("other.example.com", new CredentialScrubber(), dir)).credential, undefined);
  // Podman and skopeo write Hub as docker.io: found too.
  const podman = configDir({ auths: { "docker.io": { auth: b64("p:q") } } });
  assert.equal((await dockerLoginCredential("https://index.docker.io/v1/", new CredentialScrubber(), podman)).credential?.username, "p");
});

test("auths: identitytoken and registrytoken are kept as such", async () => {
  const dir = configDir({ auths: { "r.example.com": { auth: b64("alice:"), identitytoken: "refresh-abc-123" }, "t.example.com": { registrytoken: "bearer-xyz-789" } } });
  const id = (await dockerLoginCredential("r.example.com", new CredentialScrubber(), dir)).credential;
  assert.equal(id?.identityToken, "refresh-abc-123");
  assert.equal((await dockerLoginCredential("t.example.com", new CredentialScrubber(), dir)).credential?.registryToken, "bearer-xyz-789");
});

test("credsStore: docker-credential-<name> get is run with the server URL on stdin, no newline, as the docker CLI does", async () => {
  const dir = configDir({ credsStore: "store", auths: { "localhost:5000": {} } });
  const scrubber = new CredentialScrubber();
  const { credential } = await dockerLoginCredential("localhost:5000", scrubber, dir);
  assert.deepEqual(credential, { source: "docker-credential-store", username: "bob", password: "helper-pass-9f8e7d" });
  assert.equal(readFileSync(join(root, "store.args"), "utf8"), "get");
  assert.equal(readFileSync(join(root, "store.stdin"), "utf8"), "localhost:5000");
  assert.equal(scrubber.scrub("x helper-pass-9f8e7d y"), "x •••• y");
  await dockerLoginCredential("https://index.docker.io/v1/", scrubber, dir);
  assert.equal(readFileSync(join(root, "store.stdin"), "utf8"), "https://index.docker.io/v1/");
});

test("credHelpers: a registry's own helper wins over credsStore; <token> as username means an identity token", async () => {
  const dir = configDir({ credsStore: "store", credHelpers: { "gcr.example.com": "tokens" } });
  const { credential } = await dockerLoginCredential("gcr.example.com", new CredentialScrubber(), dir);
  assert.deepEqual(credential, { source: "docker-credential-tokens", identityToken: "identity-tok-1a2b3c" });
});

test("a helper without credentials for the server gives none, and the file's auths are not consulted (as docker)", async () => {
  const dir = configDir({ credsStore: "empty", auths: { "localhost:5000": { auth: b64("a:b") } } });
  assert.deepEqual(await dockerLoginCredential("localhost:5000", new CredentialScrubber(), dir), { problems: [] });
});

test("a failing, missing or garbled helper is a problem to report, with no secret in it", async () => {
  const scrubber = new CredentialScrubber();
  scrubber.add("helper-pass-9f8e7d");
  const broken = await dockerLoginCredential("localhost:5000", scrubber, configDir({ credsStore: "broken" }));
  assert.equal(broken.credential, undefined);
  assert.match(broken.problems[0]!, /docker-credential-broken get failed \(exit 3\): gpg: decryption failed: ••••/);
  const missing = await dockerLoginCredential("localhost:5000", scrubber, configDir({ credsStore: "nosuchhelper" }));
  assert.match(missing.problems[0]!, /docker-credential-nosuchhelper is not installed/);
  const garbage = await dockerLoginCredential("localhost:5000", scrubber, configDir({ credsStore: "garbage" }));
  assert.match(garbage.problems[0]!, /not JSON/);
  assert.doesNotMatch(garbage.problems[0]!, /secret-in-garbage-output/);
  const evil = await dockerLoginCredential("localhost:5000", scrubber, configDir({ credsStore: "../../bin/sh" }));
  assert.match(evil.problems[0]!, /not a plain program name/);
});

test("a config.json that is not JSON is a problem that does not quote it", async () => {
  const dir = configDir('{"auths":{"x":{"auth":"c2VjcmV0LXZhbHVlOnB3"}');
  const { credential, problems } = await dockerLoginCredential("x", new CredentialScrubber(), dir);
  assert.equal(credential, undefined);
  assert.match(problems[0]!, /is not valid JSON/);
  assert.doesNotMatch(problems.join(" "), /c2VjcmV0|secret-value/);
  const badAuth = await dockerLoginCredential("x", new CredentialScrubber(), configDir({ auths: { x: { auth: "!!!not base64!!!" } } }));
  assert.match(badAuth.problems[0]!, /not base64 of user:password/);
  assert.deepEqual(await dockerLoginCredential("x", new CredentialScrubber(), join(root, "no-such-dir")), { problems: [] });
});

test("docker's legacy key comparison strips the scheme and everything after the host", () => {
  assert.equal(convertToHostname("https://index.docker.io/v1/"), "index.docker.io");
  assert.equal(convertToHostname("http://localhost:5000"), "localhost:5000");
  assert.equal(convertToHostname("reg.example.com/path"), "reg.example.com");
});
