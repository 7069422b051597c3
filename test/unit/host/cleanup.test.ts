import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { planCleanup, type HostOnlyHolders } from "../../../src/host/cleanup.js";
import { ImageGraph } from "../../../src/host/graph.js";
import type { HostInventory } from "../../../src/host/inventory.js";
import type { ContainerSummary, ImageSummary } from "../../../src/sources/engine/api.js";

const id = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;
const short = (n: number) => id(n).slice(7, 19);
const cid = (n: number) => `c${n.toString(16).padStart(63, "0")}`;

function img(n: number, parent?: number, tags: string[] = [], size = 100 * n): ImageSummary {
  const i: ImageSummary = { id: id(n), tags, digests: [], created: n, size };
  if (parent !== undefined) i.parentId = id(parent);
  return i;
}

function ctr(n: number, image: number, state = "exited"): ContainerSummary {
  return { id: cid(n), names: [`box${n}`], image: short(image), imageId: id(image), state, status: state, sizeRw: 5 };
}

function inventory(images: ImageSummary[], containers: ContainerSummary[] = [], server = "Docker/20.10.24 (linux)"): HostInventory {
  return { engine: { endpoint: "unix:///x", server, apiVersion: "1.41" }, images, containers, buildCache: [], warnings: [] };
}

function holders(images: number[], containers: number[] = []): HostOnlyHolders {
  return { images: new Map(images.map((n) => [id(n), ["npm-access-token npm_u3…2Pn (NPM_TOKEN)"]])), containers: new Map(containers.map((n) => [cid(n), ["private-key"]])) };
}

// A legacy build: base 1 (tagged) → 2 (ARG) → 3 (RUN writes the token) → 4 (RUN build): stage ends untagged;
// the final stage 5 is built on 1 and tagged.
const LEGACY = [img(1, undefined, ["debian:latest"]), img(2, 1), img(3, 2), img(4, 3), img(5, 1, ["app:dev"])];

test("untagged step images holding a host-only secret are removed with the images built on them, children first", () => {
  const plan = planCleanup(inventory(LEGACY), holders([3, 4]));
  assert.deepEqual(plan.steps.map((s) => s.command), [`docker rmi --no-prune ${short(4)} ${short(3)}`]);
  assert.deepEqual(plan.steps[0]!.action, { kind: "remove-images", ids: [id(4), id(3)] });
  assert.match(plan.steps[0]!.why, /npm-access-token npm_u3…2Pn \(NPM_TOKEN\) in .*, .*; children first/);
  assert.equal(plan.steps[0]!.frees, (400 - 300) + (300 - 200));
  assert.deepEqual(plan.kept, []);
});

test("an image in a tagged image's parent chain is never listed: it goes only with the tagged image", () => {
  const plan = planCleanup(inventory([...LEGACY, img(6, 4, ["app:debug"])]), holders([3]));
  assert.deepEqual(plan.steps, []);
  assert.equal(plan.kept.length, 1);
  assert.match(plan.kept[0]!.why, /parent chain of tagged image app:debug: it goes only with it \(docker rmi app:debug\)/);
});

test("stopped containers made from doomed images are removed first; one holding a secret itself too", () => {
  const plan = planCleanup(inventory(LEGACY, [ctr(1, 4), ctr(2, 5), ctr(3, 1)]), holders([3], [3]));
  assert.deepEqual(plan.steps.map((s) => s.action.kind), ["remove-containers", "remove-images"]);
  assert.equal(plan.steps[0]!.command, `docker rm ${cid(1).slice(0, 12)} ${cid(3).slice(0, 12)}`);
  assert.match(plan.steps[0]!.why, /box3: private-key/);
  assert.match(plan.steps[0]!.why, /made from the images below \(box1\)/);
});

test("an image a running container uses is kept, with its parents; the rest of the tree still goes", () => {
  const plan = planCleanup(inventory([...LEGACY, img(7, 3)], [ctr(1, 4, "running")]), holders([3]));
  // 4 is in use: 4, 3 (its parent) stay; 7 (built on 3, not in use) goes.
  assert.deepEqual(plan.steps.map((s) => s.command), [`docker rmi --no-prune ${short(7)}`]);
  assert.deepEqual(plan.kept.map((k) => k.id).sort(), [id(3), id(4)].sort());
  assert.ok(plan.kept.every((k) => /running container box1: stop it \(docker stop box1\)/.test(k.why)));
});

