import type { RuleHit, SecretRule } from "../../types.js";
import { plausible } from "./shared.js";

function checkKey(hit: RuleHit): RuleHit | undefined {
  const body = hit.secret.replace(/-----(?:BEGIN|END) (?:RSA )?PRIVATE KEY-----/g, "").replace(/\\[nr]/g, "").replace(/\s/g, "");
  return body.length >= 64 && plausible(body, 4.5) ? hit : undefined;
}

/** Fake PKCS#8 keys, JSON-escaped as a key file holds them (shortened: real ones are ~1,700 characters). */
const KEY_A = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQAnU5hrRqhU4f64\\nxHKn60UU98RSRgkhgVEjHsk4HnhP6UQSHI6R8iVhuSdbiWFb7ov4F2Te4GopRjSf\\ntVdrWVUVTYLYkGvIG5b3/oZlGYVqVu7AmegJ69FvzHq9czSaUkcWuBdh+EtRfpLU\\nqQf0KvljagS86M4YcYQJ9Rqa9V7U63cPgsqDGVvZda/pl3cnKqCyNsw4n8fQiki1\\nyj/lV6rynsY+VDk1ZRDr8MU0d4j3EcCU29DlUZDiJApdkfw+5axxwfddJ3aKocOd\\nWH2BrVo6t4J5kGGm3PUxbL7bi8075e8AGRvqQID9x70LkllAGEUIc/IoGY1ooClq\\ncgL/BGiCxuAfgWoMVfGoo9IgfaLbGyZI7ZwBqEM5jVPhTe9de4fmFn+ymO6WYJoe\\nqjHmwiCCPv+oETqRodGwZIvNi1pyn7nNLt+i/OILTy8I2cfDYnOMwSMcBXEMbg6x\\nTFYTTx4um38BKdiZiMk/cBmDvi/1w/v+ZzwDLktBtRBdy8hJjBjEEUuXPOYsQ2kA\\nqn4J/Fhvr0lG7mqzu3y7bgmhLtq88KaAFZs=\\n-----END PRIVATE KEY-----\\n";
const KEY_B = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDHcV4491DWEaw5\\n16ngFxzg6jYY8VAnIbltJM97nIg4zPyHwrzGA++1dsSi68f1lBCtFIqLlHg6ygCw\\nBI65g1O9Pni/1dKzWoPyaYn2v8v9x/K4wIo2GR7eIv/Mp90XTg+SbVqm2/tMOeaf\\n6H0MW7MQkpHrQHyCbW3MWlk/7ePgEl0p2pq3q3ApzVCvdOmTGNAlqdhT2l+8pPk4\\n/kekMkftvA/kipVU+qruIzYKCP6dB+iQEkaXTkJ7iOfv+IkRqhLn2z90lPNEx1yu\\nDllGDNGF0l+uCn/JeFZFAzRZDCpWi1tkayKOIysGZ0Ks5I89noNK4N0yHng0bX7o\\nbN+XHUlE5jTUJEBhBL9HWkeOGvfP4FG/iOVScI9w0hpb6e2VZlnJYSxPd3hoUeC8\\n65OH9uyew2KwmJqhyNB3qxWsAfbB1AQmF+TmIIPCDnd0adwzhCD/8AXoeEW74sdK\\nIbt0P4rkRxSbKXOzMk2ezqwOgtxvfJkso4CyNqLVwm3L1v0SPoAaCZ2+/PT3UG0e\\nsSiyLyOR/81mfZLwI8C2fCDivSWpmLSWi7Y=\\n-----END PRIVATE KEY-----\\n";
const reported = (key: string) => key.replace(/\\n$/, "");

/**
 * Google Cloud service account key files (the JSON `gcloud iam service-accounts keys create`
 * writes): reports the private key inside, JSON-escaped as it is in the file. Priority 9: the
 * PKCS#8 rule sees the same PEM, and the finding should name the service account key.
 */
export const gcpServiceAccountKey: SecretRule = {
  id: "gcp-service-account-key",
  kind: "gcp-service-account-key",
  title: "Google Cloud service account key",
  severity: "critical",
  confidence: "high",
  keywords: ["service_account", "private_key_id"],
  requires: "service_account",
  reach: 6144,
  pattern:
    /"(?<name>private_key)"\s*:\s*"(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----(?:\\[nr]|[A-Za-z0-9+/=\s]){64,8192}?-----END (?:RSA )?PRIVATE KEY-----)(?:\\n)?"/,
  priority: 9,
  check: checkKey,
  remediation: "Delete the key (gcloud iam service-accounts keys delete KEY_ID --iam-account=…), check the audit logs for its use, and prefer workload identity over key files.",
  docs: "https://cloud.google.com/iam/docs/keys-create-delete#deleting",
  examples: {
    match: [
      {
        text: `{\n  "type": "service_account",\n  "project_id": "shop-prod-4211",\n  "private_key_id": "b41cf7b67ba578e09874219469494d1c38b19f95",\n  "private_key": "${KEY_A}",\n  "client_email": "deployer@shop-prod-4211.iam.gserviceaccount.com",\n  "client_id": "759733251872427716124"\n}\n`,
        secret: reported(KEY_A),
      },
      {
        text: `{"type":"service_account","project_id":"x","private_key_id":"ff9f05eb381aa77bc5a9d571748e4ca8d78a96cb","private_key":"${KEY_B}","client_email":"ci@x.iam.gserviceaccount.com"}`,
        secret: reported(KEY_B),
      },
      {
        text: `{\n  "private_key_id": "79a4f1d6d6b7d0b3d75928f6c161f10cad977acc",\n  "private_key": "${KEY_B}",\n  "client_email": "a@b.iam.gserviceaccount.com",\n  "type": "service_account"\n}`,
        secret: reported(KEY_B),
      },
      {
        text: `GOOGLE_CREDENTIALS={"type": "service_account", "private_key": "${KEY_A}", "client_email": "x@y.iam.gserviceaccount.com"}`,
        secret: reported(KEY_A),
      },
      {
        text: `  "type": "service_account",\n  "private_key_id": "b3c5e4ac4927e14a8fa1cb0a7fa071fc2cd9a0df",\n  "private_key": "${KEY_A.replace(/^-----BEGIN PRIVATE KEY-----/, "-----BEGIN RSA PRIVATE KEY-----").replace(/-----END PRIVATE KEY-----/, "-----END RSA PRIVATE KEY-----")}",\n`,
        secret: reported(KEY_A).replace("BEGIN PRIVATE", "BEGIN RSA PRIVATE").replace("END PRIVATE", "END RSA PRIVATE"),
      },
    ],
    noMatch: [
      { text: `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"}`, why: "elided documentation key" },
      { text: `{"type": "service_account", "private_key": "\${GCP_PRIVATE_KEY}"}`, why: "reference" },
      { text: `{"type": "authorized_user", "private_key": "${KEY_B}"}`, why: "not a service account key file" },
      { text: `{"type": "service_account", "private_key": ""}`, why: "empty" },
      { text: `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${"A".repeat(300)}\\n-----END PRIVATE KEY-----\\n"}`, why: "filler body" },
    ],
  },
};
