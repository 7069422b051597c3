import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { crc32 } from "../../../../../src/detect/checksum.js";
import { checkRoutable, isRoutableToken } from "../../../../../src/detect/rules/vcs/routable.js";
import type { RuleHit } from "../../../../../src/detect/types.js";

/** A routable token as GitLab builds one: prefix, base64url payload, version, payload length, CRC. */
function routable(prefix: string, payload: Uint8Array, versioned: boolean): { token: string; body: string } {
  const body = Buffer.from(payload).toString("base64url");
  const len = body.length.toString(36).padStart(2, "0");
  const signed = versioned ? `${prefix}${body}.01.${len}` : `${prefix}${body}.${len}`;
  return { token: signed + crc32(signed).toString(36).padStart(7, "0"), body };
}

const token = fc.record({
  prefix: fc.constantFrom("glpat-", "glrt-t1_", "glrtr-t3_", "glagent-", "acme-glpat-"),
  payload: fc.uint8Array({ minLength: 20, maxLength: 120 }),
  versioned: fc.boolean(),
});
const URL64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";

test("a routable token GitLab's way passes its length holder and CRC check", () => {
  fc.assert(
    fc.property(token, ({ prefix, payload, versioned }) => {
      const { token: t, body } = routable(prefix, payload, versioned);
      assert.ok(isRoutableToken(t, body), t);
    }),
  );
});

test("changing any one character of a routable token fails the check", () => {
  fc.assert(
    fc.property(token, fc.nat(), fc.constantFrom(...URL64.split("")), ({ prefix, payload, versioned }, at, ch) => {
      const { token: t, body } = routable(prefix, payload, versioned);
      const i = prefix.length + (at % (t.length - prefix.length));
      fc.pre(t[i] !== ch && t[i] !== ".");
      const changed = t.slice(0, i) + ch + t.slice(i + 1);
      const changedBody = i < prefix.length + body.length ? changed.slice(prefix.length, prefix.length + body.length) : body;
      assert.equal(isRoutableToken(changed, changedBody), false, changed);
    }),
  );
});

test("an instance prefix checksummed into the token is taken into the hit", () => {
  const { token: t, body } = routable("acme-glpat-", new Uint8Array(24).fill(9), true);
  const line = `TOKEN=${t}`;
  const secret = t.slice("acme-".length);
  const hit: RuleHit = { ruleId: "r", kind: "k", secret, start: 100 + line.indexOf(secret), end: 100 + line.length, severity: "high", confidence: "high" };
  assert.equal(isRoutableToken(secret, body), false);
  const grown = checkRoutable(hit, body, line);
  assert.equal(grown?.secret, t);
  assert.equal(grown?.start, 100 + line.indexOf(t));
  assert.equal(checkRoutable(hit, body, `TOKEN=other-${secret}`), undefined);
});
