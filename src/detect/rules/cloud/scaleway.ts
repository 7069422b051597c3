import type { SecretRule } from "../../types.js";
import { accept, assigned } from "./shared.js";

const DOCS = "https://www.scaleway.com/en/docs/iam/how-to/create-api-keys/";
const REMEDIATION = "Delete the API key in the Scaleway console (IAM → API keys), create a new one with a narrower policy, and check the audit trail.";

/** Scaleway access key IDs (`SCW` and 17 characters) next to Scaleway names: an identifier. */
export const scalewayAccessKey: SecretRule = {
  id: "scaleway-access-key",
  kind: "scaleway-access-key",
  title: "Scaleway access key ID",
  severity: "low",
  confidence: "medium",
  keywords: ["scw_access_key", "scw-access-key", "scaleway"],
  pattern: assigned(String.raw`scw[_-]access[_-]key|scaleway[A-Za-z0-9_.-]{0,20}?access_?key`, String.raw`SCW[A-Z0-9]{17}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^SCW[A-Z0-9]{17}$/, body: (s) => s.slice(3) }),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "SCW_ACCESS_KEY=SCWFCBRSVB0JPGZ397HN", secret: "SCWFCBRSVB0JPGZ397HN" },
      { text: "scw_access_key: SCWCDVIASZMD5HGN6HZZ", secret: "SCWCDVIASZMD5HGN6HZZ" },
      { text: 'provider "scaleway" {}\nscaleway_access_key = "SCWG2USS26QACI2XQGSH"', secret: "SCWG2USS26QACI2XQGSH" },
      { text: "export SCW_ACCESS_KEY='SCW25H5FWA9YDZ7CZ03W'", secret: "SCW25H5FWA9YDZ7CZ03W" },
      { text: "scw-access-key=SCWEMNV7ZOMLGR27QM9Y", secret: "SCWEMNV7ZOMLGR27QM9Y" },
    ],
    noMatch: [
      { text: "SCW_ACCESS_KEY=SCWXXXXXXXXXXXXXXXXX", why: "documentation placeholder" },
      { text: "SCW_ACCESS_KEY=SCWZLHUD0VLHAXNSKEP", why: "one character short" },
      { text: "SCW_ACCESS_KEY=KZHT81BI024VAU5XAIX8", why: "no SCW prefix" },
      { text: "SCW_ACCESS_KEY=<access-key>", why: "placeholder" },
      { text: "SCWS27AVCN04I5HJIBQ6", why: "no Scaleway name" },
    ],
  },
};

/** Scaleway secret keys (a UUID) next to Scaleway names. */
export const scalewaySecretKey: SecretRule = {
  id: "scaleway-secret-key",
  kind: "scaleway-secret-key",
  title: "Scaleway secret key",
  severity: "critical",
  confidence: "medium",
  keywords: ["scw_secret_key", "scw-secret-key", "scaleway"],
  pattern: assigned(
    String.raw`scw[_-]secret[_-]key|scaleway[A-Za-z0-9_.-]{0,20}?secret_?key`,
    String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`,
    String.raw`A-Za-z0-9-`,
  ),
  priority: 10,
  check: accept({ shape: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ }),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "SCW_SECRET_KEY=15c4596f-2bce-4353-a0e0-96d8fd644dc3", secret: "15c4596f-2bce-4353-a0e0-96d8fd644dc3" },
      { text: "scw_secret_key: d45869b3-032c-495d-9ebd-98e3a46793aa", secret: "d45869b3-032c-495d-9ebd-98e3a46793aa" },
      { text: 'scaleway_secret_key = "0bef0cb7-9da6-4505-b9d4-398d77635cc5"', secret: "0bef0cb7-9da6-4505-b9d4-398d77635cc5" },
      { text: "docker run -e SCW_SECRET_KEY=2615d6b9-35b4-4fc3-b17d-666a0f174e1d scaleway/cli", secret: "2615d6b9-35b4-4fc3-b17d-666a0f174e1d" },
      { text: '{"ScalewaySecretKey": "e2d0ec72-65db-4516-85df-56526721bbb2"}', secret: "e2d0ec72-65db-4516-85df-56526721bbb2" },
    ],
    noMatch: [
      { text: "SCW_SECRET_KEY=11111111-1111-1111-1111-111111111111", why: "documentation placeholder" },
      { text: "SCW_SECRET_KEY=78CCD5E8-D670-49AF-8A76-D8407F1C3182", why: "upper-case UUID" },
      { text: "SCW_SECRET_KEY=${SCW_SECRET_KEY}", why: "reference" },
      { text: "SCW_SECRET_KEY=b930aeb0faece522436309e644c9ef7d", why: "not a UUID" },
      { text: "SECRET_KEY=702defe1-b6b7-4d38-b236-5de43cb0b58f", why: "no Scaleway name" },
    ],
  },
};
