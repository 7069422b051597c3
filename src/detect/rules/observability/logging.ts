import type { SecretRule } from "../../types.js";
import { UUID, assignment, keepIf, looksRandom } from "../messaging/kit.js";

const uuidIsRandom = (secret: string) => looksRandom(secret.replace(/-/g, ""));

/** The HEC token Splunk's own documentation uses in its curl examples. */
const SPLUNK_DOC_TOKENS = new Set(["B5A79AAD-D822-46CC-80D1-819F80D7BFB0"]);

/** Splunk HTTP Event Collector tokens (UUIDs) after `Authorization: Splunk` or next to a Splunk name. */
export const splunkHecToken: SecretRule = {
  id: "splunk-hec-token",
  kind: "splunk-hec-token",
  title: "Splunk HTTP Event Collector token",
  severity: "high",
  confidence: "medium",
  keywords: ["splunk"],
  pattern: new RegExp(`(?:(?<![A-Za-z0-9_])Splunk[ \\t]{1,4}|${assignment("splunk")})(?<secret>${UUID})(?![A-Za-z0-9-])`, "i"),
  priority: 10,
  check: (hit) => keepIf(!SPLUNK_DOC_TOKENS.has(hit.secret.toUpperCase()) && uuidIsRandom(hit.secret), hit),
  remediation: "Disable and delete the token in Splunk (Settings → Data inputs → HTTP Event Collector) and create a new one.",
  docs: "https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector",
  examples: {
    match: [
      { text: "SPLUNK_HEC_TOKEN=28e71d8d-05e9-4f19-96cf-df5363aa3682", secret: "28e71d8d-05e9-4f19-96cf-df5363aa3682" },
      { text: "curl -k https://splunk.acme.io:8088/services/collector/event -H 'Authorization: Splunk 28e71d8d-05e9-4f19-96cf-df5363aa3682' -d '{\"event\":\"x\"}'", secret: "28e71d8d-05e9-4f19-96cf-df5363aa3682" },
      { text: "ENV SPLUNK_TOKEN 3b0c7b07-0f1b-47b0-baeb-899e0d6b09c3", secret: "3b0c7b07-0f1b-47b0-baeb-899e0d6b09c3" },
      { text: '"splunk_token": "df8cf0f8-cf5c-4b1c-bff2-24bcc651a0b0"', secret: "df8cf0f8-cf5c-4b1c-bff2-24bcc651a0b0" },
      { text: "--log-opt splunk-token=f68ec619-ecee-443e-82dd-ba7d052b4ecc --log-opt splunk-url=https://splunk:8088", secret: "f68ec619-ecee-443e-82dd-ba7d052b4ecc" },
    ],
    noMatch: [
      { text: "Authorization: Splunk <hec_token>", why: "placeholder" },
      { text: "SPLUNK_HEC_TOKEN=00000000-0000-0000-0000-000000000000", why: "zeros" },
      { text: "TOKEN=28e71d8d-05e9-4f19-96cf-df5363aa3682", why: "nothing names Splunk" },
      { text: "SPLUNK_INDEX=28e71d8d-05e9-4f19-96cf-df5363aa3682x", why: "not a UUID" },
      { text: "SPLUNK_HEC_TOKEN=B5A79AAD-D822-46CC-80D1-819F80D7BFB0", why: "Splunk's documentation example" },
    ],
  },
};

