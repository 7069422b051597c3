import type { SecretRule } from "../../types.js";
import { isRandomLooking } from "./helpers.js";

/** Postman API keys: `PMAK-`, 24 hex, `-`, 34 hex. */
export const postmanApiKey: SecretRule = {
  id: "postman-api-key",
  kind: "postman-api-key",
  title: "Postman API key",
  severity: "high",
  confidence: "high",
  keywords: ["PMAK-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>PMAK-(?<id>[0-9a-f]{24})-(?<body>[0-9a-f]{34}))(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit, groups) => (isRandomLooking(groups.id ?? "") && isRandomLooking(groups.body ?? "") ? hit : undefined),
  remediation: "Delete the key (Postman → Settings → API keys → Revoke) and create a new one; Postman also revokes keys it finds public.",
  docs: "https://learning.postman.com/docs/developer/postman-api/authentication/",
  examples: {
    match: [
      { text: "POSTMAN_API_KEY=PMAK-b03df1ab2b6c3b40484b9da8-f1e65fefdce7ad7870653f8225761947a4", secret: "PMAK-b03df1ab2b6c3b40484b9da8-f1e65fefdce7ad7870653f8225761947a4" },
      { text: "curl -H 'X-Api-Key: PMAK-775aacdafe2aa307d5aefc61-b61c85bdc7cd273ff03dc0dac9b024e275' https://api.getpostman.com/me", secret: "PMAK-775aacdafe2aa307d5aefc61-b61c85bdc7cd273ff03dc0dac9b024e275" },
      { text: "newman run https://api.getpostman.com/collections/1?apikey=PMAK-2ca7099dd44a2facc64032e2-5df341b3d77b2e259e8e4c1ec0e26cbec4", secret: "PMAK-2ca7099dd44a2facc64032e2-5df341b3d77b2e259e8e4c1ec0e26cbec4" },
      { text: "postman login --with-api-key PMAK-b03df1ab2b6c3b40484b9da8-f1e65fefdce7ad7870653f8225761947a4", secret: "PMAK-b03df1ab2b6c3b40484b9da8-f1e65fefdce7ad7870653f8225761947a4" },
      { text: '{"postmanApiKey":"PMAK-775aacdafe2aa307d5aefc61-b61c85bdc7cd273ff03dc0dac9b024e275"}', secret: "PMAK-775aacdafe2aa307d5aefc61-b61c85bdc7cd273ff03dc0dac9b024e275" },
    ],
    noMatch: [
      { text: "POSTMAN_API_KEY=PMAK-b03df1ab2b6c3b40484b9da8-f1e65fefdce7ad7870653f8225761947a", why: "33 characters after the dash" },
      { text: "POSTMAN_API_KEY=PMAK-b03df1ab2b6c3b40484b9da-f1e65fefdce7ad7870653f8225761947a4", why: "23 characters before the dash" },
      { text: "POSTMAN_API_KEY=PMAK-XXXXXXXXXXXXXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", why: "mask" },
      { text: "POSTMAN_API_KEY=PMAK-000000000000000000000000-0000000000000000000000000000000000", why: "filler" },
      { text: "POSTMAN_API_KEY={{postman_api_key}}", why: "template" },
    ],
  },
};
