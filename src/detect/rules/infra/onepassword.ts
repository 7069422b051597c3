import type { RuleHit, SecretRule } from "../../types.js";
import { assigned, decodeBase64, plausible } from "../cloud/shared.js";

function decodeJson(text: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64(text);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Fake service account tokens (base64 of a sign-in bundle with made-up values). */
const SA_TOKEN_A = "ops_eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSIsInVzZXJBdXRoIjp7Im1ldGhvZCI6IlNSUGctNDA5NiIsImFsZyI6IlBCRVMyZy1IUzI1NiIsIml0ZXJhdGlvbnMiOjY1MDAwMCwic2FsdCI6InF0c0Ywc3ItaTVwNVlLXzZOU2lVLXUifSwiZW1haWwiOiJmejI2ZGwxNmZjN3J2QDFwYXNzd29yZHNlcnZpY2VhY2NvdW50cy5jb20iLCJzcnBYIjoiNTM3MGE3YzA5ODgyNDMxOWIzYWM2NGY4MmE1NzBhMjFiYzk2YzliOWUwZDQ4MmE4NDVjN2JlMjA2YThmNDJjMCIsIm11ayI6eyJhbGciOiJBMjU2R0NNIiwiZXh0Ijp0cnVlLCJrIjoiZXhUZ3dnR2JMUFQxUVhUYlUyRmIzX2lGMk9oN3M0LXJHQXpuZUdYTW5jMCIsImtleV9vcHMiOlsiZW5jcnlwdCIsImRlY3J5cHQiXSwia3R5Ijoib2N0Iiwia2lkIjoibXAifSwic2VjcmV0S2V5IjoiQTMtNEFKN1BTLVBBUVc3Wi1LRkE0Uy01NEtEVC02MkVDRS1YSlZGMi1YWjNZUSIsInRocm90dGxlU2VjcmV0Ijp7InNlZWQiOiI3ODI5NjUxZDIzOTU0OGVlMjc4YTViNmI0YWE2YjVhYTM0NDdjZDliZTQ2N2I4NmUyNzY2NGIzZGVhOTJiMGU3IiwidXVpZCI6ImRjNDk4N2FlLTI2OWYtNGYyZC1hNmIzLWM5OTUwMzVkZGVmYSJ9LCJkZXZpY2VVdWlkIjoidm05YW41Y2IxMDJiOW1kZWdxMXIwcjBlNHYifQ";
const SA_TOKEN_B = "ops_eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSIsInVzZXJBdXRoIjp7Im1ldGhvZCI6IlNSUGctNDA5NiIsImFsZyI6IlBCRVMyZy1IUzI1NiIsIml0ZXJhdGlvbnMiOjY1MDAwMCwic2FsdCI6InU3WHBTZ2w3ZlBibjM4cTdRSW9SOUYifSwiZW1haWwiOiI2NzZzNnF0aDU2NnU2QDFwYXNzd29yZHNlcnZpY2VhY2NvdW50cy5jb20iLCJzcnBYIjoiZWY4YjI5YzMwYTliYjVmNTRhOGJjOGZlMjljY2NmM2MzN2MzNTc3NDIwZjcxZjE0N2M3MmExNWU5YTZjMjUzMyIsIm11ayI6eyJhbGciOiJBMjU2R0NNIiwiZXh0Ijp0cnVlLCJrIjoiVGZkNy1RT3RBamtzZ0V2Z196bGJnOXVYSkRWWGZZclpLYmVtWXIzS1o3YyIsImtleV9vcHMiOlsiZW5jcnlwdCIsImRlY3J5cHQiXSwia3R5Ijoib2N0Iiwia2lkIjoibXAifSwic2VjcmV0S2V5IjoiQTMtRjQ0RVNMLTc1UjVTOS1CV1haRC03UkM0QS00M05FNy1ERkxNNi1BUUsyRCIsInRocm90dGxlU2VjcmV0Ijp7InNlZWQiOiI4ZTI2MzlmNzc2YmMyYzQzOGVhNjViNjFlZWVhMDEzOGRiNTM1OTIxZTUwMmJmNjFkYTZhZWE3YjBlZGFkOGE5IiwidXVpZCI6IjE2MDdkZjY3LTQyM2EtNDRiZS1hODlhLTY1OTY3ZGEwM2NhYSJ9LCJkZXZpY2VVdWlkIjoiejBqa3Z3enRtYmJ4Nnh2cGJmeWNyMW83OHMifQ";

/** 1Password service account tokens: `ops_` + base64 of the JSON sign-in bundle. */
export const onepasswordServiceAccountToken: SecretRule = {
  id: "1password-service-account-token",
  kind: "1password-service-account-token",
  title: "1Password service account token",
  severity: "critical",
  confidence: "high",
  keywords: ["ops_eyJ"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>ops_eyJ[A-Za-z0-9+/_-]{100,8192}={0,2})(?![A-Za-z0-9+/=_-])/,
  priority: 10,
  verified: true,
  check: (hit) => {
    const bundle = decodeJson(hit.secret.slice(4));
    return bundle && ("signInAddress" in bundle || "secretKey" in bundle || "email" in bundle) ? hit : undefined;
  },
  remediation: "Revoke the token (1Password.com → Developer → Service Accounts → the account → Revoke) and create a new one with access to only the vaults it needs.",
  docs: "https://developer.1password.com/docs/service-accounts/manage-service-accounts/",
  examples: {
    match: [
      { text: `OP_SERVICE_ACCOUNT_TOKEN=${SA_TOKEN_A}`, secret: SA_TOKEN_A },
      { text: `export OP_SERVICE_ACCOUNT_TOKEN='${SA_TOKEN_B}'`, secret: SA_TOKEN_B },
      { text: `env:\n  OP_SERVICE_ACCOUNT_TOKEN: ${SA_TOKEN_A}\n`, secret: SA_TOKEN_A },
      { text: `{"token":"${SA_TOKEN_B}"}`, secret: SA_TOKEN_B },
      { text: `docker run -e OP_SERVICE_ACCOUNT_TOKEN=${SA_TOKEN_A} 1password/op:2 op read op://prod/db/password`, secret: SA_TOKEN_A },
    ],
    noMatch: [
      { text: "OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ...", why: "elided" },
      { text: "OP_SERVICE_ACCOUNT_TOKEN=ops_eyJDtnHf33pXzErrOwL7ypYHbZqlaHIrs3vxjE/7BTi8Y9iH97LEzfT/jNypc6BhRhkIWb9VjSurBeXunSr/TP9wo4WYQHhpT/87wCSmxljR8lA9ix9IasT9Fe1FE6UG+GlFPJg8QCpNEfYRC5OTFnVHIL5B3fjE1fn5uMi9qf5P5SNpvhbnrYdnuqJRbvcIlTYwx+IqQc1", why: "does not decode to a sign-in bundle" },
      { text: "OP_SERVICE_ACCOUNT_TOKEN=${OP_SERVICE_ACCOUNT_TOKEN}", why: "reference" },
      { text: "OP_SERVICE_ACCOUNT_TOKEN=<service-account-token>", why: "placeholder" },
      { text: "devops_eyJe1Ub/jqMD0FkDvNtYAJI1PKCpxq1jAA7ulTGBeBuySQTbDH+c7gqshEGIJCh2mTWRPkgeXCKsICU8mdJ8+RVLRFkCZnC8DsWkWxTR8S5nCpyO+QHanuSpJYnWdLIFkgIKvhYK3m6Ut8NAbaIqQ1C07/C0Lw/Agamt9LkYa+ACksWL+V4v9X2ySDG8FPOKfmDfBhiTT9b", why: "inside a longer word" },
    ],
  },
};

function checkConnectToken(hit: RuleHit): RuleHit | undefined {
  const [, payload] = hit.secret.split(".");
  const claims = payload ? decodeJson(payload) : undefined;
  if (!claims) return undefined;
  if (/1password/i.test(JSON.stringify(claims.aud ?? "")) || /1password/i.test(String(claims.iss ?? ""))) return hit;
  // Another JWT under a Connect name: still a credential, but the rule is less sure it is Connect's.
  return /op_|onepassword/i.test(hit.name ?? "") ? { ...hit, confidence: "medium" } : undefined;
}

/** Fake Connect tokens: JWTs whose claims name 1Password Connect, with a made-up signature. */
const CONNECT_A = "eyJhbGciOiJFUzI1NiIsImtpZCI6InYxeWIwYTh3YnM5bDViemEybGsxNmZrNjIyIiwidHlwIjoiSldUIn0.eyIxcGFzc3dvcmQuY29tL2F1dWlkIjoiNEhNWFlLM0xBWkdPR1c4N01WR0RONDBBOUUiLCIxcGFzc3dvcmQuY29tL3Rva2VuIjoiaFZNR0IwX0MxM2kxSlNkMnRIZVlUTUUwc0RjTEg2Z2siLCIxcGFzc3dvcmQuY29tL2Z0cyI6WyJ2YXVsdGFjY2VzcyJdLCIxcGFzc3dvcmQuY29tL3Z0cyI6W3sidSI6Im91aG1yaWRiZnhxOW9sbWRmaGJ3cTh5eWR2IiwiYSI6NDh9XSwiYXVkIjpbImNvbS4xcGFzc3dvcmQuY29ubmVjdCJdLCJzdWIiOiJROFJPTFI1WkdRRlE5MkVMQVEwWThTTTExVyIsImlhdCI6MTc2NzIyNTYwMCwiaXNzIjoiY29tLjFwYXNzd29yZC5iNSIsImp0aSI6ImhtNmtyd2ticW83NGcyMDV0a2J3ZThqdTVhIn0.sox5Qkh3xei1cgxkcpdMccRbTyU09MLFavVfso5BF3gernC3k575-OD-0_LXBac2R8-aek2i7lCFBCLqDWrUkh";
const CONNECT_B = "eyJhbGciOiJFUzI1NiIsImtpZCI6IndwZ2FoOXBkZnd1NXk3cTQ1YzJoN2dkbXB0IiwidHlwIjoiSldUIn0.eyIxcGFzc3dvcmQuY29tL2F1dWlkIjoiTURNM0FQWVM2ME44OVgxMDVETENYMktQMEYiLCIxcGFzc3dvcmQuY29tL3Rva2VuIjoiakZkM2tzUmx3VWxiQWlac0ltOHBWTjZJVTdPYmpLZ1UiLCIxcGFzc3dvcmQuY29tL2Z0cyI6WyJ2YXVsdGFjY2VzcyJdLCIxcGFzc3dvcmQuY29tL3Z0cyI6W3sidSI6IjhnaDNkaGFtc3o1Y3pmN3VtYjFzeXoweHI2IiwiYSI6NDh9XSwiYXVkIjpbImNvbS4xcGFzc3dvcmQuY29ubmVjdCJdLCJzdWIiOiJTR0dUQzBPVlI1UkpQUE41Mk9LVzRGN0UzUCIsImlhdCI6MTc2NzIyNTYwMCwiaXNzIjoiY29tLjFwYXNzd29yZC5iNSIsImp0aSI6IjN5cTliOHN0eG95a2t5bWFsbGJwYXM3bnMxIn0.xgtkNvHUiZBQjmLvgUCqYlSN0CGp8HYKxRBNTzcB3FNRdYQ53EvILNyFzfOIoYPOkp6LOYD427ZXmbMv6HeMA8";

/** 1Password Connect server access tokens (a JWT) next to their usual names. */
export const onepasswordConnectToken: SecretRule = {
  id: "1password-connect-token",
  kind: "1password-connect-token",
  title: "1Password Connect token",
  severity: "critical",
  confidence: "high",
  keywords: ["op_connect_token", "onepassword_connect", "connect_token", "connect-token"],
  pattern: assigned(
    String.raw`op_connect_token|onepassword_connect(?:_token)?|connect[_-]token`,
    String.raw`eyJ[A-Za-z0-9_-]{10,2000}\.ey[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{16,2000}`,
    String.raw`A-Za-z0-9_.\-`,
  ),
  priority: 10,
  check: checkConnectToken,
  remediation: "Revoke the token (op connect token delete, or 1Password.com → Developer → the Connect server → Revoke) and issue a new one scoped to the vaults it needs.",
  docs: "https://developer.1password.com/docs/connect/manage-connect/",
  examples: {
    match: [
      { text: `OP_CONNECT_TOKEN=${CONNECT_A}`, secret: CONNECT_A },
      { text: `export OP_CONNECT_TOKEN='${CONNECT_B}'`, secret: CONNECT_B },
      { text: `onepassword_connect_token: ${CONNECT_A}`, secret: CONNECT_A },
      { text: `connect_token = "${CONNECT_B}"`, secret: CONNECT_B },
      { text: `kubectl create secret generic op-token --from-literal=connect-token=${CONNECT_A}`, secret: CONNECT_A },
    ],
    noMatch: [
      { text: "OP_CONNECT_TOKEN=eyJhbGciOiJFUzI1NiJ9.eyJ...", why: "elided" },
      { text: "OP_CONNECT_TOKEN=${OP_CONNECT_TOKEN}", why: "reference" },
      { text: "OP_CONNECT_HOST=http://localhost:8080", why: "the host, not the token" },
      { text: "CONNECT_TOKEN=eyJhbGciOiJIUzI1NiJ9.Vst3bAm6z6GeahqwKK8H36YOXWWZfKSLmpS18rbG.1Ci4DloLVXi3-lPPt-LeMfttm0ShwAQvOmQ2P5utpeI", why: "payload is not JSON" },
      { text: "OP_CONNECT_TOKEN=<token>", why: "placeholder" },
    ],
  },
};

/** The documented example Secret Key. */
const DOC_SECRET_KEY = "A3-ASWWYB-798JRY-LJVD4-23DC2-86TVM-H43EB";

/** 1Password account Secret Keys: `A3-`, a 6-character account ID, 26 characters in groups. */
export const onepasswordSecretKey: SecretRule = {
  id: "1password-secret-key",
  kind: "1password-secret-key",
  title: "1Password account Secret Key",
  severity: "high",
  confidence: "high",
  keywords: [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].map((c) => `A3-${c}`),
  pattern: /(?<![A-Za-z0-9-])(?<secret>A3-[A-Z0-9]{6}-[A-Z0-9]{6}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![A-Za-z0-9-])/,
  priority: 10,
  check: (hit) => (hit.secret !== DOC_SECRET_KEY && plausible(hit.secret.slice(3).replace(/-/g, ""), 3.5) ? hit : undefined),
  remediation: "Regenerate the Secret Key (1Password.com → your name → My Profile → Regenerate Secret Key), save the new Emergency Kit, and change the account password.",
  docs: "https://support.1password.com/secret-key-security/",
  examples: {
    match: [
      { text: "OP_SECRET_KEY=A3-7P22N5-6S3AGH-4BMNR-DA2C6-M7X4P-JWLEX-4YJ59", secret: "A3-7P22N5-6S3AGH-4BMNR-DA2C6-M7X4P-JWLEX-4YJ59" },
      { text: "op account add --address my.1password.com --email a@b.c --secret-key A3-E9BKRY-GHZK26-NRWJA-SYCHJ-R6HB3-WWE3Q-X65KK", secret: "A3-E9BKRY-GHZK26-NRWJA-SYCHJ-R6HB3-WWE3Q-X65KK" },
      { text: '"secretKey":"A3-RMPB7M-W4YXMA-R7T8S-3HYZR-DVXDP-2GN3D-DJSX3"', secret: "A3-RMPB7M-W4YXMA-R7T8S-3HYZR-DVXDP-2GN3D-DJSX3" },
      { text: "Secret Key: A3-HKJZZ7-W69HWP-FYCBZ-FAGT7-969S2-XCPZQ-EGLFW\n", secret: "A3-HKJZZ7-W69HWP-FYCBZ-FAGT7-969S2-XCPZQ-EGLFW" },
      { text: "key='A3-E7S59H-8ACNBK-PT24W-P6GAC-H9KX8-AS7N2-LCRR6'", secret: "A3-E7S59H-8ACNBK-PT24W-P6GAC-H9KX8-AS7N2-LCRR6" },
    ],
    noMatch: [
      { text: "Secret Key: A3-ASWWYB-798JRY-LJVD4-23DC2-86TVM-H43EB", why: "1Password's documentation example" },
      { text: "A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX", why: "mask" },
      { text: "A3-L9ZYP2-F98VMS-XBV46-FPJXG-RJLA4-VQ6WN", why: "a group missing" },
      { text: "A3-SKDY92-Z9Y2QF-FBQ56-YQY8R-CX3H3-Z6V8Q-NWMCC-9M4DX", why: "a group too many" },
      { text: "A4-CFF5XX-DKCWX3-3ABYB-H759F-PXDHV-E79X9-96HHF", why: "unknown version" },
    ],
  },
};
