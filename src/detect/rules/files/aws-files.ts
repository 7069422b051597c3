import type { SecretRule } from "../../types.js";
import { fileValue } from "./values.js";

const AWS_REMEDIATION = "Deactivate and delete the access key in IAM (aws iam delete-access-key), create a new one, review CloudTrail for its use, and mount ~/.aws at build time as a secret.";
const AWS_DOCS = "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html";

/** Secret keys and session tokens in the AWS CLI's shared files (`~/.aws/credentials`, `~/.aws/config`): any real value. */
export const awsCredentialsFile: SecretRule = {
  id: "aws-credentials-file",
  kind: "aws-credentials-file",
  title: "AWS secret key or session token in ~/.aws",
  severity: "critical",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)\.aws\/(?:credentials|config)$/,
  pattern: /^[ \t]*(?<name>aws_secret_access_key|aws_session_token|aws_security_token)[ \t]*=[ \t]*(?<secret>[^\s#;][^\r\n]{0,4095}?)[ \t]*\r?$/m,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: AWS_REMEDIATION,
  docs: AWS_DOCS,
  examples: {
    match: [
      { text: "[default]\naws_access_key_id = AKIAZON5RNXXRBWA7VYB\naws_secret_access_key = rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar\n", secret: "rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar", path: "/root/.aws/credentials" },
      { text: "[profile ci]\nregion = eu-west-1\naws_secret_access_key=short-but-real-1\n", secret: "short-but-real-1", path: "/home/app/.aws/config" },
      { text: "[tmp]\naws_session_token = IQoJb3JpZ2luX2VjEHsaCWV1LXdlc3QtMSJHMEUCIQDx7kq2Z9v\n", secret: "IQoJb3JpZ2luX2VjEHsaCWV1LXdlc3QtMSJHMEUCIQDx7kq2Z9v", path: "/root/.aws/credentials" },
      { text: "[legacy]\naws_security_token = FwoGZXIvYXdzEBYaDHq7vR2pLm9tK4wZ8\n", secret: "FwoGZXIvYXdzEBYaDHq7vR2pLm9tK4wZ8", path: "/root/.aws/credentials" },
      { text: "[default]\r\n  aws_secret_access_key =   m0ugeWOg7GLqwSBIPt3oILT9RIKTze8E97AJISWX\r\n", secret: "m0ugeWOg7GLqwSBIPt3oILT9RIKTze8E97AJISWX", path: "/builder/.aws/credentials" },
    ],
    noMatch: [
      { text: "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", why: "AWS documentation example", path: "/root/.aws/credentials" },
      { text: "[default]\naws_secret_access_key =\n", why: "empty", path: "/root/.aws/credentials" },
      { text: "[default]\naws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n", why: "reference", path: "/root/.aws/credentials" },
      { text: "[default]\n# aws_secret_access_key = rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar\n", why: "commented out", path: "/root/.aws/credentials" },
      { text: "[default]\naws_secret_access_key = rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar\n", why: "not an AWS CLI file", path: "/app/README.md" },
      { text: "[profile sso]\nsso_start_url = https://d-123.awsapps.com/start\ncredential_process = /usr/bin/helper\n", why: "no stored secret", path: "/root/.aws/config" },
    ],
  },
};

/** Secrets in boto's config (`~/.boto`, `/etc/boto.cfg`): AWS and Google Cloud Storage keys. */
export const botoConfigSecret: SecretRule = {
  id: "boto-config-secret",
  kind: "boto-config-secret",
  title: "Cloud storage secret in a boto config",
  severity: "critical",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)(?:\.boto|boto\.cfg)$/,
  pattern: /^[ \t]*(?<name>aws_secret_access_key|gs_secret_access_key|gs_oauth2_refresh_token|gs_service_key_file_password)[ \t]*[=:][ \t]*(?<secret>[^\s#;][^\r\n]{0,4095}?)[ \t]*\r?$/m,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Rotate the key (AWS IAM access key, GCS HMAC key or OAuth refresh token), and give gsutil/boto its credentials through a secret mount.",
  docs: "https://cloud.google.com/storage/docs/boto-gsutil",
  examples: {
    match: [
      { text: "[Credentials]\naws_access_key_id = AKIAZON5RNXXRBWA7VYB\naws_secret_access_key = rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar\n", secret: "rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar", path: "/root/.boto" },
      { text: "[Credentials]\ngs_access_key_id = GOOG1EXQ7VR2PLM9TK4WZ8\ngs_secret_access_key = bGoa+V7g/yqDXvKRqq+JTFn4uQZbPiQJo4pf9RzJ\n", secret: "bGoa+V7g/yqDXvKRqq+JTFn4uQZbPiQJo4pf9RzJ", path: "/home/u/.boto" },
      { text: "[Credentials]\ngs_oauth2_refresh_token = 1//0gLq7vR2pLm9tK4wZ8-NdPq3sXyTfGhJkL\n", secret: "1//0gLq7vR2pLm9tK4wZ8-NdPq3sXyTfGhJkL", path: "/root/.boto" },
      { text: "[Credentials]\ngs_service_key_file_password = N0tAsecret-4real\n", secret: "N0tAsecret-4real", path: "/etc/boto.cfg" },
      { text: "[Credentials]\naws_secret_access_key: Kq0x1GHbTNHPp9/ydCR0nYlvqtq2k+Fw7uB1VvLz\n", secret: "Kq0x1GHbTNHPp9/ydCR0nYlvqtq2k+Fw7uB1VvLz", path: "/root/.boto" },
    ],
    noMatch: [
      { text: "[Credentials]\ngs_secret_access_key = <your secret>\n", why: "placeholder", path: "/root/.boto" },
      { text: "[Credentials]\n#gs_oauth2_refresh_token = 1//0gLq7vR2pLm9tK4wZ8\n", why: "commented out", path: "/root/.boto" },
      { text: "[Credentials]\ngs_service_key_file = /secrets/key.json\n", why: "a path to a key, not a secret key name", path: "/root/.boto" },
      { text: "[Credentials]\naws_secret_access_key = rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar\n", why: "not a boto config", path: "/srv/notes.txt" },
      { text: "[Boto]\nhttps_validate_certificates = True\n", why: "no secret", path: "/root/.boto" },
    ],
  },
};

/** Keys in s3cmd's `~/.s3cfg`: `secret_key`, `access_token`, the GPG passphrase. */
export const s3cfgSecret: SecretRule = {
  id: "s3cfg-secret",
  kind: "s3cfg-secret",
  title: "S3 secret key in .s3cfg",
  severity: "critical",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)\.s3cfg$/,
  pattern: /^[ \t]*(?<name>secret_key|access_token|gpg_passphrase)[ \t]*=[ \t]*(?<secret>[^\s#;][^\r\n]{0,4095}?)[ \t]*\r?$/m,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Rotate the S3 key pair (IAM, or the object store's console), and give s3cmd its config through a secret mount.",
  docs: "https://s3tools.org/kb/item14.htm",
  examples: {
    match: [
      { text: "[default]\naccess_key = AKIAZON5RNXXRBWA7VYB\nsecret_key = rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar\n", secret: "rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar", path: "/root/.s3cfg" },
      { text: "[default]\nhost_base = minio:9000\nsecret_key = minio-S3cret-Key-42\n", secret: "minio-S3cret-Key-42", path: "/home/u/.s3cfg" },
      { text: "[default]\naccess_token = FwoGZXIvYXdzEBYaDHq7vR2pLm9tK4wZ8\n", secret: "FwoGZXIvYXdzEBYaDHq7vR2pLm9tK4wZ8", path: "/root/.s3cfg" },
      { text: "[default]\ngpg_passphrase = Tr0ub4dor&3x\n", secret: "Tr0ub4dor&3x", path: "/root/.s3cfg" },
      { text: "[default]\r\nsecret_key=Zb8v0qJ3mN5xR7tY1uW2eA4sD6fG9hK0lP3oI5uQ\r\n", secret: "Zb8v0qJ3mN5xR7tY1uW2eA4sD6fG9hK0lP3oI5uQ", path: "/app/.s3cfg" },
    ],
    noMatch: [
      { text: "[default]\naccess_key =\nsecret_key =\naccess_token =\n", why: "s3cmd's empty template", path: "/root/.s3cfg" },
      { text: "[default]\nsecret_key = ${S3_SECRET}\n", why: "reference", path: "/root/.s3cfg" },
      { text: "[default]\ngpg_command = /usr/bin/gpg\n", why: "no secret", path: "/root/.s3cfg" },
      { text: "[default]\nsecret_key = minio-S3cret-Key-42\n", why: "not an s3cfg (reported as generic-credential)", path: "/etc/minio/config.ini" },
      { text: "[default]\nsecret_key = xxxxxxxx\n", why: "mask", path: "/root/.s3cfg" },
    ],
  },
};
