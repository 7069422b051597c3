import type { RuleExamples, SecretRule } from "../../types.js";
import { asConcatenation, asFile, asJsonString, asYamlBlock } from "./forms.js";
import { PEM_REACH, classifyPem, pemPattern, type PemLabel } from "./pem.js";
import {
  DSA_KEY,
  EC_KEY,
  ENCRYPTED_EC_KEY,
  ENCRYPTED_OPENSSH_KEY,
  ENCRYPTED_PKCS8_KEY,
  ENCRYPTED_RSA_KEY,
  OPENSSH_KEY,
  PKCS8_KEY,
  RSA_KEY,
} from "./samples.js";

const REMEDIATION =
  "Treat the key as compromised: make a new key pair (and certificate), remove the old public key wherever it is trusted (authorized_keys, deploy keys, TLS endpoints), and mount keys at build time as secrets.";
const OPENSSL_DOCS = "https://docs.openssl.org/3.0/man1/openssl-genpkey/";

/** A rule for one PEM label holding an unencrypted key; a passphrase-protected block is left to `encryptedPrivateKey`. */
function plainPemRule(id: string, title: string, label: PemLabel, docs: string, examples: RuleExamples): SecretRule {
  return {
    id,
    kind: id,
    title,
    severity: "critical",
    confidence: "high",
    keywords: [`BEGIN ${label}-----`],
    pattern: pemPattern(label),
    reach: PEM_REACH,
    priority: 10,
    check: (hit, groups) => (classifyPem(groups.label ?? "", groups.body ?? "") === "plain" ? hit : undefined),
    remediation: REMEDIATION,
    docs,
    examples,
  };
}

