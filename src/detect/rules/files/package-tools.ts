import type { SecretRule } from "../../types.js";
import { fileValue } from "./values.js";

const COMPOSER_SECTIONS = "http-basic|github-oauth|gitlab-oauth|gitlab-token|bitbucket-oauth|bearer|forgejo-token|custom-headers";

/**
 * Composer's `auth.json` (`~/.composer/auth.json`, `~/.config/composer/auth.json`, or beside
 * composer.json): http-basic passwords and the per-host tokens of github-oauth, gitlab-token,
 * bearer… Usernames and consumer keys are not secrets.
 */
export const composerAuthSecret: SecretRule = {
  id: "composer-auth-secret",
  kind: "composer-auth-secret",
  title: "Credential in Composer auth.json",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)auth\.json$/,
  // A string member after one of Composer's auth sections (containers' auth.json has none).
  pattern: new RegExp(String.raw`"(?<name>[^"\\\r\n]{1,256})"\s*:\s*"(?<secret>[^"\\\r\n]{1,2048})"(?<=(?:"(?:${COMPOSER_SECTIONS})"[\s\S]{0,4096}))`),
  priority: 20,
  check: (hit) => {
    const name = hit.name ?? "";
    const secretName = /^(?:password|token|consumer-secret|access-token)$/.test(name) || (/\./.test(name) && !/^https?:/.test(hit.secret));
    return secretName ? fileValue(hit) : undefined;
  },
  remediation: "Revoke the token or password at the repository host, and give Composer its credentials through COMPOSER_AUTH from a secret mount at build time.",
  docs: "https://getcomposer.org/doc/articles/authentication-for-private-packages.md",
  examples: {
    match: [
      { text: '{\n  "http-basic": {\n    "repo.example.com": {\n      "username": "deploy",\n      "password": "Xq7vR2pLm9tK4wZ8"\n    }\n  }\n}', secret: "Xq7vR2pLm9tK4wZ8", path: "/root/.composer/auth.json" },
      { text: '{"github-oauth": {"github.com": "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"}}', secret: "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", path: "/root/.config/composer/auth.json" },
      { text: '{"gitlab-token": {"gitlab.example.com": "glpat-Zx8Yw7Vu6Ts5Rq4Po3Nm"}}', secret: "glpat-Zx8Yw7Vu6Ts5Rq4Po3Nm", path: "/app/auth.json" },
      { text: '{"bitbucket-oauth": {"bitbucket.org": {"consumer-key": "abc", "consumer-secret": "Zq9wE3rT5yU7iO1pA2sD"}}}', secret: "Zq9wE3rT5yU7iO1pA2sD", path: "/var/www/auth.json" },
      { text: '{"bearer": {"packages.example.org": "bt_9f8e7d6c5b4a39281706"}}', secret: "bt_9f8e7d6c5b4a39281706", path: "/root/.composer/auth.json" },
    ],
    noMatch: [
      { text: '{"http-basic": {"repo.example.com": {"username": "deploy", "password": "<password>"}}}', why: "placeholder", path: "/root/.composer/auth.json" },
      { text: '{"http-basic": {"repo.example.com": {"username": "deploy"}}}', why: "username only", path: "/root/.composer/auth.json" },
      { text: '{"auths": {"docker.io": {"auth": "ZGVwbG95OlhxN3ZSMnBMbTl0SzR3Wjg="}}}', why: "a containers auth.json (reported as docker-config-auth)", path: "/root/.config/containers/auth.json" },
      { text: '{"github-oauth": {"github.com": "Xq7vR2pLm9tK4wZ8dNfPq3sY"}}', why: "not an auth.json", path: "/app/composer.lock" },
      { text: '{"github-oauth": {}}', why: "empty section", path: "/root/.composer/auth.json" },
    ],
  },
};

