import { hasCrc32Base62Checksum } from "../../checksum.js";
import type { RuleExamples, SecretRule, Severity } from "../../types.js";
import { isRandomLooking } from "./helpers.js";

const REVOCATION = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation";

/**
 * A GitHub token of the 2021 format: a 4-character prefix and 36 base62 characters whose last 6
 * are the base62 CRC-32 of the 30 before them.
 */
function classic(prefix: string, spec: { id: string; title: string; severity: Severity; remediation: string; docs: string; examples: RuleExamples }): SecretRule {
  return {
    id: spec.id,
    kind: spec.id,
    title: spec.title,
    severity: spec.severity,
    confidence: "high",
    keywords: [prefix],
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9_])(?<secret>${prefix}[A-Za-z0-9]{36})(?![A-Za-z0-9])`),
    priority: 10,
    verified: true,
    check: (hit) => (hasCrc32Base62Checksum(hit.secret.slice(4)) ? hit : undefined),
    remediation: spec.remediation,
    docs: spec.docs,
    examples: spec.examples,
  };
}

/** GitHub personal access tokens (classic), `ghp_`. */
export const githubPersonalAccessToken = classic("ghp_", {
  id: "github-personal-access-token",
  title: "GitHub personal access token (classic)",
  severity: "critical",
  remediation: "Delete the token in GitHub (Settings → Developer settings → Personal access tokens) and review the account's security log.",
  docs: REVOCATION,
  examples: {
    match: [
      { text: "GITHUB_TOKEN=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", secret: "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" },
      { text: '{"github_token": "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"}', secret: "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" },
      { text: "echo 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 > secret.txt", secret: "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" },
      { text: "https://x: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@github.com/o/r", secret: "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" },
      { text: "token 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\n", secret: "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" },
      { text: "  password: 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", secret: "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" },
    ],
    noMatch: [
      { text: "ghp_d8jOCs4bWYTI6wLqeeHq1PkCJVuoYq0L8DJ5", why: "checksum fails" },
      { text: "ghp_0lR8acRYSi4MDF8kWCBX1KpeZUaLJ42AUq8", why: "one character short" },
      { text: "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "placeholder (checksum fails)" },
      { text: "ghx_0lR8acRYSi4MDF8kWCBX1KpeZUaLJ42AUq8l", why: "unknown prefix" },
      { text: "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Z", why: "one character long" },
      { text: "GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}", why: "a reference to a secret, not one" },
    ],
  },
});

/** GitHub OAuth access tokens, `gho_`. */
export const githubOAuthToken = classic("gho_", {
  id: "github-oauth-token",
  title: "GitHub OAuth access token",
  severity: "critical",
  remediation: "Revoke the authorization (Settings → Applications → Authorized OAuth Apps → Revoke, or the app owner's DELETE /applications/{client_id}/token).",
  docs: "https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-token",
  examples: {
    match: [
      { text: "oauth_token: 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", secret: "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", path: "/root/.config/gh/hosts.yml" },
      { text: "GH_TOKEN=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", secret: "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" },
      { text: 'curl -H "Authorization: Bearer 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" https://api.github.com/user', secret: "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" },
      { text: '{"access_token":"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","token_type":"bearer"}', secret: "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" },
      { text: "|1 GH_TOKEN=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 /bin/sh -c gh repo clone o/r", secret: "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" },
    ],
    noMatch: [
      { text: "gho_5lKSDILPP42HHoqPgGUGjZoWzrWSlY0gzbqF", why: "checksum fails" },
      { text: "gho_5lKSDILPP42HHoqPgGUGjZoWzrWSlY0gzbq", why: "one character short" },
      { text: "oauth_token: gho_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", why: "mask" },
      { text: "echo_5lKSDILPP42HHoqPgGUGjZoWzrWSlY0gzbqE", why: "part of a longer word" },
      { text: "oauth_token: <gho_token>", why: "template" },
    ],
  },
});

/** GitHub App user-to-server tokens, `ghu_`. */
export const githubUserToServerToken = classic("ghu_", {
  id: "github-user-to-server-token",
  title: "GitHub App user access token",
  severity: "high",
  remediation: "Revoke the user's authorization of the GitHub App (Settings → Applications → Authorized GitHub Apps) or through the app's DELETE /applications/{client_id}/token.",
  docs: "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-user-access-token-for-a-github-app",
  examples: {
    match: [
      { text: "GITHUB_USER_TOKEN=ghu_xiDnR3JZbAL7nzQpIjtryZYtP3hrDa4JZ0xj", secret: "ghu_xiDnR3JZbAL7nzQpIjtryZYtP3hrDa4JZ0xj" },
      { text: "token: 'ghu_X70t94GRbZAshLp9TtXwWma7T6onpX3S47k9'", secret: "ghu_X70t94GRbZAshLp9TtXwWma7T6onpX3S47k9" },
      { text: '{"access_token":"ghu_gLtmnRyy8JYPRPtKrEf2RJoI5Wawx30KEqyv","expires_in":28800}', secret: "ghu_gLtmnRyy8JYPRPtKrEf2RJoI5Wawx30KEqyv" },
      { text: "git clone https://x-access-token:ghu_xiDnR3JZbAL7nzQpIjtryZYtP3hrDa4JZ0xj@github.com/o/r.git", secret: "ghu_xiDnR3JZbAL7nzQpIjtryZYtP3hrDa4JZ0xj" },
      { text: "headers = {'Authorization': 'token ghu_X70t94GRbZAshLp9TtXwWma7T6onpX3S47k9'}", secret: "ghu_X70t94GRbZAshLp9TtXwWma7T6onpX3S47k9" },
    ],
    noMatch: [
      { text: "ghu_xiDnR3JZbAL7nzQpIjtryZYtP3hrDa4JZ0xk", why: "checksum fails" },
      { text: "ghu_xiDnR3JZbAL7nzQpIjtryZYtP3hrDa4JZ0xjj", why: "one character long" },
      { text: "ghu_000000000000000000000000000000000000", why: "filler" },
      { text: "aghu_xiDnR3JZbAL7nzQpIjtryZYtP3hrDa4JZ0xj", why: "inside a longer word" },
      { text: "ghu_${TOKEN}", why: "template" },
    ],
  },
});

/** GitHub App installation (server-to-server) tokens, `ghs_`; GitHub Actions' GITHUB_TOKEN is one. */
export const githubInstallationToken = classic("ghs_", {
  id: "github-installation-token",
  title: "GitHub App installation access token",
  severity: "high",
  remediation: "Revoke it with DELETE /installation/token (it expires within an hour anyway) and rotate the GitHub App's private key if that leaked too.",
  docs: "https://docs.github.com/en/rest/apps/installations#revoke-an-installation-access-token",
  examples: {
    match: [
      { text: "GITHUB_TOKEN=ghs_c28MFyNultNFfcTrW8CiuZ2npTkIpe1d3TAi", secret: "ghs_c28MFyNultNFfcTrW8CiuZ2npTkIpe1d3TAi" },
      { text: "extraheader = AUTHORIZATION: basic eC1hY2Nlc3M= ghs_UhjUFIcG2ZBxMZ5poe5A9ZTqSNxWm30DRh4r", secret: "ghs_UhjUFIcG2ZBxMZ5poe5A9ZTqSNxWm30DRh4r" },
      { text: '{"token":"ghs_Aphm8mlbAZYScS3N60tQTo7qXqQz0b3pdbUV","expires_at":"2024-05-01T12:00:00Z"}', secret: "ghs_Aphm8mlbAZYScS3N60tQTo7qXqQz0b3pdbUV" },
      { text: "https://x-access-token:ghs_c28MFyNultNFfcTrW8CiuZ2npTkIpe1d3TAi@github.com/o/r", secret: "ghs_c28MFyNultNFfcTrW8CiuZ2npTkIpe1d3TAi" },
      { text: "ARG GH_INSTALL_TOKEN=ghs_UhjUFIcG2ZBxMZ5poe5A9ZTqSNxWm30DRh4r", secret: "ghs_UhjUFIcG2ZBxMZ5poe5A9ZTqSNxWm30DRh4r" },
    ],
    noMatch: [
      { text: "ghs_c28MFyNultNFfcTrW8CiuZ2npTkIpe1d3TAj", why: "checksum fails" },
      { text: "ghs_c28MFyNultNFfcTrW8CiuZ2npTkIpe1d3TA", why: "one character short" },
      { text: "ghs_************************************", why: "mask" },
      { text: "logs_c28MFyNultNFfcTrW8CiuZ2npTkIpe1d3TAi", why: "another word ending in s_" },
      { text: "ghs_token_name=deploy", why: "a variable name" },
    ],
  },
});

/** GitHub App refresh tokens, `ghr_`. */
export const githubRefreshToken = classic("ghr_", {
  id: "github-refresh-token",
  title: "GitHub App refresh token",
  severity: "high",
  remediation: "Revoke the user's authorization of the GitHub App (which invalidates its refresh tokens) and have the user sign in again.",
  docs: "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens",
  examples: {
    match: [
      { text: '{"refresh_token":"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","refresh_token_expires_in":15897600}', secret: "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" },
      { text: "GITHUB_REFRESH_TOKEN=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", secret: "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" },
      { text: "refresh_token: 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", secret: "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" },
      { text: "curl -d refresh_token=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&grant_type=refresh_token", secret: "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" },
      { text: "store.save('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')", secret: "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" },
    ],
    noMatch: [
      { text: "ghr_cSjkIjnT7tlq4hy7SgFoVNJYET99CR3hYwxT", why: "checksum fails" },
      { text: "ghr_cSjkIjnT7tlq4hy7SgFoVNJYET99CR3hYwx", why: "one character short" },
      { text: "refresh_token: ghr_...", why: "elided" },
      { text: "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old", why: "part of a longer string" },
      { text: "ghr_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", why: "filler (checksum fails)" },
    ],
  },
});

/**
 * GitHub fine-grained personal access tokens: `github_pat_`, 22 base62, `_`, 59 base62. GitHub
 * documents no checksum for them, so both parts must look random.
 */
export const githubFineGrainedToken: SecretRule = {
  id: "github-fine-grained-token",
  kind: "github-fine-grained-token",
  title: "GitHub fine-grained personal access token",
  severity: "critical",
  confidence: "high",
  keywords: ["github_pat_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>github_pat_(?<id>[A-Za-z0-9]{22})_(?<body>[A-Za-z0-9]{59}))(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit, groups) => (isRandomLooking(groups.id ?? "", 2.5) && isRandomLooking(groups.body ?? "", 3.5) ? hit : undefined),
  remediation: "Delete the token in GitHub (Settings → Developer settings → Fine-grained tokens) and review the resource owner's audit log.",
  docs: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
  examples: {
    match: [
      {
        text: "GITHUB_TOKEN=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",
        secret: "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",
      },
      {
        text: 'token: "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"',
        secret: "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",
      },
      {
        text: "https://oauth2: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@github.com/o/r.git",
        secret: "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",
      },
      {
        text: "|1 GH_PAT=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 /bin/sh -c go mod download",
        secret: "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",
      },
      {
        text: '{"auths":{"ghcr.io":{"password":"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"}}}',
        secret: "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",
      },
    ],
    noMatch: [
      { text: "github_pat_11AdPRyqH08DzMaWSUzqbS_gteCYuDJ8aOI2vTwHPvHUGdYOwM3ILNW2caqntwnlqihilqkue68iiz15b", why: "one character short" },
      { text: "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x", why: "one character long" },
      { text: "github_pat_11ABCDEFGHIJKLMNOPQRST_VWXYZabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQR", why: "alphabet run (documentation)" },
      { text: "github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "GITHUB_PAT=github_pat_<your-token>", why: "template" },
      { text: "my_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", why: "part of an identifier" },
    ],
  },
};

/** Every GitHub token kind. */
export const GITHUB_RULES: readonly SecretRule[] = [
  githubPersonalAccessToken,
  githubOAuthToken,
  githubUserToServerToken,
  githubInstallationToken,
  githubRefreshToken,
  githubFineGrainedToken,
];
