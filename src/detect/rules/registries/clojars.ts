import type { SecretRule } from "../../types.js";
import { randomBody } from "../vcs/helpers.js";

/** Clojars deploy tokens: `CLOJARS_` and 60 hex. */
export const clojarsDeployToken: SecretRule = {
  id: "clojars-deploy-token",
  kind: "clojars-deploy-token",
  title: "Clojars deploy token",
  severity: "critical",
  confidence: "high",
  keywords: ["CLOJARS_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>CLOJARS_[0-9a-f]{60})(?![A-Za-z0-9_])/,
  priority: 10,
  check: randomBody(8),
  remediation: "Disable the token (clojars.org → Deploy Tokens → Disable) and check the groups' artifacts for deploys you did not make.",
  docs: "https://github.com/clojars/clojars-web/wiki/Deploy-Tokens",
  examples: {
    match: [
      { text: "CLOJARS_PASSWORD=CLOJARS_7111e9cf372c588aba1aa91221badc1d825bce8faf04af4f9a9a0df2ddee", secret: "CLOJARS_7111e9cf372c588aba1aa91221badc1d825bce8faf04af4f9a9a0df2ddee" },
      { text: '{#"https://repo.clojars.org" {:username "ci" :password "CLOJARS_8aa8f7ad8f4416e09429a497084360657950ce43857b3752df37ae0d6cf0"}}', secret: "CLOJARS_8aa8f7ad8f4416e09429a497084360657950ce43857b3752df37ae0d6cf0", path: "/root/.lein/credentials.clj" },
      { text: "<password>CLOJARS_549b7aff454424ecbb1dfa8ea404c299a0fd7a2818d4200788dfeba69056</password>", secret: "CLOJARS_549b7aff454424ecbb1dfa8ea404c299a0fd7a2818d4200788dfeba69056" },
      { text: "  clojars_token: 'CLOJARS_7111e9cf372c588aba1aa91221badc1d825bce8faf04af4f9a9a0df2ddee'", secret: "CLOJARS_7111e9cf372c588aba1aa91221badc1d825bce8faf04af4f9a9a0df2ddee" },
      { text: "|1 CLOJARS_PASSWORD=CLOJARS_8aa8f7ad8f4416e09429a497084360657950ce43857b3752df37ae0d6cf0 /bin/sh -c lein deploy clojars", secret: "CLOJARS_8aa8f7ad8f4416e09429a497084360657950ce43857b3752df37ae0d6cf0" },
    ],
    noMatch: [
      { text: "CLOJARS_PASSWORD=CLOJARS_7111e9cf372c588aba1aa91221badc1d825bce8faf04af4f9a9a0df2dde", why: "59 characters" },
      { text: "CLOJARS_PASSWORD=CLOJARS_7111e9cf372c588aba1aa91221badc1d825bce8faf04af4f9a9a0df2ddeee", why: "61 characters" },
      { text: "CLOJARS_PASSWORD=CLOJARS_000000000000000000000000000000000000000000000000000000000000", why: "filler" },
      { text: "CLOJARS_USERNAME=ci-bot", why: "the user name" },
      { text: "CLOJARS_PASSWORD=$CLOJARS_DEPLOY_TOKEN", why: "variable reference" },
    ],
  },
};
