import { isPlaceholder } from "../../placeholders.js";
import type { SecretRule } from "../../types.js";

/** Docker CLI config and the containers-auth files of podman, buildah and skopeo (same `auths` format). */
export const DOCKER_CONFIG_PATH = /(?:^|\/)(?:\.docker\/config\.json|\.dockercfg|containers\/auth\.json)$/;

const DOCS = "https://docs.docker.com/reference/cli/docker/login/#credential-stores";

/** `user:password` from a base64 `auth` value, or undefined when it is not one (or the password is a stand-in). */
function decodeAuth(value: string): { user: string; password: string } | undefined {
  const text = Buffer.from(value, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 0 || !/^[\x20-\x7e]+$/.test(text)) return undefined;
  const user = text.slice(0, colon);
  const password = text.slice(colon + 1);
  if (password === "" || isPlaceholder(password) || isPlaceholder(user + password)) return undefined;
  return { user, password };
}

function b64(s: string): string {
  return Buffer.from(s).toString("base64");
}

const AUTH = b64("deploy:Xq7vR2pLm9tK4wZ8");
const ECR = b64("AWS:eyJwYXlsb2FkIjoiWDNrV2Jqc3lIaW5qUkJMcWs0b2hZd2ljbUd4VjBMRk5xSjNKMjdsclh3TnFoaDF5UkF6In0=");

/**
 * Registry credentials in a Docker config: `"auth": "<base64 user:password>"` under `auths`
 * (the decoded `user:password` is checked; the base64 value is reported, as it sits in the file).
 */
export const dockerConfigAuth: SecretRule = {
  id: "docker-config-auth",
  kind: "docker-config-auth",
  title: "Registry credentials in a Docker config (auths)",
  severity: "high",
  confidence: "high",
  keywords: ['"auth"'],
  pattern: /"(?<name>auth)"\s*:\s*"(?<secret>[A-Za-z0-9+/]{8,8192}={0,2})"/,
  reach: 8300,
  priority: 20,
  check: (hit, _g, ctx, line) => {
    // In a Docker config file anywhere in it; elsewhere (history, a kube secret) on a line that says `auths`.
    if (!(ctx.path && DOCKER_CONFIG_PATH.test(ctx.path)) && !line.includes('"auths"')) return undefined;
    return decodeAuth(hit.secret) ? hit : undefined;
  },
  remediation: "Log out and revoke the password or token on the registry (docker logout, then rotate), and give builds registry access through a credential helper or a secret mount of config.json.",
  docs: DOCS,
  examples: {
    match: [
      { text: `{\n  "auths": {\n    "registry.example.com": {\n      "auth": "${AUTH}"\n    }\n  }\n}`, secret: AUTH, path: "/root/.docker/config.json" },
      { text: `{"auths":{"123456789012.dkr.ecr.eu-west-1.amazonaws.com":{"auth":"${ECR}"}}}`, secret: ECR, path: "/kaniko/.docker/config.json" },
      { text: `RUN echo '{"auths":{"ghcr.io":{"auth":"${AUTH}"}}}' > /root/.docker/config.json`, secret: AUTH },
      { text: `.dockerconfigjson: '{"auths":{"quay.io":{"username":"x","auth":"${AUTH}"}}}'`, secret: AUTH, path: "/deploy/pull-secret.yaml" },
      { text: `{"auths": {"docker.io": {"auth": "${AUTH}"}}}`, secret: AUTH, path: "/run/containers/0/auth.json" },
      { text: `{"https://index.docker.io/v1/": {"auth": "${AUTH}", "email": "ci@example.com"}}`, secret: AUTH, path: "/root/.dockercfg" },
    ],
    noMatch: [
      { text: '{"auths": {"registry.example.com": {}}, "credsStore": "desktop"}', why: "credentials kept by a helper", path: "/root/.docker/config.json" },
      { text: '{"credHelpers": {"gcr.io": "gcloud"}}', why: "credential helpers only", path: "/root/.docker/config.json" },
      { text: `{"auths":{"r":{"auth":"${b64("deploy:<password>")}"}}}`, why: "placeholder password", path: "/root/.docker/config.json" },
      { text: `{"auths":{"r":{"auth":"${b64("justauser")}"}}}`, why: "not user:password", path: "/root/.docker/config.json" },
      { text: `{"oauth": {"auth": "${AUTH}"}}`, why: "an auth field outside any Docker config", path: "/app/settings.json" },
      { text: '{"auths":{"r":{"auth":""}}}', why: "empty", path: "/root/.docker/config.json" },
    ],
  },
};

/** Registry identity or refresh tokens in a Docker config (`identitytoken`, `registrytoken`). */
export const dockerConfigIdentityToken: SecretRule = {
  id: "docker-config-identity-token",
  kind: "docker-config-identity-token",
  title: "Registry identity token in a Docker config",
  severity: "high",
  confidence: "high",
  keywords: ['"identitytoken"', '"registrytoken"'],
  pattern: /"(?<name>identitytoken|registrytoken)"\s*:\s*"(?<secret>[^"\\\s]{8,8192})"/,
  priority: 20,
  check: (hit) => (isPlaceholder(hit.secret) ? undefined : hit),
  remediation: "Revoke the token at the registry or identity provider (log out, revoke the refresh token) and use a credential helper instead of tokens in config.json.",
  docs: DOCS,
  examples: {
    match: [
      { text: '{"auths":{"myregistry.azurecr.io":{"auth":"MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwOg==","identitytoken":"eyJhbGciOiJSUzI1NiJ9.eyJqdGkiOiIzZjJhIn0.c2lnbmF0dXJlLXBhcnQtaGVyZQ"}}}', secret: "eyJhbGciOiJSUzI1NiJ9.eyJqdGkiOiIzZjJhIn0.c2lnbmF0dXJlLXBhcnQtaGVyZQ", path: "/root/.docker/config.json" },
      { text: '      "identitytoken": "1//0gLq7vR2pLm9tK4wZ8-NdPq3sXyTfGhJkL"', secret: "1//0gLq7vR2pLm9tK4wZ8-NdPq3sXyTfGhJkL", path: "/root/.docker/config.json" },
      { text: '{"auths":{"r.example.com":{"registrytoken":"rt_8f2d1c0b9a7e6d5c4b3a"}}}', secret: "rt_8f2d1c0b9a7e6d5c4b3a" },
      { text: '"identitytoken":"b3Blbi1zZXNhbWUtdG9rZW4tOTk5"', secret: "b3Blbi1zZXNhbWUtdG9rZW4tOTk5", path: "/home/ci/.docker/config.json" },
      { text: 'printf \'{"auths":{"acr.io":{"identitytoken":"Zq9wE3rT5yU7iO1pA2sD"}}}\' > ~/.docker/config.json', secret: "Zq9wE3rT5yU7iO1pA2sD" },
    ],
    noMatch: [
      { text: '"identitytoken": ""', why: "empty" },
      { text: '"identitytoken": "<token>"', why: "placeholder" },
      { text: '"identitytoken": "${ACR_TOKEN}"', why: "reference" },
      { text: "identitytoken: the token issued by the registry", why: "prose" },
      { text: '"identitytoken": "xxxxxxxxxxxx"', why: "mask" },
    ],
  },
};
