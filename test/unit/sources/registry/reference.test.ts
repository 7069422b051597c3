import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { apiHost, authKey, formatReference, hostnameOf, looksLikeRegistryReference, parseReference } from "../../../../src/sources/registry/reference.js";
import { UsageError } from "../../../../src/util/errors.js";

const DIGEST = `sha256:${"ab".repeat(32)}`;

test("a bare name is a Docker Hub official image under library/ with the tag latest", () => {
  assert.deepEqual(parseReference("alpine"), { registry: "docker.io", repository: "library/alpine", tag: "latest" });
  assert.deepEqual(parseReference("alpine:3.19"), { registry: "docker.io", repository: "library/alpine", tag: "3.19" });
});

test("a Hub user's repository keeps its path; docker.io and index.docker.io mean Docker Hub", () => {
  assert.deepEqual(parseReference("bitnami/redis:7"), { registry: "docker.io", repository: "bitnami/redis", tag: "7" });
  assert.deepEqual(parseReference("docker.io/alpine"), { registry: "docker.io", repository: "library/alpine", tag: "latest" });
  assert.deepEqual(parseReference("index.docker.io/library/alpine:edge"), { registry: "docker.io", repository: "library/alpine", tag: "edge" });
  assert.deepEqual(parseReference("index.docker.io/bitnami/redis"), { registry: "docker.io", repository: "bitnami/redis", tag: "latest" });
});

test("a first component with a dot, a port or localhost is a registry host", () => {
  assert.deepEqual(parseReference("registry.example.com/team/app:1.2"), { registry: "registry.example.com", repository: "team/app", tag: "1.2" });
  assert.deepEqual(parseReference("localhost:5000/app"), { registry: "localhost:5000", repository: "app", tag: "latest" });
  assert.deepEqual(parseReference("localhost/app"), { registry: "localhost", repository: "app", tag: "latest" });
  assert.deepEqual(parseReference("127.0.0.1:5000/a/b/c"), { registry: "127.0.0.1:5000", repository: "a/b/c", tag: "latest" });
  assert.deepEqual(parseReference("[::1]:5000/app"), { registry: "[::1]:5000", repository: "app", tag: "latest" });
  // A one-component name on a registry other than Hub gets no library/.
  assert.equal(parseReference("ghcr.io/app").repository, "app");
});

test("a digest pins the image, with or without a tag beside it; no default tag then", () => {
  assert.deepEqual(parseReference(`registry.example.com/app@${DIGEST}`), { registry: "registry.example.com", repository: "app", digest: DIGEST });
  assert.deepEqual(parseReference(`alpine:3.19@${DIGEST}`), { registry: "docker.io", repository: "library/alpine", tag: "3.19", digest: DIGEST });
});

test("Docker Hub's API host and credential key are not its name; other registries use host[:port] for both", () => {
  const hub = parseReference("alpine");
  assert.equal(apiHost(hub), "registry-1.docker.io");
  assert.equal(authKey(hub), "https://index.docker.io/v1/");
  const other = parseReference("localhost:5000/app");
  assert.equal(apiHost(other), "localhost:5000");
  assert.equal(authKey(other), "localhost:5000");
  assert.equal(hostnameOf("localhost:5000"), "localhost");
  assert.equal(hostnameOf("[::1]:5000"), "::1");
  assert.equal(hostnameOf("registry.example.com"), "registry.example.com");
});

