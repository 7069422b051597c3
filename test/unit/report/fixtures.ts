/**
 * Hand-made results that use every kind of place a finding can be (each file status, inner
 * archives, a .git store, history, config, Dockerfile lines, context files), held-back and
 * suppressed findings, a failed target: the inputs of the reporters' golden files.
 */

import { Secret } from "../../../src/detect/redact.js";
import type { Finding, ScanResult } from "../../../src/findings/types.js";

/** Made-up values shaped like the real kinds (none is a live credential). */
export const VALUES = {
  aws: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq3kLpV8sT",
  github: "ghp_" + "4vQx8LmZ2kTfR9wYbN3cJ6hUaP1sDe7GqK0o",
  stripe: "sk_live_" + "51HqZ8kLmN2pQrStUvWxYz0aBcDeFgHi",
  jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzaG9wIn0.Qm9yaW5nU2lnbmF0dXJlVmFsdWVYeXo",
  password: "Tr0ub4dor&3-horse",
  testKey: "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n",
  npm: "npm_" + "Hc8Qw2Lr5Tz9Yb3Nf6Jd1Kg4Xs7Pm0Vu2Ae",
  dbPassword: "Zq8vLmN3xT1pW",
};

const AWS_DOCS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console";
const SECRETS_DOCS = "https://docs.docker.com/build/building/secrets/";

function finding(f: Omit<Finding, "secret"> & { value: string }): Finding {
  const { value, ...rest } = f;
  return { ...rest, secret: new Secret(value) };
}

const IMAGE = "docker-archive:app.tar";
const DIGEST = "sha256:5f2c1e0b9a8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180716253443526170f1";
const L1 = { index: 1, digest: "sha256:1111111111111111111111111111111111111111111111111111111111111111", createdBy: "COPY credentials /root/.aws/credentials # buildkit" };
const L2 = { index: 2, digest: "sha256:2222222222222222222222222222222222222222222222222222222222222222", createdBy: "COPY . /app # buildkit" };
const L3 = { index: 3, digest: "sha256:3333333333333333333333333333333333333333333333333333333333333333", createdBy: "RUN rm -f /root/.aws/credentials # buildkit" };
const L4 = { index: 4, digest: "sha256:4444444444444444444444444444444444444444444444444444444444444444", createdBy: "COPY app.conf /etc/app.conf # buildkit" };

