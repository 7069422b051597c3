import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "./kit.js";

/** Intercom access tokens (base64, `dG9rO…` for `tok:`), next to an Intercom token name. */
export const intercomAccessToken: SecretRule = {
  id: "intercom-access-token",
  kind: "intercom-access-token",
  title: "Intercom access token",
  severity: "high",
  confidence: "medium",
  keywords: ["intercom"],
  pattern: new RegExp(`${assignment("intercom[a-z0-9_.-]{0,30}?(?:token|key|secret)")}(?<secret>[A-Za-z0-9+/_-]{40,120}={0,2})(?![A-Za-z0-9+/=_-])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret, 3.5), hit),
  remediation: "Revoke the token in the Intercom Developer Hub (the app → Authentication → regenerate) and update the integration.",
  docs: "https://developers.intercom.com/docs/build-an-integration/learn-more/authentication",
  examples: {
    match: [
      { text: "INTERCOM_ACCESS_TOKEN=dG9rOjZhZTMxZDM3X1BwSUNfWHVheV9Cck5TX0RnV1FMMkZGSGttTjoxOjA", secret: "dG9rOjZhZTMxZDM3X1BwSUNfWHVheV9Cck5TX0RnV1FMMkZGSGttTjoxOjA" },
      { text: "intercom_access_token: 'dG9rOjZhZTMxZDM3X1BwSUNfWHVheV9Cck5TX0RnV1FMMkZGSGttTjoxOjA'", secret: "dG9rOjZhZTMxZDM3X1BwSUNfWHVheV9Cck5TX0RnV1FMMkZGSGttTjoxOjA" },
      { text: '"INTERCOM_TOKEN": "dG9rOmRmNTU2OTQzX24yWU5fTlJGZl9CV2NLXzcyaWw3R0JocXJDWjoxOjA"', secret: "dG9rOmRmNTU2OTQzX24yWU5fTlJGZl9CV2NLXzcyaWw3R0JocXJDWjoxOjA" },
      { text: "const intercomToken = 'dG9rOmRmNTU2OTQzX24yWU5fTlJGZl9CV2NLXzcyaWw3R0JocXJDWjoxOjA';", secret: "dG9rOmRmNTU2OTQzX24yWU5fTlJGZl9CV2NLXzcyaWw3R0JocXJDWjoxOjA" },
      { text: "ENV INTERCOM_ACCESS_TOKEN dG9rOmUwM2M5NWEyX3E0QWJfcVJLYl9RY1ZaXzlmRUFlTXg4NWRXajoxOjA", secret: "dG9rOmUwM2M5NWEyX3E0QWJfcVJLYl9RY1ZaXzlmRUFlTXg4NWRXajoxOjA" },
    ],
    noMatch: [
      { text: "INTERCOM_ACCESS_TOKEN=<your-access-token>", why: "placeholder" },
      { text: "INTERCOM_ACCESS_TOKEN=lW2LwuzQygO4Lwiimm8F", why: "too short" },
      { text: "ACCESS_TOKEN=dG9rOjZhZTMxZDM3X1BwSUNfWHVheV9Cck5TX0RnV1FMMkZGSGttTjoxOjA", why: "nothing names Intercom" },
      { text: "INTERCOM_APP_ID=q5fkh3la", why: "the app id is public" },
      { text: "INTERCOM_ACCESS_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** Zendesk API tokens (40 alphanumerics), next to a Zendesk token name. */
export const zendeskApiToken: SecretRule = {
  id: "zendesk-api-token",
  kind: "zendesk-api-token",
  title: "Zendesk API token",
  severity: "high",
  confidence: "medium",
  keywords: ["zendesk"],
  pattern: new RegExp(`${assignment("zendesk[a-z0-9_.-]{0,30}?(?:token|key|secret)")}(?<secret>[A-Za-z0-9]{40})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret, 3.5), hit),
  remediation: "Delete the token in Zendesk Admin Center (Apps and integrations → Zendesk API) and create a new one.",
  docs: "https://support.zendesk.com/hc/en-us/articles/4408889192858-Managing-access-to-the-Zendesk-API",
  examples: {
    match: [
      { text: "ZENDESK_API_TOKEN=ppsMfoSjiCPlTer7Za6krnHqMJj6TiK6c8DmDyZC", secret: "ppsMfoSjiCPlTer7Za6krnHqMJj6TiK6c8DmDyZC" },
      { text: "zendesk_token: 'ppsMfoSjiCPlTer7Za6krnHqMJj6TiK6c8DmDyZC'", secret: "ppsMfoSjiCPlTer7Za6krnHqMJj6TiK6c8DmDyZC" },
      { text: '{"zendeskApiKey": "BOVtThCgLvv7wcdSG6TwpsbTFiO2Pr1RI3pghyvK"}', secret: "BOVtThCgLvv7wcdSG6TwpsbTFiO2Pr1RI3pghyvK" },
      { text: "export ZENDESK_TOKEN=BOVtThCgLvv7wcdSG6TwpsbTFiO2Pr1RI3pghyvK", secret: "BOVtThCgLvv7wcdSG6TwpsbTFiO2Pr1RI3pghyvK" },
      { text: "ENV ZENDESK_API_TOKEN W4FetSrxxV5sIKexmkc1Xtdnunh9DjrLVmhcSLhE", secret: "W4FetSrxxV5sIKexmkc1Xtdnunh9DjrLVmhcSLhE" },
    ],
    noMatch: [
      { text: "ZENDESK_API_TOKEN=${ZENDESK_API_TOKEN}", why: "reference" },
      { text: "ZENDESK_API_TOKEN=8VFBV7kGygqHEjy6CrMz9XOWPNI8Adi13Luc68Z", why: "39 characters" },
      { text: "API_TOKEN=ppsMfoSjiCPlTer7Za6krnHqMJj6TiK6c8DmDyZC", why: "nothing names Zendesk" },
      { text: "ZENDESK_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "ZENDESK_SUBDOMAIN=acme", why: "not a token" },
    ],
  },
};
