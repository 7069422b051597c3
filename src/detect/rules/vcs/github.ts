import { hasCrc32Base62Checksum } from "../../checksum.js";
import type { SecretRule } from "../../types.js";

/** GitHub tokens (`ghp_` classic PAT, `gho_` OAuth, `ghu_`/`ghs_` app, `ghr_` refresh) with their CRC-32 checksum. */
export const githubToken: SecretRule = {
  id: "github-token",
  kind: "github-token",
  title: "GitHub token",
  severity: "critical",
  confidence: "high",
  keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => (hasCrc32Base62Checksum(hit.secret.slice(4)) ? hit : undefined),
  remediation: "Revoke the token in GitHub (Settings → Developer settings → Tokens, or the organisation's credential list) and review the audit log.",
  docs: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation",
  examples: {
    match: [
      { text: "GITHUB_TOKEN=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", secret: "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" },
      { text: '{"github_token": "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"}', secret: "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" },
      { text: "echo 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 > secret.txt", secret: "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" },
      { text: "https://x: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@github.com/o/r", secret: "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" },
      { text: "token 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\n", secret: "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" },
    ],
    noMatch: [
      { text: "ghp_d8jOCs4bWYTI6wLqeeHq1PkCJVuoYq0L8DJ5", why: "checksum fails" },
      { text: "ghp_0lR8acRYSi4MDF8kWCBX1KpeZUaLJ42AUq8", why: "one character short" },
      { text: "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "placeholder (checksum fails)" },
      { text: "ghx_0lR8acRYSi4MDF8kWCBX1KpeZUaLJ42AUq8l", why: "unknown prefix" },
      { text: "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Z", why: "one character long" },
    ],
  },
};
