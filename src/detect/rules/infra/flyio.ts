import type { SecretRule } from "../../types.js";
import { accept } from "../cloud/shared.js";

/**
 * Fly.io tokens: macaroon tokens (`fm2_…`, possibly several comma-separated, usually after
 * `FlyV1 `) and OAuth tokens (`fo1_`).
 */
export const flyioAccessToken: SecretRule = {
  id: "flyio-access-token",
  kind: "flyio-access-token",
  title: "Fly.io access token",
  severity: "critical",
  confidence: "high",
  keywords: ["fm2_", "fm1a_", "fm1r_", "fo1_"],
  pattern:
    /(?<![A-Za-z0-9_+/=-])(?<secret>fm(?:2|1[ar])_[A-Za-z0-9+/=_-]{64,4096}(?:,fm(?:2|1[ar])_[A-Za-z0-9+/=_-]{64,4096}){0,8}|fo1_[A-Za-z0-9_-]{43})(?![A-Za-z0-9+/=_-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(s.indexOf("_") + 1, s.indexOf("_") + 65), entropy: 4 }),
  remediation: "Revoke the token (fly tokens list, then fly tokens revoke ID) and give deploys a scoped deploy token passed as a build secret.",
  docs: "https://fly.io/docs/security/tokens/",
  examples: {
    match: [
      { text: "FLY_API_TOKEN=FlyV1 fm2_lJPEiLF7PvZqBqPN8kUK3lA+SmQAxOZtaat228n4+yzm7Ugos2cDEqIPmLhllqBGtaSXfWE9WqJdJjtGr7m5hpsAbZiuvMAX3TqIf8GCvWyFzeBItQPPWa2VLmU2gS65CriH0tSRqcCDpxwknNlKfJcC/eBrcStu62GW9HAf84GfHUS8FP2eZQ8SZ8V+9qBFpwV+9/cyPBsY,fm2_lJPEDfLf5HSYPOrFa4NdpL2JD9I1zdwaxVwL3c4Jf0TPS3Kx0DIA4P0achV6gfzZabqUsafA/sY/hFbWDHnGQJWZx7gObGiYa/nJuS9Uy+l8vNCJJj/IcKGsQbZ1Di3CRgIqIt3/R96ypq8H5c2nJ4/hGUEc+r/91FiiTLbV75jB3R63fLnMLnAPlQZwD+aOr1gmCyAXz/8D", secret: "fm2_lJPEiLF7PvZqBqPN8kUK3lA+SmQAxOZtaat228n4+yzm7Ugos2cDEqIPmLhllqBGtaSXfWE9WqJdJjtGr7m5hpsAbZiuvMAX3TqIf8GCvWyFzeBItQPPWa2VLmU2gS65CriH0tSRqcCDpxwknNlKfJcC/eBrcStu62GW9HAf84GfHUS8FP2eZQ8SZ8V+9qBFpwV+9/cyPBsY,fm2_lJPEDfLf5HSYPOrFa4NdpL2JD9I1zdwaxVwL3c4Jf0TPS3Kx0DIA4P0achV6gfzZabqUsafA/sY/hFbWDHnGQJWZx7gObGiYa/nJuS9Uy+l8vNCJJj/IcKGsQbZ1Di3CRgIqIt3/R96ypq8H5c2nJ4/hGUEc+r/91FiiTLbV75jB3R63fLnMLnAPlQZwD+aOr1gmCyAXz/8D" },
      { text: 'FLY_API_TOKEN="FlyV1 fm2_lJPEU8vWFVCgYi2FvcgWznyshyse6ZO8xgzjd6AGJIPa2jED3MynfB40gyk7hmqEeo4VanDOi60/IuuI9iWQ1U2muJUtct/VTPmy20Eu2m5wpG+idUrqJMcTIVPI,fm2_lJPE6a7Vf6iTcipWYmgWowD+tbR4zFhwtSbus+OLfGg1tOrQzKSOJB6MlDCzdOQ0RCIm5VvwHeSxAjualkUIiUfiegibXR9c7lWcIOJPYbd3HZ9OQyNAbj/h/NZ8"', secret: "fm2_lJPEU8vWFVCgYi2FvcgWznyshyse6ZO8xgzjd6AGJIPa2jED3MynfB40gyk7hmqEeo4VanDOi60/IuuI9iWQ1U2muJUtct/VTPmy20Eu2m5wpG+idUrqJMcTIVPI,fm2_lJPE6a7Vf6iTcipWYmgWowD+tbR4zFhwtSbus+OLfGg1tOrQzKSOJB6MlDCzdOQ0RCIm5VvwHeSxAjualkUIiUfiegibXR9c7lWcIOJPYbd3HZ9OQyNAbj/h/NZ8" },
      { text: "Authorization: Bearer fo1_-DJ8TLtfiY-NhbSH7PJf2Z1ZHPci_3uz4JzVWbJ0n_g", secret: "fo1_-DJ8TLtfiY-NhbSH7PJf2Z1ZHPci_3uz4JzVWbJ0n_g" },
      { text: "access_token: fo1_LMgrLB26p5V4w24LFq2PeX7zNAiKsUOEjVhqhohQexM\n", secret: "fo1_LMgrLB26p5V4w24LFq2PeX7zNAiKsUOEjVhqhohQexM" },
      { text: "flyctl deploy --access-token 'FlyV1 fm2_lJPEQw55UwGUdnIJc6Z5ZEpM5K84Kzhwd83gh+EiGRby5+/zg08a4WfbmfsAy/mWTcmhiphtt3dJJzznyQIL3TB9ijdeYLOSFXuzy7FfK9e6TChM4ATQesdWbt5BsntiIRSSnU0dgjsmI0c5KDfsi+Euw/TFD3YhL9wb,fm2_lJPE9frSE+hQ0AeGI+tLVJcCwxwVmW4Rg84U+R8wGI6REvfCWJqAzOSuPCc0QQTv23L167+pV3mW3fyNYvMGhGiZrGIp46IqYi1wtJcRqWPhwGrfDmzeH0IZIya/IyYLlg2sLKMnH+RGIJXXvqLVaJS+ivDdodRCpGyv'", secret: "fm2_lJPEQw55UwGUdnIJc6Z5ZEpM5K84Kzhwd83gh+EiGRby5+/zg08a4WfbmfsAy/mWTcmhiphtt3dJJzznyQIL3TB9ijdeYLOSFXuzy7FfK9e6TChM4ATQesdWbt5BsntiIRSSnU0dgjsmI0c5KDfsi+Euw/TFD3YhL9wb,fm2_lJPE9frSE+hQ0AeGI+tLVJcCwxwVmW4Rg84U+R8wGI6REvfCWJqAzOSuPCc0QQTv23L167+pV3mW3fyNYvMGhGiZrGIp46IqYi1wtJcRqWPhwGrfDmzeH0IZIya/IyYLlg2sLKMnH+RGIJXXvqLVaJS+ivDdodRCpGyv" },
    ],
    noMatch: [
      { text: "FLY_API_TOKEN=FlyV1 fm2_lJPECAAAAAAAAC7txBAz...", why: "elided documentation value" },
      { text: "FLY_API_TOKEN=fo1_iTUyTJKTbt6AUqiuZMcNwFjY21mungne4I0wRxNmL_", why: "one character short" },
      { text: "FLY_API_TOKEN=fo1_q7L3S6DZguZQQRgFW-ieM4otXhnaP9EfAA66ymNsv5ga", why: "one character long" },
      { text: "FLY_API_TOKEN=fo1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "FLY_API_TOKEN=${FLY_API_TOKEN}", why: "reference" },
    ],
  },
};
