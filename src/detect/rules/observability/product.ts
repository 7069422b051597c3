import type { SecretRule } from "../../types.js";
import { UUID, assignment, decodeJsonObject, keepIf, looksRandom, prefixKeywords } from "../messaging/kit.js";

/** Algolia admin (and write) API keys: 32 hex next to an Algolia admin/write name. Search-only keys are public. */
export const algoliaAdminKey: SecretRule = {
  id: "algolia-admin-key",
  kind: "algolia-admin-key",
  title: "Algolia admin API key",
  severity: "high",
  confidence: "medium",
  keywords: ["algolia"],
  pattern: new RegExp(`${assignment("algolia[a-z0-9_.-]{0,20}?(?:admin|write|secret)")}(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Regenerate the admin API key in the Algolia dashboard (Settings → API Keys → Regenerate) and update the indexers.",
  docs: "https://www.algolia.com/doc/guides/security/api-keys/",
  examples: {
    match: [
      { text: "ALGOLIA_ADMIN_KEY=8355f02ff526936d07dad62ed31de0e1", secret: "8355f02ff526936d07dad62ed31de0e1" },
      { text: "ALGOLIA_ADMIN_API_KEY='8355f02ff526936d07dad62ed31de0e1'", secret: "8355f02ff526936d07dad62ed31de0e1" },
      { text: '"algoliaAdminKey": "3210461b144fee446c4ae7bbd6d1f33d"', secret: "3210461b144fee446c4ae7bbd6d1f33d" },
      { text: "ENV ALGOLIA_WRITE_API_KEY 3210461b144fee446c4ae7bbd6d1f33d", secret: "3210461b144fee446c4ae7bbd6d1f33d" },
      { text: "  algolia_admin_key: b8f0e6d4d3dca747c0d66268d21d6ca1", secret: "b8f0e6d4d3dca747c0d66268d21d6ca1" },
    ],
    noMatch: [
      { text: "ALGOLIA_SEARCH_KEY=8355f02ff526936d07dad62ed31de0e1", why: "search-only key: public by design" },
      { text: "ALGOLIA_APP_ID=JNDX8VPDKQ", why: "application id" },
      { text: "ADMIN_KEY=8355f02ff526936d07dad62ed31de0e1", why: "nothing names Algolia" },
      { text: "ALGOLIA_ADMIN_KEY=5d86b2326463cb0c046b65a3cb89fdf", why: "31 hex characters" },
      { text: "ALGOLIA_ADMIN_KEY=YourAdminAPIKey", why: "placeholder" },
    ],
  },
};

/** Mapbox secret access tokens: `sk.` + base64url JSON (`u`: the user) + `.` + 22 characters. `pk.` tokens are public. */
export const mapboxSecretToken: SecretRule = {
  id: "mapbox-secret-token",
  kind: "mapbox-secret-token",
  title: "Mapbox secret access token",
  severity: "high",
  confidence: "high",
  keywords: ["sk.eyJ"],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>sk\.(?<payload>eyJ[A-Za-z0-9_-]{20,300})\.[A-Za-z0-9_-]{20,40})(?![A-Za-z0-9_.-])/,
  priority: 10,
  check: (hit, groups) => {
    const payload = decodeJsonObject(groups.payload ?? "");
    return keepIf(payload !== undefined && typeof payload.u === "string", hit);
  },
  remediation: "Delete the token in the Mapbox account (Tokens page) and create a new one with the least scopes needed.",
  docs: "https://docs.mapbox.com/accounts/guides/tokens/",
  examples: {
    match: [
      { text: "MAPBOX_SECRET_TOKEN=sk.eyJ1IjoiYWNtZS1lanh4ciIsImEiOiJjbHA4NWRmMzNlZHg1eGVnZmNraWpydzlhIn0.bingaN1DXzE6yw6eQQPJhf", secret: "sk.eyJ1IjoiYWNtZS1lanh4ciIsImEiOiJjbHA4NWRmMzNlZHg1eGVnZmNraWpydzlhIn0.bingaN1DXzE6yw6eQQPJhf" },
      { text: "MAPBOX_DOWNLOADS_TOKEN=sk.eyJ1IjoiYWNtZS1lanh4ciIsImEiOiJjbHA4NWRmMzNlZHg1eGVnZmNraWpydzlhIn0.bingaN1DXzE6yw6eQQPJhf", secret: "sk.eyJ1IjoiYWNtZS1lanh4ciIsImEiOiJjbHA4NWRmMzNlZHg1eGVnZmNraWpydzlhIn0.bingaN1DXzE6yw6eQQPJhf" },
      { text: "machine api.mapbox.com login mapbox password sk.eyJ1IjoiYWNtZS1peHFiYiIsImEiOiJjbHNvY2o1ZmxveDhxMWR6NGd5dnp3ZmJyIn0.qRtP3wbRNFAjRvTYpLRFns", secret: "sk.eyJ1IjoiYWNtZS1peHFiYiIsImEiOiJjbHNvY2o1ZmxveDhxMWR6NGd5dnp3ZmJyIn0.qRtP3wbRNFAjRvTYpLRFns" },
      { text: '"accessToken": "sk.eyJ1IjoiYWNtZS1peHFiYiIsImEiOiJjbHNvY2o1ZmxveDhxMWR6NGd5dnp3ZmJyIn0.qRtP3wbRNFAjRvTYpLRFns"', secret: "sk.eyJ1IjoiYWNtZS1peHFiYiIsImEiOiJjbHNvY2o1ZmxveDhxMWR6NGd5dnp3ZmJyIn0.qRtP3wbRNFAjRvTYpLRFns" },
      { text: "curl 'https://api.mapbox.com/tokens/v2?access_token=sk.eyJ1IjoiYWNtZS1mbGRkeSIsImEiOiJjbHMxNTBjZ2lxdzV5YXY5bWpleTFyYjE1In0.x4PV1xUa5TspOgxUtkdX6p'", secret: "sk.eyJ1IjoiYWNtZS1mbGRkeSIsImEiOiJjbHMxNTBjZ2lxdzV5YXY5bWpleTFyYjE1In0.x4PV1xUa5TspOgxUtkdX6p" },
    ],
    noMatch: [
      { text: "MAPBOX_TOKEN=pk.eyJ1IjoiYWNtZS1iZmRwbSIsImEiOiJjbG1tdTFsaHEyMHltdG5obTlsMjdvbXFuIn0.tZEJI_sAhy9i1GfSFMzGCf", why: "public token" },
      { text: "MAPBOX_TOKEN=sk.eyJNFYO2yjI5vgjME0ELozfq9pV0FIAsM.oCCSjsBkNv4WA10oHJtd6B", why: "payload is not JSON" },
      { text: "MAPBOX_TOKEN=sk.eyJ1IjoieW91ciJ9", why: "no signature part" },
      { text: "MAPBOX_TOKEN=sk.YOUR_SECRET_TOKEN", why: "placeholder" },
      { text: "MAPBOX_TOKEN=ask.eyJ1IjoiYWNtZSIsImEiOiJjbDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwIn0.oCCSjsBkNv4WA10oHJtd6B", why: "inside a word" },
    ],
  },
};

/** Segment write keys (32 alphanumerics) next to a Segment write-key name: send data into the workspace. */
export const segmentWriteKey: SecretRule = {
  id: "segment-write-key",
  kind: "segment-write-key",
  title: "Segment write key",
  severity: "low",
  confidence: "medium",
  keywords: ["segment"],
  pattern: new RegExp(`${assignment("segment[a-z0-9_.-]{0,20}?write[_-]?key")}(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(/[0-9]/.test(hit.secret) && looksRandom(hit.secret, 3.5), hit),
  remediation: "Rotate the source's write key in Segment (Source → Settings → API Keys → Rotate) if spoofed events matter.",
  docs: "https://segment.com/docs/connections/find-writekey/",
  examples: {
    match: [
      { text: "SEGMENT_WRITE_KEY=52WTP3OpvBLIxuXxzqezM4WQuBmi4GrL", secret: "52WTP3OpvBLIxuXxzqezM4WQuBmi4GrL" },
      { text: "segment_write_key: '52WTP3OpvBLIxuXxzqezM4WQuBmi4GrL'", secret: "52WTP3OpvBLIxuXxzqezM4WQuBmi4GrL" },
      { text: '"segmentWriteKey": "WmNLzBIuqlSldKeI5DJCu6TwFP8pTy1i"', secret: "WmNLzBIuqlSldKeI5DJCu6TwFP8pTy1i" },
      { text: "ENV SEGMENT_WRITE_KEY WmNLzBIuqlSldKeI5DJCu6TwFP8pTy1i", secret: "WmNLzBIuqlSldKeI5DJCu6TwFP8pTy1i" },
      { text: "NEXT_PUBLIC_SEGMENT_WRITE_KEY=YDgZrekMYrb2W6etMPwTZIhQhVLPb2qT", secret: "YDgZrekMYrb2W6etMPwTZIhQhVLPb2qT" },
    ],
    noMatch: [
      { text: "SEGMENT_WRITE_KEY=YOUR_WRITE_KEY", why: "placeholder" },
      { text: "SEGMENT_WRITE_KEY=KAQVZ7qepPfWrXlVdxhyRdxRgQJ7786", why: "31 characters" },
      { text: "WRITE_KEY=52WTP3OpvBLIxuXxzqezM4WQuBmi4GrL", why: "nothing names Segment" },
      { text: "SEGMENT_WRITE_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SEGMENT_SOURCE=52WTP3OpvBLIxuXxzqezM4WQuBmi4GrL", why: "not a write-key name" },
    ],
  },
};

/** LaunchDarkly server-side SDK keys: `sdk-` + UUID (read every flag and segment in the environment). */
export const launchdarklySdkKey: SecretRule = {
  id: "launchdarkly-sdk-key",
  kind: "launchdarkly-sdk-key",
  title: "LaunchDarkly server-side SDK key",
  severity: "high",
  confidence: "high",
  keywords: prefixKeywords("sdk-", "0123456789abcdef"),
  pattern: new RegExp(`(?<![A-Za-z0-9_-])(?<secret>sdk-${UUID})(?![A-Za-z0-9-])`),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(4).replace(/-/g, "")), hit),
  remediation: "Reset the environment's SDK key in LaunchDarkly (Account settings → Projects → the environment → Reset SDK key) and redeploy.",
  docs: "https://docs.launchdarkly.com/home/account/environment/keys",
  examples: {
    match: [
      { text: "LAUNCHDARKLY_SDK_KEY=sdk-40c51f93-9197-49d8-8d51-58f8fde70b0f", secret: "sdk-40c51f93-9197-49d8-8d51-58f8fde70b0f" },
      { text: "ldclient.set_config(Config('sdk-40c51f93-9197-49d8-8d51-58f8fde70b0f'))", secret: "sdk-40c51f93-9197-49d8-8d51-58f8fde70b0f" },
      { text: '"ldSdkKey": "sdk-1c9c7fe3-3484-4e23-8eda-78e9139ee192"', secret: "sdk-1c9c7fe3-3484-4e23-8eda-78e9139ee192" },
      { text: "LD_SDK_KEY=sdk-1c9c7fe3-3484-4e23-8eda-78e9139ee192", secret: "sdk-1c9c7fe3-3484-4e23-8eda-78e9139ee192" },
      { text: "  sdk_key: sdk-9ac94747-1a03-4002-984f-4509fd8346ec", secret: "sdk-9ac94747-1a03-4002-984f-4509fd8346ec" },
    ],
    noMatch: [
      { text: "LD_MOBILE_KEY=mob-40c51f93-9197-49d8-8d51-58f8fde70b0f", why: "mobile key: ships in apps" },
      { text: "LD_SDK_KEY=sdk-00000000-0000-0000-0000-000000000000", why: "zeros" },
      { text: "LD_SDK_KEY=sdk-40c51f93-9197-49d8-8d51-58f8fde70b0f0", why: "longer than a UUID" },
      { text: "aws-sdk-40c51f93-9197-49d8-8d51-58f8fde70b0f", why: "inside a longer name" },
      { text: "LD_SDK_KEY=sdk-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** LaunchDarkly API access tokens: `api-` + UUID, on a line that names LaunchDarkly. */
export const launchdarklyAccessToken: SecretRule = {
  id: "launchdarkly-access-token",
  kind: "launchdarkly-access-token",
  title: "LaunchDarkly API access token",
  severity: "high",
  confidence: "medium",
  keywords: ["launchdarkly", "ld_access_token", "ld_api"],
  reach: 256,
  pattern: new RegExp(`(?<![A-Za-z0-9_-])(?<secret>api-${UUID})(?![A-Za-z0-9-])`),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(4).replace(/-/g, "")), hit),
  remediation: "Delete or reset the access token in LaunchDarkly (Organization settings → Authorization) and create a new one.",
  docs: "https://docs.launchdarkly.com/home/account/api",
  examples: {
    match: [
      { text: "LAUNCHDARKLY_ACCESS_TOKEN=api-40c51f93-9197-49d8-8d51-58f8fde70b0f", secret: "api-40c51f93-9197-49d8-8d51-58f8fde70b0f" },
      { text: "LD_ACCESS_TOKEN='api-40c51f93-9197-49d8-8d51-58f8fde70b0f'", secret: "api-40c51f93-9197-49d8-8d51-58f8fde70b0f" },
      { text: 'provider "launchdarkly" {\n  access_token = "api-1c9c7fe3-3484-4e23-8eda-78e9139ee192"\n}', secret: "api-1c9c7fe3-3484-4e23-8eda-78e9139ee192" },
      { text: "curl -H 'Authorization: api-1c9c7fe3-3484-4e23-8eda-78e9139ee192' https://app.launchdarkly.com/api/v2/flags/default", secret: "api-1c9c7fe3-3484-4e23-8eda-78e9139ee192" },
      { text: "ldcli config --set access-token api-9ac94747-1a03-4002-984f-4509fd8346ec # launchdarkly", secret: "api-9ac94747-1a03-4002-984f-4509fd8346ec" },
    ],
    noMatch: [
      { text: "API_TOKEN=api-40c51f93-9197-49d8-8d51-58f8fde70b0f", why: "nothing names LaunchDarkly" },
      { text: "LD_ACCESS_TOKEN=api-00000000-0000-0000-0000-000000000000", why: "zeros" },
      { text: "LD_ACCESS_TOKEN=api-40c51f93-9197-49d8-8d51-58f8fde70b0f0", why: "longer than a UUID" },
      { text: "LD_ACCESS_TOKEN=api-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", why: "mask" },
      { text: "LAUNCHDARKLY_URL=https://app.launchdarkly.com/api-docs", why: "a URL" },
    ],
  },
};
