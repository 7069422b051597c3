import type { SecretRule } from "../../types.js";
import { UUID, assignment, keepIf, looksRandom } from "./kit.js";

/** Postmark server and account API tokens (UUIDs), next to a Postmark name or header. */
export const postmarkApiToken: SecretRule = {
  id: "postmark-api-token",
  kind: "postmark-api-token",
  title: "Postmark API token",
  severity: "high",
  confidence: "medium",
  keywords: ["postmark"],
  pattern: new RegExp(`${assignment("postmark")}(?<secret>${UUID})(?![A-Za-z0-9-])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.replace(/-/g, "")), hit),
  remediation: "Reset the token in Postmark (Server → API Tokens, or Account → API Tokens) and update the senders.",
  docs: "https://postmarkapp.com/developer/api/overview#authentication",
  examples: {
    match: [
      { text: "POSTMARK_SERVER_TOKEN=bb43f91d-ad86-4ca5-9ee8-302c27e44820", secret: "bb43f91d-ad86-4ca5-9ee8-302c27e44820" },
      { text: "curl -H 'X-Postmark-Server-Token: bb43f91d-ad86-4ca5-9ee8-302c27e44820' https://api.postmarkapp.com/email", secret: "bb43f91d-ad86-4ca5-9ee8-302c27e44820" },
      { text: '"postmarkApiToken": "2a7f88a1-99d3-4211-93e2-773d17959a6a"', secret: "2a7f88a1-99d3-4211-93e2-773d17959a6a" },
      { text: "X-Postmark-Account-Token: 91d041a6-07fb-4da5-b4b3-5f4e1da4102e", secret: "91d041a6-07fb-4da5-b4b3-5f4e1da4102e" },
      { text: "ENV POSTMARK_API_TOKEN 2a7f88a1-99d3-4211-93e2-773d17959a6a", secret: "2a7f88a1-99d3-4211-93e2-773d17959a6a" },
    ],
    noMatch: [
      { text: "X-Postmark-Server-Token: POSTMARK_API_TEST", why: "Postmark's documented test token" },
      { text: "POSTMARK_SERVER_TOKEN=00000000-0000-0000-0000-000000000000", why: "zeros" },
      { text: "SERVER_TOKEN=bb43f91d-ad86-4ca5-9ee8-302c27e44820", why: "nothing names Postmark" },
      { text: "POSTMARK_SERVER_TOKEN=bb43f91d-ad86-4ca5-9ee8-302c27e448200", why: "longer than a UUID" },
      { text: "POSTMARK_SERVER_TOKEN=<server-token>", why: "placeholder" },
    ],
  },
};
