import { shannonEntropy } from "../../entropy.js";
import type { RuleHit, ScanContext, SecretRule } from "../../types.js";
import { claimedByProvider } from "./provider-hints.js";
import { classCount, namesSecret, notACredential, passwordShaped, tokenShaped } from "./value-shape.js";

/**
 * The value after a name and an assignment operator (`=`, `:`, `:=`, `=>`): a quoted string
 * (quotes kept, `check` strips them; no control characters) or a bare word of printable ASCII
 * (so the packed strings of a binary do not run into it). A bare word may not start with `=`,
 * so `password == x` is not an assignment.
 */
const VALUE = String.raw`(?<secret>"(?:[^"\\\x00-\x1f\x7f]|\\.){1,256}"|'(?:[^'\\\x00-\x1f\x7f]|\\.){1,256}'|[\x21-\x7e](?<![\s"'\`,;&)}\]<>=])[^\s"'\`,;&)}\]<>\x00-\x1f\x7f-\xff]{0,255})`;

/**
 * A name around a keyword, then an assignment. The keyword is matched first (cheap: this runs on
 * every line holding `password` or `token`); only then is the name's prefix read back by a
 * look-behind.
 * A name right after `/` is a URL's user (`https://__token__:…@host`), the URL rule's business.
 */
function assignment(keywords: string): RegExp {
  return new RegExp(
    String.raw`(?<kw>${keywords})(?<=(?:^|[^A-Za-z0-9_./-])(?<pre>[A-Za-z0-9_.-]{0,40})\k<kw>)(?<post>[A-Za-z0-9_-]{0,20})["']?\]?[ \t]{0,4}(?::=|=>|=|:)[ \t]{0,4}${VALUE}`,
    "im",
  );
}

