import type { Scope } from "../../findings/types.js";
import type { LintRuleMeta } from "../types.js";
import { carriedNote, hostOnly } from "./common.js";

/** COPY/ADD takes a sensitive file from the build context into a stage. */
export const sensitiveFileCopy: LintRuleMeta = {
  id: "sensitive-file-copy",
  title: "Sensitive file copied from the build context",
  kind: "sensitive-file",
  remediation:
    "Exclude the file in .dockerignore (or <Dockerfile>.dockerignore) and pass what the build needs with a secret mount (RUN --mount=type=secret,id=…,target=…).",
  docs: "https://docs.docker.com/build/concepts/context/#dockerignore-files",
  examples: {
    bad: [
      { dockerfile: "FROM python:3.9\nCOPY .netrc /root\nRUN pip install app\n", line: 2, scope: "final" },
      { dockerfile: "FROM ubuntu AS intermediate\nCOPY secret/id_rsa /tmp/\nRUN scp -i /tmp/id_rsa b@h:f .\nFROM ubuntu\nCOPY --from=intermediate /app .\n", line: 2, scope: "host" },
    ],
    good: [
      { dockerfile: "FROM python:3.9\nCOPY requirements.txt /app/\n", why: "not a sensitive file" },
      { dockerfile: "FROM alpine\nCOPY .env.example /app/.env\n", why: "an example file" },
    ],
  },
};

export interface SensitiveFileCopyParams {
  /** The instruction, shortened (`COPY . .`). */
  instruction: string;
  /** Context path (relative) or source as written. */
  path: string;
  /** Why it is sensitive, in words. */
  reason: string;
  /** Where it lands in the image. */
  dest: string;
  stage: string;
  /** .gitignore excludes it but .dockerignore does not. */
  gitignoreOnly?: boolean;
  carriedBy?: number[];
}

export function sensitiveFileCopyMessage(p: SensitiveFileCopyParams, scope: Scope): string {
  const head = `${p.instruction} copies ${p.path} (${p.reason}) from the build context`;
  const git = p.gitignoreOnly ? " (.gitignore excludes it, but .gitignore does not apply to docker builds)" : "";
  if (scope === "host") return `${head}${git} into ${hostOnly(p.stage)}`;
  return `${head}${git} into the image at ${p.dest}${carriedNote(scope, p.carriedBy ?? [])}`;
}
