import type { Scope } from "../../findings/types.js";
import type { LintRuleMeta } from "../types.js";
import { SECRETS_DOCS } from "./common.js";

/** A secret-named ARG whose value, when the build passes one, is written into the history by the RUNs in its scope. */
export const secretArgName: LintRuleMeta = {
  id: "secret-arg-name",
  title: "Secret-named build argument",
  kind: "generic-secret",
  buildkitCheck: "SecretsUsedInArgOrEnv",
  remediation:
    "Pass the secret with a secret mount instead of --build-arg: RUN --mount=type=secret,id=NAME,env=NAME … and docker build --secret id=NAME,env=NAME.",
  docs: SECRETS_DOCS,
  examples: {
    bad: [
      { dockerfile: "FROM alpine\nARG MY_SECRET\nRUN echo $MY_SECRET > /secret.txt\n", line: 2, scope: "final" },
      { dockerfile: "FROM alpine\nARG NPM_TOKEN\nRUN echo building\n", line: 2, scope: "final" },
      { dockerfile: "FROM alpine AS build\nARG API_TOKEN\nRUN make\nFROM alpine\nCOPY --from=build /out /out\n", line: 2, scope: "host" },
    ],
    good: [
      { dockerfile: "FROM alpine\nARG MY_SECRET\nCOPY . .\n", why: "no RUN after it: a value is never recorded" },
      { dockerfile: "FROM alpine\nARG PUBLIC_KEY_URL\nRUN echo $PUBLIC_KEY_URL\n", why: "a public key URL is not a secret" },
      { dockerfile: "ARG GITHUB_TOKEN\nFROM alpine\nRUN echo hi\n", why: "a global ARG is in scope in a stage only where the stage redeclares it" },
      { dockerfile: "FROM alpine\nARG NPM_TOKEN\nRUN echo hi\n", buildArgs: { NPM_TOKEN: "changeme" }, why: "the value given is a placeholder" },
    ],
  },
};

export interface SecretArgNameParams {
  name: string;
  stage: string;
  /** First RUN in scope that uses it. */
  usedBy?: number;
  /** First RUN in scope (records it whether or not it uses it). */
  recordedBy?: number;
  /** ENV/LABEL line that copies its value into the config. */
  configBy?: { line: number; instruction: string; name: string };
}

export function secretArgNameMessage(p: SecretArgNameParams, scope: Scope): string {
  if (scope === "host") {
    return `${p.name} is used only in stage '${p.stage}', which does not reach the final image: it leaks to the build host only (a value passed with --build-arg stays in intermediate images and the build cache)`;
  }
  if (p.configBy) {
    return `secret-named ARG ${p.name} is copied by ${p.configBy.instruction} ${p.configBy.name} on line ${p.configBy.line}: a value passed with --build-arg goes into the image config`;
  }
  const history = `a value passed with --build-arg goes into the image history (|N ${p.name}=…)`;
  if (p.usedBy !== undefined) return `secret-named ARG ${p.name} is used by RUN on line ${p.usedBy}: ${history}`;
  return `secret-named ARG ${p.name} is in scope of RUN on line ${p.recordedBy ?? "?"}: ${history}, whether or not the command uses it`;
}
