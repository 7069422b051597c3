import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  errorMessageOf,
  imageId,
  parseBuildCache,
  parseChanges,
  parseContainerList,
  parseHistory,
  parseImageInspect,
  parseImageList,
} from "../../../../src/sources/engine/api.js";
import { parsePodmanInspect } from "../../../../src/sources/engine/podman-cli.js";
import { inferEmptyLayers, provisionalConfig } from "../../../../src/sources/engine/engine-image.js";
import { DredgeError } from "../../../../src/util/errors.js";

const HEX = "a".repeat(64);
const HEX2 = "b".repeat(64);

test("image IDs are kept as sha256:<hex>, with or without the prefix (Podman leaves it out); anything else is no ID", () => {
  assert.equal(imageId(HEX), `sha256:${HEX}`);
  assert.equal(imageId(`sha256:${HEX.toUpperCase()}`), `sha256:${HEX}`);
  assert.equal(imageId("sha256:abc"), undefined);
  assert.equal(imageId("../../etc/passwd"), undefined);
  assert.equal(imageId(42), undefined);
});

test("the image list: <none>:<none> is no tag, a parent is kept, items without an ID are counted and left out", () => {
  const { images, skipped } = parseImageList([
    { Id: `sha256:${HEX}`, ParentId: `sha256:${HEX2}`, RepoTags: ["<none>:<none>"], RepoDigests: ["<none>@<none>"], Created: 5, Size: 10 },
    { Id: `sha256:${HEX2}`, ParentId: "", RepoTags: ["app:1", "app:latest"], Size: 7 },
    { Id: "nope" },
    "junk",
  ]);
  assert.equal(skipped, 2);
  assert.deepEqual(images, [
    { id: `sha256:${HEX}`, parentId: `sha256:${HEX2}`, tags: [], digests: [], created: 5, size: 10 },
    { id: `sha256:${HEX2}`, tags: ["app:1", "app:latest"], digests: [], created: 0, size: 7 },
  ]);
  assert.throws(() => parseImageList({ not: "a list" }), DredgeError);
});

test("inspect: diff IDs must be sha256 digests (they name layers in the stream)", () => {
  const i = parseImageInspect({ Id: `sha256:${HEX}`, RepoTags: ["x:1"], Config: { Env: ["A=1"] }, ContainerConfig: { Cmd: ["sh"] }, RootFS: { Layers: [`sha256:${HEX2}`] }, Os: "linux", Architecture: "amd64" });
  assert.deepEqual(i.diffIds, [`sha256:${HEX2}`]);
  assert.equal(i.os, "linux");
  assert.deepEqual(i.containerConfig, { Cmd: ["sh"] });
  assert.throws(() => parseImageInspect({ Id: `sha256:${HEX}`, RootFS: { Layers: ["sha256:../../x"] } }), /not a sha256 diff ID/);
  assert.throws(() => parseImageInspect({ RootFS: {} }), /no image ID/);
});

test("containers: names without the slash, state lower-cased, size when asked", () => {
  const { containers } = parseContainerList([{ Id: HEX, Names: ["/build_1"], Image: "app", ImageID: `sha256:${HEX2}`, State: "Exited", Status: "Exited (0)", SizeRw: 12 }]);
  assert.deepEqual(containers, [{ id: HEX, names: ["build_1"], image: "app", imageId: `sha256:${HEX2}`, state: "exited", status: "Exited (0)", sizeRw: 12 }]);
});

test("changes: null is no change; kinds 0/1/2 are modified/added/deleted", () => {
  assert.deepEqual(parseChanges(null), []);
  assert.deepEqual(parseChanges([{ Path: "/tmp", Kind: 0 }, { Path: "/tmp/key", Kind: 1 }, { Path: "/etc/x", Kind: 2 }, { Path: "rel", Kind: 1 }, { Path: "/y", Kind: 9 }]), [
    { path: "/tmp", kind: "modified" },
    { path: "/tmp/key", kind: "added" },
    { path: "/etc/x", kind: "deleted" },
  ]);
});

test("build cache: null (legacy builder) is none; records keep id, size, in-use", () => {
  assert.deepEqual(parseBuildCache({ BuildCache: null }), []);
  assert.deepEqual(parseBuildCache({ BuildCache: [{ ID: "r1", Type: "regular", Description: "mount / from exec", InUse: false, Shared: true, Size: 8 }, { Size: 3 }] }), [
    { id: "r1", type: "regular", description: "mount / from exec", inUse: false, shared: true, size: 8 },
  ]);
});

test("an engine error body gives its message; other text its first line", () => {
  assert.equal(errorMessageOf('{"message":"No such image: x:1"}'), "No such image: x:1");
  assert.equal(errorMessageOf("page not found\nmore"), "page not found");
});

