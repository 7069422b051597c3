import type { SecretRule } from "../../types.js";
import { accept, assigned } from "./shared.js";

const DOCS = "https://support.huaweicloud.com/intl/en-us/usermanual-iam/iam_02_0003.html";
const REMEDIATION = "Delete the access key in IAM (My Credentials → Access Keys), create a new one, and check Cloud Trace Service for its use.";
const NAMES = "huaweicloud|huawei|hwcloud|hw_cloud|(?<![A-Za-z])obs";

/** Huawei Cloud access key IDs (AK: 20 upper-case letters and digits) next to their usual names. */
export const huaweiCloudAccessKeyId: SecretRule = {
  id: "huawei-cloud-access-key-id",
  kind: "huawei-cloud-access-key-id",
  title: "Huawei Cloud access key ID (AK)",
  severity: "medium",
  confidence: "medium",
  keywords: ["huaweicloud", "huawei", "hwcloud", "hw_cloud", "obs_ak", "obs_access_key"],
  pattern: assigned(String.raw`(?:${NAMES})[A-Za-z0-9_.-]{0,16}?(?:_ak|access_?key(?:_?id)?)`, String.raw`[A-Z0-9]{20}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^[A-Z0-9]{20}$/ }),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "HUAWEICLOUD_SDK_AK=OU7UC5N061A11IH4EZ18", secret: "OU7UC5N061A11IH4EZ18" },
      { text: "huaweicloud_access_key = \"JMYOLJDFUSQ6UBPF71EI\"", secret: "JMYOLJDFUSQ6UBPF71EI" },
      { text: "OBS_ACCESS_KEY_ID: 27B4EEEDHVZ8UFE00ZFV", secret: "27B4EEEDHVZ8UFE00ZFV" },
      { text: "export HW_CLOUD_AK=PBVH9SMNE8MAK97IAYZO", secret: "PBVH9SMNE8MAK97IAYZO" },
      { text: '"HuaweiAccessKey": "0TVJ6YFO81ENTFG13GTY"', secret: "0TVJ6YFO81ENTFG13GTY" },
    ],
    noMatch: [
      { text: "HUAWEICLOUD_SDK_AK=LWBI8K7SQ8PVNIHQ57H", why: "one character short" },
      { text: "HUAWEICLOUD_SDK_AK=ox30uwnsf8ym778vwdq2", why: "lower case" },
      { text: "HUAWEICLOUD_SDK_AK=<your-ak>", why: "placeholder" },
      { text: "HUAWEICLOUD_SDK_AK=AAAAAAAAAAAAAAAAAAAA", why: "filler" },
      { text: "ACCESS_KEY=Y65REMSRWA949T4H92DE", why: "no Huawei name" },
    ],
  },
};

/** Huawei Cloud secret access keys (SK: 40 letters and digits) next to their usual names. */
export const huaweiCloudSecretAccessKey: SecretRule = {
  id: "huawei-cloud-secret-access-key",
  kind: "huawei-cloud-secret-access-key",
  title: "Huawei Cloud secret access key (SK)",
  severity: "critical",
  confidence: "medium",
  keywords: ["huaweicloud", "huawei", "hwcloud", "hw_cloud", "obs_sk", "obs_secret"],
  pattern: assigned(String.raw`(?:${NAMES})[A-Za-z0-9_.-]{0,16}?(?:_sk|secret_?(?:access_?)?key)`, String.raw`[A-Za-z0-9]{40}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^[A-Za-z0-9]{40}$/, entropy: 3.5 }),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "HUAWEICLOUD_SDK_SK=yhaE4HVjpLP3zOwIH0vE7Vijdd0DDfIpGdcLgN4o", secret: "yhaE4HVjpLP3zOwIH0vE7Vijdd0DDfIpGdcLgN4o" },
      { text: "huaweicloud_secret_key = \"hMBvrn9sXTLgQm7KjhUZXPWtJZbaRBi8LaOcpJbP\"", secret: "hMBvrn9sXTLgQm7KjhUZXPWtJZbaRBi8LaOcpJbP" },
      { text: "OBS_SECRET_ACCESS_KEY: A2wFnIF3g8iMyuKGentODTTyBAtgXx43TPbReApX", secret: "A2wFnIF3g8iMyuKGentODTTyBAtgXx43TPbReApX" },
      { text: "export HW_CLOUD_SK=itChIER4nbvWKipKifXvd49676hm99hkDkddtCCm", secret: "itChIER4nbvWKipKifXvd49676hm99hkDkddtCCm" },
      { text: '"HuaweiSecretKey": "H5Qbhz4arhSSuop1PTetoLZWsPqs5mhKprok8nn1"', secret: "H5Qbhz4arhSSuop1PTetoLZWsPqs5mhKprok8nn1" },
    ],
    noMatch: [
      { text: "HUAWEICLOUD_SDK_SK=bJn8uQTaWhJiEHqhSW996g0nsTwOceTZBQoHYFQ", why: "one character short" },
      { text: "HUAWEICLOUD_SDK_SK=3AvtcYr9GTQoOIu4PkrkkAWczQzTcXC9VJWjxMmBD", why: "one character long" },
      { text: "HUAWEICLOUD_SDK_SK=${HUAWEICLOUD_SDK_SK}", why: "reference" },
      { text: "HUAWEICLOUD_SDK_SK=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SK=YB6WgJPWlqVvrxRhprMfvxHSAFKAALbibIoJwmSs", why: "no Huawei name" },
    ],
  },
};
