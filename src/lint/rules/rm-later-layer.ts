import type { Scope } from "../../findings/types.js";
import type { LintRuleMeta } from "../types.js";
import { hostOnly, SECRETS_DOCS } from "./common.js";

/** `RUN rm` of a secret file an earlier instruction put into the image: the earlier layer still holds it. */
export const rmLaterLayer: LintRuleMeta = {
  id: "rm-later-layer",
  title: "Secret file removed in a later layer",
  kind: "generic-secret",
  remediation:
    "Never put the file into a layer: mount it for the one RUN that needs it (RUN --mount=type=secret,id=…,target=PATH), or create, use and remove it in the same RUN.",
  docs: SECRETS_DOCS,
  examples: {
    bad: [
      { dockerfile: "FROM debian\nRUN echo 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 > secret.txt\nRUN rm secret.txt\n", line: 3, scope: "final" },
      { dockerfile: "FROM python:3.9\nCOPY .netrc /root\nRUN pip install\nRUN rm /root/.netrc\n", line: 4, scope: "final" },
    ],
    good: [{ dockerfile: "FROM debian\nRUN echo secret > secret.txt && rm secret.txt\n", why: "created and removed in the same RUN" }],
  },
};

export interface RmLaterLayerParams {
  path: string;
  /** The instruction that put it into the image. */
  addedBy: { line: number; instruction: string };
  stage: string;
}

export function rmLaterLayerMessage(p: RmLaterLayerParams, scope: Scope): string {
  const head = `rm in a later layer does not remove ${p.path} from the image: the layer ${p.addedBy.instruction} on line ${p.addedBy.line} made still holds it`;
  if (scope === "host") return `${head}, in ${hostOnly(p.stage)}`;
  return head;
}
