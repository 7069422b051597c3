import { isPlaceholder } from "../../placeholders.js";
import { shannonEntropy } from "../../entropy.js";
import type { SecretRule } from "../../types.js";

/** S3-compatible services whose keys have their own rules: their `…_SECRET_ACCESS_KEY` is not an AWS key. */
const OTHER_PROVIDER_NAME = /huawei|hwcloud|hw_cloud|(?:^|[^a-z])obs[_-]/i;

const REMEDIATION = "Deactivate and delete the access key in IAM (aws iam delete-access-key), create a new one, and review CloudTrail for its use.";

/** AWS access key IDs: a 4-letter type prefix and 16 base32 characters. */
export const awsAccessKeyId: SecretRule = {
  id: "aws-access-key-id",
  kind: "aws-access-key-id",
  title: "AWS access key ID",
  severity: "high",
  confidence: "high",
  // `A3T` and one more character: keywords are at least four characters long.
  keywords: ["AKIA", "ASIA", "ABIA", "ACCA", ...[..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].map((c) => `A3T${c}`)],
  pattern: /(?<![A-Z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Z0-9])/,
  priority: 10,
  check: (hit) => (isPlaceholder(hit.secret) || hit.secret.includes("EXAMPLE") ? undefined : hit),
  remediation: REMEDIATION,
  docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
  examples: {
    match: [
      { text: "AWS_ACCESS_KEY_ID=AKIAZON5RNXXRBWA7VYB", secret: "AKIAZON5RNXXRBWA7VYB" },
      { text: 'aws_access_key_id = "AKIA4QGP7JYT3PNNWUK2"', secret: "AKIA4QGP7JYT3PNNWUK2" },
      { text: "key: ASIAY34FZKBOKMUTVV7A", secret: "ASIAY34FZKBOKMUTVV7A" },
      { text: "id=AKIAL4LVWVMSPC57UV6I;", secret: "AKIAL4LVWVMSPC57UV6I" },
      { text: "A3TXZON5RNXXRBWA7VYB", secret: "A3TXZON5RNXXRBWA7VYB" },
    ],
    noMatch: [
      { text: "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", why: "AWS documentation example" },
      { text: "AKIAZON5RNXXRBWA7VY", why: "one character short" },
      { text: "AKIAZON5RNXXRBWA7VYB1", why: "one character long" },
      { text: "AKIAZON5RNXXRBWA7VY0", why: "0 is not in the base32 alphabet" },
      { text: "XAKIAZON5RNXXRBWA7VYB", why: "inside a longer word" },
      { text: "AKIAxxxxxxxxxxxxxxxx", why: "lower-case placeholder" },
    ],
  },
};

/** AWS secret access keys: 40 base64 characters, found next to their usual names. */
export const awsSecretAccessKey: SecretRule = {
  id: "aws-secret-access-key",
  kind: "aws-secret-access-key",
  title: "AWS secret access key",
  severity: "critical",
  confidence: "high",
  keywords: ["secret_access_key", "secretaccesskey", "secret-access-key", "aws_secret", "secret_key", "secretkey"],
  pattern:
    /(?<name>[A-Za-z0-9_.-]*(?:secret_?access_?key|secretaccesskey|secret-access-key|aws_?secret(?:_?key)?|secret_?key))["']?\s*(?:=|:|=>|,)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
  priority: 10,
  check: (hit) =>
    isPlaceholder(hit.secret) || /EXAMPLE/.test(hit.secret) || shannonEntropy(hit.secret) < 3.5 || OTHER_PROVIDER_NAME.test(hit.name ?? "") ? undefined : hit,
  remediation: REMEDIATION,
  docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
  examples: {
    match: [
      { text: "AWS_SECRET_ACCESS_KEY=rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar", secret: "rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar" },
      { text: "aws_secret_access_key = m0ugeWOg7GLqwSBIPt3oILT9RIKTze8E97AJISWX", secret: "m0ugeWOg7GLqwSBIPt3oILT9RIKTze8E97AJISWX" },
      { text: '"SecretAccessKey": "Kq0x1GHbTNHPp9/ydCR0nYlvqtq2k+Fw7uB1VvLz"', secret: "Kq0x1GHbTNHPp9/ydCR0nYlvqtq2k+Fw7uB1VvLz" },
      { text: "aws_secret_key: 'T0pGdn1m8cB4yJcvXrW4q2hSGjYtK8n+e3Vh6Lq9'", secret: "T0pGdn1m8cB4yJcvXrW4q2hSGjYtK8n+e3Vh6Lq9" },
      { text: "secret_key=Zb8v0qJ3mN5xR7tY1uW2eA4sD6fG9hK0lP3oI5uQ", secret: "Zb8v0qJ3mN5xR7tY1uW2eA4sD6fG9hK0lP3oI5uQ" },
    ],
    noMatch: [
      { text: "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", why: "AWS documentation example" },
      { text: "aws_secret_access_key = rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwa", why: "39 characters" },
      { text: "aws_secret_access_key = rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3DwarX", why: "41 characters" },
      { text: "aws_secret_access_key = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar", why: "no name: 40 base64 characters alone are not evidence" },
      { text: "OBS_SECRET_ACCESS_KEY=VAtLuR2DWbwO93TqTljRe6wA4I0v1s2ut3ANV632", why: "a Huawei Cloud OBS key (its own rule)" },
    ],
  },
};
