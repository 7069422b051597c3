import { crc32 } from "../../checksum.js";
import type { SecretRule } from "../../types.js";
import { decodeJsonObject, keepIf, looksRandom } from "../messaging/kit.js";

/**
 * Grafana service account tokens: `glsa_` + 32 alphanumerics + `_` + 8 hex, the checksum being
 * the CRC-32 of `glsa_<secret>` written little-endian in hex (Grafana's satokengen).
 */
export const grafanaServiceAccountToken: SecretRule = {
  id: "grafana-service-account-token",
  kind: "grafana-service-account-token",
  title: "Grafana service account token",
  severity: "high",
  confidence: "high",
  keywords: ["glsa_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>glsa_(?<body>[A-Za-z0-9]{32})_(?<sum>[0-9a-f]{8}))(?![A-Za-z0-9_])/,
  priority: 10,
  verified: true,
  check: (hit, groups) => {
    const le = Buffer.alloc(4);
    le.writeUInt32LE(crc32(`glsa_${groups.body}`));
    return keepIf(le.toString("hex") === groups.sum, hit);
  },
  remediation: "Delete the token in Grafana (Administration → Users and access → Service accounts → the account → tokens) and add a new one.",
  docs: "https://grafana.com/docs/grafana/latest/administration/service-accounts/#service-account-tokens",
  examples: {
    match: [
      { text: "GRAFANA_TOKEN=glsa_qeEXPmz9rPjtpXAvj93bPRewKadY8Rrc_40a891b1", secret: "glsa_qeEXPmz9rPjtpXAvj93bPRewKadY8Rrc_40a891b1" },
      { text: "curl -H 'Authorization: Bearer glsa_qeEXPmz9rPjtpXAvj93bPRewKadY8Rrc_40a891b1' https://acme.grafana.net/api/dashboards/uid/x", secret: "glsa_qeEXPmz9rPjtpXAvj93bPRewKadY8Rrc_40a891b1" },
      { text: 'provider "grafana" { auth = "glsa_yAHpejLW82NdzEHi2KOBup4hLIEj4lUE_384973e2" }', secret: "glsa_yAHpejLW82NdzEHi2KOBup4hLIEj4lUE_384973e2" },
      { text: '{"grafana": {"token": "glsa_yAHpejLW82NdzEHi2KOBup4hLIEj4lUE_384973e2"}}', secret: "glsa_yAHpejLW82NdzEHi2KOBup4hLIEj4lUE_384973e2" },
      { text: "  service_account_token: glsa_u6k1Rddz5aQbWwScKS1wamyQVd7jKblL_7d2799fc", secret: "glsa_u6k1Rddz5aQbWwScKS1wamyQVd7jKblL_7d2799fc" },
    ],
    noMatch: [
      { text: "GRAFANA_TOKEN=glsa_M3m8P84gRG0LsxI7iTlBkib6yQkPyucq_00000000", why: "checksum fails" },
      { text: "GRAFANA_TOKEN=glsa_xxxxxxxxxxxx", why: "Grafana's documentation placeholder" },
      { text: "GRAFANA_TOKEN=glsa_FAOTYa3MSlpBZrb9JseXOqSSZTGWw6_f5f149e6", why: "secret too short" },
      { text: "GRAFANA_TOKEN=glsa_M3m8P84gRG0LsxI7iTlBkib6yQkPyucq", why: "no checksum" },
      { text: "GRAFANA_TOKEN=glsx_M3m8P84gRG0LsxI7iTlBkib6yQkPyucq_f5f149e6", why: "unknown service id" },
    ],
  },
};

/** Grafana Cloud access policy tokens (`glc_` + base64 of a JSON object with the key `k`). */
export const grafanaCloudToken: SecretRule = {
  id: "grafana-cloud-token",
  kind: "grafana-cloud-token",
  title: "Grafana Cloud access policy token",
  severity: "high",
  confidence: "high",
  keywords: ["glc_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>glc_(?<payload>[A-Za-z0-9+/]{32,400}={0,2}))(?![A-Za-z0-9+/=_])/,
  priority: 10,
  check: (hit, groups) => {
    const payload = decodeJsonObject(groups.payload ?? "");
    return keepIf(payload !== undefined && typeof payload.k === "string" && looksRandom(payload.k, 3), hit);
  },
  remediation: "Delete the token in Grafana Cloud (Administration → Cloud access policies → the policy → tokens) and create a new one.",
  docs: "https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/",
  examples: {
    match: [
      { text: "GRAFANA_CLOUD_TOKEN=glc_eyJvIjoiMzQyOTY0IiwibiI6InN0YWNrLTE4ODQ2NS1kZXBsb3ktdXB2dWZtIiwiayI6InY0QWdMNEhjRUpTWHNpZmdHTkZJSWZJciIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19", secret: "glc_eyJvIjoiMzQyOTY0IiwibiI6InN0YWNrLTE4ODQ2NS1kZXBsb3ktdXB2dWZtIiwiayI6InY0QWdMNEhjRUpTWHNpZmdHTkZJSWZJciIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19" },
      { text: "curl -u 123456:glc_eyJvIjoiMzQyOTY0IiwibiI6InN0YWNrLTE4ODQ2NS1kZXBsb3ktdXB2dWZtIiwiayI6InY0QWdMNEhjRUpTWHNpZmdHTkZJSWZJciIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19 https://prometheus-prod-01-eu-west-0.grafana.net/api/prom/push", secret: "glc_eyJvIjoiMzQyOTY0IiwibiI6InN0YWNrLTE4ODQ2NS1kZXBsb3ktdXB2dWZtIiwiayI6InY0QWdMNEhjRUpTWHNpZmdHTkZJSWZJciIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19" },
      { text: 'basic_auth:\n  password: "glc_eyJvIjoiMTA0NjUyIiwibiI6InN0YWNrLTQyMjkyMy1kZXBsb3kta3ZxeG5mIiwiayI6ImdNck4xbnY2aGNjVzhKQkFPQ0VycTF6YiIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19"', secret: "glc_eyJvIjoiMTA0NjUyIiwibiI6InN0YWNrLTQyMjkyMy1kZXBsb3kta3ZxeG5mIiwiayI6ImdNck4xbnY2aGNjVzhKQkFPQ0VycTF6YiIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19" },
      { text: "export GRAFANA_CLOUD_ACCESS_POLICY_TOKEN='glc_eyJvIjoiMTA0NjUyIiwibiI6InN0YWNrLTQyMjkyMy1kZXBsb3kta3ZxeG5mIiwiayI6ImdNck4xbnY2aGNjVzhKQkFPQ0VycTF6YiIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19'", secret: "glc_eyJvIjoiMTA0NjUyIiwibiI6InN0YWNrLTQyMjkyMy1kZXBsb3kta3ZxeG5mIiwiayI6ImdNck4xbnY2aGNjVzhKQkFPQ0VycTF6YiIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19" },
      { text: "  cloud_access_policy_token: glc_eyJvIjoiMzk5ODk4IiwibiI6InN0YWNrLTg3NTU2Ni1kZXBsb3ktY2t3anBpIiwiayI6IlNvNlV2VjVvTWRlbmxJMUw0NDdmRDh0ciIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19", secret: "glc_eyJvIjoiMzk5ODk4IiwibiI6InN0YWNrLTg3NTU2Ni1kZXBsb3ktY2t3anBpIiwiayI6IlNvNlV2VjVvTWRlbmxJMUw0NDdmRDh0ciIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19" },
    ],
    noMatch: [
      { text: "GRAFANA_CLOUD_TOKEN=glc_Z86i1zcyIrPe0dje7fRJCc375YQ7X8AxY8qj6f3Uj5nKQM4s", why: "does not decode to a JSON token" },
      { text: "GRAFANA_CLOUD_TOKEN=glc_eyJvIjoiMTIzIiwibiI6InRlc3QifQ==", why: "JSON without a key" },
      { text: "GRAFANA_CLOUD_TOKEN=glc_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "GRAFANA_CLOUD_TOKEN=glc_...", why: "elided" },
      { text: "GRAFANA_CLOUD_TOKEN=<glc_token>", why: "placeholder" },
    ],
  },
};

/** Grafana API keys (legacy): base64 of `{"k":…,"n":…,"id":…}`, so they start `eyJrIjoi`. */
export const grafanaApiKey: SecretRule = {
  id: "grafana-api-key",
  kind: "grafana-api-key",
  title: "Grafana API key (legacy)",
  severity: "high",
  confidence: "high",
  keywords: ["eyJrIjoi"],
  pattern: /(?<![A-Za-z0-9+/_.-])(?<secret>eyJrIjoi[A-Za-z0-9+/]{40,300}={0,2})(?![A-Za-z0-9+/=_.-])/,
  priority: 10,
  check: (hit) => {
    const payload = decodeJsonObject(hit.secret);
    return keepIf(payload !== undefined && typeof payload.k === "string" && "n" in payload && looksRandom(payload.k, 3), hit);
  },
  remediation: "Delete the API key in Grafana (Administration → API keys) and migrate to a service account token.",
  docs: "https://grafana.com/docs/grafana/latest/administration/service-accounts/migrate-api-keys/",
  examples: {
    match: [
      { text: "GRAFANA_API_KEY=eyJrIjoiWlB4TVQwVElCSGhYNUh5NUU5VE13NHIzWkMxNDczcTIiLCJuIjoiY2ktanJweWIiLCJpZCI6NTQwfQ==", secret: "eyJrIjoiWlB4TVQwVElCSGhYNUh5NUU5VE13NHIzWkMxNDczcTIiLCJuIjoiY2ktanJweWIiLCJpZCI6NTQwfQ==" },
      { text: "Authorization: Bearer eyJrIjoiWlB4TVQwVElCSGhYNUh5NUU5VE13NHIzWkMxNDczcTIiLCJuIjoiY2ktanJweWIiLCJpZCI6NTQwfQ==", secret: "eyJrIjoiWlB4TVQwVElCSGhYNUh5NUU5VE13NHIzWkMxNDczcTIiLCJuIjoiY2ktanJweWIiLCJpZCI6NTQwfQ==" },
      { text: '"apiKey": "eyJrIjoieDNPZm9Ncko1UXFuVm1DMTY2elY5SUtyWHJ1SU8wZHEiLCJuIjoiY2kteG53b2MiLCJpZCI6MjcxfQ=="', secret: "eyJrIjoieDNPZm9Ncko1UXFuVm1DMTY2elY5SUtyWHJ1SU8wZHEiLCJuIjoiY2kteG53b2MiLCJpZCI6MjcxfQ==" },
      { text: "grafana:\n  api_key: eyJrIjoieDNPZm9Ncko1UXFuVm1DMTY2elY5SUtyWHJ1SU8wZHEiLCJuIjoiY2kteG53b2MiLCJpZCI6MjcxfQ==", secret: "eyJrIjoieDNPZm9Ncko1UXFuVm1DMTY2elY5SUtyWHJ1SU8wZHEiLCJuIjoiY2kteG53b2MiLCJpZCI6MjcxfQ==" },
      { text: "curl -H \"Authorization: Bearer eyJrIjoiTldhRDBZTHpqRHA3SEtrNUFKNUVwTmJWUWM1OUNWbzIiLCJuIjoiY2ktdmtqa2YiLCJpZCI6MTIwfQ==\" http://grafana:3000/api/search", secret: "eyJrIjoiTldhRDBZTHpqRHA3SEtrNUFKNUVwTmJWUWM1OUNWbzIiLCJuIjoiY2ktdmtqa2YiLCJpZCI6MTIwfQ==" },
    ],
    noMatch: [
      { text: "Authorization: Bearer eyJrIjoiT0tTcG1pUlY2RnVKZTFVaDFsNFZXdE9ZWmNrMkZYbk", why: "truncated documentation example: no JSON" },
      { text: "GRAFANA_API_KEY=eyJrIjoieHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHgiLCJuIjoieCIsImlkIjoxfQ==", why: "masked key inside" },
      { text: "eyJrIjoi.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl", why: "a dotted JWT-like string" },
      { text: "GRAFANA_API_KEY=eyJrIjoi", why: "prefix only" },
      { text: "GRAFANA_API_KEY=eyJrIjoiUleHxE6gytcyHHOyBUx3fbLpUiixkMMUjrYLa0RL2qxtxk2OcXjXaJM3EDRS", why: "not base64 of JSON" },
    ],
  },
};

/** Every Grafana rule, one per token kind. */
export const GRAFANA_RULES: readonly SecretRule[] = [grafanaServiceAccountToken, grafanaCloudToken, grafanaApiKey];
