import type { Confidence, Severity } from "../types.js";
import { TAG, oid, readHeader, type DerHeader } from "./der.js";

/** The binary key stores recognised by their structure. */
export type KeyStoreKind = "pkcs12-keystore" | "java-keystore" | "jceks-keystore" | "bks-keystore";

/** What the first bytes of a file say about the key store it is. */
export interface KeyStoreSniff {
  kind: KeyStoreKind;
  /** For people: format, version and what the bytes seen hold. Names no alias and no key material. */
  detail: string;
  /** Entries (bags) holding a private or secret key, among those the bytes seen show. */
  keyEntries: number;
  /** Entries holding only a certificate (trust anchors, chains), among those seen. */
  certificateEntries: number;
  /**
   * True when the bytes held the whole store and every entry was read: the counts are final.
   * False when the head ended first or part of it is encrypted (PKCS#12 encryptedData, UBER).
   */
  complete: boolean;
}

/**
 * Rule metadata for a finding made from a sniffed key store (the store file is the secret; a
 * password is needed to use it, but stores' passwords are weak and often beside them).
 */
export interface StructureRule {
  kind: KeyStoreKind;
  id: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  remediation: string;
  docs: string;
}

const REMEDIATION = "Replace the keys and certificates the store holds (new key pairs, revoke the old certificates), and mount the store at run time as a secret instead of baking it into the image.";

/** One rule per key-store kind, for findings made from `sniffKeyStore`. */
export const STRUCTURE_RULES: readonly StructureRule[] = [
  { kind: "pkcs12-keystore", id: "pkcs12-keystore", title: "PKCS#12 / PFX key store", severity: "high", confidence: "high", remediation: REMEDIATION, docs: "https://www.rfc-editor.org/rfc/rfc7292" },
  { kind: "java-keystore", id: "java-keystore", title: "Java KeyStore (JKS)", severity: "high", confidence: "high", remediation: REMEDIATION, docs: "https://docs.oracle.com/en/java/javase/17/docs/specs/man/keytool.html" },
  { kind: "jceks-keystore", id: "jceks-keystore", title: "Java JCEKS key store", severity: "high", confidence: "high", remediation: REMEDIATION, docs: "https://docs.oracle.com/en/java/javase/17/docs/specs/man/keytool.html" },
  { kind: "bks-keystore", id: "bks-keystore", title: "BouncyCastle key store (BKS/UBER)", severity: "high", confidence: "medium", remediation: REMEDIATION, docs: "https://www.bouncycastle.org/documentation/specification_interoperability/" },
];

/**
 * Recognises a key store from the first bytes of a file (any length; 4 KiB shows the header and
 * usually the first entries): PKCS#12/PFX by its DER structure, JKS by 0xFEEDFEED, JCEKS by
 * 0xCECECECE, BouncyCastle BKS/UBER by their header. Returns undefined for anything else, and
 * for a store the bytes prove holds no key (empty, or certificates only, read to the end). A
 * store whose head shows only certificates but not its end (`keyEntries === 0`, `!complete`)
 * is most likely a trust store such as the JDK's `cacerts`: hand the whole file (they are
 * small) before reporting it. Never throws.
 */
export function sniffKeyStore(head: Buffer): KeyStoreSniff | undefined {
  const found = head.length < 8 ? undefined : head[0] === 0x30 ? sniffPkcs12(head) : sniffJava(head) ?? sniffBks(head);
  return found && (found.keyEntries > 0 || !found.complete) ? found : undefined;
}

// ---------------------------------------------------------------- PKCS#12 (RFC 7292)

const OID_DATA = "1.2.840.113549.1.7.1";
const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const OID_ENVELOPED_DATA = "1.2.840.113549.1.7.3";
const OID_ENCRYPTED_DATA = "1.2.840.113549.1.7.6";
const BAGS = "1.2.840.113549.1.12.10.1.";
const KEY_BAGS = new Set([`${BAGS}1`, `${BAGS}2`, `${BAGS}5`]);
const CERT_BAGS = new Set([`${BAGS}3`, `${BAGS}4`]);
const SAFE_CONTENTS_BAG = `${BAGS}6`;

