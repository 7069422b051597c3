import type { SecretRule } from "../../types.js";
import { accept } from "./shared.js";

const OAUTH_DOCS = "https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke";

/** Google API keys: `AIza` and 35 URL-safe characters. */
export const gcpApiKey: SecretRule = {
  id: "gcp-api-key",
  kind: "gcp-api-key",
  title: "Google Cloud API key",
  severity: "high",
  confidence: "high",
  keywords: ["AIza"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(4), entropy: 3.5 }),
  remediation: "Delete or regenerate the key in the Google Cloud console (APIs & Services → Credentials) and restrict its replacement to the APIs and apps that need it.",
  docs: "https://cloud.google.com/docs/authentication/api-keys#securing",
  examples: {
    match: [
      { text: "GOOGLE_API_KEY=AIzaVhNXCeTZS4OZmdFYWB5MnwYxAhvMojgfkJ_", secret: "AIzaVhNXCeTZS4OZmdFYWB5MnwYxAhvMojgfkJ_" },
      { text: '"apiKey": "AIzaWYIUvZkjE8QUL5I-g8lKrHVBb3raDpKJI-c",', secret: "AIzaWYIUvZkjE8QUL5I-g8lKrHVBb3raDpKJI-c" },
      { text: "https://maps.googleapis.com/maps/api/geocode/json?address=x&key=AIzalOceeA2Eqh9oJ-nJHKeT89Et5LLeDRrFfpL", secret: "AIzalOceeA2Eqh9oJ-nJHKeT89Et5LLeDRrFfpL" },
      { text: "gemini:\n  key: 'AIzaH9-qZTLgOAlrZK9s4lEk5hF0KNK92spOSjN'\n", secret: "AIzaH9-qZTLgOAlrZK9s4lEk5hF0KNK92spOSjN" },
      { text: "<string name=\"google_api_key\">AIzalkyevcPB9rHhizkNzhdyHwJgLVqOhFHrmkg</string>", secret: "AIzalkyevcPB9rHhizkNzhdyHwJgLVqOhFHrmkg" },
    ],
    noMatch: [
      { text: "GOOGLE_API_KEY=AIzaoF-YIFo8584hJ_HVLwEkyUAhEza0gUoro7", why: "one character short" },
      { text: "GOOGLE_API_KEY=AIza1X5XYtOiY4EUHwtAWXN8EG1-xJWzKFI97oI4", why: "one character long" },
      { text: "GOOGLE_API_KEY=AIzaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "GOOGLE_API_KEY=AIzaSyA-your-api-key-here-0000000000000", why: "placeholder words" },
      { text: "xAIzao2qey_lJBR8DdSByIinyJcQlMJUnL_TKCHd", why: "inside a longer word" },
    ],
  },
};

