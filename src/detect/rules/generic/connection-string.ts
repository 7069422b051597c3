import { isPlaceholder } from "../../placeholders.js";
import type { SecretRule } from "../../types.js";

const CONNECTION_KEY = /(?:^|[;"'\s])(?:server|data source|host|hostname|address|addr|uid|user id|userid|user|username|database|initial catalog|dbname|driver|provider)\s*=\s*[^;\s]/i;

/** ADO.NET / ODBC / JDBC-style connection strings: `Server=…;User Id=…;Password=…;`. */
export const connectionStringPassword: SecretRule = {
  id: "connection-string-password",
  kind: "connection-string-password",
  title: "Password in a database connection string",
  severity: "high",
  confidence: "high",
  keywords: ["password=", "pwd=", "password =", "pwd ="],
  pattern: /(?<![A-Za-z0-9_])(?:Password|Pwd)[ \t]*=[ \t]*(?<secret>'[^'\r\n]{1,256}'|"[^"\r\n]{1,256}"|\{[^}\r\n]{1,256}\}|[^;"'\s\\]{1,256})/i,
  priority: 20,
  check: (hit, _g, _ctx, line) => {
    // `password=args.password` in code is not a connection string: another key must sit beside it.
    if (!CONNECTION_KEY.test(line) || !/;/.test(line)) return undefined;
    let secret = hit.secret;
    let start = hit.start;
    if (/^(['"{]).*['"}]$/.test(secret)) {
      secret = secret.slice(1, -1);
      start += 1;
    }
    if (isPlaceholder(secret) || secret.length < 4) return undefined;
    // Kafka's documentation JAAS examples (`username="admin" password="admin-secret";`).
    if (/^(?:admin|alice|bob|client|broker|kafka)-secret$/.test(secret)) return undefined;
    return { ...hit, secret, start, end: start + Buffer.byteLength(secret, "utf8") };
  },
  remediation: "Change the database user's password, and read the connection string from a runtime secret (environment from the orchestrator's secret store, or a mounted file) instead of the image.",
  docs: "https://owasp.org/www-project-cheat-sheets/cheatsheets/Secrets_Management_Cheat_Sheet.html",
  examples: {
    match: [
      { text: '"Default": "Server=db.internal;Database=shop;User Id=sa;Password=XevrSM1XYEBo1xoUKutZ;"', secret: "XevrSM1XYEBo1xoUKutZ" },
      { text: "Data Source=sql1;Initial Catalog=x;uid=app;pwd=Sup3r-S3cret!", secret: "Sup3r-S3cret!" },
      { text: "Host=pg;Username=app;Password='p@ss w0rd 42'", secret: "p@ss w0rd 42" },
      { text: "Driver={ODBC Driver 18};Server=s;UID=u;PWD={a;b;c-Secret9}", secret: "a;b;c-Secret9" },
      { text: "jdbc:sqlserver://db:1433;databaseName=x;user=sa;password=N0tT3llinG;", secret: "N0tT3llinG" },
    ],
    noMatch: [
      { text: "Server=db;User Id=sa;Password=;", why: "empty" },
      { text: "Server=db;User Id=sa;Password=${DB_PASSWORD};", why: "reference" },
      { text: "Server=db;User Id=sa;Password=changeme;", why: "placeholder" },
      { text: "Server=db;User Id=sa;Password=<password>;", why: "placeholder" },
      { text: "old_password=abc", why: "too short and part of a name" },
      { text: "client.connect(host=args.host, password=args.password)", why: "code passing a variable, no ;-separated connection string" },
    ],
  },
};
