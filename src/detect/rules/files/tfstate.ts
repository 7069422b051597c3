import type { SecretRule } from "../../types.js";
import { fileValue } from "./values.js";

const TFSTATE_PATH = /(?:^|\/)[^/]*\.tfstate(?:\.backup|\.[0-9]+\.backup)?$/;
const REMEDIATION = "Rotate every secret the state holds, keep state in an encrypted remote backend (never in the image or the build context), and mark outputs sensitive.";
const DOCS = "https://developer.hashicorp.com/terraform/language/state/sensitive-data";

/** A JSON string value: escapes kept as written (the bytes in the file), no line breaks. */
const JSON_STRING = String.raw`(?:[^"\\\r\n]|\\.){1,8192}`;

/** Values of state outputs marked `"sensitive": true` (Terraform writes value, type, sensitive in this order). */
export const terraformStateSensitiveOutput: SecretRule = {
  id: "terraform-state-sensitive-output",
  kind: "terraform-state-sensitive-output",
  title: "Sensitive output value in Terraform state",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: TFSTATE_PATH,
  pattern: new RegExp(String.raw`"(?<name>[A-Za-z0-9_-]{1,128})"\s*:\s*\{\s*"value"\s*:\s*"(?<secret>${JSON_STRING})"\s*,\s*"type"\s*:\s*"string"\s*,\s*"sensitive"\s*:\s*true`),
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: '{\n  "version": 4,\n  "outputs": {\n    "db_password": {\n      "value": "Xq7vR2pLm9tK4wZ8",\n      "type": "string",\n      "sensitive": true\n    }\n  }\n}', secret: "Xq7vR2pLm9tK4wZ8", path: "/infra/terraform.tfstate" },
      { text: '"outputs":{"api_key":{"value":"ak-9f8e7d6c5b4a3928","type":"string","sensitive":true}}', secret: "ak-9f8e7d6c5b4a3928", path: "/app/prod.tfstate" },
      { text: '    "conn": {\n      "value": "Server=db;Password=p\\"q;",\n      "type": "string",\n      "sensitive": true\n    }', secret: 'Server=db;Password=p\\"q;', path: "/w/terraform.tfstate.backup" },
      { text: '"token": { "value": "hvs.CAESIJq7vR2pLm9tK4wZ8", "type": "string", "sensitive": true }', secret: "hvs.CAESIJq7vR2pLm9tK4wZ8", path: "/state/vault.tfstate" },
      { text: '"x": {"value": "short", "type": "string", "sensitive": true}', secret: "short", path: "/terraform.tfstate.1712345678.backup" },
    ],
    noMatch: [
      { text: '"db_host": {"value": "db.internal", "type": "string"}', why: "not sensitive", path: "/infra/terraform.tfstate" },
      { text: '"db_password": {"value": "Xq7vR2pLm9tK4wZ8", "type": "string", "sensitive": true}', why: "not a state file", path: "/infra/outputs.json" },
      { text: '"ids": {"value": ["a", "b"], "type": ["list", "string"], "sensitive": true}', why: "not a string value", path: "/infra/terraform.tfstate" },
      { text: '"db_password": {"value": "", "type": "string", "sensitive": true}', why: "empty", path: "/infra/terraform.tfstate" },
      { text: '"db_password": {"value": "<sensitive>", "type": "string", "sensitive": true}', why: "placeholder", path: "/infra/terraform.tfstate" },
    ],
  },
};

/** Resource attributes that hold secrets, by their provider-schema names. */
const SECRET_ATTRIBUTES = [
  "password",
  "master_password",
  "admin_password",
  "administrator_login_password",
  "root_password",
  "db_password",
  "secret",
  "client_secret",
  "secret_key",
  "access_key",
  "primary_access_key",
  "secondary_access_key",
  "primary_connection_string",
  "secondary_connection_string",
  "connection_string",
  "private_key",
  "private_key_pem",
  "private_key_openssh",
  "private_key_pem_pkcs8",
  "token",
  "api_key",
  "api_token",
  "auth_token",
  "secret_string",
  "ses_smtp_password_v4",
  "kube_config_raw",
  "kube_admin_config_raw",
  "client_key",
  "sas",
].join("|");

/** Secret attributes of resources in Terraform state (`"password": "…"`, `"private_key_pem": "…"`). */
export const terraformStateSecretAttribute: SecretRule = {
  id: "terraform-state-secret-attribute",
  kind: "terraform-state-secret-attribute",
  title: "Secret resource attribute in Terraform state",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: TFSTATE_PATH,
  pattern: new RegExp(String.raw`^[ \t]*"(?<name>${SECRET_ATTRIBUTES})"\s*:\s*"(?<secret>${JSON_STRING})"`, "m"),
  priority: 20,
  check: (hit) => {
    // A PEM key is reported by the key rules, whole and checked.
    if (/^-----BEGIN /.test(hit.secret)) return undefined;
    return fileValue(hit);
  },
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: '          "attributes": {\n            "identifier": "db",\n            "password": "Xq7vR2pLm9tK4wZ8",\n            "username": "app"\n          }', secret: "Xq7vR2pLm9tK4wZ8", path: "/infra/terraform.tfstate" },
      { text: '            "secret": "Kq0x1GHbTNHPp9/ydCR0nYlvqtq2k+Fw7uB1VvLz",\n', secret: "Kq0x1GHbTNHPp9/ydCR0nYlvqtq2k+Fw7uB1VvLz", path: "/infra/terraform.tfstate" },
      { text: '            "primary_access_key": "bGoa+V7g/yqDXvKRqq+JTFn4uQZbPiQJo4pf9RzJ==",\n', secret: "bGoa+V7g/yqDXvKRqq+JTFn4uQZbPiQJo4pf9RzJ==", path: "/w/azure.tfstate" },
      { text: '            "secret_string": "{\\"user\\":\\"app\\",\\"pass\\":\\"S3cr3t!\\"}",\n', secret: '{\\"user\\":\\"app\\",\\"pass\\":\\"S3cr3t!\\"}', path: "/infra/terraform.tfstate.backup" },
      { text: '            "token": "hvs.CAESIJq7vR2pLm9tK4wZ8",\n', secret: "hvs.CAESIJq7vR2pLm9tK4wZ8", path: "/infra/vault.tfstate" },
    ],
    noMatch: [
      { text: '            "password": null,\n', why: "null", path: "/infra/terraform.tfstate" },
      { text: '            "password": "",\n', why: "empty", path: "/infra/terraform.tfstate" },
      { text: '            "private_key_pem": "-----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----\\n",\n', why: "a PEM key: the key rules judge it", path: "/infra/terraform.tfstate" },
      { text: '            "password_wo_version": "1",\n', why: "another attribute", path: "/infra/terraform.tfstate" },
      { text: '            "password": "Xq7vR2pLm9tK4wZ8",\n', why: "not a state file (reported as generic-password)", path: "/infra/main.tf.json" },
    ],
  },
};
