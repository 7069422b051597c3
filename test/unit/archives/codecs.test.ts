import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Bunzip2Decoder } from "../../../src/archives/codecs/bzip2.js";
import { GunzipDecoder } from "../../../src/archives/codecs/gzip.js";
import { UnxzDecoder } from "../../../src/archives/codecs/xz.js";
import { ZstdDecoder } from "../../../src/archives/codecs/zstd.js";
import { DecodeError, type ByteOut, type StreamDecoder } from "../../../src/archives/codecs/types.js";
import { RawInflate } from "../../../src/archives/codecs/inflate.js";
import { crc32, crc32Js } from "../../../src/archives/crc32.js";
import { prng } from "../../helpers/prng.js";
import { read, sh, withTmp } from "./helpers.js";

type Make = (out: ByteOut) => StreamDecoder;
const DECODERS: Record<string, Make> = {
  gzip: (o) => new GunzipDecoder(o),
  bzip2: (o) => new Bunzip2Decoder(o),
  xz: (o) => new UnxzDecoder(o),
  zstd: (o) => new ZstdDecoder(o),
};

/** Decodes `input` fed in slices of `piece` bytes; returns the output. */
function decode(make: Make, input: Buffer, piece: number): Buffer {
  const parts: Buffer[] = [];
  const d = make((c) => parts.push(Buffer.from(c)));
  for (let i = 0; i < input.length; i += piece) d.write(input.subarray(i, i + piece));
  d.end();
  return Buffer.concat(parts);
}

