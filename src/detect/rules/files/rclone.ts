import type { SecretRule } from "../../types.js";
import { fileValue } from "./values.js";

const KEYS = "pass|password|password2|secret_access_key|client_secret|token|key|account_key|sas_url|app_key|api_key|bearer_token|service_account_credentials";

/**
 * Remote credentials in `rclone.conf`: S3 secret keys, OAuth tokens, and `pass` values (rclone
 * "obscures" them with a fixed key: reversible, so as good as plain text).
 */
export const rcloneConfigSecret: SecretRule = {
  id: "rclone-config-secret",
  kind: "rclone-config-secret",
  title: "Remote credential in rclone.conf",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)rclone\.conf$/,
  pattern: new RegExp(String.raw`^[ \t]*(?<name>${KEYS})[ \t]*=[ \t]*(?<secret>[^\s#;][^\r\n]{0,8191}?)[ \t]*\r?$`, "m"),
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Revoke the remote's credentials (rotate the S3 key, revoke the OAuth token, change the password) and mount rclone.conf at run time; `rclone obscure` is not encryption.",
  docs: "https://rclone.org/docs/#configuration-encryption",
  examples: {
    match: [
      { text: "[s3]\ntype = s3\nprovider = AWS\naccess_key_id = AKIAZON5RNXXRBWA7VYB\nsecret_access_key = rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar\n", secret: "rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar", path: "/root/.config/rclone/rclone.conf" },
      { text: "[sftp]\ntype = sftp\nhost = backup.internal\nuser = backup\npass = dGVzdC1vYnNjdXJlZC1wYXNzd29yZA\n", secret: "dGVzdC1vYnNjdXJlZC1wYXNzd29yZA", path: "/etc/rclone.conf" },
      { text: '[gdrive]\ntype = drive\ntoken = {"access_token":"ya29.a0Af-Xq7vR2pLm9tK4wZ8","token_type":"Bearer","refresh_token":"1//0gLq7vR2pLm9"}\n', secret: '{"access_token":"ya29.a0Af-Xq7vR2pLm9tK4wZ8","token_type":"Bearer","refresh_token":"1//0gLq7vR2pLm9"}', path: "/home/u/.config/rclone/rclone.conf" },
      { text: "[b2]\ntype = b2\naccount = 0012ab34cd56\nkey = K001Xq7vR2pLm9tK4wZ8dNfPq3sYtGh\n", secret: "K001Xq7vR2pLm9tK4wZ8dNfPq3sYtGh", path: "/root/.config/rclone/rclone.conf" },
      { text: "[az]\r\ntype = azureblob\r\naccount_key = bGoa+V7g/yqDXvKRqq+JTFn4uQZbPiQJo4pf9RzJ==\r\n", secret: "bGoa+V7g/yqDXvKRqq+JTFn4uQZbPiQJo4pf9RzJ==", path: "/data/rclone.conf" },
    ],
    noMatch: [
      { text: "[s3]\ntype = s3\nenv_auth = true\n", why: "credentials from the environment", path: "/root/.config/rclone/rclone.conf" },
      { text: "[s3]\nsecret_access_key =\n", why: "empty", path: "/root/.config/rclone/rclone.conf" },
      { text: "[sftp]\nkey_file = /root/.ssh/id_ed25519\n", why: "a key file path, not a secret key name", path: "/root/.config/rclone/rclone.conf" },
      { text: "[sftp]\npass = ${RCLONE_PASS}\n", why: "reference", path: "/root/.config/rclone/rclone.conf" },
      { text: "[s3]\nsecret_access_key = rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwar\n", why: "not rclone.conf", path: "/app/notes.ini" },
    ],
  },
};
