/**
 * Which programs read which credential config file: the RUN commands that need a config file a
 * fix takes out of the image, so that they get it (mounted, or written and removed) instead.
 */

import { posix } from "node:path";

interface ConfigFile {
  /** In words, for messages. */
  what: string;
  match(path: string, home: string): boolean;
  readers: ReadonlySet<string>;
}

const NPM = ["npm", "npx", "yarn", "pnpm", "corepack", "node-gyp"];
const PIP = ["pip", "pip3", "python", "python3", "pipenv", "poetry", "uv"];
const GIT_USERS = ["git", "go", "cargo", "bundle", "bundler", "composer", ...NPM, ...PIP];

const base = (p: string) => posix.basename(p);

const FILES: readonly ConfigFile[] = [
  { what: "npm config", match: (p) => base(p) === ".npmrc" || p === "/usr/local/etc/npmrc" || p.endsWith("/etc/npmrc"), readers: new Set(NPM) },
  { what: "Yarn config", match: (p) => base(p) === ".yarnrc" || base(p) === ".yarnrc.yml", readers: new Set(["yarn"]) },
  { what: "pip config", match: (p) => base(p) === "pip.conf", readers: new Set(PIP) },
  { what: "netrc", match: (p) => base(p) === ".netrc" || base(p) === "_netrc", readers: new Set([...PIP, "curl", "wget", "git", "ftp"]) },
  { what: "PyPI credentials", match: (p) => base(p) === ".pypirc", readers: new Set(["twine", "python", "python3", "poetry", "flit"]) },
  {
    what: "git config",
    match: (p) => base(p) === ".gitconfig" || base(p) === ".git-credentials" || p.endsWith("/.git/config") || p === "/etc/gitconfig",
    readers: new Set(GIT_USERS),
  },
  { what: "AWS credentials", match: (p) => /\/\.aws\/(?:credentials|config)$/.test(p), readers: new Set(["aws", "terraform", "sam", "cdk", "eksctl"]) },
  { what: "Docker client config", match: (p) => p.endsWith("/.docker/config.json"), readers: new Set(["docker", "crane", "skopeo", "buildah", "podman", "oras", "helm"]) },
  { what: "Composer auth", match: (p) => base(p) === "auth.json" && /composer/.test(p), readers: new Set(["composer"]) },
  { what: "Bundler config", match: (p) => p.endsWith("/.bundle/config"), readers: new Set(["bundle", "bundler", "gem"]) },
  { what: "Poetry auth", match: (p) => p.endsWith("/pypoetry/auth.toml"), readers: new Set(["poetry"]) },
  { what: "Cargo credentials", match: (p) => /\/\.cargo\/credentials(?:\.toml)?$/.test(p), readers: new Set(["cargo"]) },
  { what: "kubeconfig", match: (p) => p.endsWith("/.kube/config"), readers: new Set(["kubectl", "helm"]) },
  { what: "Helm config", match: (p) => p.includes("/.config/helm/"), readers: new Set(["helm"]) },
  { what: "gem sources", match: (p) => base(p) === ".gemrc", readers: new Set(["gem", "bundle"]) },
  { what: "NuGet config", match: (p) => base(p) === "NuGet.Config", readers: new Set(["dotnet", "nuget"]) },
];

/** The credential config file at an absolute path, when fix knows who reads it. */
export function configFile(path: string, home: string): { what: string; readers: ReadonlySet<string> } | undefined {
  return FILES.find((f) => f.match(path, home));
}

/** Whether a command (its program and words) reads the config file. `python -m pip` counts as pip. */
export function reads(file: { readers: ReadonlySet<string> }, program: string, words: readonly string[]): boolean {
  if (!file.readers.has(program)) return false;
  if (program === "python" || program === "python3") {
    const m = words.indexOf("-m");
    return m >= 0 && file.readers.has(words[m + 1] ?? "");
  }
  return true;
}
