import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { prng } from "../../helpers/prng.js";
import { AWS_KEY, TOKEN, placesOf, read, scanFiles, sh, withTmp } from "./helpers.js";

const PROPS = `spring.datasource.url=jdbc:postgresql://db:5432/shop\ncloud.aws.credentials.access-key=${AWS_KEY}\ngithub.token=${TOKEN}\n`;

/** dist.tar.gz → shop.war → WEB-INF/lib/app.jar → BOOT-INF/classes/application.properties, made with jar and tar. */
function springBootChain(dir: string): Buffer {
  mkdirSync(join(dir, "jar/BOOT-INF/classes"), { recursive: true });
  mkdirSync(join(dir, "war/WEB-INF/lib"), { recursive: true });
  mkdirSync(join(dir, "dist"), { recursive: true });
  writeFileSync(join(dir, "jar/BOOT-INF/classes/application.properties"), PROPS);
  writeFileSync(join(dir, "jar/BOOT-INF/classes/App.class"), Buffer.alloc(3000, 0xca));
  sh("jar", ["cf", "../war/WEB-INF/lib/app.jar", "."], { cwd: join(dir, "jar") });
  writeFileSync(join(dir, "war/index.html"), "<html></html>");
  sh("jar", ["cf", "../dist/shop.war", "."], { cwd: join(dir, "war") });
  sh("tar", ["czf", "../dist.tar.gz", "shop.war"], { cwd: join(dir, "dist") });
  return read(dir, "dist.tar.gz");
}

const CHAIN = "/app/dist.tar.gz!shop.war!WEB-INF/lib/app.jar!BOOT-INF/classes/application.properties";

test("a Spring Boot jar's application.properties inside a war inside a tar.gz is found with its inner chain", async () => {
  await withTmp(async (dir) => {
    const tgz = springBootChain(dir);
    for (const memoryBytes of [64 << 20, 0]) {
      const r = await scanFiles([{ name: "app/dist.tar.gz", data: tgz }], { memoryBytes });
      assert.deepEqual(placesOf(r, TOKEN), [CHAIN], `memory budget ${memoryBytes}`);
      assert.deepEqual(placesOf(r, AWS_KEY), [CHAIN]);
      assert.deepEqual(r.notes, []);
      const hit = r.hits.find((h) => h.hit.secret === TOKEN)!;
      assert.equal(hit.path, "/app/dist.tar.gz");
      assert.deepEqual(hit.inner, ["shop.war", "WEB-INF/lib/app.jar", "BOOT-INF/classes/application.properties"]);
    }
  });
});

test("depth counts a compressed tar as one level: at depth 2 the jar is left closed and a note says so", async () => {
  await withTmp(async (dir) => {
    const r = await scanFiles([{ name: "app/dist.tar.gz", data: springBootChain(dir) }], { depth: 2 });
    assert.deepEqual(placesOf(r, TOKEN), []);
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0]!, /^\/app\/dist\.tar\.gz!shop\.war!WEB-INF\/lib\/app\.jar: a zip archive nested deeper than 2 levels \(limit on nesting depth\)/);
  });
});

test("archives off: nothing inside them is reported", async () => {
  await withTmp(async (dir) => {
    const r = await scanFiles([{ name: "app/dist.tar.gz", data: springBootChain(dir) }], false);
    assert.ok(r.hits.every((h) => !h.inner));
  });
});

test("single compressed files are read as their one member, named without the compressor's suffix", async () => {
  const body = Buffer.from(`export GITHUB_TOKEN=${TOKEN}\n`);
  const files = [
    { name: "root/backup/creds.env.bz2", data: sh("bzip2", ["-c"], { input: body }) },
    { name: "root/backup/creds.env.xz", data: sh("xz", ["-c"], { input: body }) },
    { name: "root/backup/creds.env.zst", data: sh("zstd", ["-q", "-c"], { input: body }) },
    { name: "root/backup/creds.env.gz", data: gzipSync(body) },
    { name: "root/backup/noext", data: sh("xz", ["-c"], { input: body }) },
  ];
  const r = await scanFiles(files);
  assert.deepEqual(placesOf(r, TOKEN).sort(), [
    "/root/backup/creds.env.bz2!creds.env",
    "/root/backup/creds.env.gz!creds.env",
    "/root/backup/creds.env.xz!creds.env",
    "/root/backup/creds.env.zst!creds.env",
    "/root/backup/noext!noext",
  ]);
  assert.deepEqual(r.notes, []);
});

test("tar.bz2, tar.xz and tar.zst are one level each, like tar.gz", async () => {
  await withTmp(async (dir) => {
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src/.npmrc"), `//registry.npmjs.org/:_authToken=${TOKEN}\n`);
    const r = await scanFiles([
      { name: "a.tar.bz2", data: sh("tar", ["cjf", "-", "-C", "src", ".npmrc"], { cwd: dir }) },
      { name: "a.tar.xz", data: sh("tar", ["cJf", "-", "-C", "src", ".npmrc"], { cwd: dir }) },
      { name: "a.tar.zst", data: sh("tar", ["--zstd", "-cf", "-", "-C", "src", ".npmrc"], { cwd: dir }) },
    ], { depth: 1 });
    assert.deepEqual(placesOf(r, TOKEN).sort(), ["/a.tar.bz2!.npmrc", "/a.tar.xz!.npmrc", "/a.tar.zst!.npmrc"]);
  });
});

