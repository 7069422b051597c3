import type { SecretRule } from "../../types.js";
import { randomBody } from "./helpers.js";

/**
 * Asana personal access tokens: `1/<user id>:<32 hex>` or `2/<user id>/<app id>:<32 hex>`, on a
 * line that names Asana (the keyword): the shape is distinctive, the version prefix is not.
 */
export const asanaToken: SecretRule = {
  id: "asana-personal-access-token",
  kind: "asana-personal-access-token",
  title: "Asana personal access token",
  severity: "high",
  confidence: "medium",
  keywords: ["asana"],
  pattern: /(?<![A-Za-z0-9_/.:])(?<secret>[12]\/[0-9]{6,20}(?:\/[0-9]{6,20})?:[0-9a-f]{32})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => randomBody(hit.secret.length - 32)(hit),
  remediation: "Revoke the token (Asana → My settings → Apps → Developer console → Personal access tokens → Deauthorize) and create a new one.",
  docs: "https://developers.asana.com/docs/personal-access-token",
  examples: {
    match: [
      { text: "ASANA_ACCESS_TOKEN=1/3522665162859:42d3951d99f712187ea5634d367bbd6c", secret: "1/3522665162859:42d3951d99f712187ea5634d367bbd6c" },
      { text: "ASANA_PAT='2/5127250090945/4032128381266:40a0a9bf7fdfc2331208926a585635a1'", secret: "2/5127250090945/4032128381266:40a0a9bf7fdfc2331208926a585635a1" },
      { text: 'curl https://app.asana.com/api/1.0/users/me -H "Authorization: Bearer 2/5153357484315/6462999146079:34064b522a5ec31cfb66ac835273433f"', secret: "2/5153357484315/6462999146079:34064b522a5ec31cfb66ac835273433f" },
      { text: "client = asana.Client.access_token('1/6076374889372:a6ba98ae87a5c1bde8e53a369034b9ff')", secret: "1/6076374889372:a6ba98ae87a5c1bde8e53a369034b9ff" },
      { text: '{"asana": {"token": "2/6048589726915/8981834089429:1ba40eb0042a5a25475ab291f3b06fb9"}}', secret: "2/6048589726915/8981834089429:1ba40eb0042a5a25475ab291f3b06fb9" },
    ],
    noMatch: [
      { text: "ASANA_ACCESS_TOKEN=1/3522665162859:42d3951d99f712187ea5634d367bbd6", why: "31 hex characters" },
      { text: "ASANA_ACCESS_TOKEN=3/3522665162859:42d3951d99f712187ea5634d367bbd6c", why: "unknown version" },
      { text: "ASANA_ACCESS_TOKEN=1/3522665162859:00000000000000000000000000000000", why: "filler" },
      { text: "1/3522665162859:42d3951d99f712187ea5634d367bbd6c", why: "no mention of Asana on the line" },
      { text: "asana docs: https://example.com/v1/3522665162859:42d3951d99f712187ea5634d367bbd6c", why: "part of a URL path" },
    ],
  },
};
