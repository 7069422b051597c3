import type { RuleHit, SecretRule } from "../../types.js";
import { maybeAssigned, plausible } from "../cloud/shared.js";

/** A check for rules whose prefixed tokens stand alone and whose older unprefixed tokens need a name. */
function prefixedOr(prefix: RegExp, legacy: RegExp) {
  return (hit: RuleHit): RuleHit | undefined => {
    const m = prefix.exec(hit.secret);
    if (m) return plausible(hit.secret.slice(m[0].length), 3.2) ? hit : undefined;
    return hit.name && legacy.test(hit.secret) && plausible(hit.secret, 3.5) ? { ...hit, confidence: "medium" } : undefined;
  };
}

/** Netlify personal access tokens: `nfp_` and 36 letters and digits, and older 43-character tokens under Netlify names. */
export const netlifyAccessToken: SecretRule = {
  id: "netlify-access-token",
  kind: "netlify-access-token",
  title: "Netlify access token",
  severity: "high",
  confidence: "high",
  keywords: ["nfp_", "netlify"],
  pattern: maybeAssigned(String.raw`netlify[A-Za-z0-9_.-]{0,20}?(?:auth_?)?token`, String.raw`nfp_[A-Za-z0-9]{36}|[A-Za-z0-9_-]{43}`),
  priority: 10,
  check: prefixedOr(/^nfp_/, /^[A-Za-z0-9_-]{43}$/),
  remediation: "Delete the token in Netlify (User settings → Applications → Personal access tokens) and create a new one with an expiry.",
  docs: "https://docs.netlify.com/api/get-started/#authentication",
  examples: {
    match: [
      { text: "NETLIFY_AUTH_TOKEN=nfp_eh0f1rHFaa34pjenYj8LVzT9b3aofz8hqNLk", secret: "nfp_eh0f1rHFaa34pjenYj8LVzT9b3aofz8hqNLk" },
      { text: "netlify deploy --prod --auth nfp_AvTagmKsmWsew4alWJLuIi3G4Cm6mnrdtUKc", secret: "nfp_AvTagmKsmWsew4alWJLuIi3G4Cm6mnrdtUKc" },
      { text: "NETLIFY_AUTH_TOKEN=hAsIgbbOCJqEaP1qCt5rj8FkNCcGzFKWooYgOzAF7K8", secret: "hAsIgbbOCJqEaP1qCt5rj8FkNCcGzFKWooYgOzAF7K8" },
      { text: "Authorization: Bearer nfp_8FNLtDLgQ7abgIKBukLNLZhM8OuljXlcD13P", secret: "nfp_8FNLtDLgQ7abgIKBukLNLZhM8OuljXlcD13P" },
      { text: '{"netlifyToken": "nfp_NgJZ1N3zwSO4Rmolcrx7ZSqYC3pqmdqbvhts"}', secret: "nfp_NgJZ1N3zwSO4Rmolcrx7ZSqYC3pqmdqbvhts" },
    ],
    noMatch: [
      { text: "NETLIFY_AUTH_TOKEN=nfp_UrN5UHyQcxR3kjJqeuQubZN7GD7LeYReHxX", why: "one character short" },
      { text: "NETLIFY_AUTH_TOKEN=nfp_xnXQ0SclJsqUD6XaKQrYTLixlAqyD6psrGyEf", why: "one character long" },
      { text: "NETLIFY_SITE_ID=66cb64c9-e961-416e-b623-0f6caf7d4909", why: "a site ID" },
      { text: "NETLIFY_AUTH_TOKEN=nfp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "value=6PJx3U_6MZ-HZPjeGgwaHx7SWr2jZFnMX8HTx5Y_aL-", why: "43 characters with no Netlify name" },
    ],
  },
};

/**
 * Vercel tokens in the prefixed formats (`vcp_` personal, `vci_` integration, `vca_`/`vcr_` app
 * access/refresh, `vck_` AI Gateway API key), and older 24-character tokens under Vercel names.
 */
export const vercelToken: SecretRule = {
  id: "vercel-token",
  kind: "vercel-token",
  title: "Vercel token",
  severity: "high",
  confidence: "high",
  keywords: ["vcp_", "vci_", "vca_", "vcr_", "vck_", "vercel"],
  pattern: maybeAssigned(String.raw`vercel[A-Za-z0-9_.-]{0,20}?(?:token|api_?key)`, String.raw`vc[pciark]_[A-Za-z0-9]{20,60}|[A-Za-z0-9]{24}`),
  priority: 10,
  check: prefixedOr(/^vc[pciark]_/, /^[A-Za-z0-9]{24}$/),
  remediation: "Delete the token in Vercel (Account Settings → Tokens, or the integration / AI Gateway key page) and create a scoped, expiring one.",
  docs: "https://vercel.com/docs/accounts/access-tokens",
  examples: {
    match: [
      { text: "VERCEL_TOKEN=vcp_hCizyBh2SExgfWBuoaLRxTHy", secret: "vcp_hCizyBh2SExgfWBuoaLRxTHy" },
      { text: "vercel deploy --prod --token vci_ZEZF9nr6YTb821wHWMYLZJwAKZY3xF17", secret: "vci_ZEZF9nr6YTb821wHWMYLZJwAKZY3xF17" },
      { text: "AI_GATEWAY_API_KEY=vck_wYQM9KWV2uYK1JWmtAHYDrlEtd47zTF9k4ajuARX", secret: "vck_wYQM9KWV2uYK1JWmtAHYDrlEtd47zTF9k4ajuARX" },
      { text: "VERCEL_TOKEN=qgfye4KbS8A1U0snsWy806CZ", secret: "qgfye4KbS8A1U0snsWy806CZ" },
      { text: '{"access_token": "vca_G4XlIIddzjxa2vzTDJio4d3bB0nLTvn7FMOWclfA4vPtfktT", "refresh_token": "vcr_GAncYGQ35gtEM07Bw4zYqUl3PNIL1ERa5RF0HAt7v3vHStsM"}', secret: "vca_G4XlIIddzjxa2vzTDJio4d3bB0nLTvn7FMOWclfA4vPtfktT" },
    ],
    noMatch: [
      { text: "VERCEL_TOKEN=vcp_DzzEUdq1Q2gj", why: "too short" },
      { text: "VERCEL_ORG_ID=team_rpsvENcmDKFg4oCgkmiXuoKK", why: "an organisation ID" },
      { text: "VERCEL_TOKEN=vcp_xxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "VERCEL_TOKEN=${VERCEL_TOKEN}", why: "reference" },
      { text: "id=gEjAy4SYmTKgc5CZLXgQH4Ez", why: "24 characters with no Vercel name" },
    ],
  },
};
