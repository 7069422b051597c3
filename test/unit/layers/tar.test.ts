import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, linkSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { TarParser, type TarEntry } from "../../../src/layers/tar/parser.js";
import { TarError } from "../../../src/layers/tar/header.js";
import { TarFileIndex } from "../../../src/layers/tar/index-file.js";
import { makeTar } from "../../helpers/tar-writer.js";

interface Parsed {
  entries: (TarEntry & { content: string })[];
}

function parse(buf: Buffer, chunk = buf.length): Parsed {
  const entries: Parsed["entries"] = [];
  let parts: Buffer[] = [];
  const p = new TarParser({
    entry: (e) => {
      entries.push({ ...e, content: "" });
      parts = [];
    },
    data: (c) => parts.push(Buffer.from(c)),
    entryEnd: () => {
      entries[entries.length - 1]!.content = Buffer.concat(parts).toString("latin1");
    },
  });
  for (let i = 0; i < buf.length; i += chunk) p.write(buf.subarray(i, i + chunk));
  p.end();
  return { entries };
}

function gnuTar(args: string[], cwd: string): Buffer {
  return execFileSync("tar", args, { cwd, maxBuffer: 1 << 26 });
}

test("reads what GNU tar writes in gnu, posix (pax) and ustar formats, at any chunking", () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-tar-"));
  try {
    const long = "d".repeat(60) + "/" + "e".repeat(80) + "/" + "f".repeat(70) + ".txt";
    mkdirSync(join(dir, "root", "d".repeat(60), "e".repeat(80)), { recursive: true });
    writeFileSync(join(dir, "root", long), "long name body\n");
    writeFileSync(join(dir, "root", "a.txt"), "alpha\n".repeat(300));
    writeFileSync(join(dir, "root", "ünïcødé.txt"), "unicode\n");
    symlinkSync("a.txt", join(dir, "root", "link-to-a"));
    linkSync(join(dir, "root", "a.txt"), join(dir, "root", "hard-a"));
    for (const format of ["gnu", "posix"]) {
      const tar = gnuTar(["--format", format, "--sort=name", "-C", "root", "-cf", "-", "."], dir);
      for (const chunk of [tar.length, 4096, 513, 7]) {
        const { entries } = parse(tar, chunk);
        const byName = new Map(entries.map((e) => [e.name.replace(/^\.\//, ""), e]));
        assert.equal(byName.get(long)?.content, "long name body\n", `${format} long name, chunk ${chunk}`);
        assert.equal(byName.get("a.txt")?.content, "alpha\n".repeat(300));
        assert.equal(byName.get("ünïcødé.txt")?.content, "unicode\n");
        assert.equal(byName.get("link-to-a")?.type, "symlink");
        assert.equal(byName.get("link-to-a")?.linkTarget, "a.txt");
        const hard = byName.get("hard-a") ?? byName.get("a.txt");
        assert.ok(entries.some((e) => e.type === "hardlink"), `${format}: a hard link entry`);
        assert.ok(hard);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a GNU sparse member yields its stored data, not gigabytes of holes", () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-tar-"));
  try {
    mkdirSync(join(dir, "root"));
    execFileSync("truncate", ["-s", "10G", join(dir, "root", "sparse.img")]);
    const fd = join(dir, "root", "sparse.img");
    execFileSync("sh", ["-c", `printf 'token=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' | dd of=${fd} bs=1 seek=5000000000 conv=notrunc 2>/dev/null`]);
    writeFileSync(join(dir, "root", "after.txt"), "after\n");
    for (const format of ["gnu", "posix"]) {
      const tar = gnuTar(["--format", format, "--sparse", "-C", "root", "-cf", "-", "."], dir);
      assert.ok(tar.length < 1 << 20, `the ${format} archive is small (${tar.length})`);
      const { entries } = parse(tar, 65536);
      const sparse = entries.find((e) => e.name.endsWith("sparse.img"))!;
      assert.equal(sparse.realSize, 10 * 1024 ** 3, format);
      assert.ok(sparse.content.includes("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"), format);
      assert.equal(entries.find((e) => e.name.endsWith("after.txt"))?.content, "after\n", `${format}: parsing goes on after the sparse member`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("PAX path and GNU long names written by dredge's test writer round-trip", () => {
  const name = "x/".repeat(80) + "file";
  const tar = makeTar([
    { name: "short", pax: { path: name }, data: "pax" },
    { name: "y/".repeat(70) + "z", gnuLongName: true, data: "gnu" },
  ]);
  const { entries } = parse(tar);
  assert.deepEqual(
    entries.map((e) => [e.name, e.content]),
    [
      [name, "pax"],
      ["y/".repeat(70) + "z", "gnu"],
    ],
  );
});

test("a truncated tar is reported as truncated, with the byte offset", () => {
  const tar = makeTar([{ name: "a", data: "x".repeat(2000) }]);
  for (const cut of [100, 600, 1500, 2600]) {
    assert.throws(() => parse(tar.subarray(0, cut)), (e: unknown) => e instanceof TarError && e.code === "tar-truncated" && /byte \d+/.test(e.message), `cut at ${cut}`);
  }
});

test("a corrupt header is a checksum error naming its offset", () => {
  const tar = makeTar([{ name: "a", data: "hello" }, { name: "b", data: "world" }]);
  tar[1024 + 10] = tar[1024 + 10]! ^ 0xff;
  assert.throws(() => parse(tar), (e: unknown) => e instanceof TarError && e.code === "tar-checksum" && /byte 1024/.test(e.message));
});

test("hostile bytes never crash the parser: only TarErrors, and always an answer", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 1, max: 600 }), (bytes, chunk) => {
      try {
        parse(Buffer.from(bytes), chunk);
      } catch (e) {
        assert.ok(e instanceof TarError, String(e));
      }
    }),
    { numRuns: 500 },
  );
});

test("mutated real tars never crash the parser", () => {
  const base = makeTar([
    { name: "dir", type: "dir" },
    { name: "dir/a.txt", data: "a".repeat(700) },
    { name: "l", type: "symlink", linkname: "dir/a.txt" },
    { name: "p", pax: { path: "very/long/" + "n".repeat(200), size: "3" }, data: "abc" },
  ]);
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }), fc.nat(base.length), (edits, cut) => {
      const b = Buffer.from(base);
      for (const [at, v] of edits) b[at] = v;
      try {
        parse(b.subarray(0, cut));
      } catch (e) {
        assert.ok(e instanceof TarError, String(e));
      }
    }),
    { numRuns: 500 },
  );
});

test("indexing a tar file seeks past bodies and resolves symlinked members inside the archive", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-tar-"));
  try {
    const file = join(dir, "a.tar");
    writeFileSync(
      file,
      makeTar([
        { name: "abc/layer.tar", data: "layer bytes" },
        { name: "def/layer.tar", type: "symlink", linkname: "../abc/layer.tar" },
        { name: "loop1", type: "symlink", linkname: "loop2" },
        { name: "loop2", type: "symlink", linkname: "loop1" },
        { name: "escape", type: "symlink", linkname: "../../etc/passwd" },
      ]),
    );
    const index = await TarFileIndex.open(file);
    const m = index.find("def/layer.tar")!;
    assert.equal((await index.read(m)).toString(), "layer bytes");
    assert.throws(() => index.find("loop1"), /link loop/);
    assert.equal(index.find("escape"), undefined, "a link out of the archive leads nowhere");
    assert.equal(readFileSync(file).length % 512, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