function header(b: Buffer, pos: number): DerHeader | undefined {
  const h = readHeader(b, pos);
  return h === "short" ? undefined : h;
}

/** The end offset of the element at `pos` (past the buffer when cut short); undefined when unknowable (an indefinite length not closed in the buffer). */
function endAt(b: Buffer, pos: number, depth = 0): number | undefined {
  const h = header(b, pos);
  if (!h) return undefined;
  if (h.length >= 0) return h.start + h.length;
  if (depth > 12) return undefined;
  let p = h.start;
  while (p + 2 <= b.length) {
    if (b[p] === 0 && b[p + 1] === 0) return p + 2;
    const e = endAt(b, p, depth + 1);
    if (e === undefined || e > b.length) return undefined;
    p = e;
  }
  return undefined;
}

/** The headers of the elements inside a constructed element, as far as the buffer goes (the last may be cut short). */
function* inside(b: Buffer, h: DerHeader, depth = 0): Generator<DerHeader> {
  const end = h.length >= 0 ? h.start + h.length : Number.POSITIVE_INFINITY;
  let p = h.start;
  for (let n = 0; p < end && p < b.length && n < 4096; n++) {
    if (h.length < 0 && b[p] === 0 && b[p + 1] === 0) return;
    const c = header(b, p);
    if (!c) return;
    yield c;
    const e = endAt(b, p, depth);
    if (e === undefined || e > end) return;
    p = e;
  }
}

/** The OID at `pos` when its bytes are all there. */
function oidAt(b: Buffer, pos: number): string | undefined {
  const h = header(b, pos);
  return h && h.tag === TAG.OID && h.start + h.length <= b.length ? oid(b, h) : undefined;
}

interface Tally {
  keys: number;
  certs: number;
  opaque: number;
  broken: boolean;
}

/** The bytes of an OCTET STRING at `pos` (primitive, or BER constructed from primitive pieces), as far as the buffer goes. */
function octets(b: Buffer, pos: number): Buffer | undefined {
  const h = header(b, pos);
  if (!h) return undefined;
  if (h.tag === TAG.OCTET_STRING) return b.subarray(h.start, Math.min(b.length, h.start + h.length));
  if (h.tag !== (TAG.OCTET_STRING | 0x20)) return undefined;
  const parts: Buffer[] = [];
  for (const piece of inside(b, h)) {
    if (piece.tag !== TAG.OCTET_STRING || piece.length < 0) break;
    parts.push(b.subarray(piece.start, Math.min(b.length, piece.start + piece.length)));
  }
  return Buffer.concat(parts);
}

/** Counts the bags of a SafeContents (SEQUENCE OF SafeBag) held in `b` at `pos`. */
function tallyBags(b: Buffer, pos: number, t: Tally, depth: number): void {
  const seq = header(b, pos);
  if (!seq || seq.tag !== TAG.SEQUENCE || depth > 4) {
    t.broken = true;
    return;
  }
  for (const bag of inside(b, seq)) {
    if (bag.tag !== TAG.SEQUENCE) return void (t.broken = true);
    const id = oidAt(b, bag.start);
    if (id === undefined) return;
    if (KEY_BAGS.has(id)) t.keys++;
    else if (CERT_BAGS.has(id)) t.certs++;
    else if (id === SAFE_CONTENTS_BAG) {
      const idHeader = header(b, bag.start)!;
      const value = header(b, idHeader.start + idHeader.length);
      if (value && value.tag === 0xa0) tallyBags(b, value.start, t, depth + 1);
    } else t.opaque++;
  }
}

/** Counts what an AuthenticatedSafe (SEQUENCE OF ContentInfo) in `b` holds. */
function tallyAuthSafe(b: Buffer, t: Tally): void {
  const seq = header(b, 0);
  if (!seq || seq.tag !== TAG.SEQUENCE) return void (t.broken = true);
  for (const info of inside(b, seq)) {
    if (info.tag !== TAG.SEQUENCE) return void (t.broken = true);
    const type = oidAt(b, info.start);
    if (type === undefined) return;
    if (type !== OID_DATA) {
      // encryptedData, envelopedData: the bags are ciphertext.
      t.opaque++;
      continue;
    }
    const typeHeader = header(b, info.start)!;
    const content = header(b, typeHeader.start + typeHeader.length);
    if (!content || content.tag !== 0xa0) return void (t.broken = true);
    const safe = octets(b, content.start);
    if (!safe) return void (t.broken = true);
    tallyBags(safe, 0, t, 0);
  }
}