test("history: which steps made a layer is inferred from sizes and instructions, newest size-0 steps first", () => {
  const h = (createdBy: string, size: number) => ({ createdBy, comment: "", created: 0, size });
  // base (sized), WORKDIR (dir only: size 0 but a layer), ENV (no layer), RUN rm (whiteout: size 0 but a layer)
  const steps = [h("", 100), h("/bin/sh -c #(nop) WORKDIR /app", 0), h("/bin/sh -c #(nop)  ENV A=b", 0), h("/bin/sh -c rm /app/key", 0)];
  assert.deepEqual(inferEmptyLayers(steps, 3), [false, false, true, false]);
  assert.deepEqual(inferEmptyLayers([h("ENV X=1", 0), h("RUN true # buildkit", 0)], 0), [true, true]);
  // More layers than plausible steps: config-only steps are taken last.
  assert.deepEqual(inferEmptyLayers([h("ENV X=1", 0), h("COPY a b", 0)], 2), [false, false]);
});

test("the provisional config reads inspect's Env and history's created_by oldest first", () => {
  const inspect = parseImageInspect({ Id: `sha256:${HEX}`, Config: { Env: ["TOKEN=x"] }, RootFS: { Layers: [`sha256:${HEX2}`] } });
  const c = provisionalConfig(inspect, [
    { createdBy: "/bin/sh -c #(nop)  ENV TOKEN=x", comment: "", created: 2, size: 0 },
    { createdBy: "", comment: "Imported from -", created: 1, size: 10 },
  ]);
  assert.deepEqual(c.env, ["TOKEN=x"]);
  assert.deepEqual(
    c.history.map((e) => [e.createdBy, e.emptyLayer]),
    [
      ["", false],
      ["/bin/sh -c #(nop)  ENV TOKEN=x", true],
    ],
  );
  assert.deepEqual(c.diffIds, [`sha256:${HEX2}`]);
});

test("podman image inspect: its own history (with empty_layer) becomes the config", () => {
  const { inspect, configJson } = parsePodmanInspect([{ Id: HEX, RepoTags: ["localhost/p:1"], RootFS: { Layers: [`sha256:${HEX2}`] }, History: [{ created_by: "RUN x", empty_layer: false }] }]);
  assert.equal(inspect.id, `sha256:${HEX}`);
  assert.deepEqual(configJson.history, [{ created_by: "RUN x", empty_layer: false }]);
  assert.throws(() => parsePodmanInspect([]), /printed no image/);
});

/** JSON the engine could send, hostile included: the right shapes with wrong field types. */
const engineJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(fc.record({ Id: fc.oneof(fc.string(), fc.constant(HEX), fc.constant(`sha256:${HEX}`), fc.anything()), ParentId: fc.anything(), RepoTags: fc.anything(), Names: fc.anything(), State: fc.anything(), Size: fc.anything(), SizeRw: fc.anything(), Path: fc.anything(), Kind: fc.anything(), CreatedBy: fc.anything() }, { requiredKeys: [] }), { maxLength: 5 }),
  fc.record({ Id: fc.constant(`sha256:${HEX}`), RootFS: fc.record({ Layers: fc.anything() }, { requiredKeys: [] }), Config: fc.anything(), BuildCache: fc.anything() }, { requiredKeys: [] }),
);

test("every engine JSON parser gives a value or a DredgeError for any input, never a crash", () => {
  const parsers: ((v: unknown) => unknown)[] = [parseImageList, parseImageInspect, parseHistory, parseContainerList, parseChanges, parseBuildCache, parsePodmanInspect];
  fc.assert(
    fc.property(engineJson, (v) => {
      for (const parse of parsers) {
        try {
          parse(v);
        } catch (err) {
          assert.ok(err instanceof DredgeError, `${parse.name}: ${String(err)}`);
        }
      }
    }),
    { numRuns: 1000 },
  );
});

test("inferred empty-layer flags always place exactly the layers there are, when the steps allow it", () => {
  fc.assert(
    fc.property(fc.array(fc.record({ createdBy: fc.oneof(fc.string(), fc.constantFrom("ENV a=b", "RUN x", "/bin/sh -c #(nop) COPY a b", "")), comment: fc.constant(""), created: fc.nat(), size: fc.oneof(fc.constant(0), fc.nat()) }), { maxLength: 12 }), fc.nat(12), (history, layers) => {
      const empty = inferEmptyLayers(history, layers);
      assert.equal(empty.length, history.length);
      const made = empty.filter((e) => !e).length;
      const sized = history.filter((h) => h.size > 0).length;
      assert.equal(made, Math.max(sized, Math.min(layers, history.length)));
    }),
  );
});
