import type { SecretRule } from "../../types.js";
import { assignment, decodeBase64, keepIf, looksRandom } from "../messaging/kit.js";

/**
 * Elasticsearch / Elastic Cloud API keys in their encoded form (base64 of `id:api_key`), after
 * `Authorization: ApiKey` or next to an Elastic API-key name. The value must decode to `id:key`.
 */
export const elasticApiKey: SecretRule = {
  id: "elastic-api-key",
  kind: "elastic-api-key",
  title: "Elastic API key",
  severity: "high",
  confidence: "medium",
  keywords: ["elastic", "es_api_key", "es-api-key", "apikey "],
  pattern: new RegExp(
    `(?:(?<![A-Za-z0-9_])ApiKey[ \\t]{1,4}|${assignment("elastic[a-z0-9_.-]{0,30}?api[_-]?key|es[_-]api[_-]?key")})(?<secret>[A-Za-z0-9+/]{40,120}={0,2})(?![A-Za-z0-9+/=])`,
    "i",
  ),
  priority: 10,
  check: (hit) => {
    const decoded = decodeBase64(hit.secret)?.toString("latin1");
    const parts = decoded?.match(/^([A-Za-z0-9_-]{16,32}):([A-Za-z0-9_-]{16,64})$/);
    return keepIf(parts !== null && parts !== undefined && looksRandom(parts[2]!, 3.3), hit);
  },
  remediation: "Invalidate the API key in Kibana (Stack Management → API keys) or with the invalidate API key endpoint, and create a new one.",
  docs: "https://www.elastic.co/guide/en/elasticsearch/reference/current/security-api-invalidate-api-key.html",
  examples: {
    match: [
      { text: "ELASTIC_API_KEY=RnpIUmNIalNQNjZLSzdEenhleXA6U3RDQVlLOWdrX0lxVnA3UHlhM2pJdw==", secret: "RnpIUmNIalNQNjZLSzdEenhleXA6U3RDQVlLOWdrX0lxVnA3UHlhM2pJdw==" },
      { text: "curl -H 'Authorization: ApiKey RnpIUmNIalNQNjZLSzdEenhleXA6U3RDQVlLOWdrX0lxVnA3UHlhM2pJdw==' https://acme.es.us-east-1.aws.found.io/_cat/indices", secret: "RnpIUmNIalNQNjZLSzdEenhleXA6U3RDQVlLOWdrX0lxVnA3UHlhM2pJdw==" },
      { text: "ES_API_KEY='Z2djZjV3akNwcHFZNTZWOTBqb3Q6VVhsa1U4Z05PV3hpcG9IUUFYOEs2cw=='", secret: "Z2djZjV3akNwcHFZNTZWOTBqb3Q6VVhsa1U4Z05PV3hpcG9IUUFYOEs2cw==" },
      { text: '"elasticsearch_api_key": "Z2djZjV3akNwcHFZNTZWOTBqb3Q6VVhsa1U4Z05PV3hpcG9IUUFYOEs2cw=="', secret: "Z2djZjV3akNwcHFZNTZWOTBqb3Q6VVhsa1U4Z05PV3hpcG9IUUFYOEs2cw==" },
      { text: "  elastic_cloud_api_key: eHZNMmx4LVNpTjdLNHFma0hIcVI6ZEMxa2FMajc5eG44Q0g3X0VzTlJhSw==", secret: "eHZNMmx4LVNpTjdLNHFma0hIcVI6ZEMxa2FMajc5eG44Q0g3X0VzTlJhSw==" },
    ],
    noMatch: [
      { text: "ELASTIC_API_KEY=vwg8LWxpAoe8kGPnZ5kSqOwtkVTCTlZ50LBxmETN18nXCfzPfFysuUxS9Fj7", why: "does not decode to id:key" },
      { text: "ELASTIC_API_KEY=${ELASTIC_API_KEY}", why: "reference" },
      { text: "API_KEY=RnpIUmNIalNQNjZLSzdEenhleXA6U3RDQVlLOWdrX0lxVnA3UHlhM2pJdw==", why: "nothing names Elastic" },
      { text: "Authorization: ApiKey <base64-encoded-api-key>", why: "placeholder" },
      { text: "ELASTIC_PASSWORD=changeme", why: "a password, another rule's business" },
    ],
  },
};