/** PFX: SEQUENCE { INTEGER 3, ContentInfo { data | signedData, [0] … }, MacData OPTIONAL }. */
function sniffPkcs12(b: Buffer): KeyStoreSniff | undefined {
  const pfx = header(b, 0);
  if (!pfx || pfx.tag !== TAG.SEQUENCE) return undefined;
  const version = header(b, pfx.start);
  if (!version || version.tag !== TAG.INTEGER || version.length !== 1 || b[version.start] !== 3) return undefined;
  const authSafe = header(b, version.start + 1);
  if (!authSafe || authSafe.tag !== TAG.SEQUENCE) return undefined;
  const type = oidAt(b, authSafe.start);
  if (type !== OID_DATA && type !== OID_SIGNED_DATA && type !== OID_ENCRYPTED_DATA && type !== OID_ENVELOPED_DATA) return undefined;
  if (pfx.length >= 0 && pfx.length < 32) return undefined;
  const t: Tally = { keys: 0, certs: 0, opaque: 0, broken: false };
  if (type === OID_DATA) {
    const typeHeader = header(b, authSafe.start)!;
    const content = header(b, typeHeader.start + typeHeader.length);
    const inner = content && content.tag === 0xa0 ? octets(b, content.start) : undefined;
    if (!inner) return undefined;
    tallyAuthSafe(inner, t);
  } else t.opaque++;
  const end = endAt(b, 0);
  const complete = end !== undefined && end <= b.length && t.opaque === 0 && !t.broken;
  const parts = [`${t.keys} key bag${t.keys === 1 ? "" : "s"}`, `${t.certs} certificate bag${t.certs === 1 ? "" : "s"}`];
  if (t.opaque) parts.push(`${t.opaque} encrypted part${t.opaque === 1 ? "" : "s"}`);
  return { kind: "pkcs12-keystore", detail: `PKCS#12 (PFX v3): ${parts.join(", ")}${complete ? "" : " seen"}`, keyEntries: t.keys, certificateEntries: t.certs, complete };
}

// ---------------------------------------------------------------- JKS / JCEKS (OpenJDK JavaKeyStore, JceKeyStore)

