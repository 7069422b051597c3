import type { SecretRule } from "../../types.js";
import { accept, assigned } from "./shared.js";

const DOCS = "https://www.tencentcloud.com/document/product/598/37140";
const REMEDIATION = "Disable and delete the API key in the CAM console (Access Key → API Keys), create a new one, and check CloudAudit for its use.";

/** Tencent Cloud SecretIds: `AKID` and 32 letters and digits. */
export const tencentCloudSecretId: SecretRule = {
  id: "tencent-cloud-secret-id",
  kind: "tencent-cloud-secret-id",
  title: "Tencent Cloud SecretId",
  severity: "high",
  confidence: "high",
  keywords: ["AKID"],
  pattern: /(?<![A-Za-z0-9])(?<secret>AKID[A-Za-z0-9]{32})(?![A-Za-z0-9*])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(4), entropy: 3.5 }),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "TENCENTCLOUD_SECRET_ID=AKIDpiG5P6fUAkE7RywAlcS6H0ITTOeXzrwT", secret: "AKIDpiG5P6fUAkE7RywAlcS6H0ITTOeXzrwT" },
      { text: 'cred = credential.Credential("AKIDHqSV4mSMRPqI5QHDeijnrxpA9QGxUHRQ", os.environ["SK"])', secret: "AKIDHqSV4mSMRPqI5QHDeijnrxpA9QGxUHRQ" },
      { text: "secret_id: AKIDdmPCXxQ26up36VWsdzzZtJ94vu8ea1DT", secret: "AKIDdmPCXxQ26up36VWsdzzZtJ94vu8ea1DT" },
      { text: "tccli configure set secretId AKIDDTsR409P1NwT96zhDk28ES8Bzya2NhW3", secret: "AKIDDTsR409P1NwT96zhDk28ES8Bzya2NhW3" },
      { text: '{"SecretId":"AKIDHQmzfHiR1NNvRyXNVaOuXWNTLO3DyDvg"}', secret: "AKIDHQmzfHiR1NNvRyXNVaOuXWNTLO3DyDvg" },
    ],
    noMatch: [
      { text: "TENCENTCLOUD_SECRET_ID=AKIDkadgXTjiifXBDZPrw0DQOa9dU4uGsBG", why: "one character short" },
      { text: "TENCENTCLOUD_SECRET_ID=AKIDtRjnL5jdYaJDRZ34k04oR59KDOMgWWve5", why: "one character long" },
      { text: "TENCENTCLOUD_SECRET_ID=AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "TENCENTCLOUD_SECRET_ID=AKIDodszomHzoBoWBXN78McBvpHf********", why: "masked in the console" },
      { text: "XAKIDO1dZsv06d1yKrGdZfFpHplTXAxjEWa1D", why: "inside a longer word" },
    ],
  },
};

/** Tencent Cloud SecretKeys (32 letters and digits) next to their usual names. */
export const tencentCloudSecretKey: SecretRule = {
  id: "tencent-cloud-secret-key",
  kind: "tencent-cloud-secret-key",
  title: "Tencent Cloud SecretKey",
  severity: "critical",
  confidence: "medium",
  keywords: ["tencent", "qcloud"],
  pattern: assigned(String.raw`(?:tencent(?:cloud)?|qcloud)[A-Za-z0-9_.-]{0,20}?secret_?key`, String.raw`[A-Za-z0-9]{32}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^[A-Za-z0-9]{32}$/, entropy: 3.5 }),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "TENCENTCLOUD_SECRET_KEY=piG5P6fUAkE7RywAlcS6H0ITTOeXzrwT", secret: "piG5P6fUAkE7RywAlcS6H0ITTOeXzrwT" },
      { text: "tencentcloud_secret_key = \"HqSV4mSMRPqI5QHDeijnrxpA9QGxUHRQ\"", secret: "HqSV4mSMRPqI5QHDeijnrxpA9QGxUHRQ" },
      { text: "QCLOUD_SECRET_KEY: dmPCXxQ26up36VWsdzzZtJ94vu8ea1DT", secret: "dmPCXxQ26up36VWsdzzZtJ94vu8ea1DT" },
      { text: '{"TencentCloudSecretKey": "DTsR409P1NwT96zhDk28ES8Bzya2NhW3"}', secret: "DTsR409P1NwT96zhDk28ES8Bzya2NhW3" },
      { text: "export TENCENT_SECRET_KEY='HQmzfHiR1NNvRyXNVaOuXWNTLO3DyDvg'", secret: "HQmzfHiR1NNvRyXNVaOuXWNTLO3DyDvg" },
    ],
    noMatch: [
      { text: "TENCENTCLOUD_SECRET_KEY=kadgXTjiifXBDZPrw0DQOa9dU4uGsBG", why: "one character short" },
      { text: "TENCENTCLOUD_SECRET_KEY=${TENCENTCLOUD_SECRET_KEY}", why: "reference" },
      { text: "TENCENTCLOUD_SECRET_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "TENCENTCLOUD_SECRET_KEY=f3a46092e0716a4717e62a597bf6b476b3f4", why: "wrong length" },
      { text: "SECRET_KEY=6hxhjfev8Zojq5curMaFOEbWh8tiOEWo", why: "no Tencent name" },
    ],
  },
};
