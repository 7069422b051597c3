import type { SecretRule } from "../../types.js";
import { randomBody } from "./helpers.js";

const T1 = "eyJ0eXAiOiAiVENWMiJ9.iyne9VDt-XNSgdfuz4dpjHLUDZCLmDY-WuRv.LZlWHEBrevFpnFX9Zt5zMc9gfsLKk-25i1Fplz1oIU8tCGcaCAenJXduXGYmp_lP";
const T2 = "eyJ0eXAiOiAiVENWMiJ9.dx_Rl7jZctCzkUFfP2sF52LDAdHMagGO1Hv3.BT6HwbS2Z3azvP5twxAqRyOgj-zScw3da0bzDSMUlBSzb9uJ3nnVa4QFtDIEMRYb";

/** TeamCity access tokens: a JWT-like `{"typ": "TCV2"}` header, a token id and a secret part. */
export const teamcityAccessToken: SecretRule = {
  id: "teamcity-access-token",
  kind: "teamcity-access-token",
  title: "TeamCity access token",
  severity: "high",
  confidence: "high",
  keywords: ["eyJ0eXAiOiAiVENWMiJ9"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{20,80}\.[A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => randomBody(hit.secret.lastIndexOf(".") + 1, 4)(hit),
  remediation: "Delete the token (the user's Profile → Access Tokens → Delete) and create a new one with a shorter expiry.",
  docs: "https://www.jetbrains.com/help/teamcity/configuring-your-user-profile.html#Managing+Access+Tokens",
  examples: {
    match: [
      { text: `TEAMCITY_TOKEN=${T1}`, secret: T1 },
      { text: `curl -H "Authorization: Bearer ${T2}" https://tc.example.com/app/rest/builds`, secret: T2 },
      { text: `  token: '${T1}'`, secret: T1 },
      { text: `{"teamcity":{"token":"${T2}"}}`, secret: T2 },
      { text: `|1 TC_TOKEN=${T1} /bin/sh -c ./fetch-artifacts.sh`, secret: T1 },
    ],
    noMatch: [
      { text: "TEAMCITY_TOKEN=eyJ0eXAiOiAiVENWMiJ9.xxxx.yyyy", why: "parts too short" },
      { text: `TEAMCITY_TOKEN=${T1.slice(0, T1.lastIndexOf("."))}`, why: "no secret part" },
      { text: "TEAMCITY_TOKEN=eyJ0eXAiOiAiVENWMiJ9.iyne9VDt-XNSgdfuz4dpjHLUDZCLmDY-WuRv.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", why: "filler secret part" },
      { text: "TEAMCITY_TOKEN=eyJ0eXAiOiJKV1QifQ.iyne9VDt-XNSgdfuz4dpjHLUDZCLmDY-WuRv.LZlWHEBrevFpnFX9Zt5zMc9gfsLKk-25i1Fplz1oIU8t", why: "another JWT type" },
      { text: "TEAMCITY_TOKEN=<token>", why: "template" },
    ],
  },
};
