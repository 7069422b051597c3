import { isPlaceholder } from "../../placeholders.js";
import { shannonEntropy } from "../../entropy.js";
import type { SecretRule } from "../../types.js";

const DOC_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$|^(?:host|hostname|server|domain)$/i;
const PLACEHOLDER_USERS = /^(?:user(?:name)?|login|name|foo|x|a|me|you)$/i;

/**
 * URLs carrying a password: `scheme://user:password@host` (package indexes, git remotes, databases,
 * proxies), also with no user (`redis://:password@host`, Redis AUTH without an ACL user).
 */
export const urlCredentials: SecretRule = {
  id: "url-credentials",
  kind: "url-password",
  title: "Password in a URL",
  severity: "high",
  confidence: "high",
  keywords: ["://"],
  requires: "@",
  pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/(?<user>[^:@/\s"'<>`]{0,128}):(?<secret>[^@/\s"'<>`]{1,256})@(?<host>[A-Za-z0-9._~-]+|\[[0-9a-fA-F:.]+\])/,
  // After the credential-file rules (.git-credentials), which know the file the URL is in.
  priority: 22,
  check: (hit, groups) => {
    let secret = hit.secret;
    try {
      secret = decodeURIComponent(secret);
    } catch {
      // Not percent-encoded: keep as written.
    }
    const user = groups.user ?? "";
    if (isPlaceholder(secret) || /^(?:pass(?:word)?|pwd|secret|\*+|x+|p)$/i.test(secret)) return undefined;
    if (secret.length < 3) return undefined;
    // Tutorials pair a stand-in user with a short or plain password (`user:he%2F%2Fo@`, `a:b@`).
    if (PLACEHOLDER_USERS.test(user) && (secret.length < 10 || shannonEntropy(secret) < 3)) return undefined;
    if (/^\$|^%|^\{/.test(secret)) return undefined;
    // No user (`redis://:password@host`): documentation writes `:key_1234@`, a real one is long;
    // CVS roots (`:pserver:anoncvs@host`) have a method and a user there, not a password.
    if (user === "" && (secret.length < 10 || /1234|abcd/i.test(secret) || secret.includes(":"))) return undefined;
    // Documentation passwords count up (`abcdefgh…`, `12345678`).
    if (/abcdefg|bcdefgh|0123456|1234567|2345678/i.test(secret)) return undefined;
    // Documentation hosts carry made-up passwords; only a long, random one there is worth a word.
    if (groups.host && DOC_HOST.test(groups.host) && (secret.length < 8 || shannonEntropy(secret) < 3)) return undefined;
    return hit;
  },
  remediation: "Change the password on that service, and give the build the URL through a secret mount or the tool's own credential file mounted as a secret.",
  docs: "https://owasp.org/www-project-cheat-sheets/cheatsheets/Secrets_Management_Cheat_Sheet.html",
  examples: {
    match: [
      { text: "https://deploy:XevrSM1XYEBo1xoUKutZ@pypi.example.com/simple/", secret: "XevrSM1XYEBo1xoUKutZ" },
      { text: "postgres://app:S3cr3tPw0rd@db:5432/app", secret: "S3cr3tPw0rd" },
      { text: "git clone https://oauth2:glpat-Zx8Yw7Vu6Ts5Rq4Po3Nm@gitlab.com/g/r.git", secret: "glpat-Zx8Yw7Vu6Ts5Rq4Po3Nm" },
      { text: "HTTP_PROXY=http://proxyuser:pr0xyP%40ss@proxy.corp:3128", secret: "pr0xyP%40ss" },
      { text: "mongodb+srv://admin:hunter2hunter2@cluster0.abcde.mongodb.net/db", secret: "hunter2hunter2" },
      { text: "REDIS_URL=redis://:An0ther-Passw0rd-77q@cache:6379/0", secret: "An0ther-Passw0rd-77q" },
    ],
    noMatch: [
      { text: "https://user:password@example.com/", why: "documentation placeholder" },
      { text: "https://user:${PASSWORD}@host/", why: "reference" },
      { text: "https://example.com:8443/path", why: "port, not a password" },
      { text: "postgres://app:@db/app", why: "empty password" },
      { text: "https://x:****@host/", why: "mask" },
      { text: "redis://:password@localhost:6379", why: "placeholder password, no user" },
      { text: "uri format like dotenv://:key_1234@dotenvx.com/vault/.env.vault", why: "documentation key, no user" },
      { text: "cvs -d cvs://:pserver:anoncvs@sources.redhat.com:/cvs/src co binutils", why: "a CVS root: method and user, no password" },
      { text: "new URL('https://abc:xyz@example.com')", why: "documentation example on a documentation host" },
    ],
  },
};
