import type { SecretRule } from "../../types.js";
import { UUID, keepIf, looksRandom } from "./kit.js";

/** Microsoft Teams incoming webhooks (Office 365 connectors): anyone with the URL can post to the channel. */
export const teamsWebhook: SecretRule = {
  id: "microsoft-teams-webhook-url",
  kind: "microsoft-teams-webhook-url",
  title: "Microsoft Teams incoming webhook URL",
  severity: "high",
  confidence: "high",
  keywords: ["webhook.office.com/", "outlook.office.com/webhook", "outlook.office365.com/webhook"],
  pattern: new RegExp(
    `(?<secret>https://(?:[a-z0-9-]{1,63}\\.webhook\\.office\\.com/webhookb2|outlook\\.office(?:365)?\\.com/webhook)/${UUID}@${UUID}/IncomingWebhook/(?<key>[0-9a-f]{32})/${UUID}(?:/[A-Za-z0-9_-]{20,120})?)(?![A-Za-z0-9_-])`,
  ),
  priority: 10,
  check: (hit, groups) => keepIf(looksRandom(groups.key ?? ""), hit),
  remediation: "Remove the Incoming Webhook connector from the channel (Connectors → Configured → Remove) and add a new one.",
  docs: "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook",
  examples: {
    match: [
      { text: "TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/da743810-78c1-40fc-acbe-23d9965aaf3e@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/6da55493fd1a1086bbbb89acc58aadeb/af34a551-de70-4690-96d2-3659a0059e00", secret: "https://contoso.webhook.office.com/webhookb2/da743810-78c1-40fc-acbe-23d9965aaf3e@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/6da55493fd1a1086bbbb89acc58aadeb/af34a551-de70-4690-96d2-3659a0059e00" },
      { text: '"url": "https://acme365.webhook.office.com/webhookb2/da743810-78c1-40fc-acbe-23d9965aaf3e@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/00ea826958e99b3d81a5990edd6d3bac/af34a551-de70-4690-96d2-3659a0059e00/V2i9o-DdI6uPyAQrffi5XHvUE5MtaYcHwU96etTPrUDvbx"', secret: "https://acme365.webhook.office.com/webhookb2/da743810-78c1-40fc-acbe-23d9965aaf3e@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/00ea826958e99b3d81a5990edd6d3bac/af34a551-de70-4690-96d2-3659a0059e00/V2i9o-DdI6uPyAQrffi5XHvUE5MtaYcHwU96etTPrUDvbx" },
      { text: "curl -H 'Content-Type: application/json' -d @card.json https://outlook.office.com/webhook/0928870e-4b4f-4ed3-b7e1-d9e6ca2a9ae3@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/1a15a50268b029748cd2171e66c917aa/8a4384ad-5988-45e9-9bfc-ab0e151e3519", secret: "https://outlook.office.com/webhook/0928870e-4b4f-4ed3-b7e1-d9e6ca2a9ae3@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/1a15a50268b029748cd2171e66c917aa/8a4384ad-5988-45e9-9bfc-ab0e151e3519" },
      { text: "  teams_url: https://contoso.webhook.office.com/webhookb2/da743810-78c1-40fc-acbe-23d9965aaf3e@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/6da55493fd1a1086bbbb89acc58aadeb/af34a551-de70-4690-96d2-3659a0059e00", secret: "https://contoso.webhook.office.com/webhookb2/da743810-78c1-40fc-acbe-23d9965aaf3e@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/6da55493fd1a1086bbbb89acc58aadeb/af34a551-de70-4690-96d2-3659a0059e00" },
      { text: "webhook = 'https://outlook.office365.com/webhook/0928870e-4b4f-4ed3-b7e1-d9e6ca2a9ae3@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/1a15a50268b029748cd2171e66c917aa/8a4384ad-5988-45e9-9bfc-ab0e151e3519'", secret: "https://outlook.office365.com/webhook/0928870e-4b4f-4ed3-b7e1-d9e6ca2a9ae3@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/1a15a50268b029748cd2171e66c917aa/8a4384ad-5988-45e9-9bfc-ab0e151e3519" },
    ],
    noMatch: [
      { text: "https://contoso.webhook.office.com/webhookb2/<group-id>@<tenant-id>/IncomingWebhook/<key>/<user-id>", why: "documentation template" },
      { text: "https://contoso.webhook.office.com/webhookb2/da743810-78c1-40fc-acbe-23d9965aaf3e@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/af34a551-de70-4690-96d2-3659a0059e00", why: "masked key" },
      { text: "https://contoso.webhook.office.com/webhookb2/da743810-78c1-40fc-acbe-23d9965aaf3e@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/4ccb4ec9283585885dfd99e0b6dad42/af34a551-de70-4690-96d2-3659a0059e00", why: "key one character short" },
      { text: "https://contoso.webhook.office.com/webhookb2/da743810-78c1-40fc-acbe-23d9965aaf3e@ec25a2a6-c327-4269-9436-32860f58542f", why: "no connector key" },
      { text: "http://contoso.webhook.office.com/webhookb2/da743810-78c1-40fc-acbe-23d9965aaf3e@ec25a2a6-c327-4269-9436-32860f58542f/IncomingWebhook/6da55493fd1a1086bbbb89acc58aadeb/af34a551-de70-4690-96d2-3659a0059e00", why: "not https" },
    ],
  },
};

/**
 * Workflow trigger URLs of Power Automate and Logic Apps (what Teams "Workflows" webhooks are):
 * the `sig` query parameter is a shared-access signature that lets anyone run the flow.
 */
