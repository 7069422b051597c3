import type { SecretRule } from "../../types.js";
import { assignment, randomBody } from "./helpers.js";

/** A UUID, the shape of Codecov and Snyk tokens. */
export const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Codecov upload tokens: a UUID, known by its name (`CODECOV_TOKEN`). */
export const codecovToken: SecretRule = {
  id: "codecov-upload-token",
  kind: "codecov-upload-token",
  title: "Codecov upload token",
  severity: "medium",
  confidence: "medium",
  keywords: ["codecov"],
  pattern: assignment(String.raw`codecov[_.-]?(?:upload[_.-]?|repository[_.-]?|global[_.-]?|org[_.-]?)?token`, UUID),
  priority: 10,
  check: randomBody(0),
  remediation: "Regenerate the upload token (Codecov → the repository's or organization's Settings → Regenerate) and update the CI secret.",
  docs: "https://docs.codecov.com/docs/codecov-tokens",
  examples: {
    match: [
      { text: "CODECOV_TOKEN=a5bd8816-0ccd-438e-abac-2f368755f018", secret: "a5bd8816-0ccd-438e-abac-2f368755f018" },
      { text: "        token: ${{ secrets.X }}\n        codecov_token: 275a0080-b4e7-4e02-a79b-c10f584b4891", secret: "275a0080-b4e7-4e02-a79b-c10f584b4891" },
      { text: "ENV CODECOV_TOKEN 403febaa-29de-4cc1-a403-dbafc7559dac", secret: "403febaa-29de-4cc1-a403-dbafc7559dac" },
      { text: '{"codecovToken": "a5bd8816-0ccd-438e-abac-2f368755f018"}', secret: "a5bd8816-0ccd-438e-abac-2f368755f018" },
      { text: "|1 CODECOV_UPLOAD_TOKEN=275a0080-b4e7-4e02-a79b-c10f584b4891 /bin/sh -c ./codecov -f cov.xml", secret: "275a0080-b4e7-4e02-a79b-c10f584b4891" },
    ],
    noMatch: [
      { text: "CODECOV_TOKEN=${{ secrets.CODECOV_TOKEN }}", why: "a reference to a secret" },
      { text: "CODECOV_TOKEN=00000000-0000-0000-0000-000000000000", why: "nil UUID" },
      { text: "CODECOV_TOKEN=a5bd8816-0ccd-438e-abac-2f368755f01", why: "one character short" },
      { text: "CODECOV_FLAGS=a5bd8816-0ccd-438e-abac-2f368755f018", why: "not the token" },
      { text: "request_id=a5bd8816-0ccd-438e-abac-2f368755f018 codecov upload done", why: "a UUID not named as a token" },
    ],
  },
};