/** RubyGems credentials (`~/.gem/credentials`): `:rubygems_api_key:` and per-host keys such as GitHub Packages' `Bearer` tokens. */
export const gemCredentials: SecretRule = {
  id: "gem-credentials",
  kind: "gem-credentials",
  title: "API key in ~/.gem/credentials",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)\.(?:gem|local\/share\/gem)\/credentials$/,
  pattern: /^[ \t]*(?<name>:?[A-Za-z0-9_]{1,64}_api_key|https?:\/\/[^\s]{1,256}?)[ \t]*:[ \t]+["']?(?:Bearer[ \t]+)?(?<secret>[^\s"']{8,1024})/m,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Revoke the API key on rubygems.org (Settings → API keys) or the package host, and supply it at publish time through a secret mount or GEM_HOST_API_KEY.",
  docs: "https://guides.rubygems.org/api-key-scopes/",
  examples: {
    match: [
      { text: "---\n:rubygems_api_key: rubygems_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978\n", secret: "rubygems_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978", path: "/root/.gem/credentials" },
      { text: "---\n:rubygems_api_key: 5f4dcc3b5aa765d61d8327deb882cf99\n", secret: "5f4dcc3b5aa765d61d8327deb882cf99", path: "/home/u/.gem/credentials" },
      { text: "---\nhttps://rubygems.pkg.github.com/acme: Bearer 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\n", secret: "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", path: "/root/.gem/credentials" },
      { text: "---\n:internal_api_key: 'Xq7vR2pLm9tK4wZ8'\n", secret: "Xq7vR2pLm9tK4wZ8", path: "/root/.local/share/gem/credentials" },
      { text: "---\nhttp://gems.internal:9292: Zq9wE3rT5yU7iO1pA2sD\n", secret: "Zq9wE3rT5yU7iO1pA2sD", path: "/root/.gem/credentials" },
    ],
    noMatch: [
      { text: "---\n:rubygems_api_key: <your api key>\n", why: "placeholder", path: "/root/.gem/credentials" },
      { text: "---\n:rubygems_api_key: ${GEM_HOST_API_KEY}\n", why: "reference", path: "/root/.gem/credentials" },
      { text: "---\n:rubygems_api_key:\n", why: "empty", path: "/root/.gem/credentials" },
      { text: "---\n:rubygems_api_key: 5f4dcc3b5aa765d61d8327deb882cf99\n", why: "not the credentials file", path: "/root/.gemrc" },
      { text: "---\n:backtrace: false\n:verbose: true\n", why: "gem settings, no key", path: "/root/.gem/credentials" },
    ],
  },
};

/** Registry tokens in Cargo's credentials (`~/.cargo/credentials.toml`): `token` under `[registry]` or `[registries.NAME]`. */
export const cargoCredentialsToken: SecretRule = {
  id: "cargo-credentials-token",
  kind: "cargo-credentials-token",
  title: "Registry token in Cargo credentials",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)\.?cargo\/credentials(?:\.toml)?$/,
  pattern: /^[ \t]*(?<name>token|secret-key)[ \t]*=[ \t]*(?<secret>"[^"\r\n]{1,1024}"|'[^'\r\n]{1,1024}')/m,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Revoke the token on crates.io (Account settings → API tokens) or the private registry, and pass it at publish time as CARGO_REGISTRY_TOKEN from a secret.",
  docs: "https://doc.rust-lang.org/cargo/reference/config.html#credentials",
  examples: {
    match: [
      { text: '[registry]\ntoken = "cioXq7vR2pLm9tK4wZ8dNfPq3sYtGhJkLa1"\n', secret: "cioXq7vR2pLm9tK4wZ8dNfPq3sYtGhJkLa1", path: "/root/.cargo/credentials.toml" },
      { text: '[registries.internal]\ntoken = "Bearer Zq9wE3rT5yU7iO1pA2sD"\n', secret: "Bearer Zq9wE3rT5yU7iO1pA2sD", path: "/usr/local/cargo/credentials" },
      { text: "[registry]\ntoken='abc123def456ghi789'\n", secret: "abc123def456ghi789", path: "/home/u/.cargo/credentials" },
      { text: '[registries.kellnr]\r\ntoken = "kellnr-Xq7vR2pLm9tK4wZ8"\r\n', secret: "kellnr-Xq7vR2pLm9tK4wZ8", path: "/root/.cargo/credentials.toml" },
      { text: '[registries.corp]\nsecret-key = "k3.secret.Xq7vR2pLm9tK4wZ8dNfPq3sYtGhJkLa"\n', secret: "k3.secret.Xq7vR2pLm9tK4wZ8dNfPq3sYtGhJkLa", path: "/root/.cargo/credentials.toml" },
    ],
    noMatch: [
      { text: '[registry]\ntoken = ""\n', why: "empty", path: "/root/.cargo/credentials.toml" },
      { text: '[registry]\ntoken = "<token>"\n', why: "placeholder", path: "/root/.cargo/credentials.toml" },
      { text: '[registry]\ncredential-provider = "cargo:token"\n', why: "a credential provider, no token", path: "/root/.cargo/credentials.toml" },
      { text: '[registry]\ntoken = "Xq7vR2pLm9tK4wZ8dNfPq3sYtGhJkLa1"\n', why: "not the credentials file (reported as generic-credential)", path: "/app/Cargo.toml" },
      { text: '[registry]\n# token = "Xq7vR2pLm9tK4wZ8dNfPq3sYtGhJkLa1"\n', why: "comment (reported as generic-credential)", path: "/root/.cargo/credentials.toml" },
    ],
  },
};

