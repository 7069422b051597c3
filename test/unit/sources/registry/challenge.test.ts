import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseChallenges, type Challenge } from "../../../../src/sources/registry/challenge.js";

const plain = (cs: Challenge[]) => cs.map((c) => ({ scheme: c.scheme, params: { ...c.params } }));

test("a registry's bearer challenge gives its realm, service and scope", () => {
  const got = parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"');
  assert.deepEqual(plain(got), [{ scheme: "bearer", params: { realm: "https://auth.docker.io/token", service: "registry.docker.io", scope: "repository:library/alpine:pull" } }]);
});

test("commas inside quoted values, escapes, spaces around = and unquoted values are read as RFC 7235 says", () => {
  const got = parseChallenges('Bearer realm = "https://a/token" , scope="repository:a:pull,push", error=insufficient_scope, note="say \\"hi\\""');
  assert.deepEqual(plain(got)[0]!.params, { realm: "https://a/token", scope: "repository:a:pull,push", error: "insufficient_scope", note: 'say "hi"' });
});

test("several challenges in one header, scheme and names case-insensitive", () => {
  const got = parseChallenges('Basic realm="Registry Realm", BEARER Realm="https://t/token",Service="svc"');
  assert.deepEqual(plain(got), [
    { scheme: "basic", params: { realm: "Registry Realm" } },
    { scheme: "bearer", params: { realm: "https://t/token", service: "svc" } },
  ]);
});

test("garbage gives what parses and never throws", () => {
  assert.deepEqual(parseChallenges(""), []);
  assert.deepEqual(plain(parseChallenges('=,"x" Bearer realm="unterminated')), [{ scheme: "bearer", params: { realm: "unterminated" } }]);
  assert.deepEqual(plain(parseChallenges("realm=x")), []);
  const proto = parseChallenges('Basic __proto__="x", constructor="y"')[0]!;
  assert.equal(proto.params["__proto__"], "x");
  assert.equal(proto.params["constructor"], "y");
  assert.equal(({} as Record<string, unknown>).x, undefined);
});

const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,12}$/);
const value = fc.string({ maxLength: 40 });

test("property: challenges formatted by the RFC's grammar parse back to themselves", () => {
  const challenge = fc.record({ scheme: token, params: fc.uniqueArray(fc.tuple(token, value), { selector: ([k]) => k.toLowerCase(), maxLength: 5 }) });
  fc.assert(
    fc.property(fc.array(challenge, { minLength: 1, maxLength: 3 }), (list) => {
      // A scheme with no params followed by another scheme is still two challenges.
      const header = list
        .map((c) => [c.scheme, c.params.map(([k, v]) => `${k}="${v.replace(/["\\]/g, (m) => `\\${m}`)}"`).join(", ")].filter(Boolean).join(" "))
        .join(", ");
      const got = plain(parseChallenges(header));
      assert.deepEqual(
        got,
        list.map((c) => ({ scheme: c.scheme.toLowerCase(), params: Object.fromEntries(c.params.map(([k, v]) => [k.toLowerCase(), v])) })),
      );
    }),
    { numRuns: 500 },
  );
});

test("property: any header parses to challenges of string params without throwing", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom("Bearer", "Basic", " ", ",", "=", '"', "\\", "realm", "x"), { maxLength: 40 }).map((a) => a.join(""))), (header) => {
      for (const c of parseChallenges(header)) {
        assert.equal(typeof c.scheme, "string");
        assert.ok(c.scheme.length > 0);
        for (const v of Object.values(c.params)) assert.equal(typeof v, "string");
      }
    }),
    { numRuns: 2000 },
  );
});
