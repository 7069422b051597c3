import { test } from "node:test";
import assert from "node:assert/strict";
import { ProgressLine } from "../../../src/cli/progress.js";
import type { Image } from "../../../src/image/types.js";
import { emptyConfig } from "../../../src/image/types.js";

function fakeImage(layers: number): Image {
  return {
    target: "oci:app",
    tags: [],
    config: emptyConfig(),
    warnings: [],
    layers: Array.from({ length: layers }, (_, index) => ({ kind: "directory" as const, index, root: "/", where: "x" })),
  };
}

test("the progress line counts layers done, cached layers, megabytes and the rate", () => {
  let now = 0;
  const out: string[] = [];
  const p = new ProgressLine({ write: (t) => out.push(t) }, () => now, 100);
  const img = fakeImage(3);
  p.onLayer(img);
  now = 1000;
  p.onLayerDone(img, 0, { bytes: 0, cached: true });
  now = 2000;
  p.onLayerDone(img, 1, { bytes: 50e6, cached: false });
  assert.equal(p.text(), "scanning oci:app: layers 2/3, 1 from cache, 50 MB at 25 MB/s");
  now = 2010;
  p.onLayerDone(img, 2, { bytes: 50e6, cached: false });
  // The last layer always draws, however soon after the previous draw.
  assert.match(out.at(-1)!, /layers 3\/3/);
  p.clear();
  assert.equal(out.at(-1), "\r\u001b[2K");
});

test("the progress line redraws at most once per interval", () => {
  let now = 0;
  const out: string[] = [];
  const p = new ProgressLine({ write: (t) => out.push(t) }, () => now, 100);
  const img = fakeImage(1000);
  p.onLayer(img);
  for (let i = 0; i < 500; i++) {
    now += 1;
    p.onLayerDone(img, i, { bytes: 1000, cached: false });
  }
  assert.ok(out.length <= 7, `drew ${out.length} times in 500 ms`);
});

test("nothing is drawn, and nothing cleared, when no layer was scanned", () => {
  const out: string[] = [];
  new ProgressLine({ write: (t) => out.push(t) }).clear();
  assert.deepEqual(out, []);
});
