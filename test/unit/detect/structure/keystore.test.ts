import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { STRUCTURE_RULES, sniffKeyStore } from "../../../../src/detect/structure/keystore.js";

function which(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const HAS_OPENSSL = which("openssl");
const HAS_KEYTOOL = which("keytool");
const BCPROV = "/usr/share/java/bcprov.jar";
const dir = mkdtempSync(join(tmpdir(), "dredge-keystore-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { cwd: dir, stdio: "ignore" });
}

/** A self-signed certificate and its key, made once with openssl. */
function certificate(): { key: string; cert: string; der: Buffer } {
  const key = join(dir, "k.pem");
  const cert = join(dir, "c.pem");
  if (!existsSync(cert)) {
    run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert, "-subj", "/CN=dredge-fixture", "-days", "2"]);
    run("openssl", ["x509", "-in", cert, "-outform", "DER", "-out", join(dir, "c.der")]);
  }
  return { key, cert, der: readFileSync(join(dir, "c.der")) };
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}
function utf(s: string): Buffer {
  const body = Buffer.from(s, "utf8");
  return Buffer.concat([Buffer.from([body.length >> 8, body.length & 0xff]), body]);
}
const DATE = Buffer.from("0000019a0cf05fef", "hex");

/**
 * A JKS store byte for byte as OpenJDK's JavaKeyStore writes it: magic, version 2, count, then
 * entries (1 = private key: protected key bytes and a certificate chain; 2 = trusted certificate),
 * then SHA-1(password as UTF-16BE ‖ "Mighty Aphrodite" ‖ store).
 */
function handMadeJks(entries: ("key" | "cert")[], password = "changeit"): Buffer {
  const cert = HAS_OPENSSL ? certificate().der : Buffer.from("3082010a0201", "hex");
  // The protected key: an EncryptedPrivateKeyInfo (the JKS algorithm OID, then ciphertext).
  const protectedKey = Buffer.concat([Buffer.from("3031300e060a2b060104012a021101010500041f", "hex"), Buffer.alloc(31, 0x5a)]);
  const parts: Buffer[] = [u32(0xfeedfeed), u32(2), u32(entries.length)];
  entries.forEach((e, i) => {
    if (e === "key") parts.push(u32(1), utf(`key${i}`), DATE, u32(protectedKey.length), protectedKey, u32(1), utf("X.509"), u32(cert.length), cert);
    else parts.push(u32(2), utf(`ca${i}`), DATE, utf("X.509"), u32(cert.length), cert);
  });
  const body = Buffer.concat(parts);
  const digest = createHash("sha1").update(Buffer.from(password, "utf16le").swap16()).update("Mighty Aphrodite", "utf8").update(body).digest();
  return Buffer.concat([body, digest]);
}

/** A BKS v2 store as BouncyCastle lays it out: header (version, salt, iterations), typed entries, a 0 byte, then the HMAC. */
function handMadeBks(types: number[]): Buffer {
  const cert = Buffer.from("3082010a02010102", "hex");
  const parts: Buffer[] = [u32(2), u32(20), Buffer.alloc(20, 7), u32(1500)];
  types.forEach((type, i) => {
    parts.push(Buffer.from([type]), utf(`e${i}`), DATE, u32(0));
    if (type === 1) parts.push(utf("X.509"), u32(cert.length), cert);
    else parts.push(u32(24), Buffer.alloc(24, 0x33));
  });
  return Buffer.concat([...parts, Buffer.from([0]), Buffer.alloc(20, 9)]);
}

