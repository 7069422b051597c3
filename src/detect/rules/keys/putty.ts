import { createHash, createHmac } from "node:crypto";
import type { SecretRule } from "../../types.js";
import { decodeCanonicalBase64, looksRandom } from "./pem.js";
import { ENCRYPTED_PPK2_KEY, ENCRYPTED_PPK3_KEY, PPK2_KEY, PPK3_KEY } from "./samples.js";

/** The fields of a PPK file (PuTTY manual, appendix C) a check needs. */
interface Ppk {
  version: 2 | 3;
  algorithm: string;
  encryption: string;
  comment: string;
  publicBlob: Buffer;
  privateBlob: Buffer;
  mac: string;
}

/** Reads `count` base64 lines from `lines[at…]`, or undefined when they are not there. */
function blob(lines: string[], at: number, count: number): Buffer | undefined {
  if (count < 1 || count > 400 || at + count > lines.length) return undefined;
  const text = lines.slice(at, at + count).join("");
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? decodeCanonicalBase64(text) : undefined;
}

/** Parses a PPK v2/v3 file (LF, CRLF, or `\n`-escaped in a string), or undefined when malformed. */
function parsePpk(text: string): Ppk | undefined {
  const lines = text.split(/\r?\n|\\r\\n|\\n/);
  const head = /^PuTTY-User-Key-File-([23]): (\S{1,64})$/.exec(lines[0] ?? "");
  const encryption = /^Encryption: (\S{1,32})$/.exec(lines[1] ?? "")?.[1];
  const comment = /^Comment: (.*)$/.exec(lines[2] ?? "")?.[1];
  const publicLines = /^Public-Lines: (\d{1,3})$/.exec(lines[3] ?? "")?.[1];
  if (!head || encryption === undefined || comment === undefined || publicLines === undefined) return undefined;
  const publicBlob = blob(lines, 4, Number(publicLines));
  let at = 4 + Number(publicLines);
  // v3 keys with a passphrase carry Key-Derivation and Argon2-* lines here.
  while (at < lines.length && /^(?:Key-Derivation|Argon2-[A-Za-z]+): /.test(lines[at]!)) at++;
  const privateLines = /^Private-Lines: (\d{1,3})$/.exec(lines[at] ?? "")?.[1];
  if (!publicBlob || privateLines === undefined) return undefined;
  const privateBlob = blob(lines, at + 1, Number(privateLines));
  const mac = /^Private-MAC: ([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/.exec(lines[at + 1 + Number(privateLines)] ?? "")?.[1];
  if (!privateBlob || !mac) return undefined;
  return { version: head[1] === "3" ? 3 : 2, algorithm: head[2]!, encryption, comment, publicBlob, privateBlob, mac: mac.toLowerCase() };
}

function sshString(data: string | Buffer): Buffer {
  const body = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

/**
 * True when an unencrypted key's Private-MAC is right: HMAC-SHA-1 keyed with
 * SHA-1("putty-private-key-file-mac-key") (v2), HMAC-SHA-256 with an empty key (v3), over the
 * algorithm, encryption, comment, public and private blobs as SSH strings.
 */
function macMatches(k: Ppk): boolean {
  const data = Buffer.concat([sshString(k.algorithm), sshString(k.encryption), sshString(k.comment), sshString(k.publicBlob), sshString(k.privateBlob)]);
  const mac =
    k.version === 3
      ? createHmac("sha256", Buffer.alloc(0)).update(data).digest("hex")
      : createHmac("sha1", createHash("sha1").update("putty-private-key-file-mac-key").digest()).update(data).digest("hex");
  return mac === k.mac;
}

const NL = String.raw`(?:\r?\n|\\r\\n|\\n)`;

/** PuTTY private key files (`.ppk`, format 2 and 3): critical without a passphrase, medium with one. */
export const puttyPrivateKey: SecretRule = {
  id: "putty-private-key",
  kind: "putty-private-key",
  title: "PuTTY private key (.ppk)",
  severity: "critical",
  confidence: "high",
  keywords: ["PuTTY-User-Key-File-"],
  pattern: new RegExp(`(?<secret>PuTTY-User-Key-File-[23]: [^\\r\\n\\\\]{1,64}(?:${NL}[^\\r\\n\\\\]{0,512}){4,500}?${NL}Private-MAC: [0-9a-fA-F]{40,64})`),
  reach: 32000,
  priority: 10,
  check: (hit) => {
    const k = parsePpk(hit.secret);
    if (!k) return undefined;
    if (k.encryption === "none") return macMatches(k) ? hit : undefined;
    // Encrypted: the private blob is ciphertext in whole AES blocks.
    if (k.privateBlob.length % 16 !== 0 || !looksRandom(k.privateBlob)) return undefined;
    return { ...hit, severity: "medium" };
  },
  remediation: "Make a new key pair in PuTTYgen, remove the old public key from every authorized_keys it is in, and keep .ppk files out of the image.",
  docs: "https://the.earth.li/~sgtatham/putty/latest/htmldoc/AppendixC.html",
  examples: {
    match: [
      { text: PPK3_KEY, secret: PPK3_KEY.trimEnd() },
      { text: PPK2_KEY, secret: PPK2_KEY.trimEnd() },
      { text: ENCRYPTED_PPK3_KEY, secret: ENCRYPTED_PPK3_KEY.trimEnd() },
      { text: ENCRYPTED_PPK2_KEY.replace(/\n/g, "\r\n"), secret: ENCRYPTED_PPK2_KEY.trimEnd().replace(/\n/g, "\r\n") },
      { text: `{"ppk": "${PPK3_KEY.replace(/\n/g, "\\n")}"}`, secret: PPK3_KEY.trimEnd().replace(/\n/g, "\\n") },
    ],
    noMatch: [
      { text: PPK3_KEY.replace("fixture-key", "fixture-kex"), why: "edited: the MAC no longer matches (PuTTY refuses it)" },
      { text: PPK2_KEY.replace(/Private-Lines: 1\n.*\n/, "Private-Lines: 1\n...\n"), why: "elided private part" },
      { text: PPK3_KEY.replace(/Private-Lines: 1\n.*\n/, ""), why: "no private lines" },
      { text: "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: <comment>\nPublic-Lines: 6\n<base64>\nPrivate-Lines: 14\n<base64>\nPrivate-MAC: <hex>", why: "format description" },
      { text: ENCRYPTED_PPK3_KEY.replace(/(Private-Lines: 1\n).*\n/, "$1" + "A".repeat(64) + "\n"), why: "filler instead of ciphertext" },
      { text: "puttygen key.ppk -O private-openssh -o id_rsa  # PuTTY-User-Key-File-2 to OpenSSH", why: "a command mentioning the format" },
    ],
  },
};