test("a zip with data descriptors (written to a pipe) is read by both readers", async () => {
  const zip = sh("python3", ["-c", `
import sys, zipfile
with zipfile.ZipFile(sys.stdout.buffer, "w") as z:
    z.writestr(zipfile.ZipInfo("conf/a.env"), "A=1\\nTOKEN=${TOKEN}\\n")
    i = zipfile.ZipInfo("conf/b.env"); i.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(i, "B=2\\nAWS_ACCESS_KEY_ID=${AWS_KEY}\\n" + "padding " * 1000)
    z.writestr(zipfile.ZipInfo("conf/c.txt"), "PK\\x07\\x08 looks like a descriptor signature but is data")
`]);
  assert.equal(zip.readUInt16LE(6) & 8, 8, "python streamed it with data descriptors");
  for (const memoryBytes of [1 << 20, 0]) {
    const r = await scanFiles([{ name: "x.zip", data: zip }], { memoryBytes });
    assert.deepEqual(placesOf(r, TOKEN), ["/x.zip!conf/a.env"], `memory ${memoryBytes}`);
    assert.deepEqual(placesOf(r, AWS_KEY), ["/x.zip!conf/b.env"]);
    assert.deepEqual(r.notes, []);
  }
});

test("ZIP64 archives are read by both readers", async () => {
  const zip = sh("python3", ["-c", `
import sys, io, zipfile
b = io.BytesIO()
with zipfile.ZipFile(b, "w", compression=zipfile.ZIP_DEFLATED) as z:
    with z.open("deep/secret.txt", "w", force_zip64=True) as f:
        f.write(b"token ${TOKEN}\\n")
    with z.open("stored.txt", "w", force_zip64=True) as f:
        f.write(b"${AWS_KEY}\\n")
sys.stdout.buffer.write(b.getvalue())
`]);
  for (const memoryBytes of [1 << 20, 0]) {
    const r = await scanFiles([{ name: "z64.zip", data: zip }], { memoryBytes });
    assert.deepEqual(placesOf(r, TOKEN), ["/z64.zip!deep/secret.txt"], `memory ${memoryBytes}`);
    assert.deepEqual(r.notes, []);
  }
});

test("an encrypted entry is reported as unreadable and the rest of the zip is still read", async () => {
  await withTmp(async (dir) => {
    writeFileSync(join(dir, "locked.txt"), `token ${TOKEN}\n`);
    writeFileSync(join(dir, "open.txt"), `key ${AWS_KEY}\n`);
    sh("zip", ["-q", "-e", "-P", "hunter2", "enc.zip", "locked.txt"], { cwd: dir });
    sh("zip", ["-q", "enc.zip", "open.txt"], { cwd: dir });
    for (const memoryBytes of [1 << 20, 0]) {
      const r = await scanFiles([{ name: "enc.zip", data: read(dir, "enc.zip") }], { memoryBytes });
      assert.deepEqual(placesOf(r, AWS_KEY), ["/enc.zip!open.txt"]);
      assert.deepEqual(r.notes, ['/enc.zip: 1 entry cannot be read: "locked.txt" (encrypted)'], `memory ${memoryBytes}`);
    }
  });
});

test("an entry compressed with a method dredge does not read is named in a note", async () => {
  const zip = sh("python3", ["-c", `
import sys, io, zipfile
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    z.writestr("a.txt", "x" * 100, compress_type=zipfile.ZIP_BZIP2)
    z.writestr("b.txt", "token ${TOKEN}")
sys.stdout.buffer.write(b.getvalue())
`]);
  const r = await scanFiles([{ name: "m.zip", data: zip }]);
  assert.deepEqual(placesOf(r, TOKEN), ["/m.zip!b.txt"]);
  assert.deepEqual(r.notes, ['/m.zip: 1 entry cannot be read: "a.txt" (compressed with bzip2, which dredge does not read)']);
});

test("a truncated zip: entries before the cut are read, and a note names the file", async () => {
  await withTmp(async (dir) => {
    writeFileSync(join(dir, "1.txt"), `token ${TOKEN}\n`);
    writeFileSync(join(dir, "2.bin"), Buffer.alloc(200_000).map((_, i) => (i * 7919) % 251));
    sh("zip", ["-q", "t.zip", "1.txt", "2.bin"], { cwd: dir });
    const zip = read(dir, "t.zip");
    const cut = zip.subarray(0, Math.floor(zip.length / 2));
    for (const memoryBytes of [1 << 20, 0]) {
      const r = await scanFiles([{ name: "t.zip", data: cut }], { memoryBytes });
      assert.deepEqual(placesOf(r, TOKEN), ["/t.zip!1.txt"]);
      assert.ok(r.notes.some((n) => n.startsWith("/t.zip: ") && /truncated/.test(n)), r.notes.join("\n"));
    }
  });
});

