import type { SecretRule } from "../../types.js";
import { randomBody } from "./helpers.js";

/** Sourcegraph access tokens: `sgp_`, optionally an instance id (16 hex, or `local`) and `_`, then 40 hex. */
export const sourcegraphAccessToken: SecretRule = {
  id: "sourcegraph-access-token",
  kind: "sourcegraph-access-token",
  title: "Sourcegraph access token",
  severity: "high",
  confidence: "high",
  keywords: ["sgp_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sgp_(?:(?:[0-9a-f]{16}|local)_)?[0-9a-f]{40})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => randomBody(hit.secret.length - 40)(hit),
  remediation: "Delete the token (Settings → Access tokens → Delete) and create a new one; admins can revoke any user's tokens.",
  docs: "https://sourcegraph.com/docs/cli/how-tos/creating-an-access-token",
  examples: {
    match: [
      { text: "SRC_ACCESS_TOKEN=sgp_9e8f600050c4a64a111b0649197ac9f662317228", secret: "sgp_9e8f600050c4a64a111b0649197ac9f662317228" },
      { text: "export SRC_ACCESS_TOKEN=sgp_local_51445dcae6e27a479c98fc51f5aaaa7086a50e12", secret: "sgp_local_51445dcae6e27a479c98fc51f5aaaa7086a50e12" },
      { text: 'curl -H "Authorization: token sgp_3007db27f7622fa8_febcd3a509ee24ae159b3d9ff3c2b6188685d9ea" https://sourcegraph.example.com/.api/graphql', secret: "sgp_3007db27f7622fa8_febcd3a509ee24ae159b3d9ff3c2b6188685d9ea" },
      { text: '"cody.accessToken": "sgp_f48670b99476a60d_61c16c1a0b7a66c056bcbf9bdecfb6928310c70c"', secret: "sgp_f48670b99476a60d_61c16c1a0b7a66c056bcbf9bdecfb6928310c70c" },
      { text: "  token: sgp_f7ee99ac4c367c5dec6f2288a7c8364b9d230152", secret: "sgp_f7ee99ac4c367c5dec6f2288a7c8364b9d230152" },
    ],
    noMatch: [
      { text: "SRC_ACCESS_TOKEN=sgp_9e8f600050c4a64a111b0649197ac9f66231722", why: "39 hex characters" },
      { text: "SRC_ACCESS_TOKEN=sgp_3007db27f7622fa_febcd3a509ee24ae159b3d9ff3c2b6188685d9ea", why: "15-character instance id" },
      { text: "SRC_ACCESS_TOKEN=sgp_remote_51445dcae6e27a479c98fc51f5aaaa7086a50e12", why: "unknown instance word" },
      { text: "SRC_ACCESS_TOKEN=sgp_0000000000000000000000000000000000000000", why: "filler" },
      { text: "SRC_ACCESS_TOKEN=sgp_<token>", why: "template" },
    ],
  },
};
