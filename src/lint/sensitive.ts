/**
 * Sensitive files by name, for COPY/ADD sources when the build context is not there to look
 * inside them (`--no-context`, a file the context does not hold). With the context, its
 * analysis decides from the content.
 */

import { posix } from "node:path";

const BY_BASENAME: ReadonlyMap<string, string> = new Map([
  [".netrc", "netrc credentials"],
  ["_netrc", "netrc credentials"],
  [".git-credentials", "git credential store"],
  [".pgpass", "PostgreSQL password file"],
  [".pypirc", "PyPI credentials"],
  [".dockercfg", "Docker registry credentials"],
  [".my.cnf", "MySQL client credentials"],
  ["id_rsa", "private key"],
  ["id_dsa", "private key"],
  ["id_ecdsa", "private key"],
  ["id_ed25519", "private key"],
  ["id_ecdsa_sk", "private key"],
  ["id_ed25519_sk", "private key"],
  ["terraform.tfstate", "Terraform state"],
  ["kubeconfig", "kubeconfig"],
  ["credentials.json", "credentials file"],
  ["service-account.json", "service account key"],
  ["service_account.json", "service account key"],
]);

const BY_EXTENSION: ReadonlyMap<string, string> = new Map([
  [".key", "private key"],
  [".p12", "PKCS#12 keystore"],
  [".pfx", "PKCS#12 keystore"],
  [".jks", "Java keystore"],
  [".keystore", "keystore"],
  [".ppk", "PuTTY private key"],
  [".tfstate", "Terraform state"],
]);

/** Directories whose contents are credentials as a whole. */
const SENSITIVE_DIRS: ReadonlyMap<string, string> = new Map([
  [".ssh", "SSH directory"],
  [".aws", "AWS credentials directory"],
  [".gnupg", "GnuPG keyring"],
]);

const ENV_EXAMPLE = /^\.env\.(?:example|sample|template|dist|defaults?|tmpl|schema)$|\.example$|\.sample$|\.template$|\.dist$/i;

/**
 * Why a file of this path (relative, `/`-separated, as a COPY source names it) is sensitive by
 * its name alone, or undefined. Globs and directories are not judged.
 */
export function sensitiveByName(path: string, dest = ""): string | undefined {
  if (/\.(?:pub|asc|gpg|crt|cer)$/i.test(dest)) return undefined;
  const clean = path.replace(/^\.\/+/, "").replace(/\/+$/, "");
  if (clean === "" || clean === "." || /[*?[$]/.test(clean)) return undefined;
  const parts = clean.split("/");
  const base = parts[parts.length - 1]!;
  const lower = base.toLowerCase();
  if (ENV_EXAMPLE.test(lower)) return undefined;
  const dir = SENSITIVE_DIRS.get(lower);
  if (dir) return dir;
  const known = BY_BASENAME.get(lower);
  if (known) return known;
  if (lower === ".env" || /^\.env\.[a-z0-9_-]+$/.test(lower)) return "dotenv file";
  if (lower === ".npmrc") return "npm config (may hold an auth token)";
  if (lower === "credentials" && parts.includes(".aws")) return "AWS credentials";
  if (lower === "config.json" && parts.includes(".docker")) return "Docker registry credentials";
  if (lower === "config" && parts.includes(".kube")) return "kubeconfig";
  const publicKey = /pub(?:lic)?|gpg|pgp|sign|release|archive|repo|apt|yum|keyring/.test(lower);
  for (const [ext, why] of BY_EXTENSION) if (lower.endsWith(ext) && lower.length > ext.length && !(ext === ".key" && publicKey)) return why;
  if (/^key$|^private[-_.]?key(?:\.pem)?$/.test(lower) && parts.slice(0, -1).some((p) => /^(?:secrets?|private|keys?|\.ssh|ssh)$/i.test(p))) return "private key";
  if (/private[-_]?key|-key\.pem$|_key\.pem$|^privkey\.pem$/.test(lower)) return "private key";
  if (parts.slice(0, -1).some((p) => SENSITIVE_DIRS.has(p.toLowerCase()))) return SENSITIVE_DIRS.get(parts.find((p) => SENSITIVE_DIRS.has(p.toLowerCase()))!.toLowerCase());
  return undefined;
}

/** The base name as written (for destinations: `COPY .netrc /root` lands at `/root/.netrc` when /root is a directory). */
export function baseName(path: string): string {
  return posix.basename(path.replace(/\/+$/, ""));
}
