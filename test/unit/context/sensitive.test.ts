import { test } from "node:test";
import assert from "node:assert/strict";
import { SENSITIVE_NAMES, describeDotenv, sensitiveByName } from "../../../src/context/sensitive.js";
import { GitIgnore, parseGitignore } from "../../../src/context/gitignore.js";

const FILES: [path: string, kind: string | undefined][] = [
  [".env", "dotenv-file"],
  [".env.production", "dotenv-file"],
  ["src/config/.env", "dotenv-file"],
  ["prod.env", "dotenv-file"],
  [".env.example", undefined],
  [".env.sample", undefined],
  ["server.pem", "private-key-file"],
  ["tls/server.key", "private-key-file"],
  ["deploy.ppk", "private-key-file"],
  ["id_rsa", "ssh-private-key"],
  ["home/.ssh2/id_ed25519", "ssh-private-key"],
  ["id_rsa.pub", undefined],
  [".npmrc", "npm-config"],
  [".netrc", "netrc"],
  [".pypirc", "pypirc"],
  [".git-credentials", "git-credentials"],
  [".docker/config.json", "docker-config"],
  ["ci/.docker/config.json", "docker-config"],
  ["config.json", undefined],
  ["cert.p12", "keystore"],
  ["app.pfx", "keystore"],
  ["release.jks", "keystore"],
  ["android.keystore", "keystore"],
  ["terraform.tfstate", "terraform-state"],
  ["terraform.tfstate.backup", "terraform-state"],
  ["prod.tfvars", "terraform-variables"],
  ["kubeconfig", "kubeconfig"],
  [".kube/config", "kubeconfig"],
  ["credentials.json", "gcp-credentials"],
  ["service-account-prod.json", "gcp-credentials"],
  ["appsettings.json", "appsettings"],
  ["appsettings.Production.json", "appsettings"],
  ["secrets.yaml", "secrets-file"],
  ["config/secrets.json", "secrets-file"],
  ["src/secret.ts", undefined],
  [".pgpass", "pgpass"],
  [".htpasswd", "htpasswd"],
  ["package.json", undefined],
  ["README.md", undefined],
];

test("files are sensitive by name, wherever they are; templates and public halves are not", () => {
  for (const [path, kind] of FILES) assert.equal(sensitiveByName(path, false)?.kind, kind, path);
});

test("directories reported as a whole: .git, .aws, .ssh, .gnupg, gcloud config", () => {
  for (const [path, kind] of [
    [".git", "git-directory"],
    ["vendor/lib/.git", "git-directory"],
    [".aws", "aws-config-directory"],
    [".ssh", "ssh-directory"],
    [".gnupg", "gnupg-directory"],
    [".config/gcloud", "gcloud-config-directory"],
  ] as const) {
    assert.equal(sensitiveByName(path, true)?.kind, kind, path);
  }
  assert.equal(sensitiveByName(".env", true), undefined, "a directory named .env (a virtualenv) is not a dotenv file");
  assert.equal(sensitiveByName(".git", false), undefined, "a .git file (a worktree pointer) is not a store");
});

test("every entry has a kind and a reason; kinds are unique", () => {
  const kinds = new Set<string>();
  for (const e of SENSITIVE_NAMES) {
    assert.match(e.kind, /^[a-z0-9-]+$/);
    assert.ok(e.reason.length > 5);
    assert.ok(!kinds.has(e.kind), e.kind);
    kinds.add(e.kind);
  }
});

test("content confirms or drops a name: certificates are not keys, appsettings only with secrets, SOPS files are encrypted", () => {
  const pem = sensitiveByName("ca.pem", false)!;
  assert.equal(pem.confirm!("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"), false);
  assert.equal(pem.confirm!("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n"), true);
  assert.equal(pem.confirm!("\u0030\u0082binary DER"), true);
  const app = sensitiveByName("appsettings.json", false)!;
  assert.equal(app.confirm!('{"Logging": {"LogLevel": {"Default": "Information"}}}'), false);
  assert.equal(app.confirm!('{"ConnectionStrings": {"Default": "Server=db;User Id=sa;Password=x7Qm2;"}}'), true);
  assert.equal(app.confirm!('{"Stripe": {"ApiKey": "abcd1234"}}'), true);
  const sops = sensitiveByName("secrets.yaml", false)!;
  assert.equal(sops.confirm!("db: ENC[AES256_GCM,data:abc]\nsops:\n  version: 3\n"), false);
  assert.equal(sops.confirm!("db_password: hunter22\n"), true);
});

test("describeDotenv counts values and secret-shaped names, never showing a value", () => {
  assert.equal(describeDotenv("A=1\nexport DB_PASSWORD='p4ss'\n# c\nEMPTY=\nAPI_TOKEN=abc\n"), "dotenv file with 3 values (2 under a secret-shaped name)");
  assert.equal(describeDotenv("# nothing\n"), "dotenv file (no values)");
});

test("gitignore: unanchored names match at any depth, / anchors, trailing / is for directories, ** spans, ! re-includes", () => {
  const g = new GitIgnore();
  g.addFile("", "*.log\n/build/\ndocs/**/*.pdf\n!important.log\nconfig/\n");
  g.addFile("sub", "local.key\n/only-here.txt\n");
  assert.equal(g.ignores("a/b/debug.log", false), true);
  assert.equal(g.ignores("important.log", false), false);
  assert.equal(g.ignores("build/out.js", false), true);
  assert.equal(g.ignores("src/build/out.js", false), false);
  assert.equal(g.ignores("docs/a/b/x.pdf", false), true);
  assert.equal(g.ignores("docs/x.pdf", false), true);
  assert.equal(g.ignores("config", false), false, "config/ matches directories only");
  assert.equal(g.ignores("app/config/.env", false), true);
  assert.equal(g.ignores("sub/deep/local.key", false), true);
  assert.equal(g.ignores("local.key", false), false);
  assert.equal(g.ignores("sub/only-here.txt", false), true);
  assert.equal(g.ignores("sub/x/only-here.txt", false), false);
});

test("gitignore: a file under an ignored directory cannot be re-included; comments and escapes", () => {
  const g = new GitIgnore();
  g.addFile("", "# comment\nsecrets/\n!secrets/keep.txt\n\\#hash\n\\!bang\ntrailing   \n");
  assert.equal(g.ignores("secrets/keep.txt", false), true);
  assert.equal(g.ignores("#hash", false), true);
  assert.equal(g.ignores("!bang", false), true);
  assert.equal(g.ignores("trailing", false), true);
  assert.equal(parseGitignore("# only a comment\n\n", "").length, 0);
});

test("gitignore: .git/info/exclude has the lowest precedence", () => {
  const g = new GitIgnore();
  g.addExclude("*.env\n");
  g.addFile("", "!prod.env\n");
  assert.equal(g.ignores("dev.env", false), true);
  assert.equal(g.ignores("prod.env", false), false);
});
