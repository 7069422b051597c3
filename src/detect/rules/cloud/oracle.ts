import type { SecretRule } from "../../types.js";
import { isPlaceholder } from "../../placeholders.js";

/** The OCI CLI/SDK configuration file. */
const OCI_CONFIG = /(?:^|\/)\.oci\/config$/;

/** The passphrase of an OCI API signing key, in the OCI CLI/SDK configuration file (`pass_phrase=`). */
export const oracleOciKeyPassphrase: SecretRule = {
  id: "oracle-oci-key-passphrase",
  kind: "oracle-oci-key-passphrase",
  title: "Oracle Cloud (OCI) API signing key passphrase",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: OCI_CONFIG,
  pattern: /^[ \t]*(?<name>pass_phrase)[ \t]*=[ \t]*(?<secret>[^\s#;][^\r\n]{0,255}?)[ \t]*$/m,
  priority: 10,
  check: (hit) => (isPlaceholder(hit.secret) || hit.secret.length < 4 ? undefined : hit),
  remediation: "Delete the API signing key from the user (Identity → Users → API Keys), generate a new key pair with a new passphrase, and keep ~/.oci out of the image.",
  docs: "https://docs.oracle.com/en-us/iaas/Content/API/Concepts/sdkconfig.htm",
  examples: {
    match: [
      { text: "[DEFAULT]\nuser=ocid1.user.oc1..aaaa\nfingerprint=20:3b:97:13\nkey_file=~/.oci/oci_api_key.pem\npass_phrase=Tr1cky-Pass-7741\nregion=us-ashburn-1\n", secret: "Tr1cky-Pass-7741", path: "/root/.oci/config" },
      { text: "[PROD]\npass_phrase = 9JIBKCgd15act4GYhEliFf1F\n", secret: "9JIBKCgd15act4GYhEliFf1F", path: "/home/app/.oci/config" },
      { text: "pass_phrase=correct horse battery staple\n", secret: "correct horse battery staple", path: "/root/.oci/config" },
      { text: "[DEFAULT]\n  pass_phrase=q91y4snIPxXhF8Q9y5aO\n", secret: "q91y4snIPxXhF8Q9y5aO", path: "/.oci/config" },
      { text: "[ADMIN]\nkey_file=/keys/a.pem\npass_phrase=mJRf04o2HzLqfj9Z", secret: "mJRf04o2HzLqfj9Z", path: "/opt/app/.oci/config" },
    ],
    noMatch: [
      { text: "pass_phrase=<passphrase>\n", path: "/root/.oci/config", why: "placeholder" },
      { text: "pass_phrase=${OCI_PASSPHRASE}\n", path: "/root/.oci/config", why: "reference" },
      { text: "pass_phrase=Tr1cky-Pass-7741\n", path: "/app/config.ini", why: "not an OCI config file" },
      { text: "# pass_phrase=Tr1cky-Pass-7741\n", path: "/root/.oci/config", why: "commented out" },
      { text: "pass_phrase=\n", path: "/root/.oci/config", why: "empty (key without passphrase)" },
    ],
  },
};
