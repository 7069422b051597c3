import type { SecretRule } from "../../types.js";
import { asJsonString, asYamlBlock } from "./forms.js";
import { decodeCanonicalBase64, unescapeBlock } from "./pem.js";
import { ENCRYPTED_PGP_KEY, PGP_KEY } from "./samples.js";

/** CRC-24 of OpenPGP ASCII armor (RFC 4880 §6.1): init 0xB704CE, generator 0x1864CFB. */
export function crc24(bytes: Uint8Array): number {
  let crc = 0xb704ce;
  for (const b of bytes) {
    crc ^= b << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

/** The armored data and its `=XXXX` checksum line (when present), or undefined when the armor is malformed. */
function dearmor(body: string): { data: Buffer; crc?: number } | undefined {
  const lines = unescapeBlock(body)
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s"'`]+|[\s"'`]+$/g, ""))
    .filter((l) => l !== "" && !/^[A-Za-z][A-Za-z0-9-]*: /.test(l));
  let crc: number | undefined;
  const last = lines[lines.length - 1];
  if (last && /^=[A-Za-z0-9+/]{4}$/.test(last)) {
    const c = Buffer.from(last.slice(1), "base64");
    crc = (c[0]! << 16) | (c[1]! << 8) | c[2]!;
    lines.pop();
  }
  const data = decodeCanonicalBase64(lines.join(""));
  return data && data.length >= 16 ? { data, crc } : undefined;
}

/** Bytes of each v4 public-key algorithm's public material: a list of MPIs, OIDs and KDF fields to skip. */
const MATERIAL: Record<number, readonly ("mpi" | "oid" | "kdf")[]> = {
  1: ["mpi", "mpi"],
  2: ["mpi", "mpi"],
  3: ["mpi", "mpi"],
  16: ["mpi", "mpi", "mpi"],
  17: ["mpi", "mpi", "mpi", "mpi"],
  18: ["oid", "mpi", "kdf"],
  19: ["oid", "mpi"],
  20: ["mpi", "mpi", "mpi"],
  22: ["oid", "mpi"],
};
/** RFC 9580 algorithms with fixed-size public keys. */
const FIXED: Record<number, number> = { 25: 32, 26: 56, 27: 32, 28: 57 };

/**
 * The protection of the first packet of an OpenPGP message when it is a Secret-Key packet
 * (tag 5): "plain" (S2K usage 0), "protected" (any other usage: S2K, AEAD or a legacy cipher),
 * "unknown" for an algorithm this reader does not lay out; undefined when the first packet is
 * not a secret key.
 */
export function secretKeyProtection(data: Uint8Array): "plain" | "protected" | "unknown" | undefined {
  const b0 = data[0] ?? 0;
  if (!(b0 & 0x80)) return undefined;
  let tag: number;
  let pos: number;
  if (b0 & 0x40) {
    tag = b0 & 0x3f;
    const l = data[1] ?? 0;
    pos = l < 192 ? 2 : l < 224 ? 3 : l === 255 ? 6 : -1;
  } else {
    tag = (b0 >> 2) & 0x0f;
    pos = [2, 3, 5, 1][b0 & 3]!;
  }
  if (tag !== 5 || pos < 0) return undefined;
  const version = data[pos];
  if (version === 4) {
    const algorithm = data[pos + 5]!;
    let p = pos + 6;
    const fixed = FIXED[algorithm];
    if (fixed !== undefined) p += fixed;
    else {
      const fields = MATERIAL[algorithm];
      if (!fields) return "unknown";
      for (const f of fields) {
        if (p + 2 > data.length) return undefined;
        if (f === "mpi") p += 2 + Math.ceil(((data[p]! << 8) | data[p + 1]!) / 8);
        else p += 1 + data[p]!;
      }
    }
    if (p >= data.length) return undefined;
    return data[p] === 0 ? "plain" : "protected";
  }
  if (version === 5 || version === 6) {
    // Version, creation time (4), algorithm, a four-octet length of the public material, the material.
    if (pos + 10 > data.length) return undefined;
    const n = ((data[pos + 6]! << 24) >>> 0) + (data[pos + 7]! << 16) + (data[pos + 8]! << 8) + data[pos + 9]!;
    const p = pos + 10 + n;
    if (p >= data.length) return undefined;
    return data[p] === 0 ? "plain" : "protected";
  }
  return version === 2 || version === 3 ? "unknown" : undefined;
}

/** The PGP key of the examples with its first packet in the new (RFC 4880 §4.2.2) header format. */
const NEW_FORMAT_PGP_KEY = `-----BEGIN PGP PRIVATE KEY BLOCK-----

xVgEawVbPBYJKwYBBAHaRw8BAQdAt0iEdSji9IpTxvmp+Hl5LaInX4S5EtsX3Nbs
BemqnysAAP9HFZwOf5hquJtAiakFhXU3//3ac8elgNSeGp6OS4oZ+RFVtCdEcmVk
Z2UgRml4dHVyZSA8Zml4dHVyZUBkcmVkZ2UuaW52YWxpZD6IkAQTFggAOBYhBNAY
7pVBKIyedrGSbQmtUbcPPty3BQJrBVs8AhsDBQsJCAcCBhUKCQgLAgQWAgMBAh4B
AheAAAoJEAmtUbcPPty3CFIBAMK4KSTvo7lx3vxMEC20CeMCG+HMq7hP6akKpMO4
lMZ2AQDFr27SegSKcSuZWatW0x3K8L6e1MMCNeuuhXwtZWxDBA==
=qAq1
-----END PGP PRIVATE KEY BLOCK-----`;

/** OpenPGP secret keys in ASCII armor (`gpg --export-secret-keys --armor`). */
export const pgpPrivateKey: SecretRule = {
  id: "pgp-private-key",
  kind: "pgp-private-key",
  title: "OpenPGP private key block",
  severity: "critical",
  confidence: "high",
  keywords: ["BEGIN PGP PRIVATE KEY BLOCK-----"],
  pattern: /(?<secret>-----BEGIN PGP PRIVATE KEY BLOCK-----(?<body>[\s\S]{40,30000}?)-----END PGP PRIVATE KEY BLOCK-----)/,
  reach: 30100,
  priority: 10,
  check: (hit, groups) => {
    const armor = dearmor(groups.body ?? "");
    if (!armor) return undefined;
    if (armor.crc !== undefined && crc24(armor.data) !== armor.crc) return undefined;
    const protection = secretKeyProtection(armor.data);
    if (protection === undefined) return undefined;
    // A passphrase (S2K) stands between the finder and the key: serious, not an open door.
    return protection === "protected" ? { ...hit, severity: "medium" } : hit;
  },
  remediation: "Revoke the key (publish its revocation certificate to the keyservers and everyone who trusts it), make a new one, and keep keyrings out of the image.",
  docs: "https://www.gnupg.org/gph/en/manual/c14.html",
  examples: {
    match: [
      { text: PGP_KEY, secret: PGP_KEY.trimEnd() },
      { text: ENCRYPTED_PGP_KEY, secret: ENCRYPTED_PGP_KEY.trimEnd() },
      { text: NEW_FORMAT_PGP_KEY, secret: NEW_FORMAT_PGP_KEY },
      asJsonString(PGP_KEY, '{"GPG_PRIVATE_KEY": "'),
      asYamlBlock(ENCRYPTED_PGP_KEY, "  signing_key", "    "),
      { text: PGP_KEY.replace("\n\n", "\nVersion: GnuPG v2\nComment: release signing\n\n"), secret: PGP_KEY.trimEnd().replace("\n\n", "\nVersion: GnuPG v2\nComment: release signing\n\n") },
    ],
    noMatch: [
      { text: PGP_KEY.replace("=SIxL", "=SIxM"), why: "armor checksum does not match" },
      { text: PGP_KEY.replace("lFgE", "mFgE").replace("=SIxL", "=uCcE"), why: "first packet is a public key (tag 6), checksum right" },
      { text: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEawVbPBYJKwYBBAHaRw8BAQdAt0iEdSji9IpTxvmp+Hl5LaInX4S5EtsX3Nbs\n-----END PGP PUBLIC KEY BLOCK-----", why: "public key block" },
      { text: "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF...\n...\n-----END PGP PRIVATE KEY BLOCK-----", why: "elided body" },
      { text: "-----BEGIN PGP PRIVATE KEY BLOCK-----\n<paste your exported key here>\n-----END PGP PRIVATE KEY BLOCK-----", why: "placeholder" },
      { text: "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + "A".repeat(64) + "\n" + "A".repeat(64) + "\n-----END PGP PRIVATE KEY BLOCK-----", why: "filler" },
    ],
  },
};