test("a truncated gz: the bytes before the cut are scanned, and a note names the file", async () => {
  const rnd = prng(11);
  const body = Buffer.concat([Buffer.from(`TOKEN=${TOKEN}\n`), Buffer.alloc(300_000).map(() => 32 + Math.floor(rnd() * 90))]);
  const gz = gzipSync(body);
  const r = await scanFiles([{ name: "var/log/app.log.gz", data: gz.subarray(0, Math.floor(gz.length * 0.6)) }]);
  assert.deepEqual(placesOf(r, TOKEN), ["/var/log/app.log.gz!app.log"]);
  assert.deepEqual(r.notes, ["/var/log/app.log.gz: gzip data is truncated (inside the compressed data)"]);
});

test("a bad CRC in a stored entry is noted (the content is still scanned)", async () => {
  await withTmp(async (dir) => {
    writeFileSync(join(dir, "s.txt"), `token ${TOKEN} and some more text\n`);
    sh("zip", ["-q", "-0", "c.zip", "s.txt"], { cwd: dir });
    const zip = read(dir, "c.zip");
    const at = zip.indexOf("more text");
    zip[at] = 0x4d; // "more" → "Mo..": a byte of data changed, the CRC not
    for (const memoryBytes of [1 << 20, 0]) {
      const r = await scanFiles([{ name: "c.zip", data: zip }], { memoryBytes });
      assert.deepEqual(placesOf(r, TOKEN), ["/c.zip!s.txt"]);
      assert.deepEqual(r.notes, ["/c.zip: s.txt: CRC-32 mismatch (data corrupt)"], `memory ${memoryBytes}`);
    }
  });
});

test("../ and absolute member names are reported as stored, never resolved", async () => {
  const zip = sh("python3", ["-c", `
import sys, io, zipfile
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    z.writestr("../../etc/cron.d/evil", "token ${TOKEN}")
    z.writestr("/etc/passwd-token", "${AWS_KEY}")
sys.stdout.buffer.write(b.getvalue())
`]);
  const tar = gzipSync(Buffer.from(sh("python3", ["-c", `
import sys, io, tarfile
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    data = b"token ${TOKEN}"
    i = tarfile.TarInfo("../../root/.ssh/evil"); i.size = len(data)
    t.addfile(i, io.BytesIO(data))
sys.stdout.buffer.write(b.getvalue())
`])));
  const r = await scanFiles([{ name: "slip.zip", data: zip }, { name: "slip.tgz", data: tar }]);
  assert.deepEqual(placesOf(r, TOKEN).sort(), ["/slip.tgz!../../root/.ssh/evil", "/slip.zip!../../etc/cron.d/evil"]);
  assert.deepEqual(placesOf(r, AWS_KEY), ["/slip.zip!/etc/passwd-token"]);
  assert.deepEqual(r.notes, ["/slip.tgz: 1 member name(s) are absolute or climb out with .. (reported as stored, never resolved)"]);
});

test("a local header that disagrees with the central directory is noted; the directory's entry is read", async () => {
  await withTmp(async (dir) => {
    writeFileSync(join(dir, "real.txt"), `token ${TOKEN}\n`);
    sh("zip", ["-q", "d.zip", "real.txt"], { cwd: dir });
    const zip = read(dir, "d.zip");
    zip.write("fake", 30, "latin1"); // the local header's name (the central directory keeps real.txt)
    const r = await scanFiles([{ name: "d.zip", data: zip }]);
    assert.deepEqual(placesOf(r, TOKEN), ["/d.zip!real.txt"]);
    assert.deepEqual(r.notes, ["/d.zip: 1 local header(s) disagree with the central directory (its entries were read)"]);
  });
});

test("an executable jar with a launch script before the zip is read by its central directory", async () => {
  await withTmp(async (dir) => {
    mkdirSync(join(dir, "j/BOOT-INF/classes"), { recursive: true });
    writeFileSync(join(dir, "j/BOOT-INF/classes/application.properties"), PROPS);
    sh("jar", ["cf", "../plain.jar", "."], { cwd: join(dir, "j") });
    const script = Buffer.from("#!/bin/bash\n# launch script\nexec java -jar \"$0\" \"$@\"\n".padEnd(4000, "#") + "\n");
    writeFileSync(join(dir, "script"), script);
    // As Spring Boot's build writes it (offsets taken from the start of the file), and as a plain concatenation.
    sh("sh", ["-c", "cat script plain.jar > app.jar && zip -q -A app.jar && cat script plain.jar > raw.jar"], { cwd: dir });
    for (const name of ["app.jar", "raw.jar"]) {
      const r = await scanFiles([{ name: `opt/${name}`, data: read(dir, name) }]);
      assert.deepEqual(placesOf(r, TOKEN), [`/opt/${name}!BOOT-INF/classes/application.properties`]);
      assert.deepEqual(r.notes, []);
    }
  });
});