/** The value without its quotes (offsets follow), and whether it had them. */
function unquoted(hit: RuleHit): { hit: RuleHit; quoted: boolean } {
  const s = hit.secret;
  if (s.length >= 2 && /^["'`]/.test(s) && s[s.length - 1] === s[0]) {
    const secret = s.slice(1, -1);
    const start = hit.start + 1;
    return { hit: { ...hit, secret, start, end: start + Buffer.byteLength(secret, "utf8") }, quoted: true };
  }
  return { hit, quoted: false };
}

/**
 * True when `name=…` is an image config pair or an ENV/ARG/LABEL of the build history: the scanner's
 * name-based variable rule judges those (whatever the value looks like), so a generic hit would
 * only repeat it.
 */
function variablePair(ctx: ScanContext, line: string, name: string): boolean {
  if (ctx.path !== undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return false;
  return line.startsWith(`${name}=`) || /^(?:\/bin\/sh -c #\(nop\)\s+)?(?:ENV|ARG|LABEL)\s/.test(line) || /^\|\d+ /.test(line);
}

/** Judges a generic assignment: a secret-shaped name and a value that looks like a credential of that kind. */
function judge(raw: RuleHit, name: string, shaped: (v: string) => boolean, password: boolean, ctx: ScanContext, line: string): RuleHit | undefined {
  if (!namesSecret(name) || variablePair(ctx, line, name)) return undefined;
  const { hit, quoted } = unquoted(raw);
  const v = hit.secret;
  if (notACredential(v, quoted) || !shaped(v)) return undefined;
  if (v.toLowerCase().includes(name.toLowerCase())) return undefined;
  if (claimedByProvider(name, v, password)) return undefined;
  // A quoted, long, random value is a fair bet; the rest (and docstrings' keyboard-mash examples
  // such as `sdf0o9823sjdfsdf`) are worth a look, not an alarm.
  // In a binary, an assignment-shaped string is rarely code or config: a lead, not an alarm.
  const strong = !ctx.binary && quoted && v.length >= 12 && shannonEntropy(v) >= 3.3 && (classCount(v) >= 3 || v.length >= 24);
  return { ...hit, name, confidence: strong ? "medium" : "low" };
}

const REMEDIATION = "Change the credential where it is valid, then read it at run time from the environment or a mounted secret instead of writing it into code or config.";
const DOCS = "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html";

/** `password = "…"`, `db.password=…`, `"passwd": "…"`, `export DB_PASSWORD=…` in code and config of any kind. */
export const genericPassword: SecretRule = {
  id: "generic-password",
  kind: "generic-password",
  title: "Password assigned in code or config",
  severity: "high",
  confidence: "medium",
  keywords: ["password", "passwd", "passphrase", "pwd=", "pwd:", "pwd =", 'pwd"', "pwd'", "_pwd"],
  pattern: assignment("password|passwd|passphrase|pwd"),
  priority: 34,
  check: (hit, g, ctx, line) => judge(hit, `${g.pre ?? ""}${g.kw ?? ""}${g.post ?? ""}`, passwordShaped, true, ctx, line),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: 'DB_CONFIG = {"user": "app", "password": "Xq7!vR2pLm9#tK4w"}', secret: "Xq7!vR2pLm9#tK4w" },
      { text: "spring.datasource.password=N0tT3llinG-42", secret: "N0tT3llinG-42" },
      { text: "database:\n  host: db\n  password: S3cr3tPassw0rd\n", secret: "S3cr3tPassw0rd" },
      { text: "export MYSQL_ROOT_PASSWORD='r00t-Pa55!'", secret: "r00t-Pa55!" },
      { text: 'private static final String dbPassword = "Tr0ub4dor&3";', secret: "Tr0ub4dor&3" },
      { text: "$config['smtp_pass'] = 'x'; $config['smtp_passwd'] => 'mail-S3cret9';", secret: "mail-S3cret9" },
      { text: "[client]\nuser=root\npassword=hunter2hunter2\n", secret: "hunter2hunter2", path: "/root/.my.cnf" },
    ],
    noMatch: [
      { text: "password = config.password", why: "a reference in code" },
      { text: 'password = os.environ["DB_PASSWORD"]', why: "read from the environment" },
      { text: 'password: "{{ vault_db_password }}"', why: "template" },
      { text: "password: changeme", why: "placeholder" },
      { text: 'password_file = "/run/secrets/db_password"', why: "a pointer to a secret" },
      { text: 'if password == "": raise ValueError("password required")', why: "comparison, not assignment" },
      { text: 'label: "Enter your password"', why: "prose" },
      { text: "password: abc", why: "too short and plain" },
      { text: 'passwordHint: "Use 8+ characters"', why: "prose" },
      { text: "PASSWORD_MIN_LENGTH=12", why: "a setting, not a password" },
    ],
  },
};

/** `api_key = "…"`, `client_secret: …`, `"accessToken": "…"` and kin, when the value looks generated. */
export const genericCredential: SecretRule = {
  id: "generic-credential",
  kind: "generic-credential",
  title: "API key, token or secret assigned in code or config",
  severity: "high",
  confidence: "medium",
  keywords: ["secret", "api_key", "apikey", "api-key", "token", "access_key", "accesskey", "access-key", "auth_key", "authkey", "private_key", "privatekey"],
  pattern: assignment("secret|api[_-]?key|token|access[_-]?key|auth[_-]?key|private[_-]?key"),
  priority: 35,
  check: (hit, g, ctx, line) => judge(hit, `${g.pre ?? ""}${g.kw ?? ""}${g.post ?? ""}`, tokenShaped, false, ctx, line),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: 'client_secret = "q8Zr2Lk9Vx7Tn4Pw1Bm6Hs3J"', secret: "q8Zr2Lk9Vx7Tn4Pw1Bm6Hs3J" },
      { text: '{"apiKey": "9f8e7d6c5b4a39281706f5e4d3c2b1a0"}', secret: "9f8e7d6c5b4a39281706f5e4d3c2b1a0" },
      { text: "weather:\n  api_key: 3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f\n", secret: "3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f" },
      { text: "export SERVICE_AUTH_TOKEN=tkn-Xq7vR2pLm9tK4wZ8dNfP", secret: "tkn-Xq7vR2pLm9tK4wZ8dNfP" },
      { text: "const accessToken = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';", secret: "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e" },
      { text: "app.secret_key = 'kX9!mQ2@vL7#pR4$zT6^'", secret: "kX9!mQ2@vL7#pR4$zT6^" },
    ],
    noMatch: [
      { text: "token = self.next_token()", why: "a call in code" },
      { text: 'token_type: "Bearer"', why: "a token's type, not a token" },
      { text: "secretName: my-tls-secret", why: "the name of a Kubernetes secret" },
      { text: 'API_KEY = "your-api-key-here"', why: "placeholder" },
      { text: "token_url = 'https://auth.example.com/oauth/token'", why: "a URL" },
      { text: 'secret: "abcdefabcdef"', why: "low entropy, one class" },
      { text: "apiKey: process.env.API_KEY", why: "environment" },
      { text: "const tokens = tokenizer.tokenize(text);", why: "code" },
      { text: 'csrf_token = request.form["csrf_token"]', why: "an expression" },
    ],
  },
};

