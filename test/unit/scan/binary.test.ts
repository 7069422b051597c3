import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Detector } from "../../../src/detect/engine.js";
import { BUILTIN_RULES } from "../../../src/detect/rules/index.js";
import { scan } from "../../../src/scan/index.js";
import { utf16Hits } from "../../../src/scan/layer-scan.js";

const TOKEN = "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";
const NPM = "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";

async function withRoot(files: Record<string, Buffer | string>, fn: (root: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "dredge-bin-"));
  try {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, ".."), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("a token compiled into an executable (gcc, ELF) is found in its strings", async () => {
  const dir = await mkdtemp(join(tmpdir(), "dredge-cc-"));
  try {
    await writeFile(join(dir, "main.c"), `#include <stdio.h>\nstatic const char *token = "${TOKEN}";\nint main(void) { puts(token); return 0; }\n`);
    await mkdir(join(dir, "root", "usr", "local", "bin"), { recursive: true });
    execFileSync("gcc", ["-O2", "-o", join(dir, "root", "usr", "local", "bin", "app"), join(dir, "main.c")], { stdio: "ignore" });
    const r = await scan([`dir:${join(dir, "root")}`]);
    assert.deepEqual(r.findings.map((f) => [f.secret.reveal(), f.locations.map((l) => ("path" in l ? l.path : ""))]), [[TOKEN, ["/usr/local/bin/app"]]]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("in a binary, a checksummed token packed against the next string (as Go lays out string constants) is still found", async () => {
  const bin = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), Buffer.from(`runtime.main${TOKEN}hello worldunexpected EOF${NPM}xyz`), Buffer.alloc(64)]);
  await withRoot({ "usr/bin/server": bin }, async (root) => {
    const r = await scan([`dir:${root}`]);
    assert.deepEqual(r.findings.map((f) => f.secret.reveal()).sort(), [NPM, TOKEN].sort());
  });
});

test("in text, the same packed look-alike is not a token (the right-hand boundary holds outside binaries)", () => {
  const detector = new Detector(BUILTIN_RULES);
  assert.deepEqual(detector.scanText(`x ${TOKEN}hello`, { path: "/a.txt" }).map((h) => h.secret), []);
});

test("a .NET-style PE keeps string literals as UTF-16LE: they are scanned too, with offsets into the file", () => {
  const utf16 = Buffer.from(`Bearer ${TOKEN}`, "utf16le");
  const pe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(120), utf16, Buffer.alloc(16)]);
  const detector = new Detector(BUILTIN_RULES);
  const hits = utf16Hits(detector, pe, pe.length, pe.length, { path: "/app/App.dll", layer: 0, binary: true });
  assert.deepEqual(hits.map((h) => h.secret), [TOKEN]);
  assert.equal(pe.toString("utf16le", hits[0]!.start, hits[0]!.end), TOKEN);
});

test("a UTF-16 token in a PE file is found by a scan of the image", async () => {
  const pe = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(60), Buffer.from(`token=${NPM};`, "utf16le"), Buffer.alloc(8)]);
  await withRoot({ "app/Service.dll": pe }, async (root) => {
    const r = await scan([`dir:${root}`]);
    assert.deepEqual(r.findings.map((f) => f.secret.reveal()), [NPM]);
  });
});

test("a PKCS#12 key store (openssl) is found by its structure whatever its name, as its kind and a hash (never its bytes)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "dredge-p12-"));
  try {
    const key = join(dir, "k.pem");
    const crt = join(dir, "c.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", crt, "-subj", "/CN=dredge-test", "-days", "1"], { stdio: "ignore" });
    await mkdir(join(dir, "root", "app"), { recursive: true });
    execFileSync("openssl", ["pkcs12", "-export", "-inkey", key, "-in", crt, "-out", join(dir, "root", "app", "bundle.bin"), "-passout", "pass:changeit"], { stdio: "ignore" });
    const r = await scan([`dir:${join(dir, "root")}`]);
    assert.deepEqual(r.findings.map((f) => [f.kind, f.locations.map((l) => ("path" in l ? l.path : ""))]), [["pkcs12-keystore", ["/app/bundle.bin"]]]);
    assert.match(r.findings[0]!.secret.reveal(), /^pkcs12-keystore sha256:[0-9a-f]{64}$/);
    assert.ok(r.findings[0]!.docs?.startsWith("https://"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("in a binary, a generic assignment-shaped string is a low-confidence lead (held back), a provider token stays high", async () => {
  const bin = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.from('\0api_key = "Zq8vN3xK7mP2wR9tL5yB4cF6"\0'), Buffer.from(`\0${TOKEN}\0`), Buffer.alloc(32)]);
  await withRoot({ "usr/bin/tool": bin }, async (root) => {
    const r = await scan([`dir:${root}`]);
    const byValue = new Map(r.findings.map((f) => [f.secret.reveal(), f]));
    assert.equal(byValue.get(TOKEN)?.confidence, "high");
    const generic = byValue.get("Zq8vN3xK7mP2wR9tL5yB4cF6");
    assert.equal(generic?.confidence, "low");
    assert.ok(generic?.heldBack);
  });
});
