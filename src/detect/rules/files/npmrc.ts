import { isPlaceholder } from "../../placeholders.js";
import type { SecretRule } from "../../types.js";

/** Registry credentials in `.npmrc`: `_authToken`, `_auth` (base64 user:password) and `_password`. */
export const npmrcAuth: SecretRule = {
  id: "npmrc-auth",
  kind: "npm-registry-credential",
  title: "npm registry credential in .npmrc",
  severity: "high",
  confidence: "high",
  keywords: ["_authtoken", "_auth", "_password"],
  pattern: /(?:^|[\s"'])(?<name>(?:\/\/[^\s=]*?:)?(?:_authToken|_auth|_password))\s*=\s*["']?(?<secret>[^\s"'#;]+)/,
  priority: 20,
  check: (hit, _g, ctx) => {
    // In files, only npm's own config files; in history and config text, wherever it appears.
    if (ctx.path && !/(?:^|\/)\.?npmrc$/.test(ctx.path)) return undefined;
    return isPlaceholder(hit.secret) || /^\$\{?[A-Z_]/.test(hit.secret) ? undefined : hit;
  },
  remediation: "Revoke the token on the registry, and give the build an .npmrc through a secret mount (RUN --mount=type=secret,id=npmrc,target=/root/.npmrc).",
  docs: "https://docs.npmjs.com/revoking-access-tokens",
  examples: {
    match: [
      { text: "//npm.pkg.example.com/:_authToken=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", secret: "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" },
      { text: "//registry.npmjs.org/:_authToken=4f7d2c1a-8b9e-4c3d-a2f1-0e9d8c7b6a54", secret: "4f7d2c1a-8b9e-4c3d-a2f1-0e9d8c7b6a54" },
      { text: "_auth=ZGVwbG95OlhldnJTTTFYWUVCbzF4b1VLdXRa", secret: "ZGVwbG95OlhldnJTTTFYWUVCbzF4b1VLdXRa" },
      { text: '//npm.example.com/:_password="UzNjcjN0UGFzcw=="', secret: "UzNjcjN0UGFzcw==" },
      { text: "registry=https://r.example.com/\n//r.example.com/:_authToken = glpat-Zx8Yw7Vu6Ts5Rq4Po3Nm", secret: "glpat-Zx8Yw7Vu6Ts5Rq4Po3Nm" },
    ],
    noMatch: [
      { text: 'npm set "//npm.pkg.example.com/:_authToken=$(cat /run/secrets/npm_token)"', why: "read from a secret mount by command substitution (cut at the space)" },
      { text: "//registry.npmjs.org/:_authToken=${NPM_TOKEN}", why: "environment reference" },
      { text: "//registry.npmjs.org/:_authToken=$NPM_TOKEN", why: "environment reference" },
      { text: "//registry.npmjs.org/:_authToken=", why: "empty" },
      { text: "always-auth=true", why: "not a credential" },
      { text: "//registry.npmjs.org/:_authToken=<your-token>", why: "placeholder" },
      { text: 'f"//{host}/:_authToken={password}"', path: "/usr/lib/tool/npm.py", why: "code that writes an .npmrc" },
    ],
  },
};
