import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseMacaroonV2 } from "../../../../../src/detect/rules/registries/macaroon.js";

/** Unsigned LEB128, as libmacaroons writes field types and lengths. */
function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function field(type: number, data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([type, ...varint(data.length)]), data]);
}

/** A version-2 binary macaroon with the given parts and a random-looking signature. */
function build(location: string, identifier: Uint8Array, caveats: Uint8Array[], signature: Uint8Array): Buffer {
  const parts: Buffer[] = [Buffer.from([2])];
  if (location) parts.push(field(1, Buffer.from(location, "latin1")));
  parts.push(field(2, identifier), Buffer.from([0]));
  for (const c of caveats) parts.push(field(2, c), Buffer.from([0]));
  parts.push(Buffer.from([0]), field(6, signature));
  return Buffer.concat(parts);
}

const nonEmpty = fc.uint8Array({ minLength: 1, maxLength: 300 });
const macaroon = fc.record({
  location: fc.constantFrom("", "pypi.org", "test.pypi.org"),
  identifier: nonEmpty,
  caveats: fc.array(nonEmpty, { maxLength: 5 }),
  signature: fc.uint8Array({ minLength: 32, maxLength: 32 }),
});

test("parseMacaroonV2 never throws on arbitrary bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      const m = parseMacaroonV2(bytes);
      assert.ok(m === undefined || typeof m.location === "string");
    }),
    { numRuns: 2000 },
  );
});

test("parseMacaroonV2 never throws on mutations of a valid macaroon", () => {
  fc.assert(
    fc.property(macaroon, fc.nat(), fc.integer({ min: 0, max: 255 }), (m, at, byte) => {
      const bytes = build(m.location, m.identifier, m.caveats, m.signature);
      bytes[at % bytes.length] = byte;
      parseMacaroonV2(bytes);
    }),
  );
});

test("parseMacaroonV2 reads back the location, identifier and caveat count it was built with", () => {
  fc.assert(
    fc.property(macaroon, (m) => {
      const parsed = parseMacaroonV2(build(m.location, m.identifier, m.caveats, m.signature));
      assert.ok(parsed);
      assert.equal(parsed.location, m.location);
      assert.deepEqual([...parsed.identifier], [...m.identifier]);
      assert.equal(parsed.caveats, m.caveats.length);
    }),
  );
});

test("parseMacaroonV2 rejects a truncated macaroon and one with bytes after the signature", () => {
  fc.assert(
    fc.property(macaroon, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), (m, cut, extra) => {
      const bytes = build(m.location, m.identifier, m.caveats, m.signature);
      assert.equal(parseMacaroonV2(bytes.subarray(0, cut % bytes.length)), undefined);
      assert.equal(parseMacaroonV2(Buffer.concat([bytes, extra])), undefined);
    }),
  );
});

test("parseMacaroonV2 rejects version 1, an empty identifier and a short signature", () => {
  const sig = new Uint8Array(32).fill(7);
  const good = build("pypi.org", Buffer.from("id"), [], sig);
  assert.ok(parseMacaroonV2(good));
  assert.equal(parseMacaroonV2(Buffer.concat([Buffer.from([1]), good.subarray(1)])), undefined);
  assert.equal(parseMacaroonV2(build("pypi.org", new Uint8Array(0), [], sig)), undefined);
  assert.equal(parseMacaroonV2(build("pypi.org", Buffer.from("id"), [], sig.subarray(0, 31))), undefined);
});
