import type { Scope } from "../../findings/types.js";
import type { LintRuleMeta } from "../types.js";
import { hostOnly } from "./common.js";

/** A LABEL whose value is a secret: `docker inspect` shows it to anyone who pulls the image. */
export const secretLabel: LintRuleMeta = {
  id: "secret-label",
  title: "Secret in LABEL",
  kind: "generic-secret",
  remediation: "Rotate the value and remove it from the LABEL; labels are public metadata.",
  docs: "https://docs.docker.com/reference/dockerfile/#label",
  examples: {
    bad: [{ dockerfile: "FROM alpine\nLABEL deploy.token=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\n", line: 2, scope: "final" }],
    good: [{ dockerfile: "FROM alpine\nLABEL org.opencontainers.image.title=shop\n", why: "not a secret" }],
  },
};

export interface SecretLabelParams {
  name: string;
  stage: string;
  from?: { origin: "ARG" | "ENV"; name: string };
}

export function secretLabelMessage(p: SecretLabelParams, scope: Scope): string {
  const what = p.from ? `LABEL ${p.name} takes the value of secret ${p.from.origin} ${p.from.name}` : `secret value in LABEL ${p.name}`;
  if (scope === "host") return `${what} in ${hostOnly(p.stage)}`;
  return `${what}: in the image config (docker inspect shows it)`;
}
