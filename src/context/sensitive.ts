/**
 * Files and directories that are secrets by their name: what `dredge context` flags even when
 * the file is empty, binary or unreadable to the detector. One list, each entry with its reason.
 */

import { isSecretName } from "../detect/names.js";

/** How bad one of these is once it is copied into an image. */
export type SensitiveClass =
  /** Private keys and cloud credentials: critical when copied. */
  | "key"
  /** Other credentials, stores and configs that hold them: high when copied. */
  | "credential";

/** One kind of sensitive file, recognised by its path. */
export interface SensitiveName {
  /** Finding kind, e.g. `dotenv-file`. */
  kind: string;
  /** Why it is sensitive, in words. */
  reason: string;
  class: SensitiveClass;
  /** Reported as a whole directory (its files are not reported one by one). */
  directory?: boolean;
  /** Matches the path (relative, `/`-separated) and its last component. */
  match(path: string, base: string): boolean;
  /**
   * Decides from the start of the content whether it really is one (a `.pem` holding only
   * certificates is not): false drops it. Not called when the content could not be read.
   */
  confirm?(head: string): boolean;
}

const lower = (s: string) => s.toLowerCase();
const endsWithAny = (base: string, exts: readonly string[]) => exts.some((e) => lower(base).endsWith(e));

/** Dotenv templates meant to be committed (their values are placeholders; the detector still reads them). */
const DOTENV_TEMPLATE = /\.(?:example|sample|template|tmpl|dist|defaults?)$/i;

/** A PEM or key file holds a private key (and not only certificates or public keys). */
function holdsPrivateKey(head: string): boolean {
  if (/PRIVATE KEY/.test(head)) return true;
  if (/-----BEGIN [A-Z0-9 ]+-----/.test(head)) return false;
  // Not PEM: DER, an encrypted blob, or something unknown; keep it.
  return true;
}

