import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { normaliseMemberName, whiteoutOf } from "../../../src/layers/paths.js";

test("member names become absolute image paths; ../ never climbs above the root and is flagged", () => {
  assert.deepEqual(normaliseMemberName("./app/x"), { path: "/app/x" });
  assert.deepEqual(normaliseMemberName("app/dir/"), { path: "/app/dir" });
  assert.deepEqual(normaliseMemberName("../../etc/passwd"), { path: "/etc/passwd", suspicious: "escapes-root" });
  assert.deepEqual(normaliseMemberName("/etc/shadow"), { path: "/etc/shadow", suspicious: "absolute" });
  assert.deepEqual(normaliseMemberName("a/../../b"), { path: "/b", suspicious: "escapes-root" });
  assert.deepEqual(normaliseMemberName("a/b/../c"), { path: "/a/c" });
});

test("any member name normalises to a path inside the root", () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("a", "/", ".", "..", "b/"), maxLength: 40 }), (name) => {
      const { path } = normaliseMemberName(name);
      assert.ok(path.startsWith("/"));
      assert.ok(!path.split("/").includes(".."));
    }),
  );
});

test("whiteouts and opaque markers are recognised by name", () => {
  assert.deepEqual(whiteoutOf("/app/.wh..env"), { kind: "whiteout", target: "/app/.env" });
  assert.deepEqual(whiteoutOf("/.wh.secret.txt"), { kind: "whiteout", target: "/secret.txt" });
  assert.deepEqual(whiteoutOf("/app/.wh..wh..opq"), { kind: "opaque", dir: "/app" });
  assert.deepEqual(whiteoutOf("/.wh..wh.plnk"), { kind: "meta" });
  assert.equal(whiteoutOf("/app/what.wh.x"), undefined);
});
