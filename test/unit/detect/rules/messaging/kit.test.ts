import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { assignment, decodeBase64, decodeJsonObject, looksRandom, prefixKeywords } from "../../../../../src/detect/rules/messaging/kit.js";

const DD = new RegExp(`${assignment("datadog|dd[_-]api[_-]?key")}(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])`, "i");
const KEY = "4f3a9c2e71b84d06a5e9f1c3b7d2e8a6";

test("assignment() reads a value after the usual ways of naming it, and captures the name", () => {
  const forms: [string, string][] = [
    [`DD_API_KEY=${KEY}`, "DD_API_KEY"],
    [`export DATADOG_API_KEY="${KEY}"`, "DATADOG_API_KEY"],
    [`datadog_api_key: '${KEY}'`, "datadog_api_key"],
    [`{"DD_API_KEY": "${KEY}"}`, "DD_API_KEY"],
    [`ENV DD_API_KEY ${KEY}`, "DD_API_KEY"],
    [`'datadog.apiKey' => '${KEY}',`, "datadog.apiKey"],
    [`os.environ["DD_API_KEY"] = "${KEY}"`, "DD_API_KEY"],
    [`-H "DD-API-KEY: ${KEY}"`, "DD-API-KEY"],
    [`"{\\"dd_api_key\\":\\"${KEY}\\"}"`, "dd_api_key"],
    [`datadog_api_key := "${KEY}"`, "datadog_api_key"],
    [`DD_API_KEY ?= ${KEY}`, "DD_API_KEY"],
  ];
  for (const [text, name] of forms) {
    const m = DD.exec(text);
    assert.ok(m, text);
    assert.equal(m.groups?.secret, KEY, text);
    assert.equal(m.groups?.name, name, text);
  }
});

test("assignment() needs the name right before the value", () => {
  for (const text of [`API_KEY=${KEY}`, `mydatadog_value is ${KEY}x`, `DD_API_KEY=prefix${KEY}`, `DD_API_KEY=\n${KEY}`, `xdatadog${KEY}`]) {
    assert.equal(DD.exec(text), null, text);
  }
});

test("assignment() finds the value whatever the quoting, spacing and surrounding name characters", () => {
  const quote = fc.constantFrom("", '"', "'");
  const sep = fc.constantFrom("=", ": ", " = ", " => ", ":=", " ", "\t");
  const part = fc.stringMatching(/^[A-Za-z0-9_]{0,12}$/);
  fc.assert(
    fc.property(part, part, quote, sep, fc.stringMatching(/^[0-9a-f]{32}$/), (before, after, q, s, value) => {
      const name = `${before ? `${before}_` : ""}DATADOG${after ? `_${after}` : ""}`;
      const m = DD.exec(`${q}${name}${q}${s}${q}${value}${q}`);
      assert.equal(m?.groups?.secret, value);
      assert.equal(m?.groups?.name, name);
    }),
  );
});

test("looksRandom() turns down placeholders, masks, documentation sequences and identifiers", () => {
  for (const body of ["xxxxxxxxxxxxxxxxxxxxxxxx", "${TOKEN}", "<your-api-key>", "your_api_key", "0123456789abcdef0123456789abcdef", "aaaaaab3c4d5e6f7", "EXAMPLEKEY1234567", "MailchimpTransactional", "read_only_access_key", "changeme"]) {
    assert.equal(looksRandom(body), false, body);
  }
  for (const body of ["4f3a9c2e71b84d06a5e9f1c3b7d2e8a6", "q8Wz3nR5tY7uI9oP1aS3dF5g", "Zb8v0qJ3mN5xR7tY1uW2eA4sD6fG9hK0lP3oI5uQ"]) {
    assert.equal(looksRandom(body), true, body);
  }
});

test("decodeBase64() round-trips base64 and base64url, padded or not, and never throws", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => {
      const buf = Buffer.from(bytes);
      for (const text of [buf.toString("base64"), buf.toString("base64url"), buf.toString("base64").replace(/=+$/, "")]) {
        assert.deepEqual(decodeBase64(text), buf);
      }
    }),
  );
  fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => void decodeBase64(text)));
  for (const bad of ["abc!", "a", "ab=c", "abc==="]) assert.equal(decodeBase64(bad), undefined, bad);
});

test("decodeJsonObject() gives objects only", () => {
  assert.deepEqual(decodeJsonObject(Buffer.from('{"k":"v"}').toString("base64")), { k: "v" });
  for (const text of [Buffer.from("[1,2]").toString("base64"), Buffer.from("null").toString("base64"), Buffer.from("{nope").toString("base64"), "%%%"]) {
    assert.equal(decodeJsonObject(text), undefined, text);
  }
});

test("prefixKeywords() lengthens a short prefix to prefilter keywords, one per starting character", () => {
  const kws = prefixKeywords("hf_", "abcABC");
  assert.deepEqual(kws, ["hf_a", "hf_b", "hf_c"]);
  assert.ok(prefixKeywords("sg.").every((k) => k.length === 4));
});
