import type { LintRuleMeta } from "../types.js";
import { SECRETS_DOCS } from "./common.js";

/** A command reads a secret file that no mount of its RUN provides. */
export const secretMountMissing: LintRuleMeta = {
  id: "secret-mount-missing",
  title: "Secret file read but not mounted",
  kind: "dockerfile-secret-mount-missing",
  remediation: "Mount the secret the command reads (RUN --mount=type=secret,id=NAME cat /run/secrets/NAME), with the same id or target.",
  docs: SECRETS_DOCS,
  examples: {
    bad: [
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=mysecret cat /run/secrets/mysecre > /dev/null\n", line: 2, scope: "bug" },
      { dockerfile: "FROM alpine\nRUN ./deploy --token-file /run/secrets/token\n", line: 2, scope: "bug" },
    ],
    good: [
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=mysecret ./use /run/secrets/mysecret\n", why: "mounted where it is read" },
      { dockerfile: "FROM alpine\nRUN --mount=type=secret,id=a,target=/run/secrets/b ./use /run/secrets/b\n", why: "the target names the path" },
    ],
  },
};

export interface SecretMountMissingParams {
  path: string;
  /** Paths the RUN's secret mounts provide. */
  provided: string[];
}

export function secretMountMissingMessage(p: SecretMountMissingParams): string {
  if (p.provided.length === 0) return `reads ${p.path} but this RUN mounts no secret: the file does not exist during the build`;
  const nearest = nearestOf(p.path, p.provided);
  return `reads ${p.path} but the mount provides ${nearest}`;
}

/** The candidate with the smallest edit distance to `s`. */
export function nearestOf(s: string, candidates: readonly string[]): string {
  let best = candidates[0] ?? "";
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(s, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (a.length > 512 || b.length > 512) return Math.abs(a.length - b.length) + (a === b ? 0 : 1);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
