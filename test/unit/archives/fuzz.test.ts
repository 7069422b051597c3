import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { Bunzip2Decoder } from "../../../src/archives/codecs/bzip2.js";
import { GunzipDecoder } from "../../../src/archives/codecs/gzip.js";
import { UnxzDecoder } from "../../../src/archives/codecs/xz.js";
import { ZstdDecoder } from "../../../src/archives/codecs/zstd.js";
import { DecodeError, type StreamDecoder } from "../../../src/archives/codecs/types.js";
import { readCentralDirectory, readEntries } from "../../../src/archives/zip/central.js";
import { LocalZipReader } from "../../../src/archives/zip/local.js";
import { ZipError, type ZipEvents } from "../../../src/archives/zip/format.js";
import { LimitError } from "../../../src/archives/limits.js";
import { TOKEN, python, read, scanFiles, sh, withTmp } from "./helpers.js";

/** Each case must finish within this (a hang shows as a failure, not a stuck suite). */
const CASE_MS = 3000;

const MAGIC: Record<string, number[]> = {
  gzip: [0x1f, 0x8b, 0x08],
  bzip2: [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59],
  xz: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04],
  zstd: [0x28, 0xb5, 0x2f, 0xfd],
};
const DECODERS: Record<string, () => StreamDecoder> = {
  gzip: () => new GunzipDecoder(() => {}),
  bzip2: () => new Bunzip2Decoder(() => {}),
  xz: () => new UnxzDecoder(() => {}),
  zstd: () => new ZstdDecoder(() => {}),
};

/** Feeds `input` in slices; only a DecodeError may come out, within CASE_MS. */
function feed(make: () => StreamDecoder, input: Uint8Array, slices: number[]): void {
  const started = Date.now();
  const d = make();
  try {
    let pos = 0;
    for (let i = 0; pos < input.length; i++) {
      const n = Math.max(1, slices[i % Math.max(1, slices.length)] ?? input.length);
      d.write(Buffer.from(input.subarray(pos, pos + n)));
      pos += n;
    }
    d.end();
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
  }
  assert.ok(Date.now() - started < CASE_MS, `took ${Date.now() - started} ms`);
}

const slices = fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 8 });

test("decoders: arbitrary bytes after each format's magic end in a DecodeError or nothing, never another error or a hang", () => {
  for (const [fmt, magic] of Object.entries(MAGIC)) {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), slices, (tail, s) => feed(DECODERS[fmt]!, Uint8Array.from([...magic, ...tail]), s)),
      { numRuns: 300 },
    );
  }
});

/** Real archives of every format, made by real tools: the seeds that mutations start from. */
function seeds(dir: string): Record<string, Buffer> {
  const text = Buffer.from(`TOKEN=${TOKEN}\n` + "the quick brown fox jumps over the lazy dog\n".repeat(400));
  writeFileSync(join(dir, "f.txt"), text);
  mkdirSync(join(dir, "d"));
  writeFileSync(join(dir, "d/a.env"), text);
  writeFileSync(join(dir, "d/b.bin"), Buffer.alloc(5000, 7));
  sh("zip", ["-q", "-r", "plain.zip", "d"], { cwd: dir });
  sh("zip", ["-q", "-0", "-r", "stored.zip", "d"], { cwd: dir });
  sh("jar", ["cf", "x.jar", "d"], { cwd: dir });
  return {
    "f.txt.gz": gzipSync(text),
    "f.txt.bz2": sh("bzip2", ["-c"], { input: text }),
    "f.txt.xz": sh("xz", ["-c"], { input: text }),
    "f.txt.zst": sh("zstd", ["-q", "-c"], { input: text }),
    "d.tar.gz": sh("tar", ["czf", "-", "d"], { cwd: dir }),
    "d.tar": sh("tar", ["cf", "-", "d"], { cwd: dir }),
    "plain.zip": read(dir, "plain.zip"),
    "stored.zip": read(dir, "stored.zip"),
    "x.jar": read(dir, "x.jar"),
    "streamed.zip": python(`
import sys, zipfile
with zipfile.ZipFile(sys.stdout.buffer, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("a.env", ${JSON.stringify(text.toString())})
    i = zipfile.ZipInfo("s.txt"); z.writestr(i, "stored with a descriptor")
`),
  };
}

/** A mutation of `seed`: flipped bytes, a cut, or inserted bytes. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), value: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 1 }), value: fc.constant(0) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), value: fc.integer({ min: 0, max: 255 }) }),
);

function mutate(seed: Buffer, m: { kind: "flip" | "cut" | "insert"; at: number[]; value: number }): Buffer {
  const b = Buffer.from(seed);
  if (m.kind === "cut") return b.subarray(0, m.at[0]! % Math.max(1, b.length));
  if (m.kind === "flip") {
    for (const a of m.at) {
      const i = a % b.length;
      b[i] = b[i]! ^ m.value;
    }
    return b;
  }
  let out = b;
  for (const a of m.at) {
    const i = a % (out.length + 1);
    out = Buffer.concat([out.subarray(0, i), Buffer.from([m.value, m.value ^ 0x5a]), out.subarray(i)]);
  }
  return out;
}

test("mutated real archives through the whole layer tap: never an error out of the scan, never a hang", async () => {
  await withTmp(async (dir) => {
    const all = seeds(dir);
    const names = Object.keys(all);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), mutation, fc.boolean(), async (name, m, small) => {
        const started = Date.now();
        const r = await scanFiles([{ name: `a/${name}`, data: mutate(all[name]!, m) }], small ? { memoryBytes: 0 } : {});
        assert.ok(Date.now() - started < CASE_MS, `took ${Date.now() - started} ms`);
        for (const n of r.notes) assert.ok(!/reading inside it failed/.test(n), `an unexpected fault: ${n}`);
      }),
      { numRuns: 400 },
    );
  });
});

test("zip readers: arbitrary and mutated bytes give only zip errors, decode errors or limits", async () => {
  await withTmp(async (dir) => {
    const all = seeds(dir);
    const zips = ["plain.zip", "stored.zip", "x.jar", "streamed.zip"].map((n) => all[n]!);
    const events: ZipEvents = { entry: () => ({ data: () => {}, end: () => {} }), unreadable: () => {}, problem: () => {} };
    const limits = { entry: () => {}, expanded: () => {}, maxRatio: 200, ratioFloor: 1 << 20 };
    const expected = (err: unknown) => err instanceof ZipError || err instanceof DecodeError || err instanceof LimitError;
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 3000 }).map((u) => Buffer.from(u)), fc.tuple(fc.constantFrom(...zips), mutation).map(([z, m]) => mutate(z, m))), slices, (buf, s) => {
        const started = Date.now();
        try {
          readEntries(buf, readCentralDirectory(buf), events, limits);
        } catch (err) {
          if (!expected(err)) throw err;
        }
        const local = new LocalZipReader(events, limits);
        try {
          let pos = 0;
          for (let i = 0; pos < buf.length; i++) {
            const n = s[i % Math.max(1, s.length)] ?? buf.length;
            local.write(buf.subarray(pos, pos + n));
            pos += n;
          }
          local.end();
        } catch (err) {
          if (!expected(err)) throw err;
        }
        assert.ok(Date.now() - started < CASE_MS);
      }),
      { numRuns: 500 },
    );
  });
});
