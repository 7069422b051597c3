import type { SecretRule } from "../../types.js";
import { randomBody } from "../vcs/helpers.js";

/**
 * Anaconda.org (conda channel) API tokens, known by their name (`ANACONDA_API_TOKEN`,
 * `BINSTAR_API_TOKEN`) or given to `anaconda -t/--token`. The token has no fixed shape.
 */
export const anacondaToken: SecretRule = {
  id: "anaconda-api-token",
  kind: "anaconda-api-token",
  title: "Anaconda.org API token",
  severity: "high",
  confidence: "medium",
  keywords: ["anaconda", "binstar"],
  pattern:
    /(?:(?<![A-Za-z0-9])(?<name>[A-Za-z0-9_.-]{0,40}?(?:anaconda|binstar)[_.-]?(?:api[_.-]?|upload[_.-]?)?token)\\?["']?\s*(?:=|:)\s*\\?["']?|\b(?:anaconda|binstar)\s+(?:-t|--token)[=\s]\s*["']?)(?<secret>[A-Za-z0-9_-]{20,80})(?![A-Za-z0-9_-])/i,
  priority: 10,
  check: randomBody(0, 3.5),
  remediation: "Remove the token (anaconda.org → Settings → Access → the token → Remove, or anaconda auth --remove NAME) and create a new one.",
  docs: "https://www.anaconda.com/docs/tools/anaconda-org/user-guide/tasks/work-with-accounts",
  examples: {
    match: [
      { text: "ANACONDA_API_TOKEN=1rYlq9_-9VzZcc4AoIwcwB3V_IAHU9", secret: "1rYlq9_-9VzZcc4AoIwcwB3V_IAHU9" },
      { text: "RUN anaconda -t RMR_Bvnsijqi3SE2jm9ccIGYCkT5Pp upload dist/*.tar.bz2", secret: "RMR_Bvnsijqi3SE2jm9ccIGYCkT5Pp" },
      { text: "  BINSTAR_API_TOKEN: 'TFzbzBWsFbt0_7W2yCh-XSfM44rGBp'", secret: "TFzbzBWsFbt0_7W2yCh-XSfM44rGBp" },
      { text: '{"anaconda_token": "1rYlq9_-9VzZcc4AoIwcwB3V_IAHU9"}', secret: "1rYlq9_-9VzZcc4AoIwcwB3V_IAHU9" },
      { text: "anaconda --token=RMR_Bvnsijqi3SE2jm9ccIGYCkT5Pp upload --user acme pkg.conda", secret: "RMR_Bvnsijqi3SE2jm9ccIGYCkT5Pp" },
    ],
    noMatch: [
      { text: "ANACONDA_API_TOKEN=${ANACONDA_API_TOKEN}", why: "variable reference" },
      { text: "ANACONDA_API_TOKEN=your-anaconda-token-here", why: "template words" },
      { text: "ANACONDA_API_TOKEN environment-variable-must-be-set", why: "prose, not an assignment" },
      { text: "ANACONDA_CHANNEL=conda-forge-nightly-builds", why: "not the token" },
      { text: "ANACONDA_API_TOKEN=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", why: "filler" },
    ],
  },
};
