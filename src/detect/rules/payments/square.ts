import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "../messaging/kit.js";

/** Square access tokens: OAuth `sq0atp-` + 22, and personal/production `EAAA` + 60. */
export const squareAccessToken: SecretRule = {
  id: "square-access-token",
  kind: "square-access-token",
  title: "Square access token",
  severity: "critical",
  confidence: "high",
  keywords: ["sq0atp-", "EAAA"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sq0atp-[A-Za-z0-9_-]{22}|EAAA[A-Za-z0-9_-]{60})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.replace(/^sq0atp-|^EAAA/, ""), 3.5), hit),
  remediation: "Revoke the token in the Square Developer Console (the application → Credentials, or OAuth → Revoke) and issue a new one.",
  docs: "https://developer.squareup.com/docs/build-basics/access-tokens",
  examples: {
    match: [
      { text: "SQUARE_ACCESS_TOKEN=EAAAdvhVn0cSA42N4xY3KQzKjn77Wn4vpPvU6bLZrg5Nr-WAoE4SkUCmpnXeypYl", secret: "EAAAdvhVn0cSA42N4xY3KQzKjn77Wn4vpPvU6bLZrg5Nr-WAoE4SkUCmpnXeypYl" },
      { text: "curl https://connect.squareup.com/v2/locations -H 'Authorization: Bearer EAAAdvhVn0cSA42N4xY3KQzKjn77Wn4vpPvU6bLZrg5Nr-WAoE4SkUCmpnXeypYl'", secret: "EAAAdvhVn0cSA42N4xY3KQzKjn77Wn4vpPvU6bLZrg5Nr-WAoE4SkUCmpnXeypYl" },
      { text: '"square": {"accessToken": "sq0atp-P9GRllkBvc74Jt1En9N7Yn"}', secret: "sq0atp-P9GRllkBvc74Jt1En9N7Yn" },
      { text: "client = Client(access_token='sq0atp-P9GRllkBvc74Jt1En9N7Yn', environment='production')", secret: "sq0atp-P9GRllkBvc74Jt1En9N7Yn" },
      { text: "  access_token: EAAA3JxfpJp1TzO6qvtyvKvzhkKZuQzPiaPpAa8ENoGWIKKTq3QOh_tNB2A7keLm", secret: "EAAA3JxfpJp1TzO6qvtyvKvzhkKZuQzPiaPpAa8ENoGWIKKTq3QOh_tNB2A7keLm" },
    ],
    noMatch: [
      { text: "SQUARE_ACCESS_TOKEN=EAAA4ejqLESnIBLP66sItFT51XPOyO0sRZaHL48w5SnH", why: "too short" },
      { text: "SQUARE_ACCESS_TOKEN=sq0atp-xxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "FB_TOKEN=EAABdvhVn0cSA42N4xY3KQzKjn77Wn4vpPvU6bLZrg5Nr-WAoE4SkUCmpnXeypYl", why: "a Facebook-style prefix, not Square's" },
      { text: "SQUARE_APP_ID=sq0idp-P9GRllkBvc74Jt1En9N7Yn", why: "application id: public" },
      { text: "SQUARE_ACCESS_TOKEN=EAAAdvhVn0cSA42N4xY3KQzKjn77Wn4vpPvU6bLZrg5Nr-WAoE4SkUCmpnXeypYleT6posQLyaf_laTg33POlXWNg-kuTjTpJ0bD4wVG", why: "longer token: not Square's" },
    ],
  },
};

/** Square OAuth application secrets: `sq0csp-` + 43. */
export const squareApplicationSecret: SecretRule = {
  id: "square-application-secret",
  kind: "square-application-secret",
  title: "Square application secret",
  severity: "high",
  confidence: "high",
  keywords: ["sq0csp-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sq0csp-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(7), 3.5), hit),
  remediation: "Replace the application secret in the Square Developer Console (the application → OAuth → Replace secret).",
  docs: "https://developer.squareup.com/docs/oauth-api/overview",
  examples: {
    match: [
      { text: "SQUARE_APPLICATION_SECRET=sq0csp-eQhNWv5f27D5h3Fa0xpkJK_S3XjdlykOu2E1klyVu1K", secret: "sq0csp-eQhNWv5f27D5h3Fa0xpkJK_S3XjdlykOu2E1klyVu1K" },
      { text: '"client_secret": "sq0csp-eQhNWv5f27D5h3Fa0xpkJK_S3XjdlykOu2E1klyVu1K"', secret: "sq0csp-eQhNWv5f27D5h3Fa0xpkJK_S3XjdlykOu2E1klyVu1K" },
      { text: "square:\n  oauth_secret: sq0csp-8YtDtrLv4U11_P9AujD-kQYnb_G9Nf6P-bv0tl07XIu", secret: "sq0csp-8YtDtrLv4U11_P9AujD-kQYnb_G9Nf6P-bv0tl07XIu" },
      { text: "curl -d client_secret=sq0csp-8YtDtrLv4U11_P9AujD-kQYnb_G9Nf6P-bv0tl07XIu https://connect.squareup.com/oauth2/token", secret: "sq0csp-8YtDtrLv4U11_P9AujD-kQYnb_G9Nf6P-bv0tl07XIu" },
      { text: "secret = 'sq0csp-D3tQonQBnlaM9I2FibAtBtmDB8Z4DB5IYo-8e86emKB'", secret: "sq0csp-D3tQonQBnlaM9I2FibAtBtmDB8Z4DB5IYo-8e86emKB" },
    ],
    noMatch: [
      { text: "SQUARE_APPLICATION_SECRET=sq0csp-mQO7Qe4WlYtApQIGxlUROloLepH2pALXFKxUbyMApS", why: "42 characters" },
      { text: "SQUARE_APPLICATION_SECRET=sq0csp-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SQUARE_APPLICATION_ID=sq0idp-wz68DnwyJrI9GUfKDXKBQL", why: "application id: public" },
      { text: "SQUARE_APPLICATION_SECRET=sq0csp-{YOUR_APPLICATION_SECRET}", why: "placeholder" },
      { text: "SQUARE_APPLICATION_SECRET=sq0csp-eQhNWv5f27D5h3Fa0xpkJK_S3XjdlykOu2E1klyVu1KX", why: "44 characters" },
    ],
  },
};
