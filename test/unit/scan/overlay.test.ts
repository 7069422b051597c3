import { test } from "node:test";
import assert from "node:assert/strict";
import { LayerFacts, fateOf } from "../../../src/scan/overlay.js";
import type { LayerEntry } from "../../../src/layers/read.js";

function layer(...entries: [LayerEntry["type"], string][]): LayerFacts {
  const f = new LayerFacts();
  for (const [type, path] of entries) f.record({ type, path, size: 0, mode: 0 });
  return f;
}

test("a file no later layer touches is present", () => {
  assert.deepEqual(fateOf("/a/x", 0, [layer(["file", "/a/x"]), layer(["file", "/b"])]), { status: "present" });
});

test("a whiteout of the file in a later layer makes it deleted", () => {
  assert.deepEqual(fateOf("/secret.txt", 0, [layer(["file", "/secret.txt"]), layer(["whiteout", "/secret.txt"])]), { status: "deleted", byLayer: 1 });
});

test("a whiteout of a parent directory deletes everything under it", () => {
  assert.deepEqual(fateOf("/app/.git/config", 1, [layer(), layer(["file", "/app/.git/config"]), layer(), layer(["whiteout", "/app/.git"])]), { status: "deleted", byLayer: 3 });
});

test("an opaque parent directory hides the lower layer's file", () => {
  assert.deepEqual(fateOf("/app/.env", 0, [layer(["file", "/app/.env"]), layer(["opaque", "/app"], ["file", "/app/index.js"])]), { status: "deleted", byLayer: 1 });
});

test("an opaque directory that re-adds the same path overwrites it", () => {
  assert.deepEqual(fateOf("/app/.env", 0, [layer(["file", "/app/.env"]), layer(["opaque", "/app"], ["file", "/app/.env"])]), { status: "overwritten", byLayer: 1 });
});

test("a later file at the same path overwrites it", () => {
  assert.deepEqual(fateOf("/root/.npmrc", 0, [layer(["file", "/root/.npmrc"]), layer(["file", "/root/.npmrc"])]), { status: "overwritten", byLayer: 1 });
});

test("a later directory's mtime-only entry for a parent changes nothing", () => {
  assert.deepEqual(fateOf("/app/x", 0, [layer(["file", "/app/x"]), layer(["directory", "/app"], ["file", "/app/y"])]), { status: "present" });
});

test("a file written over a parent directory removes the files under it", () => {
  assert.deepEqual(fateOf("/etc/app/key", 0, [layer(["file", "/etc/app/key"]), layer(["file", "/etc/app"])]), { status: "deleted", byLayer: 1 });
});

test("the first later layer that acts decides", () => {
  assert.deepEqual(fateOf("/s", 0, [layer(["file", "/s"]), layer(["whiteout", "/s"]), layer(["file", "/s"])]), { status: "deleted", byLayer: 1 });
});

test("an unreadable later layer is skipped rather than guessed", () => {
  assert.deepEqual(fateOf("/s", 0, [layer(["file", "/s"]), undefined]), { status: "present" });
});