/** Terraform CLI credentials for HCP Terraform / registries (`.terraformrc`, `terraform.rc`, `credentials.tfrc.json`). */
export const terraformCliToken: SecretRule = {
  id: "terraform-cli-token",
  kind: "terraform-cli-token",
  title: "Terraform CLI API token",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)(?:\.terraformrc|terraform\.rc|credentials\.tfrc\.json)$/,
  pattern: /(?<name>token)"?[ \t]*[=:][ \t]*"(?<secret>[^"\r\n]{8,1024})"/,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Revoke the token in HCP Terraform / Terraform Enterprise (User or Team settings → Tokens) and supply it at run time through TF_TOKEN_<host> from a secret.",
  docs: "https://developer.hashicorp.com/terraform/cli/config/config-file#credentials",
  examples: {
    match: [
      { text: '{\n  "credentials": {\n    "app.terraform.io": {\n      "token": "Xq7vR2pLm9tK4w.atlasv1.Z8dNfPq3sYtGhJkLa1b2c3d4e5f6g7h8i9j0"\n    }\n  }\n}', secret: "Xq7vR2pLm9tK4w.atlasv1.Z8dNfPq3sYtGhJkLa1b2c3d4e5f6g7h8i9j0", path: "/root/.terraform.d/credentials.tfrc.json" },
      { text: 'credentials "app.terraform.io" {\n  token = "Zq9wE3rT5yU7iO.atlasv1.pA2sDfGhJkLzXcVbNm"\n}\n', secret: "Zq9wE3rT5yU7iO.atlasv1.pA2sDfGhJkLzXcVbNm", path: "/root/.terraformrc" },
      { text: 'credentials "tfe.corp.example" {\n  token = "corp-tfe-token-123456"\n}\n', secret: "corp-tfe-token-123456", path: "/home/u/.terraformrc" },
      { text: 'credentials "app.terraform.io" { token = "abcdefgh12345678" }', secret: "abcdefgh12345678", path: "/app/terraform.rc" },
      { text: '{"credentials":{"registry.example.com":{"token":"reg_Xq7vR2pLm9tK4wZ8"}}}', secret: "reg_Xq7vR2pLm9tK4wZ8", path: "/root/.terraform.d/credentials.tfrc.json" },
    ],
    noMatch: [
      { text: 'credentials "app.terraform.io" {\n  token = "${TFE_TOKEN}"\n}\n', why: "reference", path: "/root/.terraformrc" },
      { text: 'credentials "app.terraform.io" {\n  token = "<your token>"\n}\n', why: "placeholder", path: "/root/.terraformrc" },
      { text: 'plugin_cache_dir = "$HOME/.terraform.d/plugin-cache"\n', why: "no credentials", path: "/root/.terraformrc" },
      { text: 'credentials "app.terraform.io" {\n  token = "Zq9wE3rT5yU7iO.atlasv1.pA2sDfGhJkLzXcVbNm"\n}\n', why: "not a CLI config (reported as generic-credential)", path: "/app/main.tf" },
      { text: '{"credentials":{"app.terraform.io":{"token":"short"}}}', why: "too short to be a token", path: "/root/.terraform.d/credentials.tfrc.json" },
    ],
  },
};

/** The GitHub CLI's stored OAuth token (`~/.config/gh/hosts.yml`). */
export const ghCliOauthToken: SecretRule = {
  id: "gh-cli-oauth-token",
  kind: "gh-cli-oauth-token",
  title: "GitHub CLI OAuth token",
  severity: "critical",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)gh\/hosts\.ya?ml$/,
  pattern: /^[ \t]*(?<name>oauth_token)[ \t]*:[ \t]*["']?(?<secret>[^\s"'#]{8,512})/m,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Revoke the token (gh auth logout, or GitHub Settings → Applications → GitHub CLI) and give builds a short-lived token through a secret mount.",
  docs: "https://cli.github.com/manual/gh_auth_logout",
  examples: {
    match: [
      { text: "github.com:\n    oauth_token: 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\n    user: ci-bot\n    git_protocol: https\n", secret: "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", path: "/root/.config/gh/hosts.yml" },
      { text: "ghe.corp.example:\n  oauth_token: 0123456789abcdef0123456789abcdef01234567\n", secret: "0123456789abcdef0123456789abcdef01234567", path: "/home/u/.config/gh/hosts.yml" },
      { text: "github.com:\n  users:\n    ci:\n      oauth_token: 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\n", secret: "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", path: "/root/.config/gh/hosts.yml" },
      { text: "github.com:\n    oauth_token: 'Xq7vR2pLm9tK4wZ8dNfP'\n", secret: "Xq7vR2pLm9tK4wZ8dNfP", path: "/root/.config/gh/hosts.yaml" },
      { text: "github.com:\r\n    oauth_token: \"Zq9wE3rT5yU7iO1pA2sD\"\r\n", secret: "Zq9wE3rT5yU7iO1pA2sD", path: "/app/.config/gh/hosts.yml" },
    ],
    noMatch: [
      { text: "github.com:\n    user: ci-bot\n    git_protocol: https\n", why: "token kept in the keyring", path: "/root/.config/gh/hosts.yml" },
      { text: "github.com:\n    oauth_token: ${GH_TOKEN}\n", why: "reference", path: "/root/.config/gh/hosts.yml" },
      { text: "github.com:\n    oauth_token: <token>\n", why: "placeholder", path: "/root/.config/gh/hosts.yml" },
      { text: "github.com:\n    oauth_token: Xq7vR2pLm9tK4wZ8dNfP\n", why: "not the gh config (reported as generic-credential)", path: "/app/config.yml" },
      { text: "github.com:\n    oauth_token: xxxxxxxxxxxxxxxx\n", why: "mask", path: "/root/.config/gh/hosts.yml" },
    ],
  },
};
