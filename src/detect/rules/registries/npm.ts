import { hasCrc32Base62Checksum } from "../../checksum.js";
import type { SecretRule } from "../../types.js";

/** npm access tokens (`npm_` + 36 base62, the last 6 a CRC-32 checksum). */
export const npmToken: SecretRule = {
  id: "npm-token",
  kind: "npm-access-token",
  title: "npm access token",
  severity: "critical",
  confidence: "high",
  keywords: ["npm_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/,
  priority: 10,
  verified: true,
  check: (hit) => (hasCrc32Base62Checksum(hit.secret.slice(4)) ? hit : undefined),
  remediation: "Revoke the token (npm token revoke, or npmjs.com → Access Tokens) and check the packages it could publish.",
  docs: "https://docs.npmjs.com/revoking-access-tokens",
  examples: {
    match: [
      { text: "//npm.pkg.example.com/:_authToken=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", secret: "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" },
      { text: "NPM_TOKEN=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", secret: "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" },
      { text: "|1 NPM_TOKEN=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 /bin/sh -c npm set", secret: "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" },
      { text: '"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"', secret: "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" },
      { text: "token: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\n", secret: "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" },
    ],
    noMatch: [
      { text: "npm_u3mY2lhm12FPzmV4eAk5M7ByFgDcEW3a22Po", why: "checksum fails" },
      { text: "npm_u3mY2lhm12FPzmV4eAk5M7ByFgDcEW3a22P", why: "one character short" },
      { text: "npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "placeholder" },
      { text: "my_npm_u3mY2lhm12FPzmV4eAk5M7ByFgDcEW3a22Pn", why: "part of an identifier" },
      { text: "npm_config_cache=/tmp/.npm", why: "npm config variable" },
    ],
  },
};