const XML_KEYWORDS = "password|passwd|passphrase|pwd|secret|api[_-]?key|token|access[_-]?key|auth[_-]?key|private[_-]?key";

/** Secrets in XML: `<password>…</password>`, `<add key="ApiKey" value="…"/>` (.NET config), `<property name="password" value="…"/>`. */
export const genericXmlCredential: SecretRule = {
  id: "generic-xml-credential",
  kind: "generic-xml-credential",
  title: "Password or key in an XML element or setting",
  severity: "high",
  confidence: "medium",
  keywords: ["password", "passwd", "passphrase", "secret", "apikey", "api_key", "token", "accesskey", "access_key", "authkey", "privatekey"],
  requires: "<",
  pattern: new RegExp(
    String.raw`<(?:(?<tag>(?:[A-Za-z_][\w.:-]{0,40}?)?(?:${XML_KEYWORDS})[\w.-]{0,20})(?:\s[^<>]{0,200})?>|(?:add|entry|setting|property|param|parameter|item)\s[^<>]{0,200}?\b(?:key|name)\s*=\s*["'](?<attr>[^"'<>]{1,80})["'][^<>]{0,200}?\bvalue\s*=\s*)(?<secret>"[^"<>\r\n]{1,256}"|'[^'<>\r\n]{1,256}'|[^<>"'\s][^<\r\n]{0,255}?(?=<\/))`,
    "i",
  ),
  priority: 36,
  check: (hit, g, ctx, line) => {
    const name = (g.tag ?? g.attr ?? "").replace(/^.*:/, "");
    const password = /pass|pwd/i.test(name);
    return judge(hit, name, password ? passwordShaped : tokenShaped, password, ctx, line);
  },
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "<datasource>\n  <password>Xq7!vR2pLm9#tK4w</password>\n</datasource>", secret: "Xq7!vR2pLm9#tK4w" },
      { text: '<appSettings>\n  <add key="ApiKey" value="9f8e7d6c5b4a39281706f5e4d3c2b1a0" />\n</appSettings>', secret: "9f8e7d6c5b4a39281706f5e4d3c2b1a0" },
      { text: '<property name="password" value="N0tT3llinG-42"/>', secret: "N0tT3llinG-42" },
      { text: "<smtp><auth-token>tkn-Xq7vR2pLm9tK4wZ8dNfP</auth-token></smtp>", secret: "tkn-Xq7vR2pLm9tK4wZ8dNfP" },
      { text: '<add name="StorageSecret" value="q8Zr2Lk9Vx7Tn4Pw1Bm6Hs3J"/>', secret: "q8Zr2Lk9Vx7Tn4Pw1Bm6Hs3J" },
    ],
    noMatch: [
      { text: "<password>${DB_PASSWORD}</password>", why: "reference" },
      { text: '<add key="ApiKeyHeader" value="X-Api-Key" />', why: "a header name, not a key (low entropy)" },
      { text: '<input type="password" name="password" />', why: "an HTML form field" },
      { text: "<password></password>", why: "empty" },
      { text: "<passwordPolicy>strict</passwordPolicy>", why: "a setting" },
      { text: '<add key="TokenUrl" value="https://login.example.com/token" />', why: "a URL" },
    ],
  },
};