/** A bounds-checked big-endian reader; every read past the end sets `short`. */
class Reader {
  short = false;
  constructor(
    private readonly b: Buffer,
    public pos: number,
  ) {}
  u8(): number {
    if (this.pos + 1 > this.b.length) return this.fail();
    return this.b[this.pos++]!;
  }
  u16(): number {
    if (this.pos + 2 > this.b.length) return this.fail();
    const v = this.b.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    if (this.pos + 4 > this.b.length) return this.fail();
    const v = this.b.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  /** Skips `n` bytes; false (and `short`) when they are not all there. */
  skip(n: number): boolean {
    if (this.short || this.pos + n > this.b.length) {
      this.fail();
      return false;
    }
    this.pos += n;
    return true;
  }
  /** Skips a Java modified-UTF-8 string (u16 length + bytes). */
  utf(): boolean {
    return this.skip(this.u16());
  }
  private fail(): number {
    this.short = true;
    this.pos = this.b.length;
    return 0;
  }
}

const JKS_MAGIC = 0xfeedfeed;
const JCEKS_MAGIC = 0xcececece;

/** JKS and JCEKS: magic, version 1|2, entry count, then entries (1 private key, 2 trusted certificate, 3 secret key). */
function sniffJava(b: Buffer): KeyStoreSniff | undefined {
  const magic = b.readUInt32BE(0);
  if (magic !== JKS_MAGIC && magic !== JCEKS_MAGIC) return undefined;
  const jceks = magic === JCEKS_MAGIC;
  const version = b.readUInt32BE(4);
  if (version !== 1 && version !== 2) return undefined;
  const r = new Reader(b, 8);
  let keys = 0;
  let certs = 0;
  let read = 0;
  let stop = false;
  const count = r.u32();
  if (count > 1_000_000) return undefined;
  const certificate = () => (version === 2 ? r.utf() : true) && r.skip(r.u32());
  for (; read < count && !stop; read++) {
    const tag = r.u32();
    if (r.short) break;
    if (tag < 1 || tag > (jceks ? 3 : 2)) {
      if (read === 0) return undefined;
      break;
    }
    if (!r.utf() || !r.skip(8)) break;
    if (tag === 1) {
      keys++;
      if (!r.skip(r.u32())) break;
      const chain = r.u32();
      for (let i = 0; i < chain && !r.short; i++) certificate();
    } else if (tag === 2) {
      certs++;
      certificate();
    } else {
      // A JCEKS secret key is a serialized Java object with no length before it: stop here.
      keys++;
      stop = true;
    }
    if (r.short) {
      read++;
      break;
    }
  }
  return result();

  function result(): KeyStoreSniff {
    const complete = read === count && !stop && !r.short;
    const name = jceks ? "JCEKS" : "JKS";
    const detail = `${name} v${version}: ${count} entr${count === 1 ? "y" : "ies"}, ${keys} with a key and ${certs} certificate-only among ${read} seen`;
    return { kind: jceks ? "jceks-keystore" : "java-keystore", detail, keyEntries: keys, certificateEntries: certs, complete };
  }
}

// ---------------------------------------------------------------- BouncyCastle BKS / UBER

/**
 * BKS/UBER header: version (1|2), salt (u32 length 16–32, then the salt), iteration count
 * (BouncyCastle picks 1024–2047). BKS entries follow in clear: type byte (1 certificate, 2 key,
 * 3 secret, 4 sealed; 0 ends), alias, date, chain, payload. UBER's are encrypted.
 */
function sniffBks(b: Buffer): KeyStoreSniff | undefined {
  const r = new Reader(b, 0);
  const version = r.u32();
  const saltLength = r.u32();
  if ((version !== 1 && version !== 2) || saltLength < 16 || saltLength > 32) return undefined;
  r.skip(saltLength);
  const iterations = r.u32();
  if (r.short || iterations < 1024 || iterations > 2047) return undefined;
  let keys = 0;
  let certs = 0;
  let seen = 0;
  let ended = false;
  const certificate = () => r.utf() && r.skip(r.u32());
  while (!r.short && seen < 100_000) {
    const type = r.u8();
    if (r.short) break;
    if (type === 0) {
      ended = true;
      break;
    }
    if (type > 4 || !plausibleEntry(r)) {
      // The first entry does not parse: UBER, whose entries are encrypted with the store password.
      if (seen === 0) return { kind: "bks-keystore", detail: `UBER (BouncyCastle) v${version}: entries encrypted`, keyEntries: 0, certificateEntries: 0, complete: false };
      break;
    }
    seen++;
    if (type === 1) certs++;
    else keys++;
    const chain = r.u32();
    if (chain > 64) break;
    for (let i = 0; i < chain && !r.short; i++) certificate();
    if (type === 1) certificate();
    else {
      if (type === 2) {
        r.u8();
        r.utf();
        r.utf();
      }
      r.skip(r.u32());
    }
  }
  return { kind: "bks-keystore", detail: `BKS v${version}: ${keys} with a key and ${certs} certificate-only among ${seen} entries seen`, keyEntries: keys, certificateEntries: certs, complete: ended };
}

/** Reads a BKS entry's alias and date: a short alias and a date between 1996 and 2100 (ms since 1970). False when they are not that. */
function plausibleEntry(r: Reader): boolean {
  const alias = r.u16();
  if (r.short) return true;
  if (alias > 1024 || !r.skip(alias)) return r.short;
  const high = r.u32();
  r.u32();
  return r.short || (high >= 0xb0 && high <= 0x400);
}

/** The value a key-store finding carries: its kind and the SHA-256 of its bytes, never the bytes. */
export function keyStoreSecret(kind: KeyStoreKind, sha256Hex: string): string {
  return `${kind} sha256:${sha256Hex}`;
}

/** The SHA-256 in a key-store finding's value, or undefined for any other value. */
export function keyStoreDigest(secret: string): string | undefined {
  return /^[a-z0-9]+-keystore sha256:([0-9a-f]{64})$/.exec(secret)?.[1];
}
