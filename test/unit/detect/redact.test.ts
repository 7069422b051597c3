import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import fc from "fast-check";
import { Secret, isStandIn, preview, redactText } from "../../../src/detect/redact.js";
import { fingerprint } from "../../../src/detect/fingerprint.js";
import { isSecretName } from "../../../src/detect/names.js";
import { isPlaceholder } from "../../../src/detect/placeholders.js";

test("a preview never shows more than a quarter of a secret, nor more than 6 + 3 characters", () => {
  fc.assert(
    fc.property(fc.string({ minLength: 0, maxLength: 300 }).filter((s) => !s.startsWith("-----BEGIN ")), (s) => {
      const p = preview(s);
      const shown = p.includes("•") ? 0 : [...p.replace("…", "")].length;
      assert.ok(shown <= Math.floor([...s].length / 4), p);
      assert.ok(shown <= 9, p);
    }),
  );
});

test("a PEM key's preview shows its type, none of its body", () => {
  const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAwJ0ZQn3XhWq0F1bT2kGz5dEJ4lV8cP7uR9sA6mK2yN3oB4pL\n-----END RSA PRIVATE KEY-----";
  assert.equal(preview(key), `-----BEGIN RSA PRIVATE KEY-----… (${key.length} chars)`);
});

test("a secret under 12 characters shows none of it", () => {
  assert.equal(preview("foo"), "•••• (3 chars)");
  assert.equal(preview("abcdefghijk"), "•••• (11 chars)");
});

test("the contract's example preview: npm_u3…2Pn", () => {
  assert.equal(preview("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"), "npm_u3…2Pn");
});

test("a Secret prints only its preview through String, JSON and inspect", () => {
  const s = new Secret("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");
  for (const out of [String(s), JSON.stringify({ s }), inspect(s), `${s}`]) assert.ok(!out.includes("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"), out);
  assert.equal(s.reveal(), "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");
});

test("redactText replaces every occurrence, longest secret first", () => {
  assert.equal(redactText("|1 A=foo B=foobar", ["foo", "foobar"]), "|1 A=•••• (3 chars) B=•••• (6 chars)");
});

test("fingerprints are stable, salted, and differ between values", async () => {
  const a = await fingerprint("foo");
  assert.equal(a, await fingerprint("foo"));
  assert.notEqual(a, await fingerprint("foo", "other-salt"));
  assert.notEqual(a, await fingerprint("fop"));
  assert.match(a, /^[0-9a-f]{32}$/);
});

test("secret-shaped names hold secrets; pointers to secrets and public keys do not", () => {
  for (const n of ["MY_SECRET", "NPM_TOKEN", "DB_PASSWORD", "STRIPE_API_KEY", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "client_secret", "MYSECRET", "DB_PASS", "PRIVATE_KEY"]) {
    assert.ok(isSecretName(n), n);
  }
  for (const n of ["PUBLIC_KEY_URL", "PIP_EXTRA_INDEX_URL", "PASSWORD_FILE", "TOKEN_URL", "GPG_KEY", "AWS_ACCESS_KEY_ID", "PWD", "TOKENIZERS_PARALLELISM", "PATH", "HOME", "PUBLIC_KEY", "SECRET_KEY_PATH"]) {
    assert.ok(!isSecretName(n), n);
  }
});

test("placeholders are recognised; real-looking values are not placeholders", () => {
  for (const v of ["changeme", "xxxxxxxx", "${TOKEN}", "$TOKEN", "<your-token>", "AKIAIOSFODNN7EXAMPLE", "****", "{{ .token }}", "sk_live_xxxxxxxxxxxxxxxxxxxx"]) assert.ok(isPlaceholder(v), v);
  for (const v of ["foo", "XevrSM1XYEBo1xoUKutZ", "hunter2", "abcdefg"]) assert.ok(!isPlaceholder(v), v);
});

test("guessable secrets get the slow KDF; long random tokens a cheaper one, both stable", async () => {
  const t0 = performance.now();
  await fingerprint("hunter2");
  const slow = performance.now() - t0;
  const t1 = performance.now();
  await fingerprint("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");
  const quick = performance.now() - t1;
  assert.ok(slow > quick, `slow ${slow} ms vs quick ${quick} ms`);
  assert.equal(await fingerprint("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"), await fingerprint("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"));
});

test("a finding without a secret value previews as such, not as a piece of its stand-in", () => {
  assert.equal(preview("context:config/.env"), "(no value: flagged by name or structure)");
  assert.equal(preview("dockerfile:Dockerfile:5:secret-mount-missing"), "(no value: flagged by name or structure)");
  assert.ok(!isStandIn("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"));
});
