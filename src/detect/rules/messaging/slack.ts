import { isPlaceholder } from "../../placeholders.js";
import type { SecretRule } from "../../types.js";

/** Slack API tokens: bot, user, app-level, configuration and legacy workspace tokens. */
export const slackToken: SecretRule = {
  id: "slack-token",
  kind: "slack-token",
  title: "Slack token",
  severity: "critical",
  confidence: "high",
  keywords: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xoxe.", "xapp-"],
  pattern: /(?<![A-Za-z0-9])(?<secret>(?:xox[bpars]-[0-9]{8,14}-[0-9A-Za-z-]{8,}|xoxe\.xox[bp]-1-[0-9A-Za-z]{100,200}|xoxe-1-[0-9A-Za-z]{100,200}|xapp-1-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{64}))(?![0-9A-Za-z-])/,
  priority: 10,
  check: (hit) => (isPlaceholder(hit.secret.split("-").slice(1).join("")) || /x{8,}/i.test(hit.secret) ? undefined : hit),
  remediation: "Revoke the token (api.slack.com/apps → the app → OAuth & Permissions, or auth.revoke) and reinstall the app to issue a new one.",
  docs: "https://api.slack.com/authentication/rotation",
  examples: {
    match: [
      { text: "SLACK_BOT_TOKEN=xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", secret: "xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx" },
      { text: "token: xoxp-2956120384-2956120385-3108452019-7f3c9a1b2d4e6f8091a2b3c4d5e6f708", secret: "xoxp-2956120384-2956120385-3108452019-7f3c9a1b2d4e6f8091a2b3c4d5e6f708" },
      { text: '"xoxa-2956120384-2956120385-R4nd0mStr1ng"', secret: "xoxa-2956120384-2956120385-R4nd0mStr1ng" },
      { text: "xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", secret: "xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" },
      { text: "xoxs-1234567890-1234567890-1234567890-abcdef1234", secret: "xoxs-1234567890-1234567890-1234567890-abcdef1234" },
    ],
    noMatch: [
      { text: "xoxb-xxxxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx", why: "placeholder" },
      { text: "xoxb-123", why: "too short" },
      { text: "xoxq-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", why: "unknown token type" },
      { text: "xoxb-your-token-here", why: "placeholder words" },
      { text: "fooxoxb-1234567890123-1234567890123-AbCdEfGhIjKl", why: "inside a word" },
    ],
  },
};

/** Slack incoming webhooks: anyone with the URL can post to the channel. */
export const slackWebhook: SecretRule = {
  id: "slack-webhook",
  kind: "slack-webhook-url",
  title: "Slack incoming webhook URL",
  severity: "high",
  confidence: "high",
  keywords: ["hooks.slack.com/"],
  pattern: /(?<secret>https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,14}\/[A-Za-z0-9]{20,32})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => (/x{8,}/i.test(hit.secret) ? undefined : hit),
  remediation: "Remove the webhook in the Slack app's Incoming Webhooks page and create a new one.",
  docs: "https://api.slack.com/messaging/webhooks",
  examples: {
    match: [
      { text: "SLACK_WEBHOOK=https://hooks.slack.com/services/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", secret: "https://hooks.slack.com/services/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" },
      { text: '"url": "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF12/AbCdEfGhIjKlMnOpQrStUvWx"', secret: "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF12/AbCdEfGhIjKlMnOpQrStUvWx" },
      { text: "curl -X POST https://hooks.slack.com/services/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", secret: "https://hooks.slack.com/services/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" },
      { text: "https://hooks.slack.com/workflows/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", secret: "https://hooks.slack.com/workflows/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" },
      { text: "hook=https://hooks.slack.com/services/TABCDEFGH/BABCDEFGH/0123456789abcdefABCDEFGH;", secret: "https://hooks.slack.com/services/TABCDEFGH/BABCDEFGH/0123456789abcdefABCDEFGH" },
    ],
    noMatch: [
      { text: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", why: "documentation placeholder" },
      { text: "https://hooks.slack.com/services/", why: "no path" },
      { text: "https://hooks.slack.com/services/T024BE7LD/B01J2K3L4M5/short", why: "secret part too short" },
      { text: "http://hooks.slack.com/services/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", why: "not https" },
      { text: "https://hooks.slack.com/apps/T024BE7LD/B01J2K3L4M5/q8Wz3nR5tY7uI9oP1aS3dF5g", why: "not a webhook path" },
    ],
  },
};
