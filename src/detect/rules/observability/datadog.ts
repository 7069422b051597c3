import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "../messaging/kit.js";

const DOCS = "https://docs.datadoghq.com/account_management/api-app-keys/";

/** Datadog API keys (32 hex) next to `DD_API_KEY`, the `DD-API-KEY` header, or another Datadog name. */
export const datadogApiKey: SecretRule = {
  id: "datadog-api-key",
  kind: "datadog-api-key",
  title: "Datadog API key",
  severity: "high",
  confidence: "medium",
  keywords: ["datadog", "dd_api_key", "dd-api-key"],
  pattern: new RegExp(`${assignment("datadog|dd[_-]api[_-]?key")}(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit, groups) => keepIf(!/app(?:lication)?[_-]?key|client[_-]?token/i.test(groups.name ?? "") && looksRandom(hit.secret), hit),
  remediation: "Revoke the key in Datadog (Organization Settings → API Keys) after deploying a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "DD_API_KEY=52ecc627e0493b5f15e5b14cc52b964e", secret: "52ecc627e0493b5f15e5b14cc52b964e" },
      { text: "datadog_api_key: '52ecc627e0493b5f15e5b14cc52b964e'", secret: "52ecc627e0493b5f15e5b14cc52b964e" },
      { text: "curl -X POST https://api.datadoghq.com/api/v2/series -H 'DD-API-KEY: 8da6f49bbb9baa22c6472a1346d8bb29'", secret: "8da6f49bbb9baa22c6472a1346d8bb29" },
      { text: "https://http-intake.logs.datadoghq.com/api/v2/logs?dd-api-key=8da6f49bbb9baa22c6472a1346d8bb29&ddsource=nginx", secret: "8da6f49bbb9baa22c6472a1346d8bb29" },
      { text: 'docker run -e DD_API_KEY="063f6498514acfa25b6aa7b7668d3f16" gcr.io/datadoghq/agent:7', secret: "063f6498514acfa25b6aa7b7668d3f16" },
    ],
    noMatch: [
      { text: "DD_API_KEY=<DATADOG_API_KEY>", why: "placeholder" },
      { text: "DD_API_KEY=7fb466dd77d51e4eaf80817c4b468d0", why: "31 hex characters" },
      { text: "DATADOG_CLIENT_TOKEN=pub52ecc627e0493b5f15e5b14cc52b964e", why: "browser client token: public" },
      { text: "API_KEY=52ecc627e0493b5f15e5b14cc52b964e", why: "nothing names Datadog" },
      { text: "DD_API_KEY=00000000000000000000000000000000", why: "zeros" },
    ],
  },
};

/** Datadog application keys (40 hex): act with the creating user's permissions through the API. */
export const datadogAppKey: SecretRule = {
  id: "datadog-application-key",
  kind: "datadog-application-key",
  title: "Datadog application key",
  severity: "high",
  confidence: "medium",
  keywords: ["dd_app", "dd-app", "dd_application", "dd-application", "datadog"],
  pattern: new RegExp(`${assignment("(?:datadog[a-z0-9_.-]{0,20}?|dd[_-])app(?:lication)?[_-]?key")}(?<secret>[0-9a-f]{40})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Revoke the application key in Datadog (Organization Settings → Application Keys, or the owner's Personal Settings) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "DD_APP_KEY=50774b489f79bf3fb518cbe5c60fcfdfa1733a50", secret: "50774b489f79bf3fb518cbe5c60fcfdfa1733a50" },
      { text: "DD_APPLICATION_KEY='50774b489f79bf3fb518cbe5c60fcfdfa1733a50'", secret: "50774b489f79bf3fb518cbe5c60fcfdfa1733a50" },
      { text: "curl https://api.datadoghq.com/api/v1/monitor -H 'DD-APPLICATION-KEY: e3ac7850c43679542db9937cf08f75d0d9cc93ad'", secret: "e3ac7850c43679542db9937cf08f75d0d9cc93ad" },
      { text: '"datadog_app_key": "e3ac7850c43679542db9937cf08f75d0d9cc93ad"', secret: "e3ac7850c43679542db9937cf08f75d0d9cc93ad" },
      { text: "provider \"datadog\" {\n  app_key = \"x\" }\nDATADOG_APP_KEY=2f5aedc5486161594df279a19d731087e1a1ef0c", secret: "2f5aedc5486161594df279a19d731087e1a1ef0c" },
    ],
    noMatch: [
      { text: "DD_APP_KEY=dbe8807e1ab13ef49239a69c98b6c95d6b1a15b", why: "39 hex characters" },
      { text: "DD_APP_KEY=${DD_APP_KEY}", why: "reference" },
      { text: "APP_KEY=50774b489f79bf3fb518cbe5c60fcfdfa1733a50", why: "nothing names Datadog" },
      { text: "DD_APP_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "DD_APP_KEY=e09a5aa6a3434221e4e9869193cbd673", why: "32 hex: an API key length, under an application-key name" },
    ],
  },
};
