import type { SecretRule } from "../../types.js";

/** The hash formats Apache's htpasswd writes: MD5-crypt `$apr1$`, bcrypt `$2y$`, SHA-1 `{SHA}`, SHA-256/512-crypt, DES crypt. */
const HASH = [
  String.raw`\$apr1\$[./0-9A-Za-z]{1,8}\$[./0-9A-Za-z]{22}`,
  String.raw`\$2[abxy]?\$\d{2}\$[./0-9A-Za-z]{53}`,
  String.raw`\{SHA\}[A-Za-z0-9+/]{27}=`,
  String.raw`\$[56]\$(?:rounds=\d{1,9}\$)?[./0-9A-Za-z]{1,16}\$[./0-9A-Za-z]{43,86}`,
  String.raw`[./0-9A-Za-z]{13}`,
].join("|");

/** Password hashes in Apache/nginx `.htpasswd` files: crackable offline, so worth removing (medium). */
export const htpasswdHash: SecretRule = {
  id: "htpasswd-hash",
  kind: "htpasswd-hash",
  title: "Password hash in an htpasswd file",
  severity: "medium",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)\.?htpasswd(?:[._-][^/]*)?$/,
  pattern: new RegExp(String.raw`^(?<name>[^:\s#][^:\r\n]{0,254}):(?<secret>${HASH})(?::[^\r\n]*)?\r?$`, "m"),
  priority: 20,
  remediation: "Change the passwords of the listed users (the hashes can be cracked offline), and mount the htpasswd file at run time instead of shipping it.",
  docs: "https://httpd.apache.org/docs/current/programs/htpasswd.html",
  examples: {
    match: [
      { text: "admin:$apr1$Xq7vR2pL$uukneLGIUP9O84fRWZO6U0\n", secret: "$apr1$Xq7vR2pL$uukneLGIUP9O84fRWZO6U0", path: "/etc/nginx/.htpasswd" },
      { text: "ci:$2y$05$JuT4dCnMxW7gFqP0Z.jItS3cBmLwV6fEpOzY9iHsR2bAlKvU5eDoN\n", secret: "$2y$05$JuT4dCnMxW7gFqP0Z.jItS3cBmLwV6fEpOzY9iHsR2bAlKvU5eDoN", path: "/etc/apache2/.htpasswd" },
      { text: "ops:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n", secret: "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", path: "/srv/htpasswd" },
      { text: "old:abJnggxhB/yWI\nnew:$apr1$a1b2$Wq0RrGvL7m2xPz5cTn8Ke/\n", secret: "abJnggxhB/yWI", path: "/var/www/.htpasswd-admin" },
      { text: "svc:$6$saltsalt$8iYtNHxjWRl.NF6oNZ5tF.iKFlQREaXBLlSmZKP6dy9l5z3vsooWNW0/GZ6Nej73/TFug6pIPSqbJoCT6dfnj.\r\n", secret: "$6$saltsalt$8iYtNHxjWRl.NF6oNZ5tF.iKFlQREaXBLlSmZKP6dy9l5z3vsooWNW0/GZ6Nej73/TFug6pIPSqbJoCT6dfnj.", path: "/etc/registry/htpasswd" },
    ],
    noMatch: [
      { text: "# htpasswd -c /etc/nginx/.htpasswd admin\n", why: "comment", path: "/etc/nginx/.htpasswd" },
      { text: "admin:\n", why: "no hash", path: "/etc/nginx/.htpasswd" },
      { text: "admin:plaintext\n", why: "not a hash (plain text is not written by htpasswd)", path: "/etc/nginx/.htpasswd" },
      { text: "admin:$apr1$Xq7vR2pL$uukneLGIUP9O84fRWZO6U0\n", why: "not an htpasswd file", path: "/etc/shadow-notes" },
      { text: "admin:$apr1$salt$short\n", why: "truncated hash", path: "/etc/nginx/.htpasswd" },
    ],
  },
};
