import type { SecretRule } from "../../types.js";
import { accept, assigned } from "./shared.js";

/** Linode (Akamai Cloud) personal access tokens (64 hex digits) next to Linode names. */
export const linodeApiToken: SecretRule = {
  id: "linode-api-token",
  kind: "linode-api-token",
  title: "Linode API token",
  severity: "critical",
  confidence: "medium",
  keywords: ["linode"],
  pattern: assigned(String.raw`linode[A-Za-z0-9_.-]{0,20}?(?:token|pat|api_?key)`, String.raw`[a-f0-9]{64}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^[a-f0-9]{64}$/ }),
  remediation: "Revoke the token in Cloud Manager (My Profile → API Tokens) and create a scoped, expiring replacement.",
  docs: "https://techdocs.akamai.com/cloud-computing/docs/manage-personal-access-tokens",
  examples: {
    match: [
      { text: "LINODE_TOKEN=16248e135797857f4fc95b1b515575269f176ae244cf387a3f9c3cacfa48ab32", secret: "16248e135797857f4fc95b1b515575269f176ae244cf387a3f9c3cacfa48ab32" },
      { text: "LINODE_CLI_TOKEN: 873ea3c1af1700fcb4ec1107786731412f45b514fc4a076dd1ebd1c5420bbf50", secret: "873ea3c1af1700fcb4ec1107786731412f45b514fc4a076dd1ebd1c5420bbf50" },
      { text: 'provider "linode" {}\nlinode_token = "0ab34c40d96426e83234f9ce180a3d3f5006e7f1d90c9d9da647fd5885601d10"', secret: "0ab34c40d96426e83234f9ce180a3d3f5006e7f1d90c9d9da647fd5885601d10" },
      { text: "export LINODE_API_TOKEN='21ec931f2fddd3511f6609e6f227195cde57f65c59d9be5063806d575e6ba1b0'", secret: "21ec931f2fddd3511f6609e6f227195cde57f65c59d9be5063806d575e6ba1b0" },
      { text: "docker run -e LINODE_TOKEN=6d31de1afeb14fdecba0d985f320ff8df232514ee576cff9aef2ef62d4051f4a linode/cli", secret: "6d31de1afeb14fdecba0d985f320ff8df232514ee576cff9aef2ef62d4051f4a" },
    ],
    noMatch: [
      { text: "LINODE_TOKEN=79b4e3a3b0c8348fd7ecfaf930cb3dfc8369a7b5da9549a7b92a88775fcb0de", why: "one digit short" },
      { text: "LINODE_TOKEN=AVQqrjDb0czSwXGkbVZ1mzEAjM1Fl5a4ncmkAoRr1EvMAKLWdtDNlGpNodLGTsBe", why: "not hex" },
      { text: "LINODE_TOKEN=${LINODE_TOKEN}", why: "reference" },
      { text: "LINODE_TOKEN=0000000000000000000000000000000000000000000000000000000000000000", why: "zero placeholder" },
      { text: "sha256=8e6107b22aa29b060850c0284364011d40998e4c76332b590bc84a91a0f0d6c0", why: "a digest with no Linode name" },
    ],
  },
};
