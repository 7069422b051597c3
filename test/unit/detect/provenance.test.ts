import { test } from "node:test";
import assert from "node:assert/strict";
import { heldBackReason, pathContext, publicKeyHash, publicTestKey } from "../../../src/detect/provenance.js";
import { PUBLIC_TEST_KEYS } from "../../../src/detect/public-test-keys.js";

test("matches in test suites, docs and examples are held back with the reason; application paths are not", () => {
  const held: [string, RegExp][] = [
    ["/usr/lib/python3.11/test/keycert.pem", /Python standard library's test suite/],
    ["/usr/local/lib/python3.12/site-packages/requests/tests/certs/key.pem", /Python package's test suite/],
    ["/usr/share/doc/libssl-dev/demos/certs/apps/rootkey.pem", /documentation/],
    ["/app/node_modules/jsonwebtoken/test/priv.pem", /npm package/],
    ["/root/go/pkg/mod/golang.org/x/crypto@v0.1.0/ssh/testdata/keys.go", /Go module's test data/],
    ["/src/project/testdata/key.pem", /test data/],
    ["/usr/share/xmlsec1/examples/rsakey.pem", /example files/],
  ];
  for (const [path, why] of held) assert.match(pathContext(path) ?? "", why, path);
  for (const path of ["/app/.env", "/root/.npmrc", "/etc/ssh/ssh_host_rsa_key", "/app/config/secrets.yml", "/home/app/contest/key.pem", "/app/attestation.json", "/srv/latest/id_rsa"]) {
    assert.equal(pathContext(path), undefined, path);
  }
});

test("a key published in a project's test suite is recognised by hash wherever it sits, whatever its line breaks", () => {
  const [hash, source] = [...PUBLIC_TEST_KEYS][0]!;
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.ok(source.length > 5);
  const body = "MIIEowIBAAKCAQEAwJ0ZQn3XhWq0F1bT2kGz5dEJ4lV8cP7uR9sA6mK2yN3oB4pL";
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
  const json = `-----BEGIN RSA PRIVATE KEY-----\\n${body}\\n-----END RSA PRIVATE KEY-----\\n`;
  assert.equal(publicKeyHash(pem), publicKeyHash(json));
  assert.equal(publicTestKey(pem), undefined, "an unlisted key is not a test key");
  assert.equal(heldBackReason("/app/key.pem", pem), undefined);
  assert.equal(publicTestKey("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"), undefined);
});

test("the list holds hashes only, never key material", () => {
  for (const [hash, source] of PUBLIC_TEST_KEYS) {
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.doesNotMatch(source, /BEGIN|PRIVATE KEY|[A-Za-z0-9+/]{40}/);
  }
});

test("a published key store is recognised by the hash a finding names it with", () => {
  const listed = "pkcs12-keystore sha256:a957fb8c8a3e3e7b1b8d2c58e97e02759b61cd7cbecca409c0763c8d6d9691f4";
  assert.match(publicTestKey(listed) ?? "", /CMake/);
  assert.match(heldBackReason("/opt/app/signing.pfx", listed) ?? "", /published test key/);
  assert.equal(publicTestKey("pkcs12-keystore sha256:" + "0".repeat(64)), undefined);
});
