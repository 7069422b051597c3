import type { SecretRule } from "../../types.js";
import { accept, isBase64OfLength } from "./shared.js";

const DOCS = "https://techdocs.akamai.com/developer/docs/set-up-authentication-credentials";
const REMEDIATION = "Rotate the API client's credential in Akamai Control Center (Identity & access → API clients → the client → Rotate credentials) and delete the old one.";

/**
 * Akamai EdgeGrid client secrets (44 base64 characters): `client_secret` in an `.edgerc` section
 * (whose `akab-` host and tokens sit within a few lines, before or after) or `AKAMAI_CLIENT_SECRET`.
 */
export const akamaiEdgegridClientSecret: SecretRule = {
  id: "akamai-edgegrid-client-secret",
  kind: "akamai-edgegrid-client-secret",
  title: "Akamai EdgeGrid client secret",
  severity: "critical",
  confidence: "medium",
  keywords: ["client_secret", "akab-"],
  reach: 800,
  // The Akamai context is checked only once a value has matched (so a file full of other
  // `client_secret`s costs no look-around): an `AKAMAI_` name, or `akab-` within 800 bytes.
  pattern:
    /(?<![A-Za-z0-9_])(?<name>(?:akamai_)?client_secret)["']?[ \t]*[=:][ \t]*["']?(?<secret>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])(?:(?<=akamai_client_secret["']?[ \t]*[=:][ \t]*["']?[A-Za-z0-9+/]{43}=)|(?<=akab-[\s\S]{0,800})|(?=[\s\S]{0,800}?akab-))/i,
  priority: 10,
  check: (hit) => (isBase64OfLength(hit.secret, 32) && accept({ entropy: 4 })(hit, {}, {}, "") ? hit : undefined),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      {
        text: "[default]\nclient_secret = 1kWDP9Yucb7sLRvIRsj0iVoX/Lk2Yoes7X73UUYXqco=\nhost = akab-1ow7c3ukmtwjtrm0-n5666g5hygzj96xi.luna.akamaiapis.net\naccess_token = akab-nmr4q7no7h77mlgy-ad00pc2ljq5ro697\nclient_token = akab-gb4b3qew8e5okqfh-ft6yqqyfscn4m3yy\n",
        secret: "1kWDP9Yucb7sLRvIRsj0iVoX/Lk2Yoes7X73UUYXqco=",
      },
      {
        text: "[ccu]\nhost = akab-rvsum0qm68cxcop5-yd5qsiv149e8rblq.luna.akamaiapis.net\nclient_token = akab-906npbq2ymh4txb8-g84pt411k2f3kbpn\nclient_secret = PDxlb71+dKbvvodQvZ8NliZMIBFeYYeS/PmA/pGbmQU=\n",
        secret: "PDxlb71+dKbvvodQvZ8NliZMIBFeYYeS/PmA/pGbmQU=",
      },
      { text: "AKAMAI_CLIENT_SECRET=weVjpQ1Gcuidc+SRkYZuXU9PteZnVzAg+AWB6vCDjao=", secret: "weVjpQ1Gcuidc+SRkYZuXU9PteZnVzAg+AWB6vCDjao=" },
      { text: 'akamai_client_secret: "qL3HZz1pQG5G3cpOAHKonNklvdsvRxQ6Lnx5BrW4Cak="', secret: "qL3HZz1pQG5G3cpOAHKonNklvdsvRxQ6Lnx5BrW4Cak=" },
      {
        text: '{"host": "akab-aeg9uz7ucmbettni-a5ywrd4c0r4vkxgf.luna.akamaiapis.net", "client_secret": "UZ47M5vunCgG4DbfiKPYGIlevME7Ed7VGWM1wvhl0ZE="}',
        secret: "UZ47M5vunCgG4DbfiKPYGIlevME7Ed7VGWM1wvhl0ZE=",
      },
    ],
    noMatch: [
      { text: "GOOGLE_CLIENT_SECRET=74K7whyZnVHxBGBRBEU69q/ebwnK6mjUhaI2WW/GmHA=", why: "an OAuth client secret with no Akamai around it" },
      { text: "[default]\nclient_secret = <client_secret>\nhost = akab-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx.luna.akamaiapis.net\n", why: "placeholder" },
      { text: "AKAMAI_CLIENT_SECRET=31+tREjC8vXJIE8P3LMnhB2eJCwQt8Wt", why: "wrong length" },
      { text: "[default]\nclient_secret = ${EDGEGRID_SECRET}\nhost = akab-xyp03ey34dzz591n-spn24r6a1jqd8xqm.luna.akamaiapis.net\n", why: "reference" },
      { text: "AKAMAI_CLIENT_SECRET=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", why: "filler" },
    ],
  },
};

/** Akamai EdgeGrid client and access tokens (`akab-` and two 16-character parts): half of a credential. */
export const akamaiEdgegridToken: SecretRule = {
  id: "akamai-edgegrid-token",
  kind: "akamai-edgegrid-token",
  title: "Akamai EdgeGrid client or access token",
  severity: "medium",
  confidence: "high",
  keywords: ["akab-"],
  pattern: /(?<![A-Za-z0-9.-])(?<secret>akab-[a-z0-9]{16}-[a-z0-9]{16})(?![A-Za-z0-9.-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(5).replace("-", "") }),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "access_token = akab-1ow7c3ukmtwjtrm0-n5666g5hygzj96xi", secret: "akab-1ow7c3ukmtwjtrm0-n5666g5hygzj96xi" },
      { text: "client_token = akab-rvsum0qm68cxcop5-yd5qsiv149e8rblq\n", secret: "akab-rvsum0qm68cxcop5-yd5qsiv149e8rblq" },
      { text: "AKAMAI_ACCESS_TOKEN=akab-r55giuocnuiw1xr5-5sr5v5fwaghwbuvs", secret: "akab-r55giuocnuiw1xr5-5sr5v5fwaghwbuvs" },
      { text: '"client_token": "akab-n53gcw259r065sc4-jroqzati21a6b87k",', secret: "akab-n53gcw259r065sc4-jroqzati21a6b87k" },
      { text: "edgegrid:\n  access_token: 'akab-aeg9uz7ucmbettni-a5ywrd4c0r4vkxgf'", secret: "akab-aeg9uz7ucmbettni-a5ywrd4c0r4vkxgf" },
    ],
    noMatch: [
      { text: "host = akab-8515wkhcqnm7phk9-w8i0zshv03jrr671.luna.akamaiapis.net", why: "the API hostname, not a token" },
      { text: "access_token = akab-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx", why: "documentation placeholder" },
      { text: "access_token = akab-e71a7gujdn8leg4-0ccb5pl3kvk3e45t", why: "first part one character short" },
      { text: "access_token = akab-IZLLMICKUDGJU4D8-CECRRPVDM6MQGE4M", why: "upper case" },
      { text: "https://akab-zupkcv9pkme0926w-fs3tjwebugbajyoe.purge.akamaiapis.net/", why: "a hostname" },
    ],
  },
};