/** An image scan: every file status, an archive, a .git store, history, config, a held-back key; and a target that failed. */
export function scanResult(): ScanResult {
  return {
    version: 1,
    targets: [
      { target: IMAGE, digest: DIGEST, tags: ["shop:1.4"], layers: 5, warnings: [`layer 4: the history line mentions ${VALUES.stripe} (kept for the test of scrubbing)`] },
      { target: "oci:broken-layout", warnings: [], error: "not an OCI image layout: index.json is missing" },
    ],
    findings: [
      finding({
        rule: "aws-secret-access-key",
        kind: "aws-secret-access-key",
        title: "AWS secret access key",
        severity: "critical",
        confidence: "high",
        fingerprint: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        value: VALUES.aws,
        name: "aws_secret_access_key",
        remediation: "Deactivate and delete the access key in IAM, create a new one, and review CloudTrail for its use.",
        docs: AWS_DOCS,
        locations: [
          { target: IMAGE, status: "deleted", path: "/root/.aws/credentials", layer: L1, removedBy: L3, name: "aws_secret_access_key", dockerfile: { file: "Dockerfile", line: 4, column: 1, stage: "app" } },
          { target: IMAGE, status: "history", history: { index: 3, createdBy: `RUN echo ${VALUES.aws} | aws configure set aws_secret_access_key /dev/stdin` } },
        ],
      }),
      finding({
        rule: "github-personal-access-token",
        kind: "github-personal-access-token",
        title: "GitHub personal access token",
        severity: "critical",
        confidence: "high",
        fingerprint: "1b2c3d4e5f60718293a4b5c6d7e8f90a",
        value: VALUES.github,
        remediation: "Delete the token in GitHub and review the account's security log.",
        docs: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation",
        locations: [
          {
            target: IMAGE,
            status: "present",
            path: "/app/.git",
            layer: L2,
            git: { commits: ["3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39", "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807"], path: "config/settings.json", inHead: false },
          },
        ],
      }),
      finding({
        rule: "stripe-secret-key",
        kind: "stripe-secret-key",
        title: "Stripe secret API key",
        severity: "high",
        confidence: "high",
        fingerprint: "2c3d4e5f60718293a4b5c6d7e8f90a1b",
        value: VALUES.stripe,
        name: "STRIPE_API_KEY",
        remediation: "Roll the key in the Stripe dashboard and review the request log.",
        docs: "https://docs.stripe.com/keys#rolling-keys",
        locations: [
          { target: IMAGE, status: "history", name: "STRIPE_API_KEY", history: { index: 5, createdBy: `ENV STRIPE_API_KEY=${VALUES.stripe}` }, dockerfile: { file: "Dockerfile", line: 9, stage: "app" } },
          { target: IMAGE, status: "config", name: "STRIPE_API_KEY", config: { field: "Env", key: "STRIPE_API_KEY" }, dockerfile: { file: "Dockerfile", line: 9, stage: "app" } },
        ],
      }),
      finding({
        rule: "jwt",
        kind: "json-web-token",
        title: "JSON Web Token",
        severity: "high",
        confidence: "medium",
        fingerprint: "3d4e5f60718293a4b5c6d7e8f90a1b2c",
        value: VALUES.jwt,
        name: "shop.api.token",
        remediation: "Revoke the token where it was issued and rotate its signing key if it is long-lived.",
        docs: "https://datatracker.ietf.org/doc/html/rfc7519",
        locations: [{ target: IMAGE, status: "present", path: "/srv/shop.war", inner: ["WEB-INF/lib/app.jar", "BOOT-INF/classes/application.properties"], layer: L2, name: "shop.api.token" }],
      }),
      finding({
        rule: "generic-password",
        kind: "password",
        title: "Password in a configuration file",
        severity: "medium",
        confidence: "medium",
        fingerprint: "4e5f60718293a4b5c6d7e8f90a1b2c3d",
        value: VALUES.password,
        name: "password",
        remediation: "Change the password and read it from a secret store at run time.",
        locations: [{ target: IMAGE, status: "overwritten", path: "/etc/app.conf", layer: L2, removedBy: L4, name: "password" }],
      }),
      finding({
        rule: "private-key",
        kind: "rsa-private-key",
        title: "RSA private key",
        severity: "high",
        confidence: "low",
        fingerprint: "5f60718293a4b5c6d7e8f90a1b2c3d4e",
        value: VALUES.testKey,
        heldBack: "in a package's test suite (/usr/lib/python3/test/)",
        remediation: "Revoke the key's certificates and replace the key.",
        locations: [{ target: IMAGE, status: "present", path: "/usr/lib/python3/test/keycert.pem", layer: L1 }],
      }),
    ],
    suppressed: { allowed: 1, disabled: 2, baselined: 3 },
  };
}

