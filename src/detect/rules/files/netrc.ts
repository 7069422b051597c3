import { isPlaceholder } from "../../placeholders.js";
import type { SecretRule } from "../../types.js";

const NETRC_PATH = /(?:^|\/)[._]?netrc$/;

/** Passwords in `.netrc` (curl, pip, git, ftp): `machine HOST login USER password SECRET`. */
export const netrcPassword: SecretRule = {
  id: "netrc-password",
  kind: "netrc-password",
  title: "Password in a .netrc file",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: NETRC_PATH,
  pattern: /(?:^|\s)(?:machine\s+(?<name>\S+)|default)(?:\s+(?:login|account|port)\s+\S+)*\s+password\s+(?<secret>\S+)/,
  reach: 1024,
  priority: 20,
  // Outside a netrc file the same words are prose, docs or code far more often than credentials.
  check: (hit) => (isPlaceholder(hit.secret) ? undefined : hit),
  remediation: "Change the password on the named host and supply .netrc at build time with a secret mount (RUN --mount=type=secret,id=netrc,target=/root/.netrc).",
  docs: "https://everything.curl.dev/usingcurl/netrc.html",
  examples: {
    match: [
      { text: "machine pypi.example.com\n  login deploy\n  password XevrSM1XYEBo1xoUKutZ\n", secret: "XevrSM1XYEBo1xoUKutZ", path: "/root/.netrc" },
      { text: "machine github.com login x password 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", secret: "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", path: "/home/u/.netrc" },
      { text: "default login anonymous password s3cr3t-F00bar", secret: "s3cr3t-F00bar", path: "/root/_netrc" },
      { text: "machine a.b port 21 login u password p4ssW0rd!x", secret: "p4ssW0rd!x", path: "/root/.netrc" },
      { text: "machine h\n\tlogin u\n\taccount acct\n\tpassword Zq9!wE3rT", secret: "Zq9!wE3rT", path: "/root/.netrc" },
    ],
    noMatch: [
      { text: "machine example.com login user password changeme", why: "placeholder", path: "/root/.netrc" },
      { text: "machine example.com login user password ${NETRC_PASSWORD}", why: "template", path: "/root/.netrc" },
      { text: "machine example.com login user", why: "no password", path: "/root/.netrc" },
      { text: "the virtual machine password is stored elsewhere", why: "prose", path: "/usr/share/doc/x" },
      { text: "machine learning", why: "prose", path: "/root/.netrc" },
    ],
  },
};