/** Google OAuth client secrets in the current `GOCSPX-` format. */
export const gcpOauthClientSecret: SecretRule = {
  id: "gcp-oauth-client-secret",
  kind: "gcp-oauth-client-secret",
  title: "Google OAuth client secret",
  severity: "high",
  confidence: "high",
  keywords: ["GOCSPX-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(7), entropy: 3.5 }),
  remediation: "Add a new secret to the OAuth client in the Google Cloud console (APIs & Services → Credentials → the client → Add secret), deploy it, then disable and delete the leaked one.",
  docs: "https://support.google.com/cloud/answer/6158849",
  examples: {
    match: [
      { text: "GOOGLE_CLIENT_SECRET=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", secret: "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" },
      { text: '{"web":{"client_id":"1234567890-abc.apps.googleusercontent.com","client_secret":"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"}}', secret: "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" },
      { text: "client_secret: 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", secret: "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" },
      { text: "--client-secret='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'", secret: "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" },
      { text: "oauth.secret = \"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\";", secret: "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" },
    ],
    noMatch: [
      { text: "GOOGLE_CLIENT_SECRET=GOCSPX-Pkgv0KYSlQqcAlHE132iDyNOA64", why: "one character short" },
      { text: "GOOGLE_CLIENT_SECRET=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f", why: "one character long" },
      { text: "GOOGLE_CLIENT_SECRET=GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "GOOGLE_CLIENT_SECRET=GOCSPX-<your-client-secret>", why: "placeholder" },
      { text: "GOCSPY-QwIpZyl67evCY9bzBVcyoLYkbc8u", why: "other prefix" },
    ],
  },
};

/** Google OAuth refresh tokens (`1//0…`), as `gcloud` and client libraries store them. */
export const gcpOauthRefreshToken: SecretRule = {
  id: "gcp-oauth-refresh-token",
  kind: "gcp-oauth-refresh-token",
  title: "Google OAuth refresh token",
  severity: "high",
  confidence: "medium",
  keywords: ["1//0"],
  pattern: /(?<![A-Za-z0-9_/-])(?<secret>1\/\/0[A-Za-z0-9_-]{40,400})(?![A-Za-z0-9_/-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(4), entropy: 4, line: /refresh|google|gcloud|gcp|oauth|credential/i }),
  remediation: "Revoke the grant (the account's Third-party access page, or POST https://oauth2.googleapis.com/revoke?token=…; gcloud auth application-default revoke) and sign in again.",
  docs: OAUTH_DOCS,
  examples: {
    match: [
      { text: '  "refresh_token": "1//0dCrxp13tlsHsfgEnRLABQ3E3pDFLwGGXHjhFTEIsJOZiN7pYdP3PXXZC3SHquuaNj6hVDG5nHI2B9Nv0bikA9G6ETtmjwS_NtOp",', secret: "1//0dCrxp13tlsHsfgEnRLABQ3E3pDFLwGGXHjhFTEIsJOZiN7pYdP3PXXZC3SHquuaNj6hVDG5nHI2B9Nv0bikA9G6ETtmjwS_NtOp" },
      { text: "GOOGLE_REFRESH_TOKEN=1//0dqHvBJKuZU2yoZyt821RcJo8h2o1zZCjXxwVJ7Pw_TjfubNOCZ-p-E65ldjALXZLlIehQy3nXOhCatyQ9eZMzuFOv64aGP5jKPC", secret: "1//0dqHvBJKuZU2yoZyt821RcJo8h2o1zZCjXxwVJ7Pw_TjfubNOCZ-p-E65ldjALXZLlIehQy3nXOhCatyQ9eZMzuFOv64aGP5jKPC" },
      { text: "refresh_token: '1//02DQ5CEAUWuKXclpA8BgzR-zT2l2pwS7_FHW_U8y9jmTmtxDCfUCmwhCAu2Daazn_fohRSzSGgIJMb4MSpGRIkjei-1slO355Bw4a_3OvSFe7RrFpz7NdVsJc'", secret: "1//02DQ5CEAUWuKXclpA8BgzR-zT2l2pwS7_FHW_U8y9jmTmtxDCfUCmwhCAu2Daazn_fohRSzSGgIJMb4MSpGRIkjei-1slO355Bw4a_3OvSFe7RrFpz7NdVsJc" },
      { text: "gcloud auth activate-refresh-token ignored 1//0dG-YSBKtJtiAn0d_0cK2Zvw8QuceI0aHWYSHi8zOdIFGHhm2mpL7FOU-yGHcWtQOka6bjY-HKIRL9MKwFe6Q9_p5E5B5XNYbhoQ", secret: "1//0dG-YSBKtJtiAn0d_0cK2Zvw8QuceI0aHWYSHi8zOdIFGHhm2mpL7FOU-yGHcWtQOka6bjY-HKIRL9MKwFe6Q9_p5E5B5XNYbhoQ" },
      { text: "creds = Credentials(None, refresh_token='1//0G9uqQJof_S6Lbfa0Ox_en3puZJRoy1t-FOTX9rMTx44ofeYBqk3naLnqPkKOappa-pGHXW2QM0DDJo9EBc6LuUUD2eHrdk-G5Q8', token_uri=TOKEN_URI)", secret: "1//0G9uqQJof_S6Lbfa0Ox_en3puZJRoy1t-FOTX9rMTx44ofeYBqk3naLnqPkKOappa-pGHXW2QM0DDJo9EBc6LuUUD2eHrdk-G5Q8" },
    ],
    noMatch: [
      { text: '"refresh_token": "1//0g4TlCXUHDAi6m6cLT_xY"', why: "too short" },
      { text: "https://1//0MRhvF6oZU2mshhBnx4SihmpXKg_N8Yi95Us9t6ZYhLs1WepOGIeZWaeNnwQP", why: "no refresh-token or Google context" },
      { text: '"refresh_token": "1//0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"', why: "mask" },
      { text: '"refresh_token": "1//0-your-refresh-token-goes-here-please-replace-me"', why: "placeholder words" },
      { text: '"refresh_token": "x1//0M4ouxNF4dbRxUouHvfWEPKWjK5DdzH2tOOyFcxBZZxn1gbPquN1u6nRA5-Y2Rc-Sr2RgjKn3ukUpr3mgD1xGgoURLd8vsE1zNPo"', why: "inside a longer word" },
    ],
  },
};

/** Google OAuth access tokens (`ya29.`): short-lived (an hour), but live while they last. */
export const gcpOauthAccessToken: SecretRule = {
  id: "gcp-oauth-access-token",
  kind: "gcp-oauth-access-token",
  title: "Google OAuth access token",
  severity: "medium",
  confidence: "high",
  keywords: ["ya29."],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>ya29\.[A-Za-z0-9_-]{50,2048})(?![A-Za-z0-9_.-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(5), entropy: 4 }),
  remediation: "Revoke it (POST https://oauth2.googleapis.com/revoke?token=…) or let it expire, and revoke the refresh token or key that minted it.",
  docs: OAUTH_DOCS,
  examples: {
    match: [
      { text: "Authorization: Bearer ya29.2dqANACi-MdYxTMELTgrXOOd1o4zWrMJkcdqg6rVA3ggj8gTq6B80OjOzYSGyMgfrQ275NGH2n7tDcgVskz0fHa4X5DJdrc2ssPKAmlWWcJDhxaMVHGuo16W2Vr1qA8i_GVxV9n0mWDCUSUkKMf5pE1P7_4tuaQX", secret: "ya29.2dqANACi-MdYxTMELTgrXOOd1o4zWrMJkcdqg6rVA3ggj8gTq6B80OjOzYSGyMgfrQ275NGH2n7tDcgVskz0fHa4X5DJdrc2ssPKAmlWWcJDhxaMVHGuo16W2Vr1qA8i_GVxV9n0mWDCUSUkKMf5pE1P7_4tuaQX" },
      { text: '{"access_token": "ya29.PFe7UkHwoWqPXkh2g-8FbK7c0o5a9n2Wowrl-plMf2h3SvI3jfB5qmW6Z7sizw0PFimDvFgOs398EAXx7AgJ6qgQj5NqBFVUIXR0It_Q6egm4ajdlzIcDs52gAITJto-9Vxbb5gRfM9uPbf76j0sifV3xzvtMAdHEx3G9LwFigF6SBFrxBbbXpTQKFHUY7otr6pYr_k-", "expires_in": 3599}', secret: "ya29.PFe7UkHwoWqPXkh2g-8FbK7c0o5a9n2Wowrl-plMf2h3SvI3jfB5qmW6Z7sizw0PFimDvFgOs398EAXx7AgJ6qgQj5NqBFVUIXR0It_Q6egm4ajdlzIcDs52gAITJto-9Vxbb5gRfM9uPbf76j0sifV3xzvtMAdHEx3G9LwFigF6SBFrxBbbXpTQKFHUY7otr6pYr_k-" },
      { text: "GOOGLE_OAUTH_ACCESS_TOKEN=ya29.fxjADeClffaNySSL56b7vUh-qONkhJXQ7CkX6Wr03UGuIQk94EuyWRAj1f-izNYa0ZceG8NI3viB90Q6tWNIErrW-pM9agqNwgqjNpi14S0CHdGb8-8kjHvSjhan_OwfMWZ0VE9lEr85cv4meOz3zKPlMAK2apoLblQ857sSvFveuZXS9lFK", secret: "ya29.fxjADeClffaNySSL56b7vUh-qONkhJXQ7CkX6Wr03UGuIQk94EuyWRAj1f-izNYa0ZceG8NI3viB90Q6tWNIErrW-pM9agqNwgqjNpi14S0CHdGb8-8kjHvSjhan_OwfMWZ0VE9lEr85cv4meOz3zKPlMAK2apoLblQ857sSvFveuZXS9lFK" },
      { text: "curl -H 'Authorization: Bearer ya29.iCXgEfqTAXz-7gtsGRqdHOq6OxIX2QUtR8Kfhk9CbQKpP4YSK3fkQKxWq-FHG0v8msuLy74r8-run52IYRVZmjFPzn3J1YoDVcW1lmtlc50fnf0E2Vjig2Zr' https://storage.googleapis.com/b/o", secret: "ya29.iCXgEfqTAXz-7gtsGRqdHOq6OxIX2QUtR8Kfhk9CbQKpP4YSK3fkQKxWq-FHG0v8msuLy74r8-run52IYRVZmjFPzn3J1YoDVcW1lmtlc50fnf0E2Vjig2Zr" },
      { text: "token: ya29.p65fBQNH7-t_HQZ46z_6ZG3VglXt3oZUdMH5v0AzmXj-QlTnJKBuH1WcYNBq_iVA5y9ozL4d9CFwJuIMVKDOlssEsh\n", secret: "ya29.p65fBQNH7-t_HQZ46z_6ZG3VglXt3oZUdMH5v0AzmXj-QlTnJKBuH1WcYNBq_iVA5y9ozL4d9CFwJuIMVKDOlssEsh" },
    ],
    noMatch: [
      { text: "Authorization: Bearer ya29.g4TlCXUHDAi6m6cLT_xY", why: "too short" },
      { text: "Authorization: Bearer ya29.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "Authorization: Bearer ya29.<ACCESS_TOKEN>", why: "placeholder" },
      { text: "ya29.a0AfH6SMBx...", why: "elided documentation value" },
      { text: "Authorization: Bearer ya28.cQNoyWn6S_olPXiq5PM0o_pwB_7JOFGXkyRJcAbL-HutNMH6pYdMmUbRf96mqLFQ9wOeB98waxHM8jl2SKhTaD2b-txw1gDB5YNgzuvzjxkecib3XPGdw_P7gOQIRYQqv3xPNF69AdxYG4BMYAOg3D1FjB9rBDj1", why: "other prefix" },
    ],
  },
};
