import type { Scope } from "../../findings/types.js";
import type { LintRuleMeta } from "../types.js";
import { carriedNote, hostOnly, SECRETS_DOCS } from "./common.js";

/** A credential written literally in an instruction. */
export const literalSecret: LintRuleMeta = {
  id: "literal-secret",
  title: "Credential written in the Dockerfile",
  kind: "generic-secret",
  remediation: "Rotate the credential, remove it from the Dockerfile (and its git history), and pass it with a secret mount at build time.",
  docs: SECRETS_DOCS,
  examples: {
    bad: [
      { dockerfile: "FROM debian\nRUN echo 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 > /secret.txt\n", line: 2, scope: "final" },
      {
        dockerfile: 'FROM node:18\nRUN npm set "//npm.pkg.example.com/:_authToken=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"\n',
        line: 2,
        scope: "final",
      },
      { dockerfile: "FROM alpine\nCOPY <<EOF /app/.env\nSTRIPE_KEY=sk_live_REAscXV4vpetpGJDHOzkXlfC\nEOF\n", line: 2, scope: "final" },
    ],
    good: [
      { dockerfile: "FROM debian\nRUN echo ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", why: "a placeholder" },
      { dockerfile: "FROM debian\nRUN echo secret > secret.txt && rm secret.txt\n", why: "the word secret is not a credential" },
    ],
  },
};

export interface LiteralSecretParams {
  /** The secret's kind (`github-token`). */
  kind: string;
  instruction: string;
  stage: string;
  /** Where the build puts it: the history, the config, or a file. */
  where: "history" | "config" | "file" | "onbuild";
  path?: string;
  carriedBy?: number[];
}

export function literalSecretMessage(p: LiteralSecretParams, scope: Scope): string {
  const what = `${p.kind} written literally in the Dockerfile`;
  if (scope === "host") return `${what}, in ${hostOnly(p.stage)}`;
  switch (p.where) {
    case "history":
      return `${what}: in the history (docker history shows the ${p.instruction}) and wherever the command puts it`;
    case "config":
      return `${what}: in the image config (${p.instruction})`;
    case "onbuild":
      return `${what}: in the image config's ONBUILD triggers, run by every build FROM this image`;
    case "file":
      return `${what}: ${p.instruction} writes it to ${p.path ?? "a file"}, which stays in the layer${carriedNote(scope, p.carriedBy ?? [])}`;
  }
}
