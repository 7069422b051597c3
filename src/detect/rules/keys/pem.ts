import { TAG, children, expect, oid, smallInteger, wholeSequence, type DerHeader } from "../../structure/der.js";
import { decodeBase64 } from "../../base64.js";

/**
 * A PEM block's inside as written in a file, a JSON string (`\n` escapes), a YAML block, a
 * shell `echo "…\n…"` or source code (`"…\n" +` concatenation), reduced to its RFC 1421
 * headers and its base64 text.
 */
export interface PemBody {
  /** Header lines (`Proc-Type`, `DEK-Info`), keyed by lower-case name. */
  headers: Map<string, string>;
  /** The base64 characters, nothing else. */
  base64: string;
}

const ESCAPES = /\\+[rnt]|&#(?:x0*[aA]|0*10|x0*[dD]|0*13);/g;
const CONCAT = /["'`][ \t]*\+?[ \t]*\r?\n[ \t]*\+?[ \t]*["'`]/g;

/** Undoes the ways a multi-line block is written inside a string: `\n` escapes, XML character references, `"…" +` concatenation. */
export function unescapeBlock(text: string): string {
  return text.replace(ESCAPES, "\n").replace(CONCAT, "\n");
}

/** Splits the text between a BEGIN and an END line into headers and base64 (escapes undone). */
export function pemBody(body: string): PemBody {
  const text = unescapeBlock(body);
  const headers = new Map<string, string>();
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const h = /^[\s"'`]*([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*?)[\s"'`]*$/.exec(line);
    if (h) headers.set(h[1]!.toLowerCase(), h[2]!);
    else lines.push(line);
  }
  return { headers, base64: lines.join("").replace(/[^A-Za-z0-9+/=]/g, "") };
}

/** Decodes canonical base64 (standard alphabet, padded), or undefined. */
export function decodeCanonicalBase64(b64: string): Buffer | undefined {
  return decodeBase64(b64, true);
}

/** True when bytes look random (ciphertext, key material) rather than filler: many distinct values. */
export function looksRandom(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const seen = new Set(bytes);
  return seen.size >= Math.min(bytes.length, 256) / 4;
}

function integers(der: Buffer, list: DerHeader[], from: number, count: number): boolean {
  for (let i = from; i < from + count; i++) if (list[i]?.tag !== TAG.INTEGER || list[i]!.length < 1) return false;
  return true;
}

/** PKCS#1 RSAPrivateKey: version 0 (or 1, multi-prime), then n, e, d, p, q, dp, dq, qinv. */
export function isPkcs1Rsa(der: Buffer): boolean {
  const seq = wholeSequence(der);
  const list = seq && children(der, seq);
  if (!list || list.length < 9 || !integers(der, list, 0, 9)) return false;
  const version = smallInteger(der, list[0]!);
  return (version === 0 || version === 1) && list[1]!.length >= 16;
}

/** SEC 1 ECPrivateKey: version 1, the private scalar as an OCTET STRING, optional [0] params and [1] public key. */
export function isSec1Ec(der: Buffer): boolean {
  const seq = wholeSequence(der);
  const list = seq && children(der, seq);
  if (!list || list.length < 2 || list.length > 4) return false;
  return smallInteger(der, list[0]!) === 1 && list[1]!.tag === TAG.OCTET_STRING && list[1]!.length >= 16 && list[1]!.length <= 72;
}

/** OpenSSL's DSA private key: version 0, then p, q, g, y, x. */
export function isDsa(der: Buffer): boolean {
  const seq = wholeSequence(der);
  const list = seq && children(der, seq);
  return !!list && list.length === 6 && integers(der, list, 0, 6) && smallInteger(der, list[0]!) === 0 && list[1]!.length >= 64;
}

/** PKCS#8 PrivateKeyInfo (RFC 5208/5958): version 0|1, AlgorithmIdentifier, the key as an OCTET STRING. */
export function isPkcs8(der: Buffer): boolean {
  const seq = wholeSequence(der);
  const list = seq && children(der, seq);
  if (!list || list.length < 3) return false;
  const version = smallInteger(der, list[0]!);
  if (version !== 0 && version !== 1) return false;
  if (list[1]!.tag !== TAG.SEQUENCE || list[2]!.tag !== TAG.OCTET_STRING || list[2]!.length < 16) return false;
  const algorithm = expect(der, list[1]!.start, TAG.OID, list[1]!.start + list[1]!.length);
  return !!algorithm && oid(der, algorithm) !== undefined;
}

/** PKCS#8 EncryptedPrivateKeyInfo: AlgorithmIdentifier (PBES2, PBE…), the encrypted key as an OCTET STRING. */
export function isEncryptedPkcs8(der: Buffer): boolean {
  const seq = wholeSequence(der);
  const list = seq && children(der, seq);
  if (!list || list.length !== 2 || list[0]!.tag !== TAG.SEQUENCE || list[1]!.tag !== TAG.OCTET_STRING) return false;
  const algorithm = expect(der, list[0]!.start, TAG.OID, list[0]!.start + list[0]!.length);
  if (!algorithm || oid(der, algorithm) === undefined || list[1]!.length < 16) return false;
  return looksRandom(der.subarray(list[1]!.start, list[1]!.start + list[1]!.length));
}

/** The cipher of an `openssh-key-v1` blob (`none` when unencrypted), or undefined when it is not one. */
export function opensshCipher(bytes: Buffer): string | undefined {
  const MAGIC = "openssh-key-v1\0";
  if (bytes.length < MAGIC.length + 4 || bytes.toString("latin1", 0, MAGIC.length) !== MAGIC) return undefined;
  let pos = MAGIC.length;
  const strings: Buffer[] = [];
  for (let i = 0; i < 3; i++) {
    if (pos + 4 > bytes.length) return undefined;
    const n = bytes.readUInt32BE(pos);
    if (n > 1024 || pos + 4 + n > bytes.length) return undefined;
    strings.push(bytes.subarray(pos + 4, pos + 4 + n));
    pos += 4 + n;
  }
  const [cipher, kdf] = strings.map((s) => s.toString("latin1"));
  if (!/^[a-z0-9@.-]{1,64}$/.test(cipher!) || !/^(?:none|bcrypt)$/.test(kdf!)) return undefined;
  if (pos + 4 > bytes.length) return undefined;
  const keys = bytes.readUInt32BE(pos);
  if (keys < 1 || keys > 64) return undefined;
  return cipher;
}

/**
 * A legacy passphrase-protected PEM (RFC 1421 headers `Proc-Type: 4,ENCRYPTED` and
 * `DEK-Info: CIPHER,IV`): the body is ciphertext in whole cipher blocks.
 */
export function isLegacyEncrypted(pem: PemBody): boolean {
  if (!/^4,\s*ENCRYPTED$/i.test(pem.headers.get("proc-type") ?? "")) return false;
  if (!/^[A-Z0-9-]+,[0-9A-Fa-f]{16,64}$/.test(pem.headers.get("dek-info") ?? "")) return false;
  const bytes = decodeCanonicalBase64(pem.base64);
  return !!bytes && bytes.length >= 32 && bytes.length % 8 === 0 && looksRandom(bytes);
}

/** The PEM private-key labels this module knows, as written after `BEGIN `. */
export type PemLabel = "RSA PRIVATE KEY" | "EC PRIVATE KEY" | "DSA PRIVATE KEY" | "PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" | "OPENSSH PRIVATE KEY";

/** What a PEM private key block holds: a usable key, a passphrase-protected one, or not a key at all (undefined). */
export function classifyPem(label: string, body: string): "plain" | "encrypted" | undefined {
  const pem = pemBody(body);
  if (pem.base64.length < 40) return undefined;
  if (label !== "OPENSSH PRIVATE KEY" && label !== "ENCRYPTED PRIVATE KEY" && pem.headers.has("proc-type")) {
    return isLegacyEncrypted(pem) ? "encrypted" : undefined;
  }
  const der = decodeCanonicalBase64(pem.base64);
  if (!der) return undefined;
  switch (label) {
    case "RSA PRIVATE KEY":
      return isPkcs1Rsa(der) ? "plain" : undefined;
    case "EC PRIVATE KEY":
      return isSec1Ec(der) ? "plain" : undefined;
    case "DSA PRIVATE KEY":
      return isDsa(der) ? "plain" : undefined;
    case "PRIVATE KEY":
      return isPkcs8(der) ? "plain" : undefined;
    case "ENCRYPTED PRIVATE KEY":
      return isEncryptedPkcs8(der) ? "encrypted" : undefined;
    case "OPENSSH PRIVATE KEY": {
      const cipher = opensshCipher(der);
      return cipher === undefined ? undefined : cipher === "none" ? "plain" : "encrypted";
    }
    default:
      return undefined;
  }
}

/**
 * The regex source of one PEM private key block with the given label alternatives: the whole
 * block is group `secret`, the label `label`, the inside `body`. The body is bounded and lazy:
 * it ends at the first matching END line.
 */
export function pemPattern(labels: string): RegExp {
  return new RegExp(`(?<secret>-----BEGIN (?<label>${labels})-----(?<body>[\\s\\S]{40,16384}?)-----END \\k<label>-----)`);
}

/** Bytes after a BEGIN line a PEM rule searches for its END (a 4096-bit RSA key, escaped, fits). */
export const PEM_REACH = 20000;
