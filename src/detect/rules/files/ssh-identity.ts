import type { SecretRule } from "../../types.js";
import { classifyPem, decodeCanonicalBase64, looksRandom, pemBody } from "../keys/pem.js";
import { OPENSSH_KEY, RSA_KEY, SSHCOM_KEY } from "../keys/samples.js";
import { sshcomCipher } from "../keys/sshcom.js";

/** The labels the PEM content rules handle; a block under one of them that they accept is theirs to report. */
const CONTENT_LABELS = new Set(["RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY"]);

/**
 * SSH identity files (`~/.ssh/id_rsa`, `id_ed25519`, …) holding a private key block that the
 * content rules do not report: an unusual label (`ED25519 PRIVATE KEY`, `ENCRYPTED EC PRIVATE
 * KEY`) or a body they cannot parse (damaged, a format variant) that is still key-like random
 * data. A key the content rules find is left to them, so nothing is reported twice.
 */
export const sshPrivateKeyFile: SecretRule = {
  id: "ssh-private-key-file",
  kind: "ssh-private-key-file",
  title: "SSH identity file with a private key",
  severity: "high",
  confidence: "medium",
  keywords: [],
  paths: /(?:^|\/)\.ssh\/(?:id_(?:rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk|xmss)|identity)$/,
  pattern: /(?<secret>-----BEGIN (?<label>[A-Z0-9 ]{0,40}PRIVATE KEY)-----(?<body>[\s\S]{20,16384}?)-----END \k<label>-----|---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----[\s\S]{20,16384}?---- END SSH2 ENCRYPTED PRIVATE KEY ----)/,
  priority: 20,
  check: (hit, groups) => {
    const label = groups.label;
    const body = groups.body ?? hit.secret.replace(/^---- BEGIN[^\n]*\n|---- END[^\n]*$/g, "");
    if (label !== undefined && CONTENT_LABELS.has(label) && classifyPem(label, body) !== undefined) return undefined;
    const pem = pemBody(body);
    const bytes = decodeCanonicalBase64(pem.base64);
    if (label === undefined && bytes && sshcomCipher(bytes) !== undefined) return undefined;
    return pem.base64.length >= 64 && bytes && looksRandom(bytes) ? hit : undefined;
  },
  remediation: "Treat the key as compromised: make a new key pair, remove the old public key from every authorized_keys and deploy-key list, and mount SSH keys at build time (RUN --mount=type=ssh).",
  docs: "https://docs.docker.com/reference/dockerfile/#run---mounttypessh",
  examples: {
    match: [
      {
        text: "-----BEGIN ED25519 PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJmOn3CSCDt6m7DQVfAd9fPvmGeDhoShNhJDxDHiCeEO\n-----END ED25519 PRIVATE KEY-----\n",
        secret: "-----BEGIN ED25519 PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJmOn3CSCDt6m7DQVfAd9fPvmGeDhoShNhJDxDHiCeEO\n-----END ED25519 PRIVATE KEY-----",
        path: "/root/.ssh/id_ed25519",
      },
      { text: RSA_KEY.replace(/\n[^\n]*\n-----END/, "\n-----END"), secret: RSA_KEY.replace(/\n[^\n]*\n-----END/, "\n-----END").trimEnd(), path: "/root/.ssh/id_rsa" },
      { text: OPENSSH_KEY.replace("b3BlbnNzaC1rZXktdjEA", "b3BlbnNzaC1rZXktdjIA"), secret: OPENSSH_KEY.replace("b3BlbnNzaC1rZXktdjEA", "b3BlbnNzaC1rZXktdjIA").trimEnd(), path: "/home/app/.ssh/id_ed25519" },
      {
        text: "-----BEGIN ENCRYPTED EC PRIVATE KEY-----\nRUHXXdD3nSrh0doQxGYAOlhwzNPuwzduXFmFe/+i0tn2FirptIspJKxk7pp6rx0w\nSWz4SDxJ2Y9VVP/nA+VEVECPFiHEUnjfynVimsVHyKUZ0Rw4EnFv0upP76u+MXaH\n-----END ENCRYPTED EC PRIVATE KEY-----\n",
        secret: "-----BEGIN ENCRYPTED EC PRIVATE KEY-----\nRUHXXdD3nSrh0doQxGYAOlhwzNPuwzduXFmFe/+i0tn2FirptIspJKxk7pp6rx0w\nSWz4SDxJ2Y9VVP/nA+VEVECPFiHEUnjfynVimsVHyKUZ0Rw4EnFv0upP76u+MXaH\n-----END ENCRYPTED EC PRIVATE KEY-----",
        path: "/root/.ssh/id_ecdsa",
      },
      { text: SSHCOM_KEY.replace("P2/56w", "P2/57w"), secret: SSHCOM_KEY.replace("P2/56w", "P2/57w").trimEnd(), path: "/root/.ssh/identity" },
    ],
    noMatch: [
      { text: RSA_KEY, path: "/root/.ssh/id_rsa", why: "a valid key: reported as rsa-private-key" },
      { text: OPENSSH_KEY, path: "/root/.ssh/id_ed25519", why: "a valid key: reported as openssh-private-key" },
      { text: SSHCOM_KEY, path: "/root/.ssh/id_dsa", why: "a valid key: reported as sshcom-private-key" },
      { text: "-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----\n", path: "/root/.ssh/id_ed25519", why: "elided" },
      { text: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFsQApBwgxhqL9eow/6/JO6BIqF2Bsz6rZ0ZbQSyeiYA ci@host\n", path: "/root/.ssh/id_ed25519", why: "a public key in the private key's place" },
      { text: "-----BEGIN ED25519 PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJmOn3CSCDt6m7DQVfAd9fPvmGeDhoShNhJDxDHiCeEO\n-----END ED25519 PRIVATE KEY-----\n", path: "/root/.ssh/id_ed25519.pub", why: "not an identity file path" },
    ],
  },
};
