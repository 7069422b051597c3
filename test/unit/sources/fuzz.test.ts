import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parseImageConfig } from "../../../src/image/config.js";
import { loadImages } from "../../../src/sources/resolve.js";
import { DredgeError } from "../../../src/util/errors.js";
import { sha256 } from "../../helpers/tar-writer.js";

test("any JSON value as an image config gives a config or a DredgeError, never a crash", () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
      try {
        const c = parseImageConfig(v);
        assert.ok(Array.isArray(c.env) && Array.isArray(c.history));
      } catch (e) {
        assert.ok(e instanceof DredgeError, String(e));
      }
    }),
    { numRuns: 500 },
  );
});

test("config fields of the wrong type are ignored, the rest is read", () => {
  const c = parseImageConfig({ config: { Env: ["A=1", 5, null], Labels: { a: "b", c: 3 }, Cmd: "sh" }, history: [{ created_by: 7 }, "x", { created_by: "RUN x", empty_layer: "yes" }], rootfs: { diff_ids: "nope" } });
  assert.deepEqual(c.env, ["A=1"]);
  assert.deepEqual(c.labels, { a: "b" });
  assert.deepEqual(c.cmd, ["sh"]);
  assert.deepEqual(c.history.map((h) => [h.createdBy, h.emptyLayer]), [["", false], ["RUN x", false]]);
  assert.deepEqual(c.diffIds, []);
});

const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ schemaVersion: fc.constant(2), manifests: fc.array(fc.record({ digest: fc.oneof(fc.string(), fc.constant(sha256("x")), fc.constant("sha256:../../etc")), mediaType: fc.oneof(fc.string(), fc.constant("application/vnd.oci.image.index.v1+json")), platform: fc.anything() }, { requiredKeys: [] }), { maxLength: 4 }) }),
);

test("hostile index.json and manifests: a clear DredgeError, never a crash or a path outside the layout", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-fuzz-"));
  try {
    mkdirSync(join(dir, "blobs", "sha256"), { recursive: true });
    writeFileSync(join(dir, "blobs", "sha256", sha256("x").slice(7)), "x");
    await fc.assert(
      fc.asyncProperty(jsonish, async (index) => {
        writeFileSync(join(dir, "index.json"), JSON.stringify(index));
        try {
          await loadImages(`oci:${dir}`);
        } catch (e) {
          assert.ok(e instanceof DredgeError, String(e));
        }
      }),
      { numRuns: 300 },
    );
    writeFileSync(join(dir, "index.json"), "{ not json");
    await assert.rejects(loadImages(`oci:${dir}`), /index.json is not valid JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