export const powerAutomateWebhook: SecretRule = {
  id: "microsoft-power-automate-webhook-url",
  kind: "microsoft-power-automate-webhook-url",
  title: "Power Automate / Logic Apps workflow URL with signature (Teams workflows)",
  severity: "high",
  confidence: "high",
  keywords: ["logic.azure.com", "api.powerplatform.com"],
  pattern:
    /(?<secret>https:\/\/[a-z0-9.-]{1,120}\.(?:logic\.azure\.com|api\.powerplatform\.com)(?::443)?\/[A-Za-z0-9/_.-]{0,120}?workflows\/[0-9a-f]{32}\/triggers\/[A-Za-z0-9_.-]{1,80}\/paths\/invoke\/?\?[^\s"'<>]{0,300}?\bsig=(?<sig>[A-Za-z0-9_%-]{40,90}))(?![A-Za-z0-9_%-])/,
  priority: 10,
  check: (hit, groups) => keepIf(looksRandom(groups.sig ?? "", 3.5), hit),
  remediation: "Regenerate the trigger's access keys (Logic App → Access keys → regenerate, or re-create the flow's HTTP trigger) so the old signature stops working.",
  docs: "https://learn.microsoft.com/en-us/azure/logic-apps/logic-apps-securing-a-logic-app#regenerate-access-keys",
  examples: {
    match: [
      { text: "TEAMS_WORKFLOW_URL=https://prod-27.westeurope.logic.azure.com:443/workflows/1860288169b575f5b1795354f4cc9255/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=7KrbnRC4VIzxag4EQ9lBvQcqO94LhFo4t0rs5dKpdsU", secret: "https://prod-27.westeurope.logic.azure.com:443/workflows/1860288169b575f5b1795354f4cc9255/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=7KrbnRC4VIzxag4EQ9lBvQcqO94LhFo4t0rs5dKpdsU" },
      { text: 'url: "https://default6da55493fd1a1086bbbb89acc58aadeb.0e.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/da558eb5954acca4df300e3021ab5978/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=8XhXk2fGeY2ZwJZabdgilo8nqjbY2416GZNC4eqmy9c"', secret: "https://default6da55493fd1a1086bbbb89acc58aadeb.0e.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/da558eb5954acca4df300e3021ab5978/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=8XhXk2fGeY2ZwJZabdgilo8nqjbY2416GZNC4eqmy9c" },
      { text: "curl -X POST 'https://prod-27.westeurope.logic.azure.com/workflows/1860288169b575f5b1795354f4cc9255/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=7KrbnRC4VIzxag4EQ9lBvQcqO94LhFo4t0rs5dKpdsU'", secret: "https://prod-27.westeurope.logic.azure.com/workflows/1860288169b575f5b1795354f4cc9255/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=7KrbnRC4VIzxag4EQ9lBvQcqO94LhFo4t0rs5dKpdsU" },
      { text: "hook=https://prod-01.eastus.logic.azure.com:443/workflows/9c77e793b5a851eeec5dfb62d17abc65/triggers/When_a_HTTP_request_is_received/paths/invoke?api-version=2016-10-01&sig=ORWAjNcCqlpeOxG8X1YfvyQ83oXom03SIltrvknyBIe&sp=%2Ftriggers%2Frun", secret: "https://prod-01.eastus.logic.azure.com:443/workflows/9c77e793b5a851eeec5dfb62d17abc65/triggers/When_a_HTTP_request_is_received/paths/invoke?api-version=2016-10-01&sig=ORWAjNcCqlpeOxG8X1YfvyQ83oXom03SIltrvknyBIe" },
      { text: "<add key=\"FlowUrl\" value=\"https://prod-01.eastus.logic.azure.com:443/workflows/9c77e793b5a851eeec5dfb62d17abc65/triggers/manual/paths/invoke?api-version=2016-10-01&amp;sv=1.0&amp;sig=ORWAjNcCqlpeOxG8X1YfvyQ83oXom03SIltrvknyBIe\" />", secret: "https://prod-01.eastus.logic.azure.com:443/workflows/9c77e793b5a851eeec5dfb62d17abc65/triggers/manual/paths/invoke?api-version=2016-10-01&amp;sv=1.0&amp;sig=ORWAjNcCqlpeOxG8X1YfvyQ83oXom03SIltrvknyBIe" },
    ],
    noMatch: [
      { text: "https://prod-27.westeurope.logic.azure.com:443/workflows/1860288169b575f5b1795354f4cc9255/triggers/manual/paths/invoke?api-version=2016-06-01", why: "no signature: the trigger needs other authentication" },
      { text: "https://prod-27.westeurope.logic.azure.com:443/workflows/1860288169b575f5b1795354f4cc9255/triggers/manual/paths/invoke?api-version=2016-06-01&sig={signature}", why: "template" },
      { text: "https://prod-27.westeurope.logic.azure.com:443/workflows/1860288169b575f5b1795354f4cc9255/triggers/manual/paths/invoke?sig=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "masked signature" },
      { text: "https://management.azure.com/subscriptions/x/providers/Microsoft.Logic/workflows/1860288169b575f5b1795354f4cc9255?sig=7KrbnRC4VIzxag4EQ9lBvQcqO94LhFo4t0rs5dKpdsU", why: "management API, not a trigger URL" },
      { text: "https://prod-27.westeurope.logic.azure.com:443/workflows/1860288169b575f5b1795354f4cc9255/triggers/manual/paths/invoke?sig=uBzEEH8D332KSPOevQ35", why: "signature too short" },
    ],
  },
};