test("a PKCS#12 file made by openssl export is a pkcs12-keystore with its key bag seen in the first 4 KiB", { skip: !HAS_OPENSSL }, () => {
  const { key, cert } = certificate();
  run("openssl", ["pkcs12", "-export", "-inkey", key, "-in", cert, "-passout", "pass:changeit", "-out", "o.p12"]);
  const file = readFileSync(join(dir, "o.p12"));
  const s = sniffKeyStore(file.subarray(0, 4096));
  assert.equal(s?.kind, "pkcs12-keystore");
  assert.equal(s.keyEntries, 1);
  assert.match(s.detail, /PKCS#12/);
});

test("a legacy (RC2/3DES) PKCS#12 is recognised too", { skip: !HAS_OPENSSL }, () => {
  const { key, cert } = certificate();
  try {
    run("openssl", ["pkcs12", "-export", "-legacy", "-inkey", key, "-in", cert, "-passout", "pass:x", "-out", "legacy.p12"]);
  } catch {
    return; // an openssl without the legacy provider
  }
  assert.equal(sniffKeyStore(readFileSync(join(dir, "legacy.p12")))?.kind, "pkcs12-keystore");
});

test("a PKCS#12 in BER with indefinite lengths and a constructed OCTET STRING is parsed as well as DER", { skip: !HAS_OPENSSL }, () => {
  const { key, cert } = certificate();
  run("openssl", ["pkcs12", "-export", "-inkey", key, "-in", cert, "-passout", "pass:changeit", "-out", "ber.p12"]);
  const der = readFileSync(join(dir, "ber.p12"));
  // PFX { version, ContentInfo { data, [0] { OCTET STRING authSafe } }, mac } rewritten with
  // indefinite lengths and the OCTET STRING cut into two primitive pieces.
  const hdr = (pos: number) => {
    const n = der[pos + 1]! & 0x80 ? der[pos + 1]! & 0x7f : 0;
    const len = n ? der.readUIntBE(pos + 2, n) : der[pos + 1]!;
    return { start: pos + 2 + n, end: pos + 2 + n + len };
  };
  const pfx = hdr(0);
  const version = hdr(pfx.start);
  const info = hdr(version.end);
  const type = hdr(info.start);
  const explicit = hdr(type.end);
  const octet = hdr(explicit.start);
  const auth = der.subarray(octet.start, octet.end);
  const half = Math.floor(auth.length / 2);
  const piece = (b: Buffer) => Buffer.concat([Buffer.from([0x04, 0x82, b.length >> 8, b.length & 0xff]), b]);
  const ber = Buffer.concat([
    Buffer.from([0x30, 0x80]),
    der.subarray(pfx.start, version.end),
    Buffer.from([0x30, 0x80]),
    der.subarray(info.start, type.end),
    Buffer.from([0xa0, 0x80, 0x24, 0x80]),
    piece(auth.subarray(0, half)),
    piece(auth.subarray(half)),
    Buffer.from([0, 0, 0, 0, 0, 0]),
    der.subarray(info.end, pfx.end),
    Buffer.from([0, 0]),
  ]);
  const s = sniffKeyStore(ber);
  assert.equal(s?.kind, "pkcs12-keystore");
  assert.equal(s.keyEntries, 1);
});

test("keytool's JKS, JCEKS and PKCS12 stores with a key pair are recognised by kind", { skip: !HAS_KEYTOOL }, () => {
  for (const [type, kind] of [
    ["JKS", "java-keystore"],
    ["JCEKS", "jceks-keystore"],
    ["PKCS12", "pkcs12-keystore"],
  ] as const) {
    const file = join(dir, `kt.${type}`);
    run("keytool", ["-genkeypair", "-keystore", file, "-storetype", type, "-storepass", "changeit", "-keypass", "changeit", "-alias", "app", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=dredge-fixture", "-validity", "2"]);
    const s = sniffKeyStore(readFileSync(file).subarray(0, 4096));
    assert.equal(s?.kind, kind, type);
    assert.equal(s.keyEntries, 1, type);
  }
});

test("a JCEKS store holding a secret key counts it (and stops at the serialized object)", { skip: !HAS_KEYTOOL }, () => {
  const file = join(dir, "sec.jceks");
  run("keytool", ["-genseckey", "-keystore", file, "-storetype", "JCEKS", "-storepass", "changeit", "-keypass", "changeit", "-alias", "aes", "-keyalg", "AES", "-keysize", "128"]);
  const s = sniffKeyStore(readFileSync(file));
  assert.equal(s?.kind, "jceks-keystore");
  assert.equal(s.keyEntries, 1);
});

test("a hand-made JKS (documented layout) is one keytool itself reads", { skip: !HAS_KEYTOOL }, () => {
  const file = join(dir, "hand.jks");
  execFileSync("sh", ["-c", `cat > ${file}`], { input: handMadeJks(["key", "cert"]) });
  const listing = execFileSync("keytool", ["-list", "-keystore", file, "-storepass", "changeit", "-storetype", "JKS"], { encoding: "utf8" });
  assert.match(listing, /2 entries/);
  assert.match(listing, /PrivateKeyEntry/);
  assert.match(listing, /trustedCertEntry/);
});

test("a JKS with a private-key entry is a java-keystore; its counts come from the entries", () => {
  const s = sniffKeyStore(handMadeJks(["cert", "key", "cert"]));
  assert.deepEqual(s && { kind: s.kind, keys: s.keyEntries, certs: s.certificateEntries, complete: s.complete }, { kind: "java-keystore", keys: 1, certs: 2, complete: true });
});

test("a trust store read to its end (certificates only) is not reported; its head alone is, as unfinished", () => {
  const trust = handMadeJks(["cert", "cert", "cert", "cert", "cert", "cert"]);
  assert.equal(sniffKeyStore(trust), undefined);
  const head = sniffKeyStore(trust.subarray(0, 700));
  assert.equal(head?.kind, "java-keystore");
  assert.equal(head.keyEntries, 0);
  assert.equal(head.complete, false);
  assert.equal(sniffKeyStore(handMadeJks([])), undefined, "an empty store holds nothing");
});

test("the JDK's cacerts, when installed, is a trust store: nothing when read whole", () => {
  const cacerts = ["/etc/ssl/certs/java/cacerts", ...(existsSync("/usr/lib/jvm") ? execFileSync("sh", ["-c", "ls /usr/lib/jvm/*/lib/security/cacerts 2>/dev/null || true"], { encoding: "utf8" }).split("\n") : [])].filter((p) => p && existsSync(p));
  for (const p of cacerts) assert.equal(sniffKeyStore(readFileSync(p)), undefined, p);
});

test("BouncyCastle BKS and UBER stores made by keytool with the BC provider are bks-keystores", { skip: !HAS_KEYTOOL || !existsSync(BCPROV) }, () => {
  for (const type of ["BKS", "UBER"]) {
    const file = join(dir, `kt.${type}`);
    run("keytool", ["-genkeypair", "-keystore", file, "-storetype", type, "-providerpath", BCPROV, "-provider", "org.bouncycastle.jce.provider.BouncyCastleProvider", "-storepass", "changeit", "-keypass", "changeit", "-alias", "app", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=dredge-fixture"]);
    const s = sniffKeyStore(readFileSync(file));
    assert.equal(s?.kind, "bks-keystore", type);
    assert.match(s.detail, type === "BKS" ? /^BKS v2: 1 with a key/ : /^UBER/, type);
  }
});

test("a BKS store's entries are counted: keys reported, certificate-only stores read whole are not", () => {
  const s = sniffKeyStore(handMadeBks([1, 4, 3]));
  assert.deepEqual(s && [s.kind, s.keyEntries, s.certificateEntries, s.complete], ["bks-keystore", 2, 1, true]);
  assert.equal(sniffKeyStore(handMadeBks([1, 1])), undefined);
});

test("other DER and binary files are not key stores", () => {
  const samples: Buffer[] = [
    Buffer.from("3082010a0282010100c0", "hex"), // an RSA public key's start
    Buffer.from("308204a2020100028201", "hex"), // a PKCS#1 private key (version 0): a PEM rule's business, not a store
    Buffer.from("504b0304140000000800", "hex"), // zip
    Buffer.from("1f8b0800000000000003", "hex"), // gzip
    Buffer.from("7f454c46020101000000", "hex"), // ELF
    Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB"),
    Buffer.from("cafebabe0000003d0012", "hex"), // a Java class
    Buffer.alloc(4096),
  ];
  if (HAS_OPENSSL) samples.push(certificate().der);
  for (const b of samples) assert.equal(sniffKeyStore(b), undefined, b.subarray(0, 10).toString("hex"));
});

const rules = new Map(STRUCTURE_RULES.map((r) => [r.kind, r]));

test("every key-store kind has rule metadata: high severity, a remediation and an https docs link", () => {
  for (const kind of ["pkcs12-keystore", "java-keystore", "jceks-keystore", "bks-keystore"] as const) {
    const r = rules.get(kind);
    assert.ok(r, kind);
    assert.equal(r.severity, "high");
    assert.ok(r.remediation.length > 20);
    assert.match(r.docs, /^https:\/\//);
  }
});

test("arbitrary bytes, and store headers followed by arbitrary bytes, never make the sniffer throw", () => {
  const prefixes = [
    Buffer.alloc(0),
    Buffer.from("feedfeed00000002", "hex"),
    Buffer.from("cececece00000002", "hex"),
    Buffer.from("3082ffff020103", "hex"),
    Buffer.from("3080020103308006092a864886f70d010701a080", "hex"),
    Buffer.concat([u32(2), u32(20), Buffer.alloc(20, 1), u32(1500)]),
  ];
  fc.assert(
    fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 600 }), (prefix, tail) => {
      const s = sniffKeyStore(Buffer.concat([prefix, Buffer.from(tail)]));
      if (s) assert.ok(s.keyEntries >= 0 && s.certificateEntries >= 0 && typeof s.detail === "string");
    }),
    { numRuns: 3000 },
  );
});

test("every truncation of a real store is recognised as that store or not at all, never as another kind", () => {
  const stores: [Buffer, string][] = [
    [handMadeJks(["key", "cert"]), "java-keystore"],
    [handMadeBks([4, 1]), "bks-keystore"],
  ];
  if (HAS_OPENSSL) {
    const { key, cert } = certificate();
    run("openssl", ["pkcs12", "-export", "-inkey", key, "-in", cert, "-passout", "pass:changeit", "-out", "t.p12"]);
    stores.push([readFileSync(join(dir, "t.p12")), "pkcs12-keystore"]);
  }
  for (const [store, kind] of stores) {
    for (let n = 0; n <= store.length; n++) {
      const s = sniffKeyStore(store.subarray(0, n));
      if (s) assert.equal(s.kind, kind, `${kind} cut at ${n}`);
    }
    assert.equal(sniffKeyStore(store)?.kind, kind);
  }
});
