import type { LintRuleMeta } from "../types.js";
import { SECRETS_DOCS } from "./common.js";

/** A mounted secret printed into the build log, which CI systems keep. */
export const secretPrinted: LintRuleMeta = {
  id: "secret-printed",
  title: "Secret printed into the build log",
  kind: "generic-secret",
  remediation: "Do not print the secret: pass it to the command that needs it (a pipe, a file argument), redirect output to /dev/null, and do not use set -x around it.",
  docs: SECRETS_DOCS,
  examples: {
    bad: [
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=mysecret cat /run/secrets/mysecret\n", line: 2, scope: "log" },
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=t,env=TOKEN set -x && ./login --token $TOKEN\n", line: 2, scope: "log" },
    ],
    good: [
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=mysecret cat /run/secrets/mysecret > /dev/null\n", why: "output discarded" },
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=t cat /run/secrets/t | ./login --password-stdin\n", why: "piped into the command that needs it" },
    ],
  },
};

export interface SecretPrintedParams {
  /** What prints it: `cat`, `echo`, `set -x`, … */
  how: string;
  /** The secret ids or variables printed. */
  secrets: string[];
  /** Another RUN printed it already (`same: …`). */
  again?: boolean;
}

export function secretPrintedMessage(p: SecretPrintedParams): string {
  const what = p.secrets.length === 1 ? `the secret ${p.secrets[0]}` : `the secrets ${p.secrets.join(", ")}`;
  if (p.how === "set -x") return `set -x traces the command with ${what} expanded into the build log (CI logs keep it)`;
  if (p.again) return `same: ${p.how} prints ${what} into the build log (CI logs keep it)`;
  return `${p.how} prints ${what} into the build log (CI logs keep it); the mount itself is right`;
}
