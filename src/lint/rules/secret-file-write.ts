import type { Scope } from "../../findings/types.js";
import type { LintRuleMeta } from "../types.js";
import { carriedNote, hostOnly, SECRETS_DOCS } from "./common.js";

/** A RUN that writes a secret into a file that stays in its layer. */
export const secretFileWrite: LintRuleMeta = {
  id: "secret-file-write",
  title: "Secret written into a file of the image",
  kind: "generic-secret",
  remediation:
    "Mount the secret as the config file the tool reads (RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci), or write and remove it in the same RUN.",
  docs: SECRETS_DOCS,
  examples: {
    bad: [
      { dockerfile: 'FROM node:18\nARG NPM_TOKEN\nRUN npm set "//npm.pkg.example.com/:_authToken=$NPM_TOKEN"\n', line: 3, scope: "final" },
      {
        dockerfile:
          'FROM node:18\nRUN --mount=type=secret,id=npm_token \\\n    npm set "//npm.pkg.example.com/:_authToken=$(cat /run/secrets/npm_token)"\n',
        line: 2,
        scope: "final",
      },
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=key cp /run/secrets/key /root/key\n", line: 2, scope: "final" },
      { dockerfile: "FROM alpine\nARG GIT_TOKEN\nRUN git clone https://x:${GIT_TOKEN}@git.example.com/app.git\n", line: 3, scope: "final" },
      { dockerfile: "FROM alpine AS build\nARG NPM_TOKEN\nRUN echo $NPM_TOKEN > /root/.npmrc\nFROM alpine\nCOPY --from=build /root/.npmrc /root/\n", line: 3, scope: "final" },
      { dockerfile: "FROM alpine AS build\nARG NPM_TOKEN\nRUN echo $NPM_TOKEN > /root/.npmrc\nFROM alpine\nCOPY --from=build /app /app\n", line: 3, scope: "host" },
    ],
    good: [
      { dockerfile: "FROM alpine\nARG NPM_TOKEN\nRUN echo $NPM_TOKEN > /root/.npmrc && npm ci && rm /root/.npmrc\n", why: "created and removed in the same RUN" },
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=x cat /run/secrets/x > /dev/null\n", why: "/dev/null is no file of the image" },
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n", why: "the secret is mounted, never written" },
    ],
  },
};

export interface SecretFileWriteParams {
  /** Who writes it, in words (`npm set`, `echo … >`, `cp`). */
  tool: string;
  /** What is written, in words (`the value of ARG NPM_TOKEN`, `the secret npm_token (from its mount)`). */
  what: string;
  path: string;
  stage: string;
  /** The secret came from a mount (the message says so). */
  fromMount?: string;
  carriedBy?: number[];
}

export function secretFileWriteMessage(p: SecretFileWriteParams, scope: Scope): string {
  const head = p.fromMount
    ? `the secret ${p.fromMount} is read from its mount and written by ${p.tool} into ${p.path}`
    : `${p.tool} writes ${p.what} into ${p.path}`;
  if (scope === "host") return `${head} in ${hostOnly(p.stage, ", and nothing copies the file on")}`;
  return `${head}, which stays in the layer${carriedNote(scope, p.carriedBy ?? [])}`;
}
