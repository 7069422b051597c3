import { isSecretName } from "../../names.js";
import { isPlaceholder } from "../../placeholders.js";
import type { SecretRule } from "../../types.js";

/** `.env` files and their kin (`.env.production`, `app.env`, `.envrc`). */
export const DOTENV_PATH = /(?:^|\/)(?:\.env(?:\.[A-Za-z0-9_.-]+)?|[A-Za-z0-9_.-]+\.env|\.envrc|\.flaskenv)$/;

/** `KEY=value` lines with a secret-shaped key in `.env`-style files. */
export const dotenvSecret: SecretRule = {
  id: "dotenv-secret",
  kind: "dotenv-secret",
  title: "Secret in a .env file",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: DOTENV_PATH,
  pattern: /^[ \t]*(?:export[ \t]+)?(?<name>[A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(?<secret>"[^"\n]*"|'[^'\n]*'|[^\s#'"][^\s#]*)/m,
  priority: 30,
  check: (hit) => {
    let { secret, start } = hit;
    if (/^(["']).*\1$/.test(secret)) {
      secret = secret.slice(1, -1);
      start += 1;
    }
    if (!hit.name || !isSecretName(hit.name) || isPlaceholder(secret)) return undefined;
    return { ...hit, secret, start, end: start + Buffer.byteLength(secret, "utf8") };
  },
  remediation: "Rotate the credential, keep .env out of the image (.dockerignore) and pass runtime secrets through the orchestrator's secret store.",
  docs: "https://docs.docker.com/build/concepts/context/#dockerignore-files",
  examples: {
    match: [
      { text: "DB_PASSWORD=XevrSM1XYEBo1xoUKutZ\n", secret: "XevrSM1XYEBo1xoUKutZ", path: "/app/.env" },
      { text: 'export API_KEY="9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n', secret: "9f8e7d6c5b4a39281706f5e4d3c2b1a0", path: "/app/.env.production" },
      { text: "SESSION_SECRET='kX9!mQ2@vL7#pR4$'\n", secret: "kX9!mQ2@vL7#pR4$", path: "/srv/app.env" },
      { text: "# comment\nMY_SECRET=foo\n", secret: "foo", path: "/app/.env" },
      { text: "GITHUB_TOKEN=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", secret: "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", path: "/app/src/config/.env" },
    ],
    noMatch: [
      { text: "DB_PASSWORD=\n", why: "empty", path: "/app/.env" },
      { text: "DB_PASSWORD=${DB_PASSWORD}\n", why: "reference", path: "/app/.env" },
      { text: "PORT=3000\nNODE_ENV=production\n", why: "not secret-shaped names", path: "/app/.env" },
      { text: "DB_PASSWORD=changeme\n", why: "placeholder", path: "/app/.env" },
      { text: "DB_PASSWORD=XevrSM1XYEBo1xoUKutZ\n", why: "not a .env file (reported as generic-password)", path: "/app/README.md" },
    ],
  },
};
