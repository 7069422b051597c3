import type { SecretRule } from "../../types.js";
import { isRandomLooking } from "./helpers.js";

const T1 =
  "ATATT3xFfGF0o6_x8RdhqvB5aD_KXMh79tIZOGVMPeq4WhGMv0dXSz4PkUL699_jOKX-Vgh6K1-TD_jT0_sBFz5yA5L1c4gkHYeGCi94Zr82BPwLkZxZc632R32N23Qk7eaPN2oPjcuTFDACH9nptpSt1J_SQU42jQ5NDeQBnPTs0nUyPzNU=FDEB5E50";
const T2 =
  "ATATT3xFfGF0vqIeHNLd9yy90LywvC2GyJ_nF-0O2-5hbQn_aMD1RWIa9YFXdPFnGdOJRAu-JPne5sHgzWqswi2kEI3RRPzmV2CfHb7fqKqF0qlhP9lJ13a0RXPYgRJH99RuJV3nADi42LXFUJ7KM7dcKiRUf1xnDoflCMDmpbGU4p1sTe7N=3081ABC2";
const T3 =
  "ATATT3xFfGF0mPjumZUAGFvMbxVzpwLrYSLuRhwbZhmlh6RZMbbCzhYLT6SdrrNqhVMGKKwEuGq7Sr8z6yLUd8qQzbLFxxuRe5xPJdtpnG4YOvcrdmCAELF9uIvKi_Qd_nBdw194tv6-5n4WMWGVHI7kKgvo_lld9-el-4l60QABdW_nTvuv=83D21491";

/**
 * Atlassian API tokens (Jira, Confluence, Bitbucket Cloud; since 2023): `ATATT3xFfGF0`, a long
 * base64url body, `=` and 8 hex characters. Atlassian documents no checksum for the tail.
 */
export const atlassianApiToken: SecretRule = {
  id: "atlassian-api-token",
  kind: "atlassian-api-token",
  title: "Atlassian API token",
  severity: "critical",
  confidence: "high",
  keywords: ["ATATT3"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>ATATT3xFfGF0(?<body>[A-Za-z0-9_-]{100,250})=[0-9A-Fa-f]{8})(?![A-Za-z0-9_=-])/,
  priority: 10,
  check: (hit, groups) => (isRandomLooking(groups.body ?? "", 4) ? hit : undefined),
  remediation: "Revoke the token at id.atlassian.com → Security → API tokens and review the site's audit log.",
  docs: "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/",
  examples: {
    match: [
      { text: `JIRA_API_TOKEN=${T1}`, secret: T1 },
      { text: `confluence:\n  token: "${T2}"`, secret: T2 },
      { text: `curl -u dev@example.com:${T3} https://example.atlassian.net/rest/api/3/myself`, secret: T3 },
      { text: `{"password": "${T1}"}`, secret: T1 },
      { text: `https://dev%40example.com:${T2}@api.bitbucket.org/2.0/repositories`, secret: T2 },
    ],
    noMatch: [
      { text: "jira_token = ATATT3xFfGF0...B1F03", why: "elided (documentation)" },
      { text: `JIRA_API_TOKEN=${T1.slice(0, -1)}`, why: "seven hex characters at the end" },
      { text: `JIRA_API_TOKEN=${T1.replace("=", "")}`, why: "no = before the tail" },
      { text: `JIRA_API_TOKEN=ATATT3xFfGF0${"x".repeat(170)}=00000000`, why: "mask" },
      { text: "JIRA_API_TOKEN=ATATT3xFfGF0<your-token>", why: "template" },
    ],
  },
};
