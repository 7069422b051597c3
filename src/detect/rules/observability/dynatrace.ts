import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "../messaging/kit.js";

/** Dynatrace API tokens: `dt0c01.` + 24-character public id + `.` + 64-character secret. */
export const dynatraceApiToken: SecretRule = {
  id: "dynatrace-api-token",
  kind: "dynatrace-api-token",
  title: "Dynatrace API token",
  severity: "high",
  confidence: "high",
  keywords: ["dt0c01."],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})(?![A-Za-z0-9_.-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(32), 3.5), hit),
  remediation: "Revoke the token in Dynatrace (Access tokens → the token → Delete, or the tokens API) and generate a new one.",
  docs: "https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens",
  examples: {
    match: [
      { text: "DT_API_TOKEN=dt0c01.JVW29WWWTQGJ4JQTD557XQDT.Y53Y8Q0XWEJROTTGW0163R6AHSHKZCKOIFJJLD18OYFTAND31ICA38I3XQ02D4ST", secret: "dt0c01.JVW29WWWTQGJ4JQTD557XQDT.Y53Y8Q0XWEJROTTGW0163R6AHSHKZCKOIFJJLD18OYFTAND31ICA38I3XQ02D4ST" },
      { text: "curl -H 'Authorization: Api-Token dt0c01.JVW29WWWTQGJ4JQTD557XQDT.Y53Y8Q0XWEJROTTGW0163R6AHSHKZCKOIFJJLD18OYFTAND31ICA38I3XQ02D4ST' https://abc123.live.dynatrace.com/api/v2/metrics", secret: "dt0c01.JVW29WWWTQGJ4JQTD557XQDT.Y53Y8Q0XWEJROTTGW0163R6AHSHKZCKOIFJJLD18OYFTAND31ICA38I3XQ02D4ST" },
      { text: "wget -O Dynatrace-OneAgent.sh \"https://abc123.live.dynatrace.com/api/v1/deployment/installer/agent/unix/default/latest?Api-Token=dt0c01.R6H8SQESTEN7WH434QIVKPY0.28L83KQ3RP01A157RK5S5QLOLXO7Z4YAPPNIBF3RQAEICDR0PD3TSIFWF9W42ZIR\"", secret: "dt0c01.R6H8SQESTEN7WH434QIVKPY0.28L83KQ3RP01A157RK5S5QLOLXO7Z4YAPPNIBF3RQAEICDR0PD3TSIFWF9W42ZIR" },
      { text: '{"apiToken": "dt0c01.R6H8SQESTEN7WH434QIVKPY0.28L83KQ3RP01A157RK5S5QLOLXO7Z4YAPPNIBF3RQAEICDR0PD3TSIFWF9W42ZIR"}', secret: "dt0c01.R6H8SQESTEN7WH434QIVKPY0.28L83KQ3RP01A157RK5S5QLOLXO7Z4YAPPNIBF3RQAEICDR0PD3TSIFWF9W42ZIR" },
      { text: "  paas_token: dt0c01.BRWT7Y1ZLQLRYN0V5VJOWKN0.OEQH6T3L0R4V73ND9UXM10BRO3F2NDKTC3KGLFWJ6NVZUM78QLHDUF74JDPOSOCG", secret: "dt0c01.BRWT7Y1ZLQLRYN0V5VJOWKN0.OEQH6T3L0R4V73ND9UXM10BRO3F2NDKTC3KGLFWJ6NVZUM78QLHDUF74JDPOSOCG" },
    ],
    noMatch: [
      { text: "DT_API_TOKEN=dt0c01.JVW29WWWTQGJ4JQTD557XQDT", why: "public id only" },
      { text: "DT_API_TOKEN=dt0c01.JVW29WWWTQGJ4JQTD557XQDT.EJ8VV9DLPA2HGVGDX7DIRS9B3SATNGCKCHXVXNY4RVYWWWN4PYD9IKX3QATO", why: "secret too short" },
      { text: "DT_API_TOKEN=dt0c01.XXXXXXXXXXXXXXXXXXXXXXXX.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", why: "mask" },
      { text: "DT_API_TOKEN=dt0c01.JVW29WWWTQGJ4JQTD557XQDT.l83u4l3804cw3id559gx13410ya1xz1z25ichxb4nj3tkxk1dwb5pkmgwwtgxl49", why: "lower case is not Dynatrace's alphabet" },
      { text: "DT_API_TOKEN=dt0c01.ABC.DEF", why: "documentation-style stub" },
    ],
  },
};
