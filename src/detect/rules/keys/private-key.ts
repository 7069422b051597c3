import type { RuleHit, SecretRule } from "../../types.js";

const BODY_MIN = 64;

function opensshCipher(body: string): string | undefined {
  const bytes = Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
  if (bytes.subarray(0, 15).toString("latin1") !== "openssh-key-v1\0") return undefined;
  const len = bytes.readUInt32BE(15);
  return len < 64 ? bytes.subarray(19, 19 + len).toString("latin1") : undefined;
}

function classify(hit: RuleHit, groups: Record<string, string | undefined>): RuleHit | undefined {
  const label = (groups.label ?? "").trim();
  const body = groups.body ?? "";
  const base64 = body.replace(/^[A-Za-z-]+:.*$/gm, "").replace(/[^A-Za-z0-9+/=]/g, "");
  if (base64.length < BODY_MIN) return undefined;
  if (/^[A]+={0,2}$|(.)\1{40,}/.test(base64)) return undefined; // elided or filler bodies in docs
  const type = label.replace(/\s*PRIVATE KEY$/, "").toLowerCase() || "pkcs8";
  let encrypted = /ENCRYPTED/.test(label) || /Proc-Type:\s*4,ENCRYPTED/.test(body);
  if (type === "openssh") {
    const cipher = opensshCipher(body);
    if (cipher === undefined) return undefined;
    encrypted = cipher !== "none";
  }
  const kindType = type === "encrypted" ? "pkcs8" : type.replace(/\s+/g, "-");
  return {
    ...hit,
    kind: `${kindType}-private-key`,
    // A passphrase-protected key still has to be cracked: serious, but not an open door.
    severity: encrypted ? "medium" : "critical",
    confidence: "high",
  };
}

/** PEM private keys (RSA, EC, DSA, PKCS#8, encrypted PKCS#8) and OpenSSH private keys. */
export const privateKey: SecretRule = {
  id: "private-key",
  kind: "private-key",
  title: "Private key",
  severity: "critical",
  confidence: "high",
  keywords: ["-----BEGIN "],
  pattern:
    /(?<secret>-----BEGIN (?<label>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |ED25519 )?PRIVATE KEY)-----(?<body>[\s\S]{64,16384}?)-----END \k<label>-----)/,
  reach: 20000,
  priority: 10,
  check: (hit, groups) => classify(hit, groups),
  remediation: "Treat the key as compromised: replace it (new key pair, new certificate), remove the old public key wherever it is trusted (authorized_keys, deploy keys, TLS endpoints).",
  docs: "https://www.ssh.com/academy/ssh/keygen",
  examples: {
    match: [
      {
        text: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAwJ0ZQn3XhWq0F1bT2kGz5dEJ4lV8cP7uR9sA6mK2yN3oB4pL\n1tU5vW8xY0zQ2aC3dE4fG5hI6jK7lM8nO9pQ0rS1tU2vW3xY4zA5bC6dE7fG8hI9\n-----END RSA PRIVATE KEY-----\n",
        secret: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAwJ0ZQn3XhWq0F1bT2kGz5dEJ4lV8cP7uR9sA6mK2yN3oB4pL\n1tU5vW8xY0zQ2aC3dE4fG5hI6jK7lM8nO9pQ0rS1tU2vW3xY4zA5bC6dE7fG8hI9\n-----END RSA PRIVATE KEY-----",
      },
      {
        text: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDAnRlCfdeFarQX\nVtPaQbPl0QniVXxw/u5H2wDqYrbI3egHikvW1Tm9bzFjTNDZoLd0Thl+GFojqMnu\n-----END PRIVATE KEY-----",
        secret: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDAnRlCfdeFarQX\nVtPaQbPl0QniVXxw/u5H2wDqYrbI3egHikvW1Tm9bzFjTNDZoLd0Thl+GFojqMnu\n-----END PRIVATE KEY-----",
      },
      {
        text: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGZ3J1Y9k2n8V0yq4m7b1c5x8z0a2s4d6f8g0h2j4k6lAoGCCqGSM49\nAwEHoUQDQgAEq3b5n7m9k1j3h5g7f9d1s3a5p7o9i1u3y5t7r9e1w3q5z7x9c1v3\n-----END EC PRIVATE KEY-----",
        secret: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGZ3J1Y9k2n8V0yq4m7b1c5x8z0a2s4d6f8g0h2j4k6lAoGCCqGSM49\nAwEHoUQDQgAEq3b5n7m9k1j3h5g7f9d1s3a5p7o9i1u3y5t7r9e1w3q5z7x9c1v3\n-----END EC PRIVATE KEY-----",
      },
      {
        text: '"key": "-----BEGIN DSA PRIVATE KEY-----\\nMIIBuwIBAAKBgQD7l4n2Xk9q1W3e5R7t9Y1u3I5o7P9a1S3d5F7g9H1j3K5l7Z9x\\n1C3v5B7n9M1q3W5e7R9t1Y3u5I7o9P1a3S5d7F9g1H3j5K7l9Z1x3C5v7B9n1M3\\n-----END DSA PRIVATE KEY-----"',
        secret: "-----BEGIN DSA PRIVATE KEY-----\\nMIIBuwIBAAKBgQD7l4n2Xk9q1W3e5R7t9Y1u3I5o7P9a1S3d5F7g9H1j3K5l7Z9x\\n1C3v5B7n9M1q3W5e7R9t1Y3u5I7o9P1a3S5d7F9g1H3j5K7l9Z1x3C5v7B9n1M3\\n-----END DSA PRIVATE KEY-----",
      },
      {
        text: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIq3b5n7m9k1gCAggA\nMAwGCCqGSIb3DQIJBQAwFAYIKoZIhvcNAwcECL9e1w3q5z7x9c1v3b5n7m9k1j3h\n-----END ENCRYPTED PRIVATE KEY-----",
        secret: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIq3b5n7m9k1gCAggA\nMAwGCCqGSIb3DQIJBQAwFAYIKoZIhvcNAwcECL9e1w3q5z7x9c1v3b5n7m9k1j3h\n-----END ENCRYPTED PRIVATE KEY-----",
      },
    ],
    noMatch: [
      { text: "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----", why: "elided body (documentation)" },
      { text: "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwJ0ZQn3XhWq0F1bT2kGz5dEJ\n-----END PUBLIC KEY-----", why: "public key" },
      { text: "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTES\n-----END CERTIFICATE-----", why: "certificate" },
      { text: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAwJ0ZQn3XhWq0F1bT2kGz5dEJ4lV8cP7uR9sA6mK2yN3oB4pL\n", why: "no END line" },
      { text: "if line.startswith('-----BEGIN RSA PRIVATE KEY-----'):", why: "code that looks for keys" },
      { text: "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END OPENSSH PRIVATE KEY-----", why: "filler body, not an OpenSSH key structure" },
    ],
  },
};