/** appsettings.json holds secrets: a connection string with a password, or a secret-named key with a value. */
function appsettingsHasSecrets(head: string): boolean {
  if (/(?:password|pwd)\s*=\s*[^;"'\s]/i.test(head)) return true;
  for (const m of head.matchAll(/"([A-Za-z0-9_.:-]+)"\s*:\s*"([^"]{4,})"/g)) if (isSecretName(m[1]!)) return true;
  return false;
}

/**
 * The list: order matters only for which reason a file gets when several entries match (the
 * first). Directory entries come first so that files inside them are reported with the
 * directory.
 */
export const SENSITIVE_NAMES: readonly SensitiveName[] = [
  {
    kind: "git-directory",
    reason: ".git store: history and remotes (every file ever committed, even deleted ones, and remote URLs with their credentials)",
    class: "credential",
    directory: true,
    match: (_p, base) => base === ".git",
  },
  {
    kind: "aws-config-directory",
    reason: "AWS CLI directory: access keys in credentials, profiles in config",
    class: "key",
    directory: true,
    match: (_p, base) => base === ".aws",
  },
  {
    kind: "ssh-directory",
    reason: "SSH directory: private keys, known hosts and client config",
    class: "key",
    directory: true,
    match: (_p, base) => base === ".ssh",
  },
  {
    kind: "gnupg-directory",
    reason: "GnuPG home: private keyring",
    class: "key",
    directory: true,
    match: (_p, base) => base === ".gnupg",
  },
  {
    kind: "azure-config-directory",
    reason: "Azure CLI directory: access and refresh tokens",
    class: "key",
    directory: true,
    match: (_p, base) => base === ".azure",
  },
  {
    kind: "gcloud-config-directory",
    reason: "gcloud config directory: OAuth tokens and application default credentials",
    class: "key",
    directory: true,
    match: (p) => p === ".config/gcloud" || p.endsWith("/.config/gcloud"),
  },
  {
    kind: "ssh-private-key",
    reason: "SSH private key",
    class: "key",
    match: (_p, base) => /^id_(?:rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk|xmss)$/.test(base),
    confirm: holdsPrivateKey,
  },
  {
    kind: "private-key-file",
    reason: "private key file",
    class: "key",
    match: (_p, base) => endsWithAny(base, [".key", ".pem", ".p8", ".ppk"]),
    confirm: holdsPrivateKey,
  },
  {
    kind: "keystore",
    reason: "keystore with private keys (PKCS#12, Java keystore)",
    class: "key",
    match: (_p, base) => endsWithAny(base, [".p12", ".pfx", ".jks", ".keystore", ".bks", ".jceks"]),
  },
  {
    kind: "dotenv-file",
    reason: "dotenv file",
    class: "credential",
    match: (_p, base) => (base === ".env" || base.startsWith(".env.") || lower(base).endsWith(".env")) && !DOTENV_TEMPLATE.test(base),
  },
  {
    kind: "gcp-credentials",
    reason: "Google Cloud credentials (service account key or OAuth client secret)",
    class: "key",
    match: (_p, base) =>
      base === "credentials.json" ||
      base === "application_default_credentials.json" ||
      (/^service[-_]?account.*\.json$/i.test(base)) ||
      /^client_secret.*\.json$/i.test(base),
  },
  {
    kind: "aws-credentials",
    reason: "AWS credentials for boto or s3cmd",
    class: "key",
    match: (_p, base) => base === ".boto" || base === ".s3cfg",
  },
  {
    kind: "npm-config",
    reason: "npm config: where registry auth tokens are kept",
    class: "credential",
    match: (_p, base) => base === ".npmrc",
  },
  {
    kind: "yarn-config",
    reason: "Yarn config: where registry auth tokens are kept",
    class: "credential",
    match: (_p, base) => base === ".yarnrc.yml" || base === ".yarnrc",
  },
  {
    kind: "netrc",
    reason: "netrc: machine logins and passwords",
    class: "credential",
    match: (_p, base) => base === ".netrc" || base === "_netrc",
  },
  {
    kind: "pypirc",
    reason: "pypirc: PyPI upload credentials",
    class: "credential",
    match: (_p, base) => base === ".pypirc",
  },
  {
    kind: "pip-config",
    reason: "pip config: index URLs with credentials",
    class: "credential",
    match: (p) => p === "pip.conf" || p.endsWith("/pip.conf") || p.endsWith(".pip/pip.conf"),
  },
  {
    kind: "git-credentials",
    reason: "git credential store: plaintext logins",
    class: "credential",
    match: (_p, base) => base === ".git-credentials",
  },
  {
    kind: "docker-config",
    reason: "Docker client config: registry logins (`auths`)",
    class: "credential",
    match: (p, base) => p === ".docker/config.json" || p.endsWith("/.docker/config.json") || base === ".dockercfg",
  },
  {
    kind: "kubeconfig",
    reason: "kubeconfig: cluster credentials (tokens, client keys)",
    class: "key",
    match: (p, base) => p === ".kube/config" || p.endsWith("/.kube/config") || base === "kubeconfig" || lower(base).endsWith(".kubeconfig"),
  },
  {
    kind: "terraform-state",
    reason: "Terraform state: resource attributes in plaintext, passwords and keys included",
    class: "credential",
    match: (_p, base) => endsWithAny(base, [".tfstate", ".tfstate.backup"]),
  },
  {
    kind: "terraform-variables",
    reason: "Terraform variables file: often holds provider credentials",
    class: "credential",
    match: (_p, base) => endsWithAny(base, [".tfvars", ".tfvars.json"]),
  },
  {
    kind: "terraform-cli-config",
    reason: "Terraform CLI config: registry and cloud API tokens",
    class: "credential",
    match: (_p, base) => base === ".terraformrc" || base === "terraform.rc" || base === "credentials.tfrc.json",
  },
  {
    kind: "appsettings",
    reason: "appsettings with secrets (connection strings, keys)",
    class: "credential",
    match: (_p, base) => /^appsettings(?:\..+)?\.json$/i.test(base),
    confirm: appsettingsHasSecrets,
  },
  {
    kind: "secrets-file",
    reason: "file named as a secrets store",
    class: "credential",
    match: (_p, base) =>
      /^secrets?(?:\.[A-Za-z0-9_-]+)?\.(?:json|ya?ml|toml|ini|env|txt|conf|cfg|properties|xml)$/i.test(base) ||
      lower(base).endsWith(".secret") ||
      lower(base).endsWith(".secrets"),
    // Encrypted stores (SOPS, sealed secrets) are meant to be shipped.
    confirm: (head) => !/(?:^|\n)sops:|"sops"\s*:|ENC\[AES256_GCM|kind:\s*SealedSecret/.test(head),
  },
  {
    kind: "pgpass",
    reason: "PostgreSQL password file",
    class: "credential",
    match: (_p, base) => base === ".pgpass",
  },
  {
    kind: "mysql-config",
    reason: "MySQL client config: stored password",
    class: "credential",
    match: (_p, base) => base === ".my.cnf" || base === ".mylogin.cnf",
  },
  {
    kind: "htpasswd",
    reason: "htpasswd: password hashes",
    class: "credential",
    match: (_p, base) => base === ".htpasswd",
  },
  {
    kind: "vault-token",
    reason: "Vault token",
    class: "key",
    match: (_p, base) => base === ".vault-token",
  },
  {
    kind: "package-registry-credentials",
    reason: "package registry credentials (RubyGems, Cargo, Composer, Maven)",
    class: "credential",
    match: (p) =>
      p === ".gem/credentials" ||
      p.endsWith("/.gem/credentials") ||
      /(?:^|\/)\.cargo\/credentials(?:\.toml)?$/.test(p) ||
      /(?:^|\/)\.composer\/auth\.json$/.test(p) ||
      /(?:^|\/)\.m2\/settings(?:-security)?\.xml$/.test(p),
  },
];

/** The entry a path matches (first wins), or undefined. `isDir` selects directory entries only for directories. */
export function sensitiveByName(path: string, isDir: boolean): SensitiveName | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return SENSITIVE_NAMES.find((e) => Boolean(e.directory) === isDir && e.match(path, base));
}

/** A dotenv file's values, counted: how many, and how many under a secret-shaped name. */
export function describeDotenv(text: string): string {
  let values = 0;
  let secretNamed = 0;
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m || m[2]!.trim() === "" || m[2]!.trim() === '""' || m[2]!.trim() === "''") continue;
    values++;
    if (isSecretName(m[1]!)) secretNamed++;
  }
  if (values === 0) return "dotenv file (no values)";
  return `dotenv file with ${values} value${values === 1 ? "" : "s"}${secretNamed ? ` (${secretNamed} under a secret-shaped name)` : ""}`;
}