/** A lint of one Dockerfile: every scope, columns and stages, a context file it copies. */
export function lintResult(): ScanResult {
  const T = "api/Dockerfile";
  return {
    version: 1,
    targets: [{ target: T, warnings: [] }],
    findings: [
      finding({
        rule: "secret-arg-value",
        kind: "npm-access-token",
        title: "Secret passed as a build argument",
        severity: "critical",
        confidence: "high",
        scope: "final",
        fingerprint: "60718293a4b5c6d7e8f90a1b2c3d4e5f",
        value: VALUES.npm,
        name: "NPM_TOKEN",
        message: `build arg NPM_TOKEN holds an npm token; RUN on line 3 writes it into the image history (|1 NPM_TOKEN=${VALUES.npm} …)`,
        remediation: "Pass the secret with a secret mount instead of --build-arg.",
        docs: SECRETS_DOCS,
        locations: [
          { target: T, status: "dockerfile", dockerfile: { file: T, line: 2, column: 1, stage: "0" }, instruction: "ARG", name: "NPM_TOKEN" },
          { target: T, status: "dockerfile", dockerfile: { file: T, line: 3, column: 1, stage: "0" }, instruction: "RUN" },
        ],
      }),
      finding({
        rule: "sensitive-file-copy",
        kind: "dotenv",
        title: "Sensitive file copied into the image",
        severity: "high",
        confidence: "high",
        scope: "final",
        fingerprint: "718293a4b5c6d7e8f90a1b2c3d4e5f60",
        value: VALUES.dbPassword,
        name: "DB_PASSWORD",
        message: ".env is copied into the image by COPY . . on line 4; add .env to .dockerignore",
        remediation: "Keep it out of the build context with .dockerignore.",
        docs: SECRETS_DOCS,
        locations: [
          { target: T, status: "dockerfile", dockerfile: { file: T, line: 4, column: 1, stage: "0" }, instruction: "COPY" },
          { target: T, status: "context", path: ".env", name: "DB_PASSWORD", copiedBy: [{ file: T, line: 4, column: 1, stage: "0" }] },
        ],
      }),
      finding({
        rule: "secret-arg-name",
        kind: "generic-secret",
        title: "Secret-named build argument",
        severity: "low",
        confidence: "medium",
        scope: "host",
        fingerprint: "8293a4b5c6d7e8f90a1b2c3d4e5f6071",
        value: `dockerfile:${T}:7:secret-arg-name`,
        name: "API_TOKEN",
        message: "ARG API_TOKEN in stage 'build', which does not reach the final image: it stays on the build host (intermediate images, build cache)",
        remediation: "Pass the secret with a secret mount instead of --build-arg.",
        docs: SECRETS_DOCS,
        locations: [{ target: T, status: "dockerfile", dockerfile: { file: T, line: 7, column: 1, stage: "build" }, instruction: "ARG", name: "API_TOKEN" }],
      }),
      finding({
        rule: "secret-mount-missing",
        kind: "dockerfile-secret-not-passed",
        title: "Secret mount the build does not provide",
        severity: "medium",
        confidence: "high",
        scope: "bug",
        fingerprint: "93a4b5c6d7e8f90a1b2c3d4e5f607182",
        value: `dockerfile:${T}:8:secret-mount-missing`,
        message: "secret id npm is not passed by the build command (it passes aws)",
        remediation: "Pass it: docker build --secret id=npm,src=…",
        docs: SECRETS_DOCS,
        locations: [{ target: T, status: "dockerfile", dockerfile: { file: T, line: 8, column: 1, stage: "build" }, instruction: "RUN" }],
      }),
      finding({
        rule: "secret-printed",
        kind: "generic-secret",
        title: "Secret printed into the build log",
        severity: "low",
        confidence: "medium",
        scope: "log",
        fingerprint: "a4b5c6d7e8f90a1b2c3d4e5f60718293",
        value: `dockerfile:${T}:9:secret-printed`,
        message: "RUN on line 9 prints the secret npm into the build log",
        remediation: "Do not echo secrets; build logs are kept.",
        docs: SECRETS_DOCS,
        locations: [{ target: T, status: "dockerfile", dockerfile: { file: T, line: 9, column: 3, stage: "build" }, instruction: "RUN" }],
      }),
    ],
  };
}

/** A build context: a copied secret file, a sent-only sensitive file with no value, notes. */
export function contextResult(): ScanResult {
  const T = "context:.";
  return {
    version: 1,
    targets: [{ target: T, warnings: ["there is no .dockerignore: all 14 files are sent to the builder; create one with these lines: .env, id_rsa"] }],
    findings: [
      finding({
        rule: "github-personal-access-token",
        kind: "github-personal-access-token",
        title: "GitHub personal access token",
        severity: "critical",
        confidence: "high",
        scope: "final",
        fingerprint: "b5c6d7e8f90a1b2c3d4e5f60718293a4",
        value: VALUES.github,
        name: "GITHUB_TOKEN",
        message: "conf/.env (dotenv file) is copied into the image by Dockerfile:3 (COPY into stage 1, /conf/); there is no .dockerignore: create one with `conf/.env` in it",
        remediation: "Delete the token in GitHub and review the account's security log.",
        docs: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation",
        locations: [{ target: T, status: "context", path: "conf/.env", name: "GITHUB_TOKEN", copiedBy: [{ file: "Dockerfile", line: 3, column: 1, stage: "1" }] }],
      }),
      finding({
        rule: "sensitive-file",
        kind: "ssh-private-key-file",
        title: "Sensitive file in the build context",
        severity: "low",
        confidence: "high",
        scope: "host",
        fingerprint: "c6d7e8f90a1b2c3d4e5f60718293a4b5",
        value: "context:id_rsa",
        message: "id_rsa (an SSH private key file) is sent to the builder, not copied by any COPY/ADD; there is no .dockerignore: create one with `id_rsa` in it",
        remediation: "Keep it out of the build context: add `id_rsa` to .dockerignore.",
        locations: [{ target: T, status: "context", path: "id_rsa" }],
      }),
    ],
  };
}

/** Every raw secret value of the fixtures, for leak checks (the stand-in `dockerfile:`/`context:` values are no secret). */
export function secretValues(): string[] {
  return Object.values(VALUES);
}
