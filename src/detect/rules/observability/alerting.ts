import type { SecretRule } from "../../types.js";
import { UUID, assignment, keepIf, looksRandom } from "../messaging/kit.js";

/** The token PagerDuty's API reference uses in its examples. */
const PAGERDUTY_DOC_TOKENS = new Set(["y_NbAkKc66ryYTWUXYEu"]);

/** PagerDuty REST API keys (20 characters; user tokens start `u+`), next to a PagerDuty name or in `Token token=`. */
export const pagerdutyApiKey: SecretRule = {
  id: "pagerduty-api-key",
  kind: "pagerduty-api-key",
  title: "PagerDuty REST API key",
  severity: "high",
  confidence: "medium",
  keywords: ["pagerduty", "token token="],
  pattern: new RegExp(`(?:(?<![A-Za-z0-9_])Token token=|${assignment("pagerduty")})(?<secret>[A-Za-z0-9_+-]{20})(?![A-Za-z0-9_+-])`, "i"),
  priority: 10,
  check: (hit) => keepIf(!PAGERDUTY_DOC_TOKENS.has(hit.secret) && /[0-9]/.test(hit.secret) && looksRandom(hit.secret.replace(/^u\+/, ""), 3.2), hit),
  remediation: "Delete the key in PagerDuty (Integrations → API Access Keys, or the user's profile → User Settings → API Access) and create a new one.",
  docs: "https://support.pagerduty.com/main/docs/api-access-keys",
  examples: {
    match: [
      { text: "PAGERDUTY_TOKEN=9bjgJFX-d7Im9o7emdGD", secret: "9bjgJFX-d7Im9o7emdGD" },
      { text: "curl -H 'Authorization: Token token=9bjgJFX-d7Im9o7emdGD' https://api.pagerduty.com/incidents", secret: "9bjgJFX-d7Im9o7emdGD" },
      { text: "PAGERDUTY_API_KEY='u+PJK88tf_njZ5rXVrGO'", secret: "u+PJK88tf_njZ5rXVrGO" },
      { text: 'provider "pagerduty" {}\n"pagerduty_token": "xRHEuC_PsXHl5NdSl0Rf"', secret: "xRHEuC_PsXHl5NdSl0Rf" },
      { text: "ENV PAGERDUTY_API_TOKEN xRHEuC_PsXHl5NdSl0Rf", secret: "xRHEuC_PsXHl5NdSl0Rf" },
    ],
    noMatch: [
      { text: "Authorization: Token token=y_NbAkKc66ryYTWUXYEu", why: "PagerDuty's documentation example" },
      { text: "PAGERDUTY_TOKEN=lUHjF03RnUz-9Z6dV9", why: "too short" },
      { text: "API_TOKEN=9bjgJFX-d7Im9o7emdGD", why: "nothing names PagerDuty" },
      { text: "PAGERDUTY_SERVICE_ID=PVADRUW", why: "an object id" },
      { text: "PAGERDUTY_TOKEN=xxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** PagerDuty integration (routing) keys for the Events API: 32 hex next to a PagerDuty name. */
export const pagerdutyIntegrationKey: SecretRule = {
  id: "pagerduty-integration-key",
  kind: "pagerduty-integration-key",
  title: "PagerDuty integration key",
  severity: "medium",
  confidence: "medium",
  keywords: ["pagerduty"],
  pattern: new RegExp(`${assignment("pagerduty")}(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Delete the integration from the PagerDuty service (Service → Integrations) and add a new one; anyone with the key can open incidents.",
  docs: "https://support.pagerduty.com/main/docs/services-and-integrations",
  examples: {
    match: [
      { text: "PAGERDUTY_INTEGRATION_KEY=ebc8946930a381252ee75208a484d3e4", secret: "ebc8946930a381252ee75208a484d3e4" },
      { text: "pagerduty_routing_key: 'ebc8946930a381252ee75208a484d3e4'", secret: "ebc8946930a381252ee75208a484d3e4" },
      { text: "pagerduty_configs:\n  - routing_key: x\n    pagerduty_service_key: 5da1f6a0392a6234fbcd09d1b05a450a", secret: "5da1f6a0392a6234fbcd09d1b05a450a" },
      { text: '"PAGERDUTY_ROUTING_KEY": "5da1f6a0392a6234fbcd09d1b05a450a"', secret: "5da1f6a0392a6234fbcd09d1b05a450a" },
      { text: "ENV PAGERDUTY_KEY 286bdcc4434fc75ad5f9d26270b00bef", secret: "286bdcc4434fc75ad5f9d26270b00bef" },
    ],
    noMatch: [
      { text: "PAGERDUTY_INTEGRATION_KEY=<integration-key>", why: "placeholder" },
      { text: "PAGERDUTY_INTEGRATION_KEY=830776784ed5fd4d4599a9dbcfe7e3d", why: "31 hex characters" },
      { text: "ROUTING_KEY=ebc8946930a381252ee75208a484d3e4", why: "nothing names PagerDuty" },
      { text: "PAGERDUTY_INTEGRATION_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "PAGERDUTY_INTEGRATION_KEY=ebc8946930a381252ee75208a484d3e400", why: "longer than a key" },
    ],
  },
};

/** Opsgenie API keys (UUIDs), after `GenieKey` or next to an Opsgenie name. */
export const opsgenieApiKey: SecretRule = {
  id: "opsgenie-api-key",
  kind: "opsgenie-api-key",
  title: "Opsgenie API key",
  severity: "high",
  confidence: "medium",
  keywords: ["opsgenie", "geniekey"],
  pattern: new RegExp(`(?:(?<![A-Za-z0-9_])GenieKey[ \\t]{1,4}|${assignment("opsgenie")})(?<secret>${UUID})(?![A-Za-z0-9-])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.replace(/-/g, "")), hit),
  remediation: "Delete the API key or integration in Opsgenie (Settings → API key management, or the team's integration) and create a new one.",
  docs: "https://support.atlassian.com/opsgenie/docs/api-key-management/",
  examples: {
    match: [
      { text: "OPSGENIE_API_KEY=63682a3c-a1d8-44b1-917b-c332a8e4f2ab", secret: "63682a3c-a1d8-44b1-917b-c332a8e4f2ab" },
      { text: "curl -X POST https://api.opsgenie.com/v2/alerts -H 'Authorization: GenieKey 63682a3c-a1d8-44b1-917b-c332a8e4f2ab'", secret: "63682a3c-a1d8-44b1-917b-c332a8e4f2ab" },
      { text: "opsgenie_configs:\n  - opsgenie_api_key: 4eb13dc3-3938-4f0a-a542-33f1e54ea9e0", secret: "4eb13dc3-3938-4f0a-a542-33f1e54ea9e0" },
      { text: '"opsgenieKey": "4eb13dc3-3938-4f0a-a542-33f1e54ea9e0"', secret: "4eb13dc3-3938-4f0a-a542-33f1e54ea9e0" },
      { text: "ENV OPSGENIE_API_KEY 2d809750-7a64-4df0-9ac7-36349349d58e", secret: "2d809750-7a64-4df0-9ac7-36349349d58e" },
    ],
    noMatch: [
      { text: "Authorization: GenieKey eb243592-faa2-4ba2-a551q-1afdf565c889", why: "documentation example (malformed UUID)" },
      { text: "OPSGENIE_API_KEY=00000000-0000-0000-0000-000000000000", why: "zeros" },
      { text: "API_KEY=63682a3c-a1d8-44b1-917b-c332a8e4f2ab", why: "nothing names Opsgenie" },
      { text: "OPSGENIE_API_URL=https://api.eu.opsgenie.com", why: "a URL" },
      { text: "OPSGENIE_API_KEY=<api-key>", why: "placeholder" },
    ],
  },
};
