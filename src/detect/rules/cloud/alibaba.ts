import type { SecretRule } from "../../types.js";
import { accept, assigned } from "./shared.js";

const DOCS = "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair";
const REMEDIATION = "Disable, then delete the AccessKey pair in the RAM console (or aliyun ram DeleteAccessKey), create a new one, and check ActionTrail for its use.";

/** Alibaba Cloud AccessKey IDs: `LTAI` and 12–20 letters and digits. */
export const alibabaAccessKeyId: SecretRule = {
  id: "alibaba-access-key-id",
  kind: "alibaba-access-key-id",
  title: "Alibaba Cloud AccessKey ID",
  severity: "high",
  confidence: "high",
  keywords: ["LTAI"],
  pattern: /(?<![A-Za-z0-9])(?<secret>LTAI[A-Za-z0-9]{12,20})(?![A-Za-z0-9*])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(4), shape: /[0-9]/ }),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI3gD7XnUAlM8hNMY9Bj8i", secret: "LTAI3gD7XnUAlM8hNMY9Bj8i" },
      { text: "access_key_id = LTAI11qCR6qm2urlINqE", secret: "LTAI11qCR6qm2urlINqE" },
      { text: '"AccessKeyId": "LTAIfNPzTUGeg3p7LYNh8cUj"', secret: "LTAIfNPzTUGeg3p7LYNh8cUj" },
      { text: "aliyun configure set --access-key-id LTAIXlftS3raGtQj --region cn-hangzhou", secret: "LTAIXlftS3raGtQj" },
      { text: "oss:\n  accessKeyId: 'LTAIn3c5kgd6YncfvoodQthi'\n", secret: "LTAIn3c5kgd6YncfvoodQthi" },
    ],
    noMatch: [
      { text: "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI4FoLmvQ9urWXgSRp****", why: "masked in the console and docs" },
      { text: "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIJHhSB5wiDgi", why: "too short" },
      { text: "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIAcWFrXaMDyqETMNY2i7iA", why: "too long" },
      { text: "ALTAII9ZApbXzJkoGiB5a", why: "inside a longer word" },
      { text: "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** Alibaba Cloud AccessKey secrets (30 letters and digits) next to their usual names. */
export const alibabaAccessKeySecret: SecretRule = {
  id: "alibaba-access-key-secret",
  kind: "alibaba-access-key-secret",
  title: "Alibaba Cloud AccessKey secret",
  severity: "critical",
  confidence: "medium",
  keywords: ["access_key_secret", "accesskeysecret", "access-key-secret", "alicloud_secret", "aliyun", "alibaba"],
  pattern: assigned(
    String.raw`access_?key_?secret|access-key-secret|alicloud_?secret_?key|ali(?:yun|baba|cloud)[A-Za-z0-9_.-]{0,30}?secret(?:_?key)?`,
    String.raw`[A-Za-z0-9]{30}`,
    String.raw`A-Za-z0-9`,
  ),
  priority: 10,
  check: accept({ shape: /^[A-Za-z0-9]{30}$/, entropy: 3.5 }),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "ALIBABA_CLOUD_ACCESS_KEY_SECRET=6dN5SsROmfo8CE1w1PF4OOalw1dY6x", secret: "6dN5SsROmfo8CE1w1PF4OOalw1dY6x" },
      { text: "access_key_secret = TcpIWKIroq2UWyY4PQYKMOR3SS3vRM", secret: "TcpIWKIroq2UWyY4PQYKMOR3SS3vRM" },
      { text: '"AccessKeySecret": "Qcy7mIZO1JNdkBgnTwUWd0lPTws9ab"', secret: "Qcy7mIZO1JNdkBgnTwUWd0lPTws9ab" },
      { text: "aliyun configure set --access-key-id LTAIyS3TjmrBs2tZsnr2 --access-key-secret PJz5WjELZfiwZNJFH7Bhp8cJrTlYV6", secret: "PJz5WjELZfiwZNJFH7Bhp8cJrTlYV6" },
      { text: "ALICLOUD_SECRET_KEY='VKnZ7eUP3e8gYVB3uaNEkGUrE6vlgs'", secret: "VKnZ7eUP3e8gYVB3uaNEkGUrE6vlgs" },
    ],
    noMatch: [
      { text: "ALIBABA_CLOUD_ACCESS_KEY_SECRET=GKSevBiTliNea1AS50UVUk4OyXVNm", why: "one character short" },
      { text: "ALIBABA_CLOUD_ACCESS_KEY_SECRET=eLlQeheOmLOIHZRuozOUUL7OVa4fHRo", why: "one character long" },
      { text: "ALIBABA_CLOUD_ACCESS_KEY_SECRET=<your-access-key-secret>", why: "placeholder" },
      { text: "ALIBABA_CLOUD_ACCESS_KEY_SECRET=${ALIBABA_CLOUD_ACCESS_KEY_SECRET}", why: "reference" },
      { text: "secret=k7aREBrM5VoNlp8SfdHhtYFkuR3tlg", why: "no Alibaba name" },
    ],
  },
};