function flip(b: Buffer, at: number, mask: number): void {
  b[at] = b[at]! ^ mask;
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Text, random bytes and long runs: what real files hold, in one file of ~1.1 MB. */
function sample(): Buffer {
  const rnd = prng(7);
  const words = ["secret", "token", "the", "layer", "image", "password=", "\n", "AKIA", "docker", "build"];
  let text = "";
  while (text.length < 500_000) text += words[Math.floor(rnd() * words.length)] + " ";
  return Buffer.concat([Buffer.from(text), randomBytes(200_000), Buffer.alloc(300_000, 0x61), Buffer.from(text.slice(0, 100_000))]);
}

test("each decoder reproduces what the real tool compressed, fed whole or in odd slices", async () => {
  await withTmp((dir) => {
    const data = sample();
    writeFileSync(join(dir, "f"), data);
    const made: [string, string, string[]][] = [
      ["gzip", "f.gz", ["gzip", "-k", "f"]],
      ["bzip2", "f.bz2", ["bzip2", "-k", "f"]],
      ["xz", "f.xz", ["xz", "-k", "f"]],
      ["zstd", "f.zst", ["zstd", "-q", "-k", "f"]],
    ];
    for (const [fmt, out, cmd] of made) {
      sh(cmd[0]!, cmd.slice(1), { cwd: dir });
      const input = read(dir, out);
      for (const piece of [input.length, 65536, 4093, 1]) {
        if (piece === 1 && input.length > 100_000) continue;
        assert.equal(sha(decode(DECODERS[fmt]!, input, piece)), sha(data), `${fmt} in slices of ${piece}`);
      }
    }
  });
});

test("xz: every check type, several blocks, several streams and stream padding decode", async () => {
  await withTmp((dir) => {
    const data = sample().subarray(0, 900_000);
    writeFileSync(join(dir, "f"), data);
    for (const args of [["--check=none"], ["--check=crc32"], ["--check=crc64"], ["--check=sha256"], ["-T2", "--block-size=100000"], ["-0"]]) {
      const xz = sh("xz", ["-c", ...args, "f"], { cwd: dir });
      assert.equal(sha(decode(DECODERS.xz!, xz, 7777)), sha(data), args.join(" "));
    }
    const two = Buffer.concat([sh("xz", ["-c", "f"], { cwd: dir }), Buffer.alloc(8), sh("xz", ["-c", "f"], { cwd: dir })]);
    assert.equal(sha(decode(DECODERS.xz!, two, 50_000)), sha(Buffer.concat([data, data])));
    assert.equal(decode(DECODERS.xz!, sh("xz", ["-c"], { input: "" }), 10).length, 0);
  });
});

test("bzip2 and gzip: concatenated streams decode as one, as their tools do; empty input compresses to nothing", async () => {
  const a = Buffer.from("first part\n".repeat(1000));
  const b = Buffer.from("second part\n".repeat(1000));
  const bz = Buffer.concat([sh("bzip2", ["-c"], { input: a }), sh("bzip2", ["-c"], { input: b })]);
  assert.deepEqual(decode(DECODERS.bzip2!, bz, 100), Buffer.concat([a, b]));
  const gz = Buffer.concat([gzipSync(a), gzipSync(b)]);
  assert.deepEqual(decode(DECODERS.gzip!, gz, 100), Buffer.concat([a, b]));
  assert.equal(decode(DECODERS.bzip2!, sh("bzip2", ["-c"], { input: "" }), 3).length, 0);
  assert.equal(decode(DECODERS.gzip!, gzipSync(Buffer.alloc(0)), 3).length, 0);
  const zst = Buffer.concat([sh("zstd", ["-q", "-c"], { input: a }), sh("zstd", ["-q", "-c"], { input: b })]);
  assert.deepEqual(decode(DECODERS.zstd!, zst, 100), Buffer.concat([a, b]));
});

test("gzip: the header's file name is kept", () => {
  const gz = sh("gzip", ["-c", "-N"], { input: "x" });
  // gzip from a pipe stores no name; set one the way `gzip file` does.
  const named = Buffer.concat([gz.subarray(0, 3), Buffer.from([gz[3]! | 8]), gz.subarray(4, 10), Buffer.from("notes.txt\0"), gz.subarray(10)]);
  const d = new GunzipDecoder(() => {});
  d.write(named);
  d.end();
  assert.equal(d.name, "notes.txt");
});

test("truncated input is an error naming the format, after the bytes before the cut came out", () => {
  const data = sample().subarray(0, 300_000);
  const inputs: Record<string, Buffer> = {
    gzip: gzipSync(data),
    bzip2: sh("bzip2", ["-c"], { input: data }),
    xz: sh("xz", ["-c"], { input: data }),
    zstd: sh("zstd", ["-q", "-c"], { input: data }),
  };
  for (const [fmt, input] of Object.entries(inputs)) {
    const parts: Buffer[] = [];
    const d = DECODERS[fmt]!((c) => parts.push(Buffer.from(c)));
    assert.throws(
      () => {
        d.write(input.subarray(0, Math.floor(input.length * 0.7)));
        d.end();
      },
      (e: unknown) => e instanceof DecodeError && new RegExp(fmt === "bzip2" ? "bzip2" : fmt, "i").test(e.message),
      fmt,
    );
    const out = Buffer.concat(parts);
    // bzip2 blocks and LZMA2 chunks come out whole: a cut inside the first one outputs nothing.
    if (fmt === "gzip" || fmt === "zstd") assert.ok(out.length > 0 && data.subarray(0, out.length).equals(out), `${fmt}: the part before the cut is output`);
  }
});

test("a flipped byte fails the check (CRC) instead of passing corrupt data as good", () => {
  const data = Buffer.from("abcdefghij".repeat(5000));
  const gz = gzipSync(data);
  flip(gz, gz.length - 6, 0xff); // inside the CRC-32
  assert.throws(() => decode(DECODERS.gzip!, gz, 1000), /CRC-32 mismatch/);
  const xz = sh("xz", ["-c", "--check=crc64"], { input: data });
  flip(xz, xz.length - 30, 0x01); // the block's check sits just before the index
  assert.throws(() => decode(DECODERS.xz!, xz, 1000), DecodeError);
  const bz = sh("bzip2", ["-c"], { input: data });
  flip(bz, 12, 0x10); // inside the block CRC
  assert.throws(() => decode(DECODERS.bzip2!, bz, 1000), /CRC mismatch/);
});

test("xz filters other than LZMA2 are refused by name", () => {
  const xz = sh("xz", ["-c", "--x86", "--lzma2"], { input: Buffer.alloc(5000, 0x90) });
  assert.throws(() => decode(DECODERS.xz!, xz, 1000), /BCJ x86.*not supported/);
});

test("raw inflate says where the deflate stream ended inside a chunk", () => {
  const deflated = sh("python3", ["-c", "import sys,zlib; c=zlib.compressobj(6, zlib.DEFLATED, -15); sys.stdout.buffer.write(c.compress(b'hello world ' * 1000) + c.flush())"]);
  const trailer = Buffer.from("TRAILER");
  const out: Buffer[] = [];
  const inf = new RawInflate((c) => out.push(Buffer.from(c)));
  const used = inf.write(Buffer.concat([deflated, trailer]));
  assert.equal(used, deflated.length);
  assert.ok(inf.done);
  assert.equal(Buffer.concat(out).toString(), "hello world ".repeat(1000));
});

test("the table CRC-32 agrees with zlib's", () => {
  const rnd = prng(3);
  for (let n = 0; n < 50; n++) {
    const b = Buffer.alloc(Math.floor(rnd() * 3000), 0).map(() => Math.floor(rnd() * 256));
    assert.equal(crc32Js(b, 0), crc32(b, 0));
    assert.equal(crc32Js(b.subarray(7), crc32Js(b.subarray(0, 7), 0)), crc32(b, 0));
  }
});
