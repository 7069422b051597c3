import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "./kit.js";

/**
 * Mattermost incoming webhooks: `https://<server>/hooks/<26-character id>`; the id is the only
 * credential. Self-hosted servers have no fixed host, so the line must name Mattermost.
 */
export const mattermostWebhook: SecretRule = {
  id: "mattermost-webhook-url",
  kind: "mattermost-webhook-url",
  title: "Mattermost incoming webhook URL",
  severity: "medium",
  confidence: "medium",
  keywords: ["mattermost"],
  pattern: /(?<secret>https?:\/\/[A-Za-z0-9.-]{1,200}(?::[0-9]{1,5})?\/hooks\/(?<id>[a-z0-9]{26}))(?![A-Za-z0-9/])/,
  priority: 10,
  check: (hit, groups) => keepIf(looksRandom(groups.id ?? ""), hit),
  remediation: "Delete the webhook (Integrations → Incoming Webhooks) and create a new one.",
  docs: "https://developers.mattermost.com/integrate/webhooks/incoming/",
  examples: {
    match: [
      { text: "MATTERMOST_WEBHOOK_URL=https://chat.acme.io/hooks/htnikd4sefqrw77izaokaf3tg0", secret: "https://chat.acme.io/hooks/htnikd4sefqrw77izaokaf3tg0" },
      { text: "curl -i -X POST -d 'payload={\"text\": \"done\"}' https://mattermost.acme.io/hooks/k37yq8gybo3ftcuk7qwyvv6b9t", secret: "https://mattermost.acme.io/hooks/k37yq8gybo3ftcuk7qwyvv6b9t" },
      { text: '"mattermost": {"url": "https://chat.acme.io:8065/hooks/x6066afaitnse0wh3yt3c8l36e"}', secret: "https://chat.acme.io:8065/hooks/x6066afaitnse0wh3yt3c8l36e" },
      { text: "  mattermost_hook: http://mm.internal/hooks/htnikd4sefqrw77izaokaf3tg0", secret: "http://mm.internal/hooks/htnikd4sefqrw77izaokaf3tg0" },
      { text: "notify --mattermost https://mattermost.acme.io/hooks/k37yq8gybo3ftcuk7qwyvv6b9t", secret: "https://mattermost.acme.io/hooks/k37yq8gybo3ftcuk7qwyvv6b9t" },
    ],
    noMatch: [
      { text: "MATTERMOST_WEBHOOK_URL=https://your-mattermost-server.com/hooks/xxx-generatedkey-xxx", why: "documentation example" },
      { text: "MATTERMOST_WEBHOOK_URL=https://chat.acme.io/hooks/634rztrnlbnegj9ot7bq", why: "id too short" },
      { text: "https://chat.acme.io/hooks/htnikd4sefqrw77izaokaf3tg0", why: "nothing names Mattermost: a 26-character path is not evidence" },
      { text: "MATTERMOST_WEBHOOK_URL=https://chat.acme.io/hooks/xxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "MATTERMOST_URL=https://chat.acme.io/api/v4/hooks/incoming", why: "API route, no id" },
    ],
  },
};

/**
 * Rocket.Chat incoming webhooks: `https://<server>/hooks/<integration id, 17>/<token, 48>`
 * (both random ids of Rocket.Chat's alphabet).
 */
export const rocketChatWebhook: SecretRule = {
  id: "rocketchat-webhook-url",
  kind: "rocketchat-webhook-url",
  title: "Rocket.Chat incoming webhook URL",
  severity: "medium",
  confidence: "high",
  keywords: ["/hooks/"],
  pattern: /(?<secret>https?:\/\/[A-Za-z0-9.-]{1,200}(?::[0-9]{1,5})?\/hooks\/[A-Za-z0-9]{17}\/(?<token>[A-Za-z0-9]{48}))(?![A-Za-z0-9/])/,
  priority: 10,
  check: (hit, groups) => keepIf(looksRandom(groups.token ?? "", 3.5), hit),
  remediation: "Regenerate or delete the incoming integration (Administration → Integrations) so the old URL stops working.",
  docs: "https://docs.rocket.chat/docs/integrations",
  examples: {
    match: [
      { text: "ROCKETCHAT_URL=https://chat.acme.io/hooks/MPWBZGX7sHkxSzt36/L2ayxGLdKxhvzamma93DvnxYvbWp5iTHcxQmQkf5q6YGrupd", secret: "https://chat.acme.io/hooks/MPWBZGX7sHkxSzt36/L2ayxGLdKxhvzamma93DvnxYvbWp5iTHcxQmQkf5q6YGrupd" },
      { text: "curl -X POST -H 'Content-Type: application/json' --data '{\"text\":\"hi\"}' https://rocket.acme.io/hooks/kmRTiNY8kFiyxTTrQ/r4WRYkEtkCXecMsPXJofjLT9EegbkWTS8ns8W38S7PaiTr2v", secret: "https://rocket.acme.io/hooks/kmRTiNY8kFiyxTTrQ/r4WRYkEtkCXecMsPXJofjLT9EegbkWTS8ns8W38S7PaiTr2v" },
      { text: '"webhook": "https://chat.acme.io:3000/hooks/MPWBZGX7sHkxSzt36/L2ayxGLdKxhvzamma93DvnxYvbWp5iTHcxQmQkf5q6YGrupd"', secret: "https://chat.acme.io:3000/hooks/MPWBZGX7sHkxSzt36/L2ayxGLdKxhvzamma93DvnxYvbWp5iTHcxQmQkf5q6YGrupd" },
      { text: "  url: https://rocket.acme.io/hooks/kmRTiNY8kFiyxTTrQ/r4WRYkEtkCXecMsPXJofjLT9EegbkWTS8ns8W38S7PaiTr2v", secret: "https://rocket.acme.io/hooks/kmRTiNY8kFiyxTTrQ/r4WRYkEtkCXecMsPXJofjLT9EegbkWTS8ns8W38S7PaiTr2v" },
      { text: "hook = 'http://rc.internal/hooks/Y5rSaqWmy223QcQAv/nBqxApwcvbHhBhsNEWfHkusJjQXhkg7WtsBC3CWSzKkZvFu2'", secret: "http://rc.internal/hooks/Y5rSaqWmy223QcQAv/nBqxApwcvbHhBhsNEWfHkusJjQXhkg7WtsBC3CWSzKkZvFu2" },
    ],
    noMatch: [
      { text: "https://chat.acme.io/hooks/MPWBZGX7sHkxSzt36/2JwXaxwi6NwGd29WanRneDLpzaQMdEbE5ZQ4kv2Y", why: "token too short" },
      { text: "https://api.github.com/repos/o/r/hooks/12345678", why: "GitHub hook id" },
      { text: "https://chat.acme.io/hooks/<integration-id>/<token>", why: "template" },
      { text: "https://chat.acme.io/hooks/MPWBZGX7sHkxSzt36/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "https://chat.acme.io/hooks/MPWBZGX7sHkxSzt36/L2ayxGLdKxhvzamma93DvnxYvbWp5iTHcxQmQkf5q6YGrupd/extra", why: "longer path: not a webhook URL" },
    ],
  },
};
