import type { LintRuleMeta } from "../types.js";
import { SECRETS_DOCS } from "./common.js";

/** A mount target written with `~`: BuildKit does not expand it, the secret lands under a literal `/~/`. */
export const secretMountTilde: LintRuleMeta = {
  id: "secret-mount-tilde",
  title: "Mount target with ~",
  kind: "dockerfile-mount-tilde",
  remediation: "Write the mount target as an absolute path (target=/root/.ssh/id_rsa); ~ is not expanded in --mount options.",
  docs: SECRETS_DOCS,
  examples: {
    bad: [
      {
        dockerfile: "FROM debian\nRUN --mount=type=secret,id=id_rsa,dst=~/.ssh/id_rsa \\\n    curl --key ~/ssh/id_rsa https://files.example.invalid/\n",
        line: 2,
        scope: "bug",
      },
    ],
    good: [{ dockerfile: "FROM debian\nRUN --mount=type=secret,id=id_rsa,dst=/root/.ssh/id_rsa ssh-add /root/.ssh/id_rsa\n", why: "absolute target" }],
  },
};

export interface SecretMountTildeParams {
  target: string;
  /** A `~/…` path the command reads that is not the mount target, when there is one. */
  reads?: string;
}

export function secretMountTildeMessage(p: SecretMountTildeParams): string {
  const head = `mount target ${p.target}: ~ is not expanded in a mount target (the secret appears at /${p.target.replace(/^\/?/, "")}, not in the home directory)`;
  return p.reads ? `${head}, and the command reads ${p.reads}, which is not the mounted path` : head;
}
