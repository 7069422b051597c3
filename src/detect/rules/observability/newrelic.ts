import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "../messaging/kit.js";

const DOCS = "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/";
const ROTATE = "Delete the key in New Relic (API keys UI, or NerdGraph) and create a new one.";

/** New Relic user API keys: `NRAK-` + 27 (NerdGraph and REST access as the user). */
export const newrelicUserApiKey: SecretRule = {
  id: "newrelic-user-api-key",
  kind: "newrelic-user-api-key",
  title: "New Relic user API key",
  severity: "high",
  confidence: "high",
  keywords: ["NRAK-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>NRAK-[A-Z0-9]{27})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(5), 3.3), hit),
  remediation: ROTATE,
  docs: DOCS,
  examples: {
    match: [
      { text: "NEW_RELIC_API_KEY=NRAK-KKE6Q256Y1Q0VDU9M6NB8KGTAWU", secret: "NRAK-KKE6Q256Y1Q0VDU9M6NB8KGTAWU" },
      { text: "curl https://api.newrelic.com/graphql -H 'API-Key: NRAK-KKE6Q256Y1Q0VDU9M6NB8KGTAWU'", secret: "NRAK-KKE6Q256Y1Q0VDU9M6NB8KGTAWU" },
      { text: 'provider "newrelic" { api_key = "NRAK-0D47G4SBBS11CZSRCNVFK3P92ZH" }', secret: "NRAK-0D47G4SBBS11CZSRCNVFK3P92ZH" },
      { text: '{"newrelic": {"userKey": "NRAK-0D47G4SBBS11CZSRCNVFK3P92ZH"}}', secret: "NRAK-0D47G4SBBS11CZSRCNVFK3P92ZH" },
      { text: "  api_key: NRAK-L99QGD6B80UUHD93GPRWQ11XCP1", secret: "NRAK-L99QGD6B80UUHD93GPRWQ11XCP1" },
    ],
    noMatch: [
      { text: "NEW_RELIC_API_KEY=NRAK-GTO5UGKW94QYCNCBG247", why: "too short" },
      { text: "NEW_RELIC_API_KEY=NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX", why: "mask" },
      { text: "NEW_RELIC_API_KEY=NRAK-KKE6Q256Y1Q0VDU9M6NB8KGTAWUX", why: "too long" },
      { text: "NEW_RELIC_API_KEY=NRAK-62yvpvq0q1o66djf64lj46amp4b", why: "lower case" },
      { text: "NEW_RELIC_API_KEY=NRAK-...", why: "elided" },
    ],
  },
};

/** New Relic admin API keys (`NRAA-`, legacy REST admin keys). */
export const newrelicAdminApiKey: SecretRule = {
  id: "newrelic-admin-api-key",
  kind: "newrelic-admin-api-key",
  title: "New Relic admin API key",
  severity: "high",
  confidence: "high",
  keywords: ["NRAA-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>NRAA-[a-f0-9]{27})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(5)), hit),
  remediation: ROTATE,
  docs: DOCS,
  examples: {
    match: [
      { text: "NEW_RELIC_ADMIN_KEY=NRAA-2c634b702e0f7f1128b14d46e62", secret: "NRAA-2c634b702e0f7f1128b14d46e62" },
      { text: "curl -H 'X-Api-Key: NRAA-2c634b702e0f7f1128b14d46e62' https://api.newrelic.com/v2/users.json", secret: "NRAA-2c634b702e0f7f1128b14d46e62" },
      { text: '"adminKey": "NRAA-98aa3d6810cdf8f2e830b78e9f8"', secret: "NRAA-98aa3d6810cdf8f2e830b78e9f8" },
      { text: "export NR_ADMIN_KEY='NRAA-98aa3d6810cdf8f2e830b78e9f8'", secret: "NRAA-98aa3d6810cdf8f2e830b78e9f8" },
      { text: "  admin_api_key: NRAA-eb76ff7e8dbc1360f01586dfc8f", secret: "NRAA-eb76ff7e8dbc1360f01586dfc8f" },
    ],
    noMatch: [
      { text: "NEW_RELIC_ADMIN_KEY=NRAA-10cbc3e0c7d8b06657a5", why: "too short" },
      { text: "NEW_RELIC_ADMIN_KEY=NRAA-xxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "NEW_RELIC_ADMIN_KEY=NRAA-2c634b702e0f7f1128b14d46e620", why: "too long" },
      { text: "NEW_RELIC_ADMIN_KEY=NRAA-3JYSEUZ2TQLANM5X6TZWO4FME99", why: "not hex" },
      { text: "NEW_RELIC_ADMIN_KEY=NRAA-<key>", why: "placeholder" },
    ],
  },
};

/** New Relic Insights insert and query keys (`NRII-`, `NRIQ-`). */
export const newrelicInsightsKey: SecretRule = {
  id: "newrelic-insights-key",
  kind: "newrelic-insights-key",
  title: "New Relic Insights insert/query key",
  severity: "high",
  confidence: "high",
  keywords: ["NRII-", "NRIQ-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>NRI[IQ]-[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(5), 3.5), hit),
  remediation: ROTATE,
  docs: DOCS,
  examples: {
    match: [
      { text: "NEW_RELIC_INSERT_KEY=NRII-Fpav_Rwfs9miIxIU3bZw8Z-YyoeFzkUs", secret: "NRII-Fpav_Rwfs9miIxIU3bZw8Z-YyoeFzkUs" },
      { text: "curl -H 'X-Insert-Key: NRII-Fpav_Rwfs9miIxIU3bZw8Z-YyoeFzkUs' https://insights-collector.newrelic.com/v1/accounts/1/events", secret: "NRII-Fpav_Rwfs9miIxIU3bZw8Z-YyoeFzkUs" },
      { text: "curl -H 'X-Query-Key: NRIQ-3cs_6zPaRiIGha0m3bza6se91tbYSVd3' 'https://insights-api.newrelic.com/v1/accounts/1/query?nrql=x'", secret: "NRIQ-3cs_6zPaRiIGha0m3bza6se91tbYSVd3" },
      { text: '"insertKey": "NRII-zl6obakeE_Dl4GPqkzP5vZc0zQpS7vWi"', secret: "NRII-zl6obakeE_Dl4GPqkzP5vZc0zQpS7vWi" },
      { text: "  query_key: NRIQ-3cs_6zPaRiIGha0m3bza6se91tbYSVd3", secret: "NRIQ-3cs_6zPaRiIGha0m3bza6se91tbYSVd3" },
    ],
    noMatch: [
      { text: "NEW_RELIC_INSERT_KEY=NRII-0GHnO9f6jli0qrmoxdaz", why: "too short" },
      { text: "NEW_RELIC_INSERT_KEY=NRII-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "NEW_RELIC_INSERT_KEY=NRIX-Fpav_Rwfs9miIxIU3bZw8Z-YyoeFzkUs", why: "unknown key type" },
      { text: "NEW_RELIC_INSERT_KEY=NRII-Fpav_Rwfs9miIxIU3bZw8Z-YyoeFzkUsXY", why: "too long" },
      { text: "NEW_RELIC_INSERT_KEY=NRII-...", why: "elided" },
    ],
  },
};

/** New Relic browser keys (`NRJS-`): embedded in web pages, so barely sensitive. */
export const newrelicBrowserKey: SecretRule = {
  id: "newrelic-browser-key",
  kind: "newrelic-browser-key",
  title: "New Relic browser ingest key",
  severity: "low",
  confidence: "high",
  keywords: ["NRJS-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>NRJS-[a-f0-9]{19})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(5)), hit),
  remediation: "Rotate the browser key in New Relic (API keys UI) if data spoofing matters; it ships in the page anyway.",
  docs: DOCS,
  examples: {
    match: [
      { text: "NEW_RELIC_BROWSER_KEY=NRJS-565d10c7734f56e4fc0", secret: "NRJS-565d10c7734f56e4fc0" },
      { text: ';NREUM.loader_config={licenseKey:"NRJS-565d10c7734f56e4fc0",applicationID:"1"}', secret: "NRJS-565d10c7734f56e4fc0" },
      { text: '"licenseKey": "NRJS-42d612e60e65b0ad7cc"', secret: "NRJS-42d612e60e65b0ad7cc" },
      { text: "  browser_key: NRJS-42d612e60e65b0ad7cc", secret: "NRJS-42d612e60e65b0ad7cc" },
      { text: "export NR_BROWSER_KEY='NRJS-76bc22db3b3408a9110'", secret: "NRJS-76bc22db3b3408a9110" },
    ],
    noMatch: [
      { text: "NEW_RELIC_BROWSER_KEY=NRJS-c6738d440f", why: "too short" },
      { text: "NEW_RELIC_BROWSER_KEY=NRJS-xxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "NEW_RELIC_BROWSER_KEY=NRJS-565d10c7734f56e4fc00", why: "too long" },
      { text: "NEW_RELIC_BROWSER_KEY=NRJS-3F0JR7KCY264CEENHOZ", why: "not hex" },
      { text: "import NRJS-loader from 'x'", why: "not a key" },
    ],
  },
};

/**
 * New Relic license (ingest) keys: 36 hex + `NRAL` anywhere, or the older 40-hex form next to a
 * New Relic license-key name.
 */
export const newrelicLicenseKey: SecretRule = {
  id: "newrelic-license-key",
  kind: "newrelic-license-key",
  title: "New Relic license key",
  severity: "high",
  confidence: "high",
  keywords: ["NRAL", "new_relic", "newrelic", "nria_license"],
  pattern: new RegExp(`(?:${assignment("new_?relic[a-z0-9_.-]{0,20}?license|nria_license")}|(?<![A-Za-z0-9]))(?<secret>[a-f0-9]{36}NRAL|[a-f0-9]{40})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit, groups) => {
    const suffixed = hit.secret.endsWith("NRAL");
    if (!suffixed && !groups.name) return undefined; // 40 hex alone is not evidence
    if (!looksRandom(hit.secret.slice(0, 36))) return undefined;
    return suffixed ? hit : { ...hit, confidence: "medium" };
  },
  remediation: "Create a new license key in New Relic (API keys UI → Create a key → Ingest - License), move the agents to it, then delete the old one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "NEW_RELIC_LICENSE_KEY=59af3d72ddc25e6964b6da022e8971aa8208NRAL", secret: "59af3d72ddc25e6964b6da022e8971aa8208NRAL" },
      { text: "license_key: '59af3d72ddc25e6964b6da022e8971aa8208NRAL'", secret: "59af3d72ddc25e6964b6da022e8971aa8208NRAL" },
      { text: "curl -H 'Api-Key: 3e6948f71d936494f370d4d2a81f1003d300NRAL' https://log-api.newrelic.com/log/v1", secret: "3e6948f71d936494f370d4d2a81f1003d300NRAL" },
      { text: "NEW_RELIC_LICENSE_KEY=d05e55baec9d585a44432264c090d952cd6ab0c7", secret: "d05e55baec9d585a44432264c090d952cd6ab0c7" },
      { text: "NRIA_LICENSE_KEY='5c951e4ab6949975018e3c8c1b928aa5c9e14986'", secret: "5c951e4ab6949975018e3c8c1b928aa5c9e14986" },
    ],
    noMatch: [
      { text: "license_key: d05e55baec9d585a44432264c090d952cd6ab0c7", why: "40 hex without a New Relic name" },
      { text: "NEW_RELIC_LICENSE_KEY=35b2ba0df34fce718dc891d23d5574093d5NRAL", why: "35 hex characters" },
      { text: "NEW_RELIC_LICENSE_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxNRAL", why: "mask" },
      { text: "NEW_RELIC_LICENSE_KEY=YOUR_LICENSE_KEY", why: "placeholder" },
      { text: "NEW_RELIC_APP_NAME=d05e55baec9d585a44432264c090d952cd6ab0c7", why: "not a license-key name and no NRAL suffix" },
    ],
  },
};

/** Every New Relic rule, one per key kind. */
export const NEWRELIC_RULES: readonly SecretRule[] = [newrelicUserApiKey, newrelicAdminApiKey, newrelicInsightsKey, newrelicBrowserKey, newrelicLicenseKey];
