import type { SecretRule } from "../../types.js";
import { fileValue } from "./values.js";

/** Passwords and tokens stored by git's `store` credential helper (`~/.git-credentials`, `~/.config/git/credentials`). */
export const gitCredentials: SecretRule = {
  id: "git-credentials",
  kind: "git-credentials",
  title: "Password or token in .git-credentials",
  severity: "critical",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)(?:\.git-credentials|\.config\/git\/credentials)$/,
  pattern: /^[ \t]*[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\/(?<name>[^:@/\s]{0,256}):(?<secret>[^@\s]{1,1024})@[^\s/]{1,256}/m,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Revoke the token (or change the password) on the git host, and give builds access with a secret mount or an SSH mount instead of the store helper.",
  docs: "https://git-scm.com/docs/git-credential-store",
  examples: {
    match: [
      { text: "https://ci-bot: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@github.com\n", secret: "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", path: "/root/.git-credentials" },
      { text: "https://oauth2:glpat-Zx8Yw7Vu6Ts5Rq4Po3Nm@gitlab.example.com\nhttps://x:short@git.example.com\n", secret: "short", path: "/home/app/.git-credentials" },
      { text: "https://deploy:p%40ssw0rd%21@bitbucket.org\n", secret: "p%40ssw0rd%21", path: "/root/.git-credentials" },
      { text: "http://build:Xq7vR2pLm9tK4wZ8@gitea.internal:3000\n", secret: "Xq7vR2pLm9tK4wZ8", path: "/root/.config/git/credentials" },
      { text: "https://user:hunter2@dev.azure.com\n", secret: "hunter2", path: "/home/u/.git-credentials" },
    ],
    noMatch: [
      { text: "https://github.com\n", why: "no credentials", path: "/root/.git-credentials" },
      { text: "https://ci-bot:${GITHUB_TOKEN}@github.com\n", why: "reference", path: "/root/.git-credentials" },
      { text: "https://ci-bot:<token>@github.com\n", why: "placeholder", path: "/root/.git-credentials" },
      { text: "https://ci-bot@github.com\n", why: "user only", path: "/root/.git-credentials" },
      { text: "https://ci-bot:Xq7vR2pLm9tK4wZ8@github.com\n", why: "not a credential store (reported as url-password)", path: "/app/CHANGELOG" },
    ],
  },
};
