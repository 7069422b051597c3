import type { Scope } from "../../findings/types.js";
import type { LintRuleMeta } from "../types.js";
import { HOST_NOTE, SECRETS_DOCS } from "./common.js";

/** An ARG whose value (its default, or the --build-arg given) is a secret that lands in the image history. */
export const secretArgValue: LintRuleMeta = {
  id: "secret-arg-value",
  title: "Secret build argument value in the image history",
  kind: "generic-secret",
  remediation:
    "Rotate the value; pass it with a secret mount (RUN --mount=type=secret,id=…) instead of ARG/--build-arg, and never give a secret as an ARG default.",
  docs: SECRETS_DOCS,
  examples: {
    bad: [
      {
        dockerfile: "FROM python:3\nARG PIP_EXTRA_INDEX_URL\nRUN pip install --extra-index-url $PIP_EXTRA_INDEX_URL app\n",
        buildArgs: { PIP_EXTRA_INDEX_URL: "https://deploy:Qm9vZ2llV29vZ2llMTIz@pypi.example.com/simple/" },
        line: 2,
        scope: "final",
      },
      { dockerfile: "FROM alpine\nARG DB_PASSWORD=Zq8vLmN3xT1\nRUN ./migrate\n", line: 2, scope: "final" },
    ],
    good: [
      {
        dockerfile: "FROM python:3\nARG PIP_INDEX_URL\nRUN pip install app\n",
        buildArgs: { PIP_INDEX_URL: "https://pypi.example.com/simple/" },
        why: "a URL without credentials",
      },
      { dockerfile: "FROM alpine\nARG DB_PASSWORD_FILE=/run/secrets/db\nRUN ./migrate\n", why: "a path to a secret is not the secret" },
    ],
  },
};

export interface SecretArgValueParams {
  name: string;
  stage: string;
  source: "default" | "build-arg";
  /** What the value holds, in words (`url-password`, `a secret by its name`). */
  holds: string;
  recordedBy?: number;
}

export function secretArgValueMessage(p: SecretArgValueParams, scope: Scope): string {
  const what =
    p.source === "build-arg"
      ? `given the build args, the value of ${p.name} holds credentials (${p.holds})`
      : `ARG ${p.name} has a secret default value (${p.holds}) written in the Dockerfile`;
  if (scope === "host") return `${what}; stage '${p.stage}' does not reach the final image: ${HOST_NOTE}`;
  if (p.recordedBy !== undefined) return `${what} and goes into the history (RUN on line ${p.recordedBy} records it as |N ${p.name}=…)`;
  return `${what}; the legacy builder records it in the history entry of the ARG instruction`;
}
