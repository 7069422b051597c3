import type { Scope } from "../../findings/types.js";
import type { LintRuleMeta } from "../types.js";
import { hostOnly } from "./common.js";

/** An ENV whose value is a secret: it is in the image config and every container's environment. */
export const secretEnv: LintRuleMeta = {
  id: "secret-env",
  title: "Secret in ENV",
  kind: "generic-secret",
  remediation:
    "Rotate the value; give runtime secrets from the orchestrator (docker run --env-file, Kubernetes secrets) and build-time ones with a secret mount, never with ENV.",
  docs: "https://docs.docker.com/reference/dockerfile/#env",
  examples: {
    bad: [
      { dockerfile: "FROM alpine\nENV STRIPE_API_KEY=sk_live_REAscXV4vpetpGJDHOzkXlfC\n", line: 2, scope: "final" },
      { dockerfile: "FROM alpine\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\n", line: 3, scope: "final" },
      { dockerfile: "FROM alpine AS base\nENV DB_PASSWORD=Zq8vLmN3xT1\nFROM alpine\n", line: 2, scope: "host" },
    ],
    good: [
      { dockerfile: "FROM alpine\nENV DB_PASSWORD_FILE=/run/secrets/db\n", why: "a path to a secret" },
      { dockerfile: "FROM alpine\nENV NODE_ENV=production\n", why: "not a secret" },
      { dockerfile: "FROM alpine\nENV API_TOKEN=changeme\n", why: "a placeholder" },
    ],
  },
};

export interface SecretEnvParams {
  name: string;
  stage: string;
  /** The secret ARG/ENV it takes its value from. */
  from?: { origin: "ARG" | "ENV"; name: string };
}

export function secretEnvMessage(p: SecretEnvParams, scope: Scope): string {
  const what = p.from ? `ENV ${p.name} takes the value of secret ${p.from.origin} ${p.from.name}` : `secret value in ENV ${p.name}`;
  if (scope === "host") return `${what} in ${hostOnly(p.stage)}`;
  return `${what}: in the image config and every container's environment`;
}