/** Logz.io shipping tokens (32 letters) and API tokens (UUIDs), next to a Logz.io name or in a listener URL. */
export const logzioToken: SecretRule = {
  id: "logzio-token",
  kind: "logzio-token",
  title: "Logz.io token",
  severity: "medium",
  confidence: "medium",
  keywords: ["logzio", "logz_io", "logz.io", "logz-io"],
  pattern: new RegExp(`(?:logz\\.io(?::[0-9]{1,5})?/?\\?token=|${assignment("logz[_.-]?io")})(?<secret>${UUID}|[A-Za-z]{32})(?![A-Za-z0-9-])`, "i"),
  priority: 10,
  check: (hit) => keepIf(uuidIsRandom(hit.secret), hit),
  remediation: "Replace the token in Logz.io (Settings → Manage tokens) and delete the old one.",
  docs: "https://docs.logz.io/docs/user-guide/admin/authentication-tokens/",
  examples: {
    match: [
      { text: "LOGZIO_TOKEN=MLQnsKHvXnaWnFtbcmcarUhZWvuYfVVW", secret: "MLQnsKHvXnaWnFtbcmcarUhZWvuYfVVW" },
      { text: "curl -X POST 'https://listener.logz.io:8071/?token=MLQnsKHvXnaWnFtbcmcarUhZWvuYfVVW&type=app' -d @log.json", secret: "MLQnsKHvXnaWnFtbcmcarUhZWvuYfVVW" },
      { text: "LOGZIO_API_TOKEN=df8cf0f8-cf5c-4b1c-bff2-24bcc651a0b0", secret: "df8cf0f8-cf5c-4b1c-bff2-24bcc651a0b0" },
      { text: '"logzio_shipping_token": "bZnudnYSCSBmzlUmRzpqmtkmGdVSPDXX"', secret: "bZnudnYSCSBmzlUmRzpqmtkmGdVSPDXX" },
      { text: "  logz_io_token: df8cf0f8-cf5c-4b1c-bff2-24bcc651a0b0", secret: "df8cf0f8-cf5c-4b1c-bff2-24bcc651a0b0" },
    ],
    noMatch: [
      { text: "LOGZIO_TOKEN=<<LOG-SHIPPING-TOKEN>>", why: "Logz.io's documentation placeholder" },
      { text: "LOGZIO_LISTENER=listener.logz.io", why: "a host" },
      { text: "TOKEN=MLQnsKHvXnaWnFtbcmcarUhZWvuYfVVW", why: "nothing names Logz.io" },
      { text: "LOGZIO_TOKEN=EKtHDoLPHtXIfHaXLQwenFyXheASQt", why: "too short" },
      { text: "LOGZIO_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** Loggly customer tokens (UUIDs), in an input URL or next to a Loggly name. */
export const logglyToken: SecretRule = {
  id: "loggly-token",
  kind: "loggly-token",
  title: "Loggly customer token",
  severity: "medium",
  confidence: "medium",
  keywords: ["loggly"],
  pattern: new RegExp(`(?:loggly\\.com/(?:inputs|bulk)/|${assignment("loggly")})(?<secret>${UUID})(?![A-Za-z0-9-])`, "i"),
  priority: 10,
  check: (hit) => keepIf(uuidIsRandom(hit.secret), hit),
  remediation: "Add a new customer token in Loggly (Source Setup → Customer Tokens), move the senders, and delete the old one.",
  docs: "https://documentation.solarwinds.com/en/success_center/loggly/content/admin/customer-token-authentication-token.htm",
  examples: {
    match: [
      { text: "LOGGLY_TOKEN=28e71d8d-05e9-4f19-96cf-df5363aa3682", secret: "28e71d8d-05e9-4f19-96cf-df5363aa3682" },
      { text: "curl -H 'content-type:text/plain' -d 'hello' http://logs-01.loggly.com/inputs/28e71d8d-05e9-4f19-96cf-df5363aa3682/tag/http/", secret: "28e71d8d-05e9-4f19-96cf-df5363aa3682" },
      { text: "https://logs-01.loggly.com/bulk/df8cf0f8-cf5c-4b1c-bff2-24bcc651a0b0/tag/bulk/", secret: "df8cf0f8-cf5c-4b1c-bff2-24bcc651a0b0" },
      { text: '"logglyCustomerToken": "df8cf0f8-cf5c-4b1c-bff2-24bcc651a0b0"', secret: "df8cf0f8-cf5c-4b1c-bff2-24bcc651a0b0" },
      { text: "  loggly_token: f68ec619-ecee-443e-82dd-ba7d052b4ecc", secret: "f68ec619-ecee-443e-82dd-ba7d052b4ecc" },
    ],
    noMatch: [
      { text: "http://logs-01.loggly.com/inputs/TOKEN/tag/http/", why: "documentation placeholder" },
      { text: "LOGGLY_TOKEN=00000000-0000-0000-0000-000000000000", why: "zeros" },
      { text: "TOKEN=28e71d8d-05e9-4f19-96cf-df5363aa3682", why: "nothing names Loggly" },
      { text: "LOGGLY_SUBDOMAIN=acme", why: "not a token" },
      { text: "LOGGLY_TOKEN=28e71d8d-05e9-4f19-96cf-df5363aa36820", why: "longer than a UUID" },
    ],
  },
};

/** Sumo Logic access keys (64 alphanumerics), next to a Sumo Logic access-key name. */
export const sumologicAccessKey: SecretRule = {
  id: "sumologic-access-key",
  kind: "sumologic-access-key",
  title: "Sumo Logic access key",
  severity: "high",
  confidence: "medium",
  keywords: ["sumo"],
  pattern: new RegExp(`${assignment("sumo[a-z0-9_.-]{0,20}?(?:access[_-]?key|secret)")}(?<secret>[A-Za-z0-9]{64})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret, 3.5), hit),
  remediation: "Delete the access key in Sumo Logic (Administration → Security → Access Keys) and create a new one.",
  docs: "https://help.sumologic.com/docs/manage/security/access-keys/",
  examples: {
    match: [
      { text: "SUMO_ACCESS_KEY=A2awKfeicD6KcYWUBOXNodc6gYrxezoHIfquvjczl0D84cHVB3EFhCPbwK9XtdZP", secret: "A2awKfeicD6KcYWUBOXNodc6gYrxezoHIfquvjczl0D84cHVB3EFhCPbwK9XtdZP" },
      { text: "SUMOLOGIC_ACCESSKEY='A2awKfeicD6KcYWUBOXNodc6gYrxezoHIfquvjczl0D84cHVB3EFhCPbwK9XtdZP'", secret: "A2awKfeicD6KcYWUBOXNodc6gYrxezoHIfquvjczl0D84cHVB3EFhCPbwK9XtdZP" },
      { text: '"sumoAccessKey": "i2CWCa7t5xTkcmVKAVu9a5gUbqZK6RnUySdSva11DzeOzjwRdzK04KenV8vX0ubm"', secret: "i2CWCa7t5xTkcmVKAVu9a5gUbqZK6RnUySdSva11DzeOzjwRdzK04KenV8vX0ubm" },
      { text: "ENV SUMO_ACCESS_KEY i2CWCa7t5xTkcmVKAVu9a5gUbqZK6RnUySdSva11DzeOzjwRdzK04KenV8vX0ubm", secret: "i2CWCa7t5xTkcmVKAVu9a5gUbqZK6RnUySdSva11DzeOzjwRdzK04KenV8vX0ubm" },
      { text: "  sumologic_secret: c1iRhtjO6Gtqp1b4c8w6furgYGcJDjPKFqycANj7NrBhAdLwAx2UPFik6Don9jbD", secret: "c1iRhtjO6Gtqp1b4c8w6furgYGcJDjPKFqycANj7NrBhAdLwAx2UPFik6Don9jbD" },
    ],
    noMatch: [
      { text: "SUMO_ACCESS_ID=suYpUdNKjEtGM7", why: "the access id" },
      { text: "SUMO_ACCESS_KEY=xFMstV07MoCEhQM40ziQ7ceSNXvbfMnfA1fUFdwsr6wx4h7UTh85yWGmaznD", why: "too short" },
      { text: "ACCESS_KEY=A2awKfeicD6KcYWUBOXNodc6gYrxezoHIfquvjczl0D84cHVB3EFhCPbwK9XtdZP", why: "nothing names Sumo Logic" },
      { text: "SUMO_ACCESS_KEY=${SUMO_ACCESS_KEY}", why: "reference" },
      { text: "SUMO_ACCESS_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** Sumo Logic hosted HTTP source URLs: the token in the path lets anyone write logs. */
export const sumologicHttpSource: SecretRule = {
  id: "sumologic-http-source-url",
  kind: "sumologic-http-source-url",
  title: "Sumo Logic HTTP source URL",
  severity: "medium",
  confidence: "high",
  keywords: ["sumologic.com/receiver/"],
  pattern: /(?<secret>https:\/\/(?:endpoint[0-9]{1,3}\.collection|collectors)\.(?:[a-z0-9]{2,8}\.)?sumologic\.com\/receiver\/v1\/(?:http|otlp|splunk|kinesis\/[a-z]{1,10})\/(?<token>[A-Za-z0-9+/=_-]{40,200}))(?![A-Za-z0-9+/=_-])/,
  priority: 10,
  check: (hit, groups) => keepIf(looksRandom(groups.token ?? "", 3.5), hit),
  remediation: "Regenerate the source's URL in Sumo Logic (Manage Data → Collection → the HTTP source → Show URL → New URL) and update the senders.",
  docs: "https://help.sumologic.com/docs/send-data/hosted-collectors/http-source/logs-metrics/",
  examples: {
    match: [
      { text: "SUMO_URL=https://endpoint4.collection.sumologic.com/receiver/v1/http/BVT2za8wxnC2X9DcX7loboaRo8XZdDx3hZ+7Voqhs+KMcCU9ukdTDGZQik3sJYh/WZctV+kg57wxjPGlthWcR/M59KKAovA5hWGsmdSWcYtlp+zO1T7iILdi==", secret: "https://endpoint4.collection.sumologic.com/receiver/v1/http/BVT2za8wxnC2X9DcX7loboaRo8XZdDx3hZ+7Voqhs+KMcCU9ukdTDGZQik3sJYh/WZctV+kg57wxjPGlthWcR/M59KKAovA5hWGsmdSWcYtlp+zO1T7iILdi==" },
      { text: "curl -v -X POST -T log.txt https://endpoint1.collection.eu.sumologic.com/receiver/v1/http/7e+NmwB73TWsUovb+liElMixcfZnZQDXW/WTxPdWY0SJ7XTaI5tN8f+pZYPLlT/FD+NnT91zLD8zKDXWSuW7nIIKSPWTaMwIDWBkp8eBHDJ7Dlztw5LzzUi9==", secret: "https://endpoint1.collection.eu.sumologic.com/receiver/v1/http/7e+NmwB73TWsUovb+liElMixcfZnZQDXW/WTxPdWY0SJ7XTaI5tN8f+pZYPLlT/FD+NnT91zLD8zKDXWSuW7nIIKSPWTaMwIDWBkp8eBHDJ7Dlztw5LzzUi9==" },
      { text: '"url": "https://collectors.sumologic.com/receiver/v1/http/7e+NmwB73TWsUovb+liElMixcfZnZQDXW/WTxPdWY0SJ7XTaI5tN8f+pZYPLlT/FD+NnT91zLD8zKDXWSuW7nIIKSPWTaMwIDWBkp8eBHDJ7Dlztw5LzzUi9=="', secret: "https://collectors.sumologic.com/receiver/v1/http/7e+NmwB73TWsUovb+liElMixcfZnZQDXW/WTxPdWY0SJ7XTaI5tN8f+pZYPLlT/FD+NnT91zLD8zKDXWSuW7nIIKSPWTaMwIDWBkp8eBHDJ7Dlztw5LzzUi9==" },
      { text: "  endpoint: https://endpoint2.collection.us2.sumologic.com/receiver/v1/otlp/O6ShxEguDu62rj+gV7GiOAaFW/a0MSQmFEhDl/iHSOb6CGdIt+S+15iKpGze7iLhmulqakog9yCJ/Nyzo6F8YSd8q/Ldc65loyc15CxWkbr8IQn0y8dlEHL1==", secret: "https://endpoint2.collection.us2.sumologic.com/receiver/v1/otlp/O6ShxEguDu62rj+gV7GiOAaFW/a0MSQmFEhDl/iHSOb6CGdIt+S+15iKpGze7iLhmulqakog9yCJ/Nyzo6F8YSd8q/Ldc65loyc15CxWkbr8IQn0y8dlEHL1==" },
      { text: "exporter=https://endpoint4.collection.sumologic.com/receiver/v1/http/BVT2za8wxnC2X9DcX7loboaRo8XZdDx3hZ+7Voqhs+KMcCU9ukdTDGZQik3sJYh/WZctV+kg57wxjPGlthWcR/M59KKAovA5hWGsmdSWcYtlp+zO1T7iILdi==;", secret: "https://endpoint4.collection.sumologic.com/receiver/v1/http/BVT2za8wxnC2X9DcX7loboaRo8XZdDx3hZ+7Voqhs+KMcCU9ukdTDGZQik3sJYh/WZctV+kg57wxjPGlthWcR/M59KKAovA5hWGsmdSWcYtlp+zO1T7iILdi==" },
    ],
    noMatch: [
      { text: "https://endpoint4.collection.sumologic.com/receiver/v1/http/XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", why: "mask" },
      { text: "https://endpoint4.collection.sumologic.com/receiver/v1/http/<unique-token>", why: "template" },
      { text: "https://endpoint4.collection.sumologic.com/receiver/v1/http/aQaPdbHtNtdYKaC4lXSM", why: "token too short" },
      { text: "https://api.sumologic.com/api/v1/collectors", why: "management API" },
      { text: "https://endpoint4.collection.sumologic.com/receiver/v1/", why: "no source token" },
    ],
  },
};
