import type { SecretRule } from "../../types.js";
import { UUID } from "./codecov.js";
import { assignment, randomBody } from "./helpers.js";

/** Snyk API tokens: a UUID, named `SNYK_TOKEN`/`snyk_api_token`… or given to `snyk auth`. */
export const snykToken: SecretRule = {
  id: "snyk-api-token",
  kind: "snyk-api-token",
  title: "Snyk API token",
  severity: "high",
  confidence: "medium",
  keywords: ["snyk"],
  pattern: assignment(String.raw`snyk[_.-]?(?:api[_.-]?|auth[_.-]?|cfg[_.-]?)?(?:token|key)`, UUID, true, String.raw`\bsnyk\s+(?:auth|config\s+set\s+api=)\s*`),
  priority: 10,
  check: randomBody(0),
  remediation: "Revoke and regenerate the token (Snyk → Account settings → Auth Token → Revoke & Regenerate, or the service account's page).",
  docs: "https://docs.snyk.io/snyk-api/authentication-for-api/revoke-and-regenerate-a-snyk-api-token",
  examples: {
    match: [
      { text: "SNYK_TOKEN=a5bd8816-0ccd-438e-abac-2f368755f018", secret: "a5bd8816-0ccd-438e-abac-2f368755f018" },
      { text: "RUN snyk auth 275a0080-b4e7-4e02-a79b-c10f584b4891 && snyk test", secret: "275a0080-b4e7-4e02-a79b-c10f584b4891" },
      { text: '{"snyk_api_token": "403febaa-29de-4cc1-a403-dbafc7559dac"}', secret: "403febaa-29de-4cc1-a403-dbafc7559dac" },
      { text: "snyk config set api=a5bd8816-0ccd-438e-abac-2f368755f018", secret: "a5bd8816-0ccd-438e-abac-2f368755f018" },
      { text: "  SNYK_AUTH_TOKEN: 275a0080-b4e7-4e02-a79b-c10f584b4891", secret: "275a0080-b4e7-4e02-a79b-c10f584b4891" },
    ],
    noMatch: [
      { text: "SNYK_TOKEN=${SNYK_TOKEN}", why: "variable reference" },
      { text: "SNYK_ORG_ID=a5bd8816-0ccd-438e-abac-2f368755f018", why: "the organization id is not a secret" },
      { text: "SNYK_TOKEN=00000000-0000-0000-0000-000000000000", why: "nil UUID" },
      { text: "snyk test --project-id=a5bd8816-0ccd-438e-abac-2f368755f018", why: "a project id" },
      { text: "SNYK_TOKEN=a5bd8816-0ccd-438e-abac-2f368755f01g", why: "g is not hex" },
    ],
  },
};
