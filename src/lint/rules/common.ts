/** Phrases the rules' messages share. */

import type { Scope } from "../../findings/types.js";

/** What a host-only leak means, in the words every host-scope message ends with. */
export const HOST_NOTE = "it stays on the build host (intermediate images, build cache)";

/** `stage 'builder', which does not reach the final image: it stays on the build host (…)`, with `also` before the colon. */
export function hostOnly(stage: string, also = ""): string {
  return `stage '${stage}', which does not reach the final image${also}: ${HOST_NOTE}`;
}

/** Docker's documentation on build secrets, which most remediations point to. */
export const SECRETS_DOCS = "https://docs.docker.com/build/building/secrets/";

/** Lines that carry a file on into the final image (`COPY --from` on line 12), or "". */
export function carriedNote(scope: Scope, carriedBy: readonly number[]): string {
  if (scope !== "final" || carriedBy.length === 0) return "";
  const lines = carriedBy.map(String).join(", ");
  return `; COPY --from on line${carriedBy.length > 1 ? "s" : ""} ${lines} carries it into the final image`;
}
