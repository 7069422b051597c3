import type { LintRuleMeta } from "../types.js";
import { SECRETS_DOCS } from "./common.js";

/** A RUN mounts a secret id the given build command does not pass. */
export const secretNotPassed: LintRuleMeta = {
  id: "secret-not-passed",
  title: "Secret id not passed by the build",
  kind: "dockerfile-secret-not-passed",
  remediation: "Pass the secret to the build: docker build --secret id=ID,src=FILE (or env=VAR).",
  docs: SECRETS_DOCS,
  examples: {
    bad: [{ dockerfile: "FROM alpine\nRUN --mount=type=secret,id=npm_token ./build\n", secrets: ["npmtoken"], line: 2, scope: "bug" }],
    good: [
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=npm_token ./build\n", secrets: ["npm_token"], why: "passed" },
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=npm_token ./build\n", why: "no build command given: nothing to compare" },
    ],
  },
};

export interface SecretNotPassedParams {
  id: string;
  required: boolean;
  passed: string[];
}

export function secretNotPassedMessage(p: SecretNotPassedParams): string {
  const effect = p.required ? "the build fails" : "the mount is missing and the command runs without it";
  const given = p.passed.length ? ` (it passes ${p.passed.join(", ")})` : "";
  return `secret id ${p.id} is not passed by the build command${given}: ${effect}`;
}
