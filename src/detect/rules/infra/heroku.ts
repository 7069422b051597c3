import type { RuleHit, SecretRule } from "../../types.js";
import { maybeAssigned, plausible } from "../cloud/shared.js";

const UUID = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;

function checkHeroku(hit: RuleHit): RuleHit | undefined {
  if (/^HRKU-/.test(hit.secret)) return plausible(hit.secret.slice(5), 3.2) ? hit : undefined;
  // A bare UUID is a Heroku key only under a Heroku name.
  if (!/heroku/i.test(hit.name ?? "") || !new RegExp(`^${UUID}$`).test(hit.secret)) return undefined;
  return plausible(hit.secret) ? { ...hit, confidence: "medium" } : undefined;
}

/** Heroku API keys and OAuth tokens: `HRKU-` tokens (two generations), and the older bare UUIDs under Heroku names. */
export const herokuApiKey: SecretRule = {
  id: "heroku-api-key",
  kind: "heroku-api-key",
  title: "Heroku API key",
  severity: "critical",
  confidence: "high",
  keywords: ["HRKU-", "heroku"],
  pattern: maybeAssigned(
    String.raw`heroku[A-Za-z0-9_.-]{0,20}?(?:api_?key|token|secret|auth)`,
    String.raw`HRKU-[A-Za-z0-9_-]{60}|HRKU-${UUID}|${UUID}`,
  ),
  priority: 10,
  check: checkHeroku,
  remediation: "Revoke the authorization (heroku authorizations:revoke ID) or regenerate the account API key (Account settings → API Key), and use a scoped authorization for automation.",
  docs: "https://devcenter.heroku.com/articles/oauth#prefixed-oauth-tokens",
  examples: {
    match: [
      { text: "HEROKU_API_KEY=HRKU-AACF3NDCccttsFaFGB3eW0k5e3_LCIMnvk1WUXaoMgqe0yFq4U8ArvzahjM-", secret: "HRKU-AACF3NDCccttsFaFGB3eW0k5e3_LCIMnvk1WUXaoMgqe0yFq4U8ArvzahjM-" },
      { text: "heroku_api_key: HRKU-74b72db4-8f53-4371-b2be-f44cbfa6c4ac", secret: "HRKU-74b72db4-8f53-4371-b2be-f44cbfa6c4ac" },
      { text: "HEROKU_API_KEY=e6a716ca-0edc-4b58-9251-e0eb6e5fdff7", secret: "e6a716ca-0edc-4b58-9251-e0eb6e5fdff7" },
      { text: "curl -H 'Authorization: Bearer HRKU-AAKaizMbFIA86u5RR135NT9y1zB0VKHlwePvu9JpNMBXXRcN960Hlkuq2H_W' https://api.heroku.com/apps", secret: "HRKU-AAKaizMbFIA86u5RR135NT9y1zB0VKHlwePvu9JpNMBXXRcN960Hlkuq2H_W" },
      { text: 'env:\n  HEROKU_OAUTH_TOKEN: "84d88535-3f45-4c33-a4d4-a19f3a31f327"', secret: "84d88535-3f45-4c33-a4d4-a19f3a31f327" },
    ],
    noMatch: [
      { text: '"url":"https://data-api.heroku.com/dataclips/x.json","creator_id":"1973a443-741c-4cc3-a49f-c1869d0b4a49"', why: "a Heroku URL and an unrelated UUID on one line" },
      { text: "HEROKU_APP_ID=52dea70d-6e41-4507-b7c4-82bfccafe547", why: "an app ID, not a key" },
      { text: "HEROKU_API_KEY=HRKU-AbKexwoDdgOE6lw2ddqUuKOLIjyToslr4QvSXWGd", why: "wrong length" },
      { text: "HEROKU_API_KEY=${HEROKU_API_KEY}", why: "reference" },
      { text: "HEROKU_API_KEY=HRKU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", why: "mask" },
    ],
  },
};