test("Podman's engine gets podman commands; build cache gets builder prune with what it cannot tell", () => {
  const inv = inventory(LEGACY, [], "Libpod/4.3.1 (linux)");
  inv.buildCache = [{ id: "r1", type: "regular", description: "mount / from exec", inUse: false, shared: false, size: 2048 }];
  const plan = planCleanup(inv, holders([4]));
  assert.deepEqual(plan.steps.map((s) => s.command), [`podman rmi --no-prune ${short(4)}`, "podman builder prune --all --force"]);
  assert.match(plan.steps[1]!.why, /1 BuildKit build cache record \(2\.0 KiB\): the Engine API cannot read their content/);
});

test("the graph: ancestors, descendants, dangling, and parent cycles in hostile input are cut", () => {
  const g = new ImageGraph([...LEGACY, { ...img(8, 9) }, { ...img(9, 8) }]);
  assert.deepEqual(g.ancestors(id(4)), [id(3), id(2), id(1)]);
  assert.deepEqual(g.descendants(id(2)).sort(), [id(3), id(4)]);
  assert.ok(g.isDangling(id(4)) && !g.isDangling(id(3)) && !g.isDangling(id(5)));
  assert.deepEqual(g.ancestors(id(8)), [id(9)]);
  assert.deepEqual(g.taggedDependents(id(1)), [id(5)]);
});

/** Random forests of images (some tagged), containers on them, and holders among them. */
const scenario = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc.record({
      parents: fc.tuple(...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(-1) : fc.integer({ min: -1, max: i - 1 })))),
      tagged: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      containers: fc.array(fc.record({ image: fc.nat(n - 1), state: fc.constantFrom("exited", "created", "running", "dead") }), { maxLength: 5 }),
      holders: fc.subarray(Array.from({ length: n }, (_, i) => i)),
      containerHolders: fc.array(fc.nat(4), { maxLength: 3 }),
    }),
  );

test("for any images, containers and holders the plan works when run in order", () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const images = s.parents.map((p, i) => img(i + 1, p < 0 ? undefined : p + 1, s.tagged[i] ? [`t${i}:latest`] : []));
      const containers = s.containers.map((c, i) => ctr(i + 1, c.image + 1, c.state));
      const plan = planCleanup(inventory(images, containers), holders(s.holders.map((i) => i + 1), s.containerHolders.map((i) => i + 1)));
      const graph = new ImageGraph(images);
      const byId = new Map(containers.map((c) => [c.id, c]));
      // Replay the plan against a model of the engine: every removal must be allowed when it runs.
      const liveImages = new Set(images.map((i) => i.id));
      const liveContainers = new Set(containers.map((c) => c.id));
      let sawImages = false;
      for (const step of plan.steps) {
        const a = step.action;
        if (a.kind === "remove-containers") {
          assert.ok(!sawImages, "containers are removed before images");
          for (const c of a.ids) {
            assert.ok(!["running", "paused", "restarting"].includes(byId.get(c)!.state), "no running container is removed");
            liveContainers.delete(c);
          }
        } else if (a.kind === "remove-images") {
          sawImages = true;
          for (const i of a.ids) {
            assert.ok(!graph.isTagged(i), "no tagged image is removed");
            assert.ok(!graph.children(i).some((c) => liveImages.has(c)), "children are removed before their parent");
            assert.ok(![...liveContainers].some((c) => byId.get(c)!.imageId === i), "no image a container still uses is removed");
            liveImages.delete(i);
          }
        }
      }
      // Every holder is either removed or said to be kept.
      const kept = new Set(plan.kept.map((k) => k.id));
      for (const h of s.holders) {
        const i = id(h + 1);
        if (liveImages.has(i)) assert.ok(kept.has(i), `holder ${h + 1} is neither removed nor said to be kept`);
      }
    }),
    { numRuns: 500 },
  );
});