test("invalid references are usage errors that say what is wrong", () => {
  const cases: [string, RegExp][] = [
    ["", /empty/],
    ["Alpine", /must be lowercase/],
    ["registry.example.com/App", /must be lowercase/],
    ["alpine:", /not a valid tag/],
    ["alpine:-x", /not a valid tag/],
    ["alpine@sha256:abc", /not a digest/],
    [`alpine@md5:${"a".repeat(32)}`, /only sha256 and sha512/],
    [`alpine@sha256:${"A".repeat(64)}`, /only sha256 and sha512/],
    ["a".repeat(64).replace(/a/g, "f"), /image ID/],
    ["host:99999/app", /out of range/],
    ["host:5000/", /no repository/],
    ["reg.example.com/a//b", /not a valid repository path component/],
    ["reg.example.com/a/-b", /not a valid repository path component/],
    ["ex ample.com/app", /not a registry host/],
    [`reg.example.com/${"a".repeat(260)}`, /longer than 255/],
  ];
  for (const [text, why] of cases) {
    assert.throws(() => parseReference(text), (e: unknown) => e instanceof UsageError && why.test(e.message), text);
  }
});

test("looksLikeRegistryReference tells host-qualified references from engine names and paths", () => {
  for (const yes of ["registry.example.com/app", "localhost:5000/app:dev", "localhost/app", "docker.io/library/alpine", `ghcr.io/o/r@${DIGEST}`]) {
    assert.equal(looksLikeRegistryReference(yes), true, yes);
  }
  for (const no of ["myapp:dev", "alpine", "library/alpine", "bitnami/redis:7", "./layout", "../x/app.tar", "/abs/path", "out/app.tar", "app.tar", "reg.example.com/App", ""]) {
    assert.equal(looksLikeRegistryReference(no), false, no);
  }
});

const component = fc.stringMatching(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/).filter((s) => s.length > 0 && s.length < 30);
const host = fc.oneof(
  fc.constantFrom("localhost", "registry.example.com", "127.0.0.1", "[::1]", "r-1.example.io"),
  fc.tuple(fc.constantFrom("localhost", "reg.example.com", "10.0.0.1"), fc.integer({ min: 1, max: 65535 })).map(([h, p]) => `${h}:${p}`),
);
const tag = fc.stringMatching(/^[\w][\w.-]{0,20}$/);
const digest = fc.oneof(fc.stringMatching(/^[a-f0-9]{64}$/).map((h) => `sha256:${h}`), fc.stringMatching(/^[a-f0-9]{128}$/).map((h) => `sha512:${h}`));

test("property: every valid host-qualified reference parses back to its parts and formats to itself", () => {
  fc.assert(
    fc.property(host, fc.array(component, { minLength: 1, maxLength: 4 }), fc.option(tag, { nil: undefined }), fc.option(digest, { nil: undefined }), (h, path, t, d) => {
      const text = `${h}/${path.join("/")}${t !== undefined ? `:${t}` : ""}${d !== undefined ? `@${d}` : ""}`;
      const ref = parseReference(text);
      assert.equal(ref.registry, h);
      assert.equal(ref.repository, path.join("/"));
      assert.equal(ref.tag, t ?? (d === undefined ? "latest" : undefined));
      assert.equal(ref.digest, d);
      assert.deepEqual(parseReference(formatReference(ref)), ref);
      assert.equal(looksLikeRegistryReference(text), true);
    }),
    { numRuns: 500 },
  );
});

test("property: any string either parses to a well-formed reference or throws a UsageError, never anything else", () => {
  const hostile = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.stringMatching(/^[a-zA-Z0-9./:@_\-[\]]{0,80}$/),
    fc.array(fc.constantFrom("a", "/", ":", "@", ".", "-", "_", "sha256", "localhost", "A", "0", "[", "]", "5000"), { maxLength: 30 }).map((p) => p.join("")),
  );
  fc.assert(
    fc.property(hostile, (text) => {
      let ref;
      try {
        ref = parseReference(text);
      } catch (e) {
        assert.ok(e instanceof UsageError, String(e));
        return;
      }
      assert.ok(ref.registry.length > 0 && ref.repository.length > 0);
      assert.ok(ref.tag !== undefined || ref.digest !== undefined);
      assert.equal(ref.repository, ref.repository.toLowerCase());
      // Normalised form is stable.
      assert.deepEqual(parseReference(formatReference(ref)), ref);
    }),
    { numRuns: 3000 },
  );
});