/** Text that is not a key: a PEM frame around an elided, filler or placeholder body. */
function frame(label: string, body: string): string {
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

/** The first lines of a block (cut before its end), closed again: DER lengths no longer fit. */
function truncated(block: string): string {
  const lines = block.trimEnd().split("\n");
  return [...lines.slice(0, 3), lines[lines.length - 1]].join("\n");
}

/** PKCS#1 RSA private keys (`BEGIN RSA PRIVATE KEY`), unencrypted. */
export const rsaPrivateKey = plainPemRule("rsa-private-key", "RSA private key (PKCS#1)", "RSA PRIVATE KEY", OPENSSL_DOCS, {
  match: [
    asFile(RSA_KEY),
    asJsonString(RSA_KEY, '{"deploy_key": "'),
    asYamlBlock(RSA_KEY, "  ssh_private_key", "    "),
    asJsonString(RSA_KEY, 'RUN echo -e "', '" > /root/.ssh/id_rsa && chmod 600 /root/.ssh/id_rsa'),
    asConcatenation(RSA_KEY, "private static final String KEY =\n    "),
  ],
  noMatch: [
    { text: frame("RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA...\n...\n..."), why: "elided body (documentation)" },
    { text: frame("RSA PRIVATE KEY", "<your private key here>"), why: "placeholder body" },
    {
      text: frame("RSA PRIVATE KEY", "MIIEowIBAAKCAQEAwJ0ZQn3XhWq0F1bT2kGz5dEJ4lV8cP7uR9sA6mK2yN3oB4pL\n1tU5vW8xY0zQ2aC3dE4fG5hI6jK7lM8nO9pQ0rS1tU2vW3xY4zA5bC6dE7fG8hI9"),
      why: "random base64 that is not an RSAPrivateKey structure",
    },
    { text: ENCRYPTED_RSA_KEY, why: "passphrase-protected (reported as encrypted-private-key)" },
    { text: truncated(RSA_KEY), why: "truncated: the DER lengths do not fit" },
    {
      text: frame("RSA PRIVATE KEY", "MEgCQQDC0/80M8+OjdlV6VZ9bd3KNeUdtSDPjKGAdaxwKanu4kD9dqizu7dllq3U\nEr4/NCug+pzSPH0yIfu09EzF7bkrAgMBAAE="),
      why: "an RSA public key (n, e) under a private label",
    },
    { text: "if line.startswith('-----BEGIN RSA PRIVATE KEY-----'):", why: "code that looks for keys" },
  ],
});

/** SEC 1 EC private keys (`BEGIN EC PRIVATE KEY`), unencrypted. */
export const ecPrivateKey = plainPemRule("ec-private-key", "EC private key (SEC 1)", "EC PRIVATE KEY", OPENSSL_DOCS, {
  match: [
    asFile(EC_KEY),
    asJsonString(EC_KEY, '{"signing_key":"'),
    asYamlBlock(EC_KEY, "jwt_key"),
    asJsonString(EC_KEY, "ENV JWT_KEY=\"", '"'),
    asConcatenation(EC_KEY, "KEY = (\n    "),
  ],
  noMatch: [
    { text: frame("EC PRIVATE KEY", "MHcCAQEEI...\n..."), why: "elided body" },
    { text: ENCRYPTED_EC_KEY, why: "passphrase-protected (reported as encrypted-private-key)" },
    { text: frame("EC PRIVATE KEY", "A".repeat(64) + "\n" + "A".repeat(32)), why: "filler body" },
    { text: "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEdR2pBi8/Ck8c1Pd0EcVOdDgNya3f\nsKYgGojWxQl5VL506wSC2Y6ob+iiMBaLvgmvsePI+duOxttngXuUxGjgVA==\n-----END PUBLIC KEY-----", why: "public key" },
    { text: truncated(EC_KEY), why: "truncated" },
    { text: EC_KEY.replace("-----END EC PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----"), why: "END label does not match BEGIN" },
  ],
});

/** OpenSSL DSA private keys (`BEGIN DSA PRIVATE KEY`), unencrypted. */
export const dsaPrivateKey = plainPemRule("dsa-private-key", "DSA private key", "DSA PRIVATE KEY", OPENSSL_DOCS, {
  match: [
    asFile(DSA_KEY),
    asJsonString(DSA_KEY, '"key": "'),
    asYamlBlock(DSA_KEY, "host_key"),
    asJsonString(DSA_KEY, "printf '", "' > /etc/ssh/ssh_host_dsa_key"),
    asConcatenation(DSA_KEY, "key := "),
  ],
  noMatch: [
    { text: frame("DSA PRIVATE KEY", "..."), why: "elided body" },
    { text: frame("DSA PRIVATE KEY", "{{ .Values.dsaKey }}"), why: "template" },
    { text: truncated(DSA_KEY), why: "truncated" },
    { text: frame("DSA PRIVATE KEY", "MHcCAQEEIEPWUHUtNRtoL0PvMyTbvCJK1yuA8i650Xny+UB3BC8ooAoGCCqGSM49\nAwEHoUQDQgAEdR2pBi8/Ck8c1Pd0EcVOdDgNya3fsKYgGojWxQl5VL506wSC2Y6o"), why: "not a DSA structure" },
    { text: "grep -l 'BEGIN DSA PRIVATE KEY' /etc/ssh/*", why: "command that looks for keys" },
  ],
});

/** PKCS#8 private keys (`BEGIN PRIVATE KEY`): any algorithm, unencrypted (GCP service-account JSON holds one). */
export const pkcs8PrivateKey = plainPemRule("pkcs8-private-key", "Private key (PKCS#8)", "PRIVATE KEY", OPENSSL_DOCS, {
  match: [
    asFile(PKCS8_KEY),
    asJsonString(PKCS8_KEY, '{\n  "type": "service_account",\n  "private_key_id": "4f0c2b1e",\n  "private_key": "', '",\n  "client_email": "ci@proj.iam.gserviceaccount.com"\n}'),
    asYamlBlock(PKCS8_KEY, "tls.key"),
    asJsonString(PKCS8_KEY, 'echo "', '" > key.pem'),
    { text: `COPY <<EOF /app/key.pem\n${PKCS8_KEY}EOF\n`, secret: PKCS8_KEY.trimEnd() },
  ],
  noMatch: [
    { text: frame("PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n(truncated)"), why: "elided body" },
    { text: frame("PRIVATE KEY", "${PRIVATE_KEY}"), why: "template" },
    { text: '"private_key": "-----BEGIN PRIVATE KEY-----\\n<your key>\\n-----END PRIVATE KEY-----\\n"', why: "placeholder in a JSON template" },
    { text: PKCS8_KEY.replace("CeEO\n", "\n"), why: "cut short: the DER length does not fit" },
    { text: "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEdR2pBi8/Ck8c1Pd0EcVOdDgNya3f\nsKYgGojWxQl5VL506wSC2Y6ob+iiMBaLvgmvsePI+duOxttngXuUxGjgVA==\n-----END PUBLIC KEY-----", why: "public key" },
    { text: ENCRYPTED_PKCS8_KEY, why: "encrypted PKCS#8 (reported as encrypted-private-key)" },
  ],
});

/** OpenSSH private keys (`openssh-key-v1`), without a passphrase. */
export const opensshPrivateKey = plainPemRule("openssh-private-key", "OpenSSH private key", "OPENSSH PRIVATE KEY", "https://man.openbsd.org/ssh-keygen.1", {
  match: [
    asFile(OPENSSH_KEY),
    asJsonString(OPENSSH_KEY, '{"SSH_KEY":"'),
    asYamlBlock(OPENSSH_KEY, "      sshKey", "        "),
    asJsonString(OPENSSH_KEY, "RUN echo \"", "\" > ~/.ssh/id_ed25519"),
    asConcatenation(OPENSSH_KEY, "const key = "),
  ],
  noMatch: [
    { text: ENCRYPTED_OPENSSH_KEY, why: "passphrase-protected (reported as encrypted-private-key)" },
    { text: frame("OPENSSH PRIVATE KEY", "A".repeat(70) + "\n" + "A".repeat(70)), why: "filler body, not an openssh-key-v1 structure" },
    { text: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFsQApBwgxhqL9eow/6/JO6BIqF2Bsz6rZ0ZbQSyeiYA ci@host", why: "public key line" },
    { text: frame("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n..."), why: "elided body" },
    { text: frame("OPENSSH PRIVATE KEY", "MIIEowIBAAKCAQEAwJ0ZQn3XhWq0F1bT2kGz5dEJ4lV8cP7uR9sA6mK2yN3oB4pLzz=="), why: "not an openssh-key-v1 blob" },
  ],
});

/**
 * Passphrase-protected private keys: legacy PEM with `Proc-Type: 4,ENCRYPTED`, encrypted
 * PKCS#8, and OpenSSH keys with a cipher. Serious (the passphrase may be weak or nearby) but
 * not an open door.
 */
export const encryptedPrivateKey: SecretRule = {
  id: "encrypted-private-key",
  kind: "encrypted-private-key",
  title: "Passphrase-protected private key",
  severity: "medium",
  confidence: "high",
  keywords: ["BEGIN ENCRYPTED PRIVATE KEY-----", "BEGIN RSA PRIVATE KEY-----", "BEGIN EC PRIVATE KEY-----", "BEGIN DSA PRIVATE KEY-----", "BEGIN OPENSSH PRIVATE KEY-----"],
  pattern: pemPattern("ENCRYPTED PRIVATE KEY|RSA PRIVATE KEY|EC PRIVATE KEY|DSA PRIVATE KEY|OPENSSH PRIVATE KEY"),
  reach: PEM_REACH,
  priority: 10,
  check: (hit, groups) => (classifyPem(groups.label ?? "", groups.body ?? "") === "encrypted" ? hit : undefined),
  remediation: "Replace the key pair (a passphrase only slows an attacker down), remove the old public key wherever it is trusted, and keep key files out of the image.",
  docs: "https://docs.openssl.org/3.0/man1/openssl-pkcs8/",
  examples: {
    match: [
      asFile(ENCRYPTED_PKCS8_KEY),
      asFile(ENCRYPTED_RSA_KEY),
      asFile(ENCRYPTED_EC_KEY),
      asFile(ENCRYPTED_OPENSSH_KEY),
      asJsonString(ENCRYPTED_RSA_KEY, '{"key": "'),
      asYamlBlock(ENCRYPTED_PKCS8_KEY, "key"),
    ],
    noMatch: [
      { text: RSA_KEY, why: "not encrypted (reported as rsa-private-key)" },
      { text: OPENSSH_KEY, why: "no passphrase (reported as openssh-private-key)" },
      { text: frame("RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,768969DD478BFB82A40C52D56B7B7815\n\n..."), why: "elided body" },
      { text: frame("ENCRYPTED PRIVATE KEY", "A".repeat(64) + "\n" + "A".repeat(64)), why: "filler body" },
      { text: frame("RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED\n\nYw6cbPc3eW8UFIqzS1GXX+Yl/T6rV39k2cFxx65HbAxdqDKZ6Hjg1Y6B7DcxBjM4"), why: "no DEK-Info header" },
      { text: frame("ENCRYPTED PRIVATE KEY", "<encrypted key>"), why: "placeholder" },
    ],
  },
};

/** Every PEM/OpenSSH private-key rule, one per kind. */
export const PEM_KEY_RULES: readonly SecretRule[] = [rsaPrivateKey, ecPrivateKey, dsaPrivateKey, pkcs8PrivateKey, opensshPrivateKey, encryptedPrivateKey];
