import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "../messaging/kit.js";

const DOCS = "https://docs.honeycomb.io/get-started/configure/environments/manage-api-keys/";
const LETTERS = [..."abcdefghijklmnopqrstuvwxyz"];

/** Honeycomb ingest keys: `hc?ik_` key id + secret concatenated (58 characters after the prefix). */
export const honeycombIngestKey: SecretRule = {
  id: "honeycomb-ingest-key",
  kind: "honeycomb-ingest-key",
  title: "Honeycomb ingest key",
  severity: "medium",
  confidence: "high",
  keywords: LETTERS.map((c) => `hc${c}ik_`),
  pattern: /(?<![A-Za-z0-9_])(?<secret>hc[a-z]ik_[A-Za-z0-9]{58})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(32), 3), hit),
  remediation: "Disable and delete the ingest key in Honeycomb (Environment settings → API Keys → Ingest) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "HONEYCOMB_API_KEY=hcaik_012jgxmn4w9ba89mp4ziznst9mGdVvLP01nbWqSn6K7WmqHmosg6wlu0DA", secret: "hcaik_012jgxmn4w9ba89mp4ziznst9mGdVvLP01nbWqSn6K7WmqHmosg6wlu0DA" },
      { text: 'OTEL_EXPORTER_OTLP_HEADERS="x-honeycomb-team=hcxik_012jgxmn4w9ba89mp4ziznst9mGdVvLP01nbWqSn6K7WmqHmosg6wlu0DA"', secret: "hcxik_012jgxmn4w9ba89mp4ziznst9mGdVvLP01nbWqSn6K7WmqHmosg6wlu0DA" },
      { text: "curl -H 'X-Honeycomb-Team: hcaik_g1fx037a3zbxnjghzk4d0onwpdgjLEkErbQNBD3AIlht8sE1t0RyycBCyy' https://api.honeycomb.io/1/events/ds", secret: "hcaik_g1fx037a3zbxnjghzk4d0onwpdgjLEkErbQNBD3AIlht8sE1t0RyycBCyy" },
      { text: '"writeKey": "hcaik_g1fx037a3zbxnjghzk4d0onwpdgjLEkErbQNBD3AIlht8sE1t0RyycBCyy"', secret: "hcaik_g1fx037a3zbxnjghzk4d0onwpdgjLEkErbQNBD3AIlht8sE1t0RyycBCyy" },
      { text: "  api_key: hcbik_1p11d3p0tl7jil4g617mmypwbl2hBycurAqGaeO55X6m5PNI3eSg86USVY", secret: "hcbik_1p11d3p0tl7jil4g617mmypwbl2hBycurAqGaeO55X6m5PNI3eSg86USVY" },
    ],
    noMatch: [
      { text: "X-Honeycomb-Team: hcxik_1234567890123456789012345612345678901234567890123456789012", why: "Honeycomb's documentation example" },
      { text: "HONEYCOMB_API_KEY=hcaik_012jgxmn4w9ba89mp4ziznst9m", why: "key id only" },
      { text: "HONEYCOMB_API_KEY=hcaik_012jgxmn4w9ba89mp4ziznst9mGdVvLP01nbWqSn6K7WmqHmosg6wlu0DAX", why: "too long" },
      { text: "HONEYCOMB_API_KEY=hcaik_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "HONEYCOMB_API_KEY=hc1ik_012jgxmn4w9ba89mp4ziznst9mGdVvLP01nbWqSn6K7WmqHmosg6wlu0DA", why: "the variable character is a letter" },
    ],
  },
};

