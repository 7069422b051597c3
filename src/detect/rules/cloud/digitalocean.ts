import type { SecretRule } from "../../types.js";
import { accept, assigned } from "./shared.js";

const TOKEN_DOCS = "https://docs.digitalocean.com/reference/api/create-personal-access-token/";
const OAUTH_DOCS = "https://docs.digitalocean.com/reference/api/oauth/";
const hexBody = accept({ body: (s) => s.slice(7) });

/** DigitalOcean personal access tokens: `dop_v1_` and 64 hex digits. */
export const digitaloceanPersonalAccessToken: SecretRule = {
  id: "digitalocean-personal-access-token",
  kind: "digitalocean-personal-access-token",
  title: "DigitalOcean personal access token",
  severity: "critical",
  confidence: "high",
  keywords: ["dop_v1_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>dop_v1_[a-f0-9]{64})(?![A-Za-z0-9])/,
  priority: 10,
  check: hexBody,
  remediation: "Delete the token in the control panel (API → Tokens) or with doctl, create a scoped replacement, and review the account's security history.",
  docs: TOKEN_DOCS,
  examples: {
    match: [
      { text: "DIGITALOCEAN_ACCESS_TOKEN=dop_v1_0953e5f1e559e43009c982e31355f7b47d68fea495a1fb10d927d35a0c02e3a0", secret: "dop_v1_0953e5f1e559e43009c982e31355f7b47d68fea495a1fb10d927d35a0c02e3a0" },
      { text: "doctl auth init --access-token dop_v1_23e81fd57af9b94627b3da3719d19e317033abedc32dd351428a1f4dd599109e", secret: "dop_v1_23e81fd57af9b94627b3da3719d19e317033abedc32dd351428a1f4dd599109e" },
      { text: 'provider "digitalocean" { token = "dop_v1_ec882aa432b32dfe8aa90b9d18debacb2ae6684acb68c86184baa30c81164062" }', secret: "dop_v1_ec882aa432b32dfe8aa90b9d18debacb2ae6684acb68c86184baa30c81164062" },
      { text: "access-token: dop_v1_81f604b61c2775304685c11f62396f93096fdb3f02da9506151e228bc3adb610\n", secret: "dop_v1_81f604b61c2775304685c11f62396f93096fdb3f02da9506151e228bc3adb610" },
      { text: "curl -H \"Authorization: Bearer dop_v1_afa86bc3bf74eea70b90e45f4f49d94ba5060eb76362f60ef72699fa3840d129\" https://api.digitalocean.com/v2/account", secret: "dop_v1_afa86bc3bf74eea70b90e45f4f49d94ba5060eb76362f60ef72699fa3840d129" },
    ],
    noMatch: [
      { text: "DIGITALOCEAN_ACCESS_TOKEN=dop_v1_0c057fb7238c8f935fa0ead06917b9b0a48c1979c450c791e52fcfc4ea9e924", why: "one digit short" },
      { text: "DIGITALOCEAN_ACCESS_TOKEN=dop_v1_46df29e09717b60e43cdb23b851827f7c75967fd962663abd9663fc7dcd96e366", why: "one digit long" },
      { text: "DIGITALOCEAN_ACCESS_TOKEN=dop_v1_zE8FxC2Wp7Ww73Y8GMH9b6MITBT1OtVzQcxyAkPjZ8VpNZefNRRPyN0vKLuQFMvX", why: "not hex" },
      { text: "DIGITALOCEAN_ACCESS_TOKEN=dop_v1_0000000000000000000000000000000000000000000000000000000000000000", why: "zero placeholder" },
      { text: "DIGITALOCEAN_ACCESS_TOKEN=dop_v2_98f0a5c02eba7d9bd1b0fa6b903df0be2d30578de89e19bea15ff828bfe94a6f", why: "unknown version" },
    ],
  },
};

/** DigitalOcean OAuth access tokens: `doo_v1_` and 64 hex digits. */
export const digitaloceanOauthToken: SecretRule = {
  id: "digitalocean-oauth-token",
  kind: "digitalocean-oauth-token",
  title: "DigitalOcean OAuth access token",
  severity: "high",
  confidence: "high",
  keywords: ["doo_v1_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>doo_v1_[a-f0-9]{64})(?![A-Za-z0-9])/,
  priority: 10,
  check: hexBody,
  remediation: "Revoke the token (POST https://cloud.digitalocean.com/v1/oauth/revoke, or remove the application's authorization) and authorise again.",
  docs: OAUTH_DOCS,
  examples: {
    match: [
      { text: "DO_OAUTH_TOKEN=doo_v1_0953e5f1e559e43009c982e31355f7b47d68fea495a1fb10d927d35a0c02e3a0", secret: "doo_v1_0953e5f1e559e43009c982e31355f7b47d68fea495a1fb10d927d35a0c02e3a0" },
      { text: '{"access_token":"doo_v1_23e81fd57af9b94627b3da3719d19e317033abedc32dd351428a1f4dd599109e","token_type":"bearer"}', secret: "doo_v1_23e81fd57af9b94627b3da3719d19e317033abedc32dd351428a1f4dd599109e" },
      { text: "Authorization: Bearer doo_v1_ec882aa432b32dfe8aa90b9d18debacb2ae6684acb68c86184baa30c81164062", secret: "doo_v1_ec882aa432b32dfe8aa90b9d18debacb2ae6684acb68c86184baa30c81164062" },
      { text: "token: 'doo_v1_81f604b61c2775304685c11f62396f93096fdb3f02da9506151e228bc3adb610'", secret: "doo_v1_81f604b61c2775304685c11f62396f93096fdb3f02da9506151e228bc3adb610" },
      { text: "export DIGITALOCEAN_TOKEN=doo_v1_afa86bc3bf74eea70b90e45f4f49d94ba5060eb76362f60ef72699fa3840d129", secret: "doo_v1_afa86bc3bf74eea70b90e45f4f49d94ba5060eb76362f60ef72699fa3840d129" },
    ],
    noMatch: [
      { text: "doo_v1_8603d7d41536759f99692bf99f933f52c569cfd9", why: "too short" },
      { text: "doo_v1_A4CBBC20073DFF96C4340E73992A57AC24C3EB52B24897C2858318F9585FCABA", why: "upper-case hex" },
      { text: "xdoo_v1_35c0f0496cb873ca8fd17d3f1bd42b406fa16734800440b391124c93377aaf37", why: "inside a longer word" },
      { text: "doo_v1_<token>", why: "placeholder" },
      { text: "doo_v1_ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", why: "filler" },
    ],
  },
};

/** DigitalOcean OAuth refresh tokens: `dor_v1_` and 64 hex digits. */
export const digitaloceanRefreshToken: SecretRule = {
  id: "digitalocean-refresh-token",
  kind: "digitalocean-refresh-token",
  title: "DigitalOcean OAuth refresh token",
  severity: "high",
  confidence: "high",
  keywords: ["dor_v1_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>dor_v1_[a-f0-9]{64})(?![A-Za-z0-9])/,
  priority: 10,
  check: hexBody,
  remediation: "Revoke the application's authorization in the DigitalOcean control panel (Settings → Applications & API) so the refresh token and its access tokens stop working.",
  docs: OAUTH_DOCS,
  examples: {
    match: [
      { text: '{"refresh_token":"dor_v1_0953e5f1e559e43009c982e31355f7b47d68fea495a1fb10d927d35a0c02e3a0"}', secret: "dor_v1_0953e5f1e559e43009c982e31355f7b47d68fea495a1fb10d927d35a0c02e3a0" },
      { text: "DO_REFRESH_TOKEN=dor_v1_23e81fd57af9b94627b3da3719d19e317033abedc32dd351428a1f4dd599109e", secret: "dor_v1_23e81fd57af9b94627b3da3719d19e317033abedc32dd351428a1f4dd599109e" },
      { text: "refresh_token: dor_v1_ec882aa432b32dfe8aa90b9d18debacb2ae6684acb68c86184baa30c81164062", secret: "dor_v1_ec882aa432b32dfe8aa90b9d18debacb2ae6684acb68c86184baa30c81164062" },
      { text: "grant_type=refresh_token&refresh_token=dor_v1_81f604b61c2775304685c11f62396f93096fdb3f02da9506151e228bc3adb610", secret: "dor_v1_81f604b61c2775304685c11f62396f93096fdb3f02da9506151e228bc3adb610" },
      { text: "r = 'dor_v1_afa86bc3bf74eea70b90e45f4f49d94ba5060eb76362f60ef72699fa3840d129'", secret: "dor_v1_afa86bc3bf74eea70b90e45f4f49d94ba5060eb76362f60ef72699fa3840d129" },
    ],
    noMatch: [
      { text: "dor_v1_0c057fb7238c8f935fa0ead06917b9b0a48c1979c450c791e52fcfc4ea9e924", why: "one digit short" },
      { text: "dor_v1_31a24007a56cea604ded3532d2cc6b3f2153556e3366ffe582c6d92b2384beb8a", why: "one digit long" },
      { text: "dor_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "dor-v1-35c0f0496cb873ca8fd17d3f1bd42b406fa16734800440b391124c93377aaf37", why: "dashes, not the token format" },
      { text: "dor_v1_${REFRESH}", why: "reference" },
    ],
  },
};

const SPACES_DOCS = "https://docs.digitalocean.com/products/spaces/how-to/manage-access/";

/** DigitalOcean Spaces access key IDs next to their usual names (an identifier: the secret key is the half that matters). */
export const digitaloceanSpacesAccessKey: SecretRule = {
  id: "digitalocean-spaces-access-key",
  kind: "digitalocean-spaces-access-key",
  title: "DigitalOcean Spaces access key ID",
  severity: "low",
  confidence: "medium",
  keywords: ["spaces_access_key", "spaces_key", "spaces-key", "spaces_access_id"],
  pattern: assigned(String.raw`spaces_?access_?key(?:_?id)?|spaces[_-]key(?:_?id)?|spaces_access_id`, String.raw`[A-Z0-9]{20}`),
  priority: 10,
  check: accept({ shape: /^[A-Z0-9]{20}$/ }),
  remediation: "Delete the Spaces key (API → Spaces Keys) together with its secret and create a new pair.",
  docs: SPACES_DOCS,
  examples: {
    match: [
      { text: "SPACES_ACCESS_KEY_ID=DOQF1XGOF61JUY1WB2US", secret: "DOQF1XGOF61JUY1WB2US" },
      { text: "DO_SPACES_KEY=7P1MB876NVG1IZWB1T26", secret: "7P1MB876NVG1IZWB1T26" },
      { text: "spaces_access_id = \"DOKK5B8YXKIIOX42J9WV\"", secret: "DOKK5B8YXKIIOX42J9WV" },
      { text: "SPACES_KEY: DOZANLK9KY4AXXSBTZCX", secret: "DOZANLK9KY4AXXSBTZCX" },
      { text: "spaces-key=DOVZJO2N8J02VBD4F5CR", secret: "DOVZJO2N8J02VBD4F5CR" },
    ],
    noMatch: [
      { text: "SPACES_ACCESS_KEY_ID=DOACCESSKEYEXAMPLE", why: "DigitalOcean's documentation example" },
      { text: "SPACES_ACCESS_KEY_ID=CQSXRBITZIJZ76IQHIO", why: "one character short" },
      { text: "SPACES_ACCESS_KEY_ID=mqfrfqmw5cqtj3gjwx3w", why: "lower case" },
      { text: "SPACES_KEY=<access-key>", why: "placeholder" },
      { text: "DO41GGTIWP7DWWMKQ2D5", why: "no Spaces name" },
    ],
  },
};

/** DigitalOcean Spaces secret keys (43 base64 characters) next to their usual names. */
export const digitaloceanSpacesSecretKey: SecretRule = {
  id: "digitalocean-spaces-secret-key",
  kind: "digitalocean-spaces-secret-key",
  title: "DigitalOcean Spaces secret key",
  severity: "critical",
  confidence: "medium",
  keywords: ["spaces_secret", "spaces-secret", "spaces_access_secret"],
  pattern: assigned(String.raw`spaces[_-](?:access_?)?secret(?:_?access)?(?:_?key)?`, String.raw`[A-Za-z0-9/+]{43}`, String.raw`A-Za-z0-9/+=`),
  priority: 10,
  check: accept({ entropy: 4 }),
  remediation: "Delete the Spaces key (API → Spaces Keys), create a new pair, and check the bucket's access logs.",
  docs: SPACES_DOCS,
  examples: {
    match: [
      { text: "SPACES_SECRET_ACCESS_KEY=7UTTAG9pOPCWWYlKCCGVvrUym3vAPt3tuEZUvhasBlh", secret: "7UTTAG9pOPCWWYlKCCGVvrUym3vAPt3tuEZUvhasBlh" },
      { text: "DO_SPACES_SECRET=n7kaKYOWwun7rfT02Nwl+8j9EbTbP7hn49eE8h54NzU", secret: "n7kaKYOWwun7rfT02Nwl+8j9EbTbP7hn49eE8h54NzU" },
      { text: 'spaces_secret_key = "HxPikG9qvx25Pv3rzOOolwZHpWG8OlWkYDBJOwAvbNc"', secret: "HxPikG9qvx25Pv3rzOOolwZHpWG8OlWkYDBJOwAvbNc" },
      { text: "SPACES_SECRET: '+KaaSIwV+4tSGjcILo8U0+YlKyd5qXzwT8t7+re+s0E'", secret: "+KaaSIwV+4tSGjcILo8U0+YlKyd5qXzwT8t7+re+s0E" },
      { text: "--spaces-secret Gl26Pltt3cYchdhVsxTlvXxUhCX+//b3Hw42eklcCb2", secret: "Gl26Pltt3cYchdhVsxTlvXxUhCX+//b3Hw42eklcCb2" },
    ],
    noMatch: [
      { text: "SPACES_SECRET_ACCESS_KEY=DOSECRETKEYEXAMPLE", why: "DigitalOcean's documentation example" },
      { text: "SPACES_SECRET_ACCESS_KEY=GPlYDLtBEdhz8UkhgRwfgT90f9awWcB5CE9Zqebs", why: "40 characters: an AWS-shaped key (its own rule)" },
      { text: "SPACES_SECRET=${SPACES_SECRET}", why: "reference" },
      { text: "SPACES_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "s6Wj7qV3ekArs+GHIyynL26NtxBgnWkRP7v1vkov2JG", why: "no Spaces name" },
    ],
  },
};
