import type { RuleHit, SecretRule } from "../../types.js";
import { accept, assigned, plausible } from "./shared.js";

/** IBM Cloud API keys (44 URL-safe characters) next to their usual names or `ibmcloud login --apikey`. */
export const ibmCloudApiKey: SecretRule = {
  id: "ibm-cloud-api-key",
  kind: "ibm-cloud-api-key",
  title: "IBM Cloud API key",
  severity: "critical",
  confidence: "medium",
  keywords: ["ibm_cloud_api", "ibmcloud", "ic_api_key", "ibm_api_key", "iam_api_key", "iam_apikey", "ibm-cloud-api"],
  pattern: assigned(String.raw`ibm_?cloud_?api_?key|ibm-cloud-api-key|ibmcloud_?api_?key|ic_api_key|ibm_api_key|iam_?api_?key|apikey`, String.raw`[A-Za-z0-9_-]{44}`),
  priority: 10,
  check: (hit: RuleHit, _g, _c, line: string) => {
    if (!/^[A-Za-z0-9_-]{44}$/.test(hit.secret) || !plausible(hit.secret, 3.5)) return undefined;
    // A bare `apikey` counts only on an `ibmcloud` command line.
    return /ibm|ic_api|iam_?api/i.test(hit.name ?? "") || /ibmcloud/i.test(line) ? hit : undefined;
  },
  remediation: "Delete the API key (Manage → Access (IAM) → API keys, or ibmcloud iam api-key-delete), create a new one if needed, and check Activity Tracker for its use.",
  docs: "https://cloud.ibm.com/docs/account?topic=account-userapikey",
  examples: {
    match: [
      { text: "IBM_CLOUD_API_KEY=Y6Z7CQONxK1NcaNxaK5cZNpqcrhShkGi4ybbKlVxzq1b", secret: "Y6Z7CQONxK1NcaNxaK5cZNpqcrhShkGi4ybbKlVxzq1b" },
      { text: "ibmcloud login --apikey 3ITOQsE1TnA6y8tBFHpEUSdabHY9q0yFRob5mgReNzFH -r us-south", secret: "3ITOQsE1TnA6y8tBFHpEUSdabHY9q0yFRob5mgReNzFH" },
      { text: "IC_API_KEY: 'MI-76SbXOO5fudSiJtzD15dJu2hTmkVmpflVK9kQfgFf'", secret: "MI-76SbXOO5fudSiJtzD15dJu2hTmkVmpflVK9kQfgFf" },
      { text: 'ibmcloud_api_key = "D4mtE6F1ZEQRGboAKPXANNpxgctVTT5ge9vQCoirVluY"', secret: "D4mtE6F1ZEQRGboAKPXANNpxgctVTT5ge9vQCoirVluY" },
      { text: "export IBMCLOUD_API_KEY=RoImTywwO8yS8ywlqJUFVqD0cY_amUjQk735lsHPcf9n", secret: "RoImTywwO8yS8ywlqJUFVqD0cY_amUjQk735lsHPcf9n" },
    ],
    noMatch: [
      { text: "IBM_CLOUD_API_KEY=6dD9xa46rLfR1_IVEAgiuyRjNcmQpqnau8wC5uvhNh9", why: "one character short" },
      { text: "IBM_CLOUD_API_KEY=tWNgoDG95XuLiLeGRIZ7Jytca88LD0AviVYgcIxvQ7d4I", why: "one character long" },
      { text: "IBM_CLOUD_API_KEY=<your-ibm-cloud-api-key>", why: "placeholder" },
      { text: "curl -d apikey=gjdw1VozV1OOcbcigGCVB0xUw8Hg-TKon0w7nNP-S6Zc https://iam.example.net/token # ibm_region=us", why: "a bare apikey outside an ibmcloud command" },
      { text: "IBM_CLOUD_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** IBM Cloud Object Storage HMAC secret access keys (48 hex digits). */
export const ibmCosHmacSecret: SecretRule = {
  id: "ibm-cos-hmac-secret",
  kind: "ibm-cos-hmac-secret",
  title: "IBM Cloud Object Storage HMAC secret key",
  severity: "critical",
  confidence: "medium",
  keywords: ["secret_access_key", "cos_hmac", "ibm_cos"],
  pattern: assigned(String.raw`secret_access_key|cos_hmac[A-Za-z0-9_.-]{0,20}?secret(?:_?key)?|ibm_cos[A-Za-z0-9_.-]{0,20}?secret(?:_?key)?`, String.raw`[a-f0-9]{48}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^[a-f0-9]{48}$/ }),
  remediation: "Delete the service credential that holds the HMAC keys (the COS instance → Service credentials), create a new one, and check the bucket's activity.",
  docs: "https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-uhc-hmac-credentials-main",
  examples: {
    match: [
      { text: '"cos_hmac_keys": { "access_key_id": "84033dbde56af42a98e523164dbad537", "secret_access_key": "3927375da595fda705cf1b02a79acd492543d4d1f5fa90e0" },', secret: "3927375da595fda705cf1b02a79acd492543d4d1f5fa90e0" },
      { text: "COS_HMAC_SECRET_ACCESS_KEY=952a59e2b9bf4daad94a4373c0bb3f716147aff079cd1367", secret: "952a59e2b9bf4daad94a4373c0bb3f716147aff079cd1367" },
      { text: "aws_secret_access_key = 1fc4402b1b6c7b588ff23b952b6d81e2d7fbfe262506186d", secret: "1fc4402b1b6c7b588ff23b952b6d81e2d7fbfe262506186d" },
      { text: "IBM_COS_SECRET_KEY: 1b01e9f9f183d7067b43971f2909c33007c65d674e4358e8", secret: "1b01e9f9f183d7067b43971f2909c33007c65d674e4358e8" },
      { text: "rclone config create cos s3 provider=IBMCOS secret_access_key=d6cd1ce4020497ede25c2bce6b6ccba8cf5d86d6bc0cde16", secret: "d6cd1ce4020497ede25c2bce6b6ccba8cf5d86d6bc0cde16" },
    ],
    noMatch: [
      { text: '"secret_access_key": "f555e74683b45f7a0dab2bbd9be60bd03bddb09350cb677"', why: "one digit short" },
      { text: '"secret_access_key": "2073360435051b5b586f4171e979e7b92edef65548fd96a6d"', why: "one digit long" },
      { text: '"secret_access_key": "1B7379FF904F181C30A521AAF15E05ACDC25965D7FA71AFA"', why: "upper-case hex" },
      { text: '"secret_access_key": "000000000000000000000000000000000000000000000000"', why: "zero placeholder" },
      { text: '"secret_access_key": "512SGqTaT8X0P4nfFQEfian0bt6sl+moGoQh50EA"', why: "40 base64 characters: an AWS-shaped key (its own rule)" },
    ],
  },
};
