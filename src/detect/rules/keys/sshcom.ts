import type { SecretRule } from "../../types.js";
import { asJsonString } from "./forms.js";
import { decodeCanonicalBase64, pemBody } from "./pem.js";
import { ENCRYPTED_SSHCOM_KEY, SSHCOM_KEY } from "./samples.js";

/**
 * The cipher of an SSH.com/Tectia key blob (magic 0x3F6FF9EB, total length, key-type string,
 * cipher string): `none` when the key is in clear. Undefined when it is not one.
 */
export function sshcomCipher(blob: Buffer): string | undefined {
  if (blob.length < 16 || blob.readUInt32BE(0) !== 0x3f6ff9eb || blob.readUInt32BE(4) > blob.length) return undefined;
  const typeLength = blob.readUInt32BE(8);
  if (typeLength > 256 || 16 + typeLength > blob.length) return undefined;
  const cipherLength = blob.readUInt32BE(12 + typeLength);
  if (cipherLength < 1 || cipherLength > 64 || 16 + typeLength + cipherLength > blob.length) return undefined;
  const cipher = blob.toString("latin1", 16 + typeLength, 16 + typeLength + cipherLength);
  return /^[a-z0-9@.-]+$/.test(cipher) ? cipher : undefined;
}

/** SSH.com / Tectia private keys (`---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----`, always so labelled; cipher `none` = in clear). */
export const sshcomPrivateKey: SecretRule = {
  id: "sshcom-private-key",
  kind: "sshcom-private-key",
  title: "SSH.com (SSH2) private key",
  severity: "critical",
  confidence: "high",
  keywords: ["BEGIN SSH2 ENCRYPTED PRIVATE KEY ----"],
  pattern: /(?<secret>---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----(?<body>[\s\S]{40,16384}?)---- END SSH2 ENCRYPTED PRIVATE KEY ----)/,
  reach: 16500,
  priority: 10,
  check: (hit, groups) => {
    // Header lines (Comment: "…") may be continued with a trailing backslash.
    const pem = pemBody((groups.body ?? "").replace(/\\\r?\n/g, ""));
    const blob = decodeCanonicalBase64(pem.base64);
    const cipher = blob && sshcomCipher(blob);
    if (!cipher) return undefined;
    return cipher === "none" ? hit : { ...hit, severity: "medium" };
  },
  remediation: "Make a new key pair, remove the old public key from every server that trusts it, and keep key files out of the image.",
  docs: "https://www.rfc-editor.org/rfc/rfc4716",
  examples: {
    match: [
      { text: SSHCOM_KEY, secret: SSHCOM_KEY.trimEnd() },
      { text: ENCRYPTED_SSHCOM_KEY, secret: ENCRYPTED_SSHCOM_KEY.trimEnd() },
      asJsonString(SSHCOM_KEY, '{"key":"'),
      { text: `host_key: |\n  ${SSHCOM_KEY.trimEnd().replace(/\n/g, "\n  ")}\n`, secret: SSHCOM_KEY.trimEnd().replace(/\n/g, "\n  ") },
      { text: SSHCOM_KEY.replace(/\n/g, "\r\n"), secret: SSHCOM_KEY.trimEnd().replace(/\n/g, "\r\n") },
    ],
    noMatch: [
      { text: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"rsa-key\"\nAAAAB3NzaC1yc2EAAAABJQAAAQEAnPyYefdQB1LahDt4T6KDiyXdiDSs1yaHgfFj\n---- END SSH2 PUBLIC KEY ----", why: "public key (RFC 4716)" },
      { text: "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n...\n---- END SSH2 ENCRYPTED PRIVATE KEY ----", why: "elided" },
      { text: "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n" + "A".repeat(70) + "\n" + "A".repeat(70) + "\n---- END SSH2 ENCRYPTED PRIVATE KEY ----", why: "filler" },
      { text: SSHCOM_KEY.replace("P2/56w", "P2/57w"), why: "wrong magic number" },
      { text: "grep -q 'BEGIN SSH2 ENCRYPTED PRIVATE KEY' key && ssh-keygen -i -f key", why: "command" },
    ],
  },
};
