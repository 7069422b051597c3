import type { LintRuleMeta } from "../types.js";
import { SECRETS_DOCS } from "./common.js";

/** A secret mounted with `required=false` but read as if it were always there. */
export const secretMountOptional: LintRuleMeta = {
  id: "secret-mount-optional",
  title: "Optional secret used unconditionally",
  kind: "dockerfile-secret-optional",
  remediation: "Mark the mount required (required=true) so a build without the secret fails at once, or test for the file before reading it.",
  docs: SECRETS_DOCS,
  examples: {
    bad: [{ dockerfile: "FROM alpine\nRUN --mount=type=secret,id=tok,required=false ./login $(cat /run/secrets/tok)\n", line: 2, scope: "bug" }],
    good: [
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=tok,required=false if [ -f /run/secrets/tok ]; then ./login; fi\n", why: "tested first" },
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=tok,required=true ./login $(cat /run/secrets/tok)\n", why: "required" },
    ],
  },
};

export interface SecretMountOptionalParams {
  id: string;
  path: string;
}

export function secretMountOptionalMessage(p: SecretMountOptionalParams): string {
  return `secret ${p.id} is mounted with required=false, but the command reads ${p.path} unconditionally: without the secret the build goes on with an empty or missing file`;
}
