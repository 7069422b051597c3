import type { SecretRule } from "../../types.js";
import { fileValue } from "./values.js";

/** One `.pgpass` field: any characters but `:` and line breaks, with `\:` and `\\` escapes. */
const FIELD = String.raw`(?:[^:\r\n\\]|\\.){1,255}`;

/** Passwords in PostgreSQL's `.pgpass`: `hostname:port:database:username:password` lines. */
export const pgpassPassword: SecretRule = {
  id: "pgpass-password",
  kind: "pgpass-password",
  title: "PostgreSQL password in .pgpass",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)\.pgpass$/,
  pattern: new RegExp(String.raw`^(?!#)${FIELD}:${FIELD}:${FIELD}:(?<name>${FIELD}):(?<secret>(?:[^\r\n\\]|\\.){1,1024})\r?$`, "m"),
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Change the database user's password (ALTER ROLE … PASSWORD), and mount .pgpass at run time (or use PGPASSFILE pointing at a secret mount).",
  docs: "https://www.postgresql.org/docs/current/libpq-pgpass.html",
  examples: {
    match: [
      { text: "db.internal:5432:shop:app:Xq7vR2pLm9tK4wZ8\n", secret: "Xq7vR2pLm9tK4wZ8", path: "/root/.pgpass" },
      { text: "# comment\n*:*:*:postgres:hunter2\n", secret: "hunter2", path: "/var/lib/postgresql/.pgpass" },
      { text: "localhost:5432:*:replicator:p\\:ss\\\\w0rd\n", secret: "p\\:ss\\\\w0rd", path: "/home/app/.pgpass" },
      { text: "10.0.0.5:6432:analytics:reporter:S3cr3t with:colon\r\n", secret: "S3cr3t with:colon", path: "/root/.pgpass" },
      { text: "pg:5432:db:u:a\nhost2:5432:db2:u2:Zq9wE3rT5yU7\n", secret: "Zq9wE3rT5yU7", path: "/root/.pgpass" },
    ],
    noMatch: [
      { text: "db.internal:5432:shop:app:\n", why: "empty password", path: "/root/.pgpass" },
      { text: "#db.internal:5432:shop:app:Xq7vR2pLm9tK4wZ8\n", why: "comment", path: "/root/.pgpass" },
      { text: "db.internal:5432:shop:app:${PGPASSWORD}\n", why: "reference", path: "/root/.pgpass" },
      { text: "db.internal:5432:shop\n", why: "too few fields", path: "/root/.pgpass" },
      { text: "db.internal:5432:shop:app:Xq7vR2pLm9tK4wZ8\n", why: "not a .pgpass", path: "/etc/hosts.allow" },
    ],
  },
};
