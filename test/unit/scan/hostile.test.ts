import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { compress as zstdCompress } from "zstd-napi";
import { scan } from "../../../src/scan/index.js";
import { LayoutWriter } from "../../helpers/oci-fixture.js";
import { makeTar, sha256 } from "../../helpers/tar-writer.js";

const TOKEN = "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";

async function withLayout(layers: Buffer[], diffIds: string[] | undefined, fn: (dir: string, w: LayoutWriter) => Promise<void>, config?: Record<string, unknown>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "dredge-hostile-"));
  try {
    const w = new LayoutWriter(dir);
    const m = await w.image({ layers, ...(config ? { config } : {}) }, diffIds ?? layers.map((l) => sha256(l)));
    await w.index([m]);
    await fn(dir, w);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const good = makeTar([{ name: "ok.txt", data: `token ${TOKEN}\n` }]);

test("gzip and zstd layers are recognised by their bytes and scanned", async () => {
  const plain = makeTar([{ name: "z.txt", data: `GITHUB=${TOKEN}\n` }]);
  await withLayout([gzipSync(good), Buffer.from(zstdCompress(plain))], [sha256(good), sha256(plain)], async (dir) => {
    const r = await scan([`oci:${dir}`]);
    assert.deepEqual(r.targets[0]!.warnings, []);
    assert.deepEqual(r.findings[0]!.locations.map((l) => (l.status === "present" ? l.path : "")), ["/ok.txt", "/z.txt"]);
  });
});

test("a corrupt gzip layer is reported and the other layers are still scanned", async () => {
  const gz = gzipSync(makeTar([{ name: "big.txt", data: "x".repeat(200000) }]));
  gz.fill(0x55, 40, 200);
  await withLayout([gz, good], undefined, async (dir) => {
    const r = await scan([`oci:${dir}`]);
    assert.ok(r.targets[0]!.warnings.some((w) => /layer 0 .*(corrupt gzip|invalid|incorrect)/i.test(w)), r.targets[0]!.warnings.join("\n"));
    assert.equal(r.findings.length, 1);
  });
});

test("corrupt zstd and truncated blobs are reported, not crashed on", async () => {
  const z = Buffer.from(zstdCompress(makeTar([{ name: "a", data: "y".repeat(100000) }])));
  z.fill(0x11, 10, 60);
  const cut = gzipSync(good).subarray(0, 60);
  await withLayout([z, cut, good], undefined, async (dir) => {
    const r = await scan([`oci:${dir}`]);
    const w = r.targets[0]!.warnings.join("\n");
    assert.match(w, /layer 0 .*zstd/i);
    assert.match(w, /layer 1 /);
    assert.equal(r.findings.length, 1);
  });
});

test("a layer whose bytes do not match its digest, or whose content misses its diff ID, is reported", async () => {
  await withLayout([good], ["sha256:" + "0".repeat(64)], async (dir, w) => {
    const r = await scan([`oci:${dir}`]);
    assert.match(r.targets[0]!.warnings.join("\n"), /diff_ids say sha256:0000/);
    // Now tamper with the stored blob itself.
    const blob = join(w.dir, "blobs", "sha256", sha256(good).slice(7));
    writeFileSync(blob, makeTar([{ name: "ok.txt", data: "changed" }]));
    const r2 = await scan([`oci:${dir}`]);
    assert.match(r2.targets[0]!.warnings.join("\n"), /layer blob hashes to sha256:[0-9a-f]+, but the manifest says/);
  });
});

test("a manifest naming a missing blob: clear warning for the layer, other layers still scanned", async () => {
  await withLayout([good, makeTar([{ name: "b" }])], undefined, async (dir) => {
    const missing = makeTar([{ name: "b" }]);
    rmSync(join(dir, "blobs", "sha256", sha256(missing).slice(7)));
    const r = await scan([`oci:${dir}`]);
    assert.match(r.targets[0]!.warnings.join("\n"), /layer 1 .*not in|no such file/i);
    assert.equal(r.findings.length, 1);
  });
});

test("a missing config or manifest blob fails the target with a message naming it; exit would be 2", async () => {
  await withLayout([good], undefined, async (dir) => {
    const idx = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
    rmSync(join(dir, "blobs", "sha256", idx.manifests[0].digest.slice(7)));
    const r = await scan([`oci:${dir}`]);
    assert.match(r.targets[0]!.error!, /blob sha256:[0-9a-f]{64} is not in/);
  });
});

test("../ and absolute member names are read inside the root and flagged", async () => {
  const evil = makeTar([
    { name: "../../etc/cron.d/x", data: `${TOKEN}\n` },
    { name: "/abs/y", data: "nothing" },
  ]);
  await withLayout([evil], undefined, async (dir) => {
    const r = await scan([`oci:${dir}`]);
    const loc = r.findings[0]!.locations[0]!;
    assert.equal(loc.status === "present" && loc.path, "/etc/cron.d/x");
    assert.match(r.targets[0]!.warnings.join("\n"), /climbs out of the layer root/);
    assert.match(r.targets[0]!.warnings.join("\n"), /is absolute/);
  });
});

test("a gzip bomb is stopped with a clear message instead of being expanded for ever", async () => {
  const zeros = Buffer.alloc(64 << 20);
  const bomb = gzipSync(Buffer.concat([makeTar([{ name: "z", data: zeros }], { end: false })]), { level: 9 });
  await withLayout([bomb, good], undefined, async (dir) => {
    const r = await scan([`oci:${dir}`], { maxExpansionRatio: 100, expansionFloor: 8 << 20 });
    assert.match(r.targets[0]!.warnings.join("\n"), /decompression bomb/);
    assert.equal(r.findings.length, 1, "the next layer is still scanned");
  });
});

test("a layer holding a 10 GB sparse file (GNU sparse tar) is scanned in a moment, secret found", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-sparse-"));
  try {
    mkdirSync(join(dir, "root"));
    const f = join(dir, "root", "disk.img");
    execFileSync("truncate", ["-s", "10G", f]);
    execFileSync("sh", ["-c", `printf 'GITHUB_TOKEN=${TOKEN}' | dd of=${f} bs=1 seek=7000000000 conv=notrunc 2>/dev/null`]);
    const tar = execFileSync("tar", ["--format", "posix", "--sparse", "-C", join(dir, "root"), "-cf", "-", "."], { maxBuffer: 1 << 26 });
    await withLayout([tar], undefined, async (layout) => {
      const started = Date.now();
      const r = await scan([`oci:${layout}`]);
      assert.equal(r.findings[0]!.kind, "github-personal-access-token");
      assert.ok(Date.now() - started < 20000);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a symlink loop and links out of the image are just links: never followed", async () => {
  const tar = makeTar([
    { name: "a", type: "symlink", linkname: "b" },
    { name: "b", type: "symlink", linkname: "a" },
    { name: "etc-host", type: "symlink", linkname: "/../../../../etc/passwd" },
    { name: "ok.txt", data: TOKEN },
  ]);
  await withLayout([tar], undefined, async (dir) => {
    const r = await scan([`oci:${dir}`]);
    assert.equal(r.findings.length, 1);
    assert.deepEqual(r.targets[0]!.warnings, []);
  });
});

test("a hard link to a file keeps its content when the original name is deleted later", async () => {
  const l0 = makeTar([
    { name: "a", data: `t=${TOKEN}` },
    { name: "b", type: "hardlink", linkname: "a" },
  ]);
  const l1 = makeTar([{ name: ".wh.a" }]);
  await withLayout([l0, l1], undefined, async (dir) => {
    const r = await scan([`oci:${dir}`]);
    assert.deepEqual(
      r.findings[0]!.locations.map((l) => ("path" in l ? `${l.path}:${l.status}` : l.status)).sort(),
      ["/a:deleted", "/b:present"],
    );
  });
});

test("a file of a hundred thousand keys is capped per file with a warning, not fingerprinted for ever", async () => {
  const lines: string[] = [];
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  for (let i = 0; i < 100000; i++) {
    let id = "AKIA";
    for (let k = 0, n = i; k < 16; k++, n = Math.floor(n / 32) + k * 7) id += alphabet[(n + k * 13) % 32];
    lines.push(id);
  }
  const tar = makeTar([{ name: "dump.txt", data: lines.join("\n") }]);
  await withLayout([tar], undefined, async (dir) => {
    const started = Date.now();
    const r = await scan([`oci:${dir}`]);
    assert.ok(r.findings.length <= 500, String(r.findings.length));
    assert.match(r.targets[0]!.warnings.join("\n"), /more matches not reported \(at most 500 per file\)/);
    assert.ok(Date.now() - started < 60000);
  });
});
