import type { RuleHit, SecretRule } from "../../types.js";
import { UUID, keepIf, looksRandom } from "../messaging/kit.js";

const DOCS = "https://axiom.co/docs/reference/tokens";
const uuidBody = (hit: RuleHit) => keepIf(looksRandom(hit.secret.slice(5).replace(/-/g, "")), hit);

/** Axiom API tokens: `xaat-` + UUID. */
export const axiomApiToken: SecretRule = {
  id: "axiom-api-token",
  kind: "axiom-api-token",
  title: "Axiom API token",
  severity: "high",
  confidence: "high",
  keywords: ["xaat-"],
  pattern: new RegExp(`(?<![A-Za-z0-9_-])(?<secret>xaat-${UUID})(?![A-Za-z0-9-])`),
  priority: 10,
  check: uuidBody,
  remediation: "Delete the API token in Axiom (Settings → API tokens) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "AXIOM_TOKEN=xaat-970d2f82-343e-42b7-8b56-191776791be2", secret: "xaat-970d2f82-343e-42b7-8b56-191776791be2" },
      { text: "curl -H 'Authorization: Bearer xaat-970d2f82-343e-42b7-8b56-191776791be2' https://api.axiom.co/v1/datasets/logs/ingest", secret: "xaat-970d2f82-343e-42b7-8b56-191776791be2" },
      { text: '"axiomToken": "xaat-99781eeb-366c-48a5-aa2a-302bae56e9c3"', secret: "xaat-99781eeb-366c-48a5-aa2a-302bae56e9c3" },
      { text: "export AXIOM_TOKEN='xaat-99781eeb-366c-48a5-aa2a-302bae56e9c3'", secret: "xaat-99781eeb-366c-48a5-aa2a-302bae56e9c3" },
      { text: "  token: xaat-091dfc14-a770-4a4b-8d89-ecd43fea7861", secret: "xaat-091dfc14-a770-4a4b-8d89-ecd43fea7861" },
    ],
    noMatch: [
      { text: "AXIOM_TOKEN=xaat-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", why: "mask" },
      { text: "AXIOM_TOKEN=xaat-00000000-0000-0000-0000-000000000000", why: "zeros" },
      { text: "AXIOM_TOKEN=xaat-970d2f82-343e-42b7-8b56-191776791be20", why: "longer than a UUID" },
      { text: "AXIOM_TOKEN=xaat-...", why: "elided" },
      { text: "AXIOM_TOKEN=xaat-<token>", why: "placeholder" },
    ],
  },
};

/** Axiom personal access tokens: `xapt-` + UUID (act as the user). */
export const axiomPersonalToken: SecretRule = {
  id: "axiom-personal-token",
  kind: "axiom-personal-token",
  title: "Axiom personal access token",
  severity: "high",
  confidence: "high",
  keywords: ["xapt-"],
  pattern: new RegExp(`(?<![A-Za-z0-9_-])(?<secret>xapt-${UUID})(?![A-Za-z0-9-])`),
  priority: 10,
  check: uuidBody,
  remediation: "Delete the personal token in Axiom (Profile → Personal tokens) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "AXIOM_TOKEN=xapt-970d2f82-343e-42b7-8b56-191776791be2", secret: "xapt-970d2f82-343e-42b7-8b56-191776791be2" },
      { text: "axiom auth login --token xapt-970d2f82-343e-42b7-8b56-191776791be2 --org-id acme", secret: "xapt-970d2f82-343e-42b7-8b56-191776791be2" },
      { text: '"personalToken": "xapt-99781eeb-366c-48a5-aa2a-302bae56e9c3"', secret: "xapt-99781eeb-366c-48a5-aa2a-302bae56e9c3" },
      { text: "ENV AXIOM_TOKEN xapt-99781eeb-366c-48a5-aa2a-302bae56e9c3", secret: "xapt-99781eeb-366c-48a5-aa2a-302bae56e9c3" },
      { text: "  axiom_token: xapt-091dfc14-a770-4a4b-8d89-ecd43fea7861", secret: "xapt-091dfc14-a770-4a4b-8d89-ecd43fea7861" },
    ],
    noMatch: [
      { text: "AXIOM_TOKEN=xapt-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", why: "mask" },
      { text: "AXIOM_TOKEN=xapt-00000000-0000-0000-0000-000000000000", why: "zeros" },
      { text: "AXIOM_TOKEN=xapt-970d2f82-343e-42b7-8b56-191776791be20", why: "longer than a UUID" },
      { text: "AXIOM_TOKEN=xapt-...", why: "elided" },
      { text: "AXIOM_TOKEN=xapx-970d2f82-343e-42b7-8b56-191776791be2", why: "unknown token type" },
    ],
  },
};
