import { isPlaceholder } from "../../placeholders.js";
import type { SecretRule } from "../../types.js";

/** Yarn Berry's `npmAuthToken:` setting (`.yarnrc.yml`, per registry or scope): any literal value. */
export const yarnNpmAuthToken: SecretRule = {
  id: "yarn-npm-auth-token",
  kind: "yarn-npm-auth-token",
  title: "Registry token in .yarnrc.yml",
  severity: "high",
  confidence: "high",
  keywords: ["npmAuthToken"],
  pattern: /(?<![A-Za-z0-9_])npmAuthToken\s*:\s*(?<q>["']?)(?<secret>[^\s"'#]{8,512})\k<q>(?=[\s"',}]|$)/,
  // Format rule: an `npm_` token in it is also an npm-access-token, which names it better.
  priority: 20,
  check: (hit) => (isPlaceholder(hit.secret) || hit.secret.startsWith("$") ? undefined : hit),
  remediation: "Revoke the token at its registry, and pass it at build time (YARN_NPM_AUTH_TOKEN from a secret mount) instead of writing .yarnrc.yml.",
  docs: "https://yarnpkg.com/configuration/yarnrc#npmAuthToken",
  examples: {
    match: [
      { text: 'npmAuthToken: "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"', secret: "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", path: "/app/.yarnrc.yml" },
      { text: "npmScopes:\n  acme:\n    npmRegistryServer: https://npm.acme.dev\n    npmAuthToken: 2f9c1e7a-5b3d-4e8f-9a6c-1d2e3f4a5b6c\n", secret: "2f9c1e7a-5b3d-4e8f-9a6c-1d2e3f4a5b6c" },
      { text: "    npmAuthToken: glpat-EM1syqKSZMcxAioPJxKm", secret: "glpat-EM1syqKSZMcxAioPJxKm" },
      { text: "  npmAuthToken: 'cmVmdGtuOjAxOjE4OTgyMDEyOTA6Z2tsTUttVVhsNUFtWkY4dEUxM1paYVRHbk9T'", secret: "cmVmdGtuOjAxOjE4OTgyMDEyOTA6Z2tsTUttVVhsNUFtWkY4dEUxM1paYVRHbk9T" },
      { text: "RUN echo 'npmAuthToken: Zm9vYmFyYmF6cXV4cXV1eA' >> .yarnrc.yml", secret: "Zm9vYmFyYmF6cXV4cXV1eA" },
    ],
    noMatch: [
      { text: 'npmAuthToken: "${NPM_TOKEN}"', why: "environment reference (Yarn expands it)" },
      { text: "npmAuthToken: ${NPM_AUTH_TOKEN:-}", why: "environment reference with a default" },
      { text: "npmAuthToken: <token>", why: "template" },
      { text: "npmAlwaysAuth: true", why: "another setting" },
      { text: "npmAuthToken: xxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** Yarn Berry's `npmAuthIdent:` setting: `user:password`, or its base64. */
export const yarnNpmAuthIdent: SecretRule = {
  id: "yarn-npm-auth-ident",
  kind: "yarn-npm-auth-ident",
  title: "Registry credentials in .yarnrc.yml",
  severity: "high",
  confidence: "high",
  keywords: ["npmAuthIdent"],
  pattern: /(?<![A-Za-z0-9_])npmAuthIdent\s*:\s*(?<q>["']?)(?<secret>[^\s"'#]{6,512})\k<q>(?=[\s"',}]|$)/,
  priority: 20,
  check: (hit) => {
    const v = hit.secret;
    if (isPlaceholder(v) || v.startsWith("$")) return undefined;
    const pair = v.includes(":") ? v : Buffer.from(v, "base64").toString("utf8");
    const password = pair.slice(pair.indexOf(":") + 1);
    return pair.includes(":") && !isPlaceholder(password) && !password.startsWith("$") ? hit : undefined;
  },
  remediation: "Change the password (or revoke the token) at the registry, and pass credentials at build time instead of writing .yarnrc.yml.",
  docs: "https://yarnpkg.com/configuration/yarnrc#npmAuthIdent",
  examples: {
    match: [
      { text: 'npmAuthIdent: "deploy:Vq8mZ2rTk4wPx"', secret: "deploy:Vq8mZ2rTk4wPx", path: "/app/.yarnrc.yml" },
      { text: "    npmAuthIdent: ZGVwbG95OlZxOG1aMnJUazR3UHg=", secret: "ZGVwbG95OlZxOG1aMnJUazR3UHg=" },
      { text: "npmRegistries:\n  //npm.acme.dev:\n    npmAuthIdent: 'ci-bot:Gm3xE9qLwR2vYtB7'\n", secret: "ci-bot:Gm3xE9qLwR2vYtB7" },
      { text: "RUN yarn config set npmAuthIdent: ci:h0rse-Battery-Staple", secret: "ci:h0rse-Battery-Staple" },
      { text: "npmAuthIdent: Y2k6czNjcjN0UGFzc3BocmFzZQ==", secret: "Y2k6czNjcjN0UGFzc3BocmFzZQ==" },
    ],
    noMatch: [
      { text: 'npmAuthIdent: "${NPM_AUTH_IDENT}"', why: "environment reference" },
      { text: "npmAuthIdent: deploy:changeme", why: "placeholder password" },
      { text: "npmAuthIdent: <user:password>", why: "template" },
      { text: "npmAuthIdent: Zm9vYmFyYmF6", why: "base64 without a user:password pair" },
      { text: "npmAuthIdent: ci:${NPM_PASSWORD}", why: "password from the environment" },
    ],
  },
};

/** Both Yarn credential settings. */
export const YARN_RULES: readonly SecretRule[] = [yarnNpmAuthToken, yarnNpmAuthIdent];