/** Honeycomb management keys: `hc?mk_` key id + `:` + secret (manage keys and environments). */
export const honeycombManagementKey: SecretRule = {
  id: "honeycomb-management-key",
  kind: "honeycomb-management-key",
  title: "Honeycomb management key",
  severity: "high",
  confidence: "high",
  keywords: LETTERS.map((c) => `hc${c}mk_`),
  pattern: /(?<![A-Za-z0-9_])(?<secret>hc[a-z]mk_[A-Za-z0-9]{26}:[A-Za-z0-9]{32})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(-32), 3), hit),
  remediation: "Delete the management key in Honeycomb (Team settings → API Keys → Management) and create a new one.",
  docs: "https://docs.honeycomb.io/api/authentication",
  examples: {
    match: [
      { text: "HONEYCOMB_MANAGEMENT_KEY=hcamk_012jgxmn4w9ba89mp4ziznst9m:GdVvLP01nbWqSn6K7WmqHmosg6wlu0DA", secret: "hcamk_012jgxmn4w9ba89mp4ziznst9m:GdVvLP01nbWqSn6K7WmqHmosg6wlu0DA" },
      { text: "curl -H 'Authorization: Bearer hcxmk_012jgxmn4w9ba89mp4ziznst9m:GdVvLP01nbWqSn6K7WmqHmosg6wlu0DA' https://api.honeycomb.io/2/teams/acme/api-keys", secret: "hcxmk_012jgxmn4w9ba89mp4ziznst9m:GdVvLP01nbWqSn6K7WmqHmosg6wlu0DA" },
      { text: '"managementKey": "hcamk_g1fx037a3zbxnjghzk4d0onwpd:gjLEkErbQNBD3AIlht8sE1t0RyycBCyy"', secret: "hcamk_g1fx037a3zbxnjghzk4d0onwpd:gjLEkErbQNBD3AIlht8sE1t0RyycBCyy" },
      { text: "export HNY_MGMT='hcamk_g1fx037a3zbxnjghzk4d0onwpd:gjLEkErbQNBD3AIlht8sE1t0RyycBCyy'", secret: "hcamk_g1fx037a3zbxnjghzk4d0onwpd:gjLEkErbQNBD3AIlht8sE1t0RyycBCyy" },
      { text: "  key: hcbmk_1p11d3p0tl7jil4g617mmypwbl:2hBycurAqGaeO55X6m5PNI3eSg86USVY", secret: "hcbmk_1p11d3p0tl7jil4g617mmypwbl:2hBycurAqGaeO55X6m5PNI3eSg86USVY" },
    ],
    noMatch: [
      { text: "Authorization: Bearer hcxmk_12345678901234567890123456:12345678901234567890123456789012", why: "Honeycomb's documentation example" },
      { text: "HONEYCOMB_MANAGEMENT_KEY=hcamk_012jgxmn4w9ba89mp4ziznst9m", why: "key id without the secret" },
      { text: "HONEYCOMB_MANAGEMENT_KEY=hcamk_012jgxmn4w9ba89mp4ziznst9m:eurNBeMzICDyyAGoa25R", why: "secret too short" },
      { text: "HONEYCOMB_MANAGEMENT_KEY=hcamk_xxxxxxxxxxxxxxxxxxxxxxxxxx:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "HONEYCOMB_MANAGEMENT_KEY=hcamk_<id>:<secret>", why: "template" },
    ],
  },
};

/** Honeycomb configuration and classic keys (22 alphanumerics or 32 hex) next to a Honeycomb name or header. */
export const honeycombApiKey: SecretRule = {
  id: "honeycomb-api-key",
  kind: "honeycomb-api-key",
  title: "Honeycomb configuration API key",
  severity: "high",
  confidence: "medium",
  keywords: ["honeycomb"],
  pattern: new RegExp(`${assignment("honeycomb")}(?<secret>[A-Za-z0-9]{22}|[0-9a-f]{32})(?![A-Za-z0-9_])`, "i"),
  priority: 10,
  check: (hit) => keepIf(/[0-9]/.test(hit.secret) && looksRandom(hit.secret, 3.3), hit),
  remediation: "Delete the key in Honeycomb (Environment settings → API Keys → Configuration) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "HONEYCOMB_API_KEY=L7UOqSjgJadEelEFwR5fyO", secret: "L7UOqSjgJadEelEFwR5fyO" },
      { text: "curl -H 'X-Honeycomb-Team: L7UOqSjgJadEelEFwR5fyO' https://api.honeycomb.io/1/auth", secret: "L7UOqSjgJadEelEFwR5fyO" },
      { text: "HONEYCOMB_WRITEKEY=f53100e46725153b5879134bbb03fd1d", secret: "f53100e46725153b5879134bbb03fd1d" },
      { text: 'OTEL_EXPORTER_OTLP_HEADERS="x-honeycomb-team=f53100e46725153b5879134bbb03fd1d,x-honeycomb-dataset=api"', secret: "f53100e46725153b5879134bbb03fd1d" },
      { text: '"honeycombApiKey": "WffvZmR9x0aPnU444xuh56"', secret: "WffvZmR9x0aPnU444xuh56" },
    ],
    noMatch: [
      { text: "HONEYCOMB_API_KEY=YOUR_API_KEY", why: "placeholder" },
      { text: "HONEYCOMB_DATASET=my-service-traces", why: "a dataset name" },
      { text: "API_KEY=L7UOqSjgJadEelEFwR5fyO", why: "nothing names Honeycomb" },
      { text: "HONEYCOMB_API_KEY=d4DKCYcQwej8W7zBgisf", why: "wrong length" },
      { text: "HONEYCOMB_API_KEY=xxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** Every Honeycomb rule, one per key kind. */
export const HONEYCOMB_RULES: readonly SecretRule[] = [honeycombIngestKey, honeycombManagementKey, honeycombApiKey];
