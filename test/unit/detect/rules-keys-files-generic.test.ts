import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Detector } from "../../../src/detect/engine.js";
import { isPlaceholder } from "../../../src/detect/placeholders.js";
import { BUILTIN_RULES } from "../../../src/detect/rules/index.js";
import { FILE_RULES } from "../../../src/detect/rules/files/index.js";
import { GENERIC_RULES } from "../../../src/detect/rules/generic/index.js";
import { judgeJwt } from "../../../src/detect/rules/generic/jwt.js";
import { KEY_RULES } from "../../../src/detect/rules/keys/index.js";
import { classifyPem, pemBody } from "../../../src/detect/rules/keys/pem.js";
import { crc24, secretKeyProtection } from "../../../src/detect/rules/keys/pgp.js";
import { sshcomCipher } from "../../../src/detect/rules/keys/sshcom.js";
import {
  ENCRYPTED_PGP_KEY,
  ENCRYPTED_PPK2_KEY,
  ENCRYPTED_PPK3_KEY,
  ENCRYPTED_SSHCOM_KEY,
  OPENSSH_KEY,
  PGP_KEY,
  PKCS8_KEY,
  PPK3_KEY,
  RSA_KEY,
} from "../../../src/detect/rules/keys/samples.js";
import type { RuleHit, SecretRule } from "../../../src/detect/types.js";
import { leastMs } from "../../helpers/timing.js";

const MINE: readonly SecretRule[] = [...KEY_RULES, ...FILE_RULES, ...GENERIC_RULES];
const MY_KINDS = new Set(MINE.map((r) => r.kind));
const all = new Detector(BUILTIN_RULES);
const mine = new Detector(MINE);

/** The rules whose near misses may also be other rules' near misses without a finding: everything but the generic assignment rules. */
const ASSIGNMENT_KINDS = new Set(["generic-password", "generic-credential", "generic-xml-credential"]);

function scan(d: Detector, text: string, path?: string): RuleHit[] {
  return d.scanText(text, path ? { path } : {});
}

test("key, file and generic rules: unique kinds, 4+ character keywords, lowercase-with-dashes kinds", () => {
  assert.ok(MINE.length >= 40, `${MINE.length} rules`);
  for (const rule of MINE) {
    assert.match(rule.kind, /^[a-z0-9]+(?:-[a-z0-9]+)+$/, rule.id);
    // (The URL rule's "://" is older than this rule and in every URL with credentials.)
    for (const kw of rule.keywords) assert.ok((kw.length >= 4 || kw === "://") && /^[\x20-\x7e]+$/.test(kw), `${rule.id}: keyword ${JSON.stringify(kw)}`);
    assert.ok(rule.keywords.length > 0 || rule.paths, `${rule.id} needs keywords or paths`);
  }
});

test("no key, file or generic rule fires on these rules' near misses when all built-in rules run, except the kind a near miss names", () => {
  for (const rule of MINE) {
    for (const ex of rule.examples.noMatch) {
      const allowed = /reported as ([a-z0-9-]+)/.exec(ex.why)?.[1];
      const hits = scan(all, ex.text, ex.path).filter((h) => MY_KINDS.has(h.kind) && h.kind !== allowed);
      assert.deepEqual(
        hits.map((h) => `${h.kind}: ${h.secret}`),
        [],
        `near miss of ${rule.id} (${ex.why}): ${JSON.stringify(ex.text).slice(0, 200)}`,
      );
    }
  }
});

/** Other rules' near misses that are rightly another kind of secret: not that provider's, but still a JWT or a URL password. */
const ANOTHER_SECRET = new Map([
  ["discord-bot-token: a JWT, not a bot token", "json-web-token"],
  ["sentry-dsn-secret: 31 hex characters", "url-password"],
  ["sentry-dsn-secret: no project id", "url-password"],
]);

test("key, file, JWT, URL and connection-string rules fire on no other rule's near misses", () => {
  for (const rule of BUILTIN_RULES) {
    if (MINE.includes(rule)) continue;
    for (const ex of rule.examples.noMatch) {
      const allowed = ANOTHER_SECRET.get(`${rule.id}: ${ex.why}`);
      const hits = scan(all, ex.text, ex.path).filter((h) => MY_KINDS.has(h.kind) && !ASSIGNMENT_KINDS.has(h.kind) && h.kind !== allowed);
      assert.deepEqual(hits.map((h) => `${h.kind}: ${h.secret}`), [], `near miss of ${rule.id} (${ex.why})`);
    }
  }
});

test("each example's secret is found at its byte offsets, also inside a larger file", () => {
  for (const rule of MINE) {
    const d = new Detector([rule]);
    for (const ex of rule.examples.match) {
      for (const pad of ["", "# héllo wörld\n".repeat(40)]) {
        const buf = Buffer.from(pad + ex.text + "\n" + pad, "utf8");
        const hit = d.scan(buf, ex.path ? { path: ex.path } : {}).find((h) => h.secret === ex.secret);
        assert.ok(hit, `${rule.id}: ${ex.text.slice(0, 80)}`);
        assert.equal(buf.toString("utf8", hit.start, hit.end), ex.secret, `${rule.id} offsets`);
      }
    }
  }
});

test("a provider token in a secret-named assignment is one hit, the provider rule's", () => {
  const hits = all.scanText('GITHUB_TOKEN="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"');
  assert.deepEqual(hits.map((h) => h.secret), ["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"]);
  assert.ok(!ASSIGNMENT_KINDS.has(hits[0]!.kind));
});

test("the generic assignment rules leave values with a provider's prefix or name to the provider rule", () => {
  for (const text of [
    "GITLAB_TOKEN=glpat-EM1syqKSZMcxAioPJxK",
    "api_key = 'AIzaoF-YIFo8584hJ_HVLwEkyUAhEza0gUoro7'",
    "DD_API_KEY=7fb466dd77d51e4eaf80817c4b468d0",
    "AWS_SECRET_ACCESS_KEY=rzEBZshBfTf39VMBlMJzjtPrcWC3f5fMqIY3Dwa",
    'token: "xoxb-123-not-a-real-slack-token-here"',
  ]) {
    assert.deepEqual(scan(mine, text).filter((h) => ASSIGNMENT_KINDS.has(h.kind)).map((h) => h.secret), [], text);
  }
  // …but a password stays a password, whatever service it belongs to.
  assert.deepEqual(scan(mine, "ELASTIC_PASSWORD=Xq7vR2pLm9tK4wZ8", "/app/settings.ini").map((h) => h.kind), ["generic-password"]);
});

/** A deterministic byte source, so the ordinary-text corpus is the same on every run. */
function prng(seed: number): (n: number) => Buffer {
  let s = seed >>> 0;
  return (n) => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      b[i] = s >>> 24;
    }
    return b;
  };
}

const SHELL = `#!/bin/sh
set -eu
# Read credentials from the environment or mounted secrets; never write them here.
: "\${DB_PASSWORD:?DB_PASSWORD must be set}"
: "\${API_TOKEN:=}"
PASSWORD_FILE=/run/secrets/db_password
if [ -f "$PASSWORD_FILE" ]; then DB_PASSWORD=$(cat "$PASSWORD_FILE"); fi
export PGPASSWORD="$DB_PASSWORD"
psql -h db -U app -c 'select 1' >/dev/null
read -r -s -p "Password: " password
echo "token=\${API_TOKEN:-unset}" | sed 's/=.*/=***/'
for key in /etc/ssh/ssh_host_*_key; do ssh-keygen -lf "$key.pub"; done
grep -q 'BEGIN OPENSSH PRIVATE KEY' ~/.ssh/id_ed25519 && echo "key present"
docker login -u ci --password-stdin registry.example.com < /run/secrets/registry_token
kubectl create secret generic db --from-literal=password="$DB_PASSWORD" --dry-run=client -o yaml
openssl pkcs12 -export -in cert.pem -inkey key.pem -passout env:P12_PASSWORD -out bundle.p12
`;

const PYTHON = `"""Settings loader: every secret comes from the environment."""
import os
from dataclasses import dataclass, field

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": os.getenv("DB_PASSWORD", ""), "HOST": "db"}}
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
TOKEN_EXPIRY_SECONDS = 3600
JWT_ALGORITHM = "RS256"


@dataclass
class Credentials:
    username: str
    password: str = field(repr=False)
    token: str | None = None
    api_key: str = ""

    def masked(self) -> str:
        return f"{self.username}:{'*' * len(self.password)}"


def login(client, password=None, token=None):
    password = password or os.environ.get("APP_PASSWORD")
    token = token or client.fetch_token(scope="read")
    secret = settings.SECRET_KEY
    if password == "":
        raise ValueError("password required")
    return client.post("/login", json={"password": password, "token": token})
`;

const MINIFIED = `!function(e){"use strict";var t={password:"",token:null,apiKey:void 0};function n(e){return e.password&&e.password.length>=8}function r(e,t){var n=t.token||e.getItem("token");return n?{Authorization:"Bearer "+n}:{}}e.auth={state:t,valid:n,headers:r,i18n:{password:"Password",passwordHint:"At least 8 characters",token:"Token",secret:"Secret",apiKey:"API key",forgotPassword:"Forgot your password?"},input:'<input type="password" name="password" autocomplete="current-password">',setPassword:function(e){t.password=e},setToken:function(e){t.token=e.trim()},clientSecret:process.env.CLIENT_SECRET,tokenUrl:"https://auth.example.com/oauth/token",secretName:"app-secrets"}}(window);`;

function packageJson(rand: (n: number) => Buffer): string {
  const deps = ["jsonwebtoken", "passport", "passport-local", "bcrypt", "dotenv", "express-session", "csurf", "keytar", "node-forge", "ssh2"];
  const lock = Object.fromEntries(
    deps.map((name, i) => [`node_modules/${name}`, { version: `${i}.${i * 3}.1`, resolved: `https://registry.npmjs.org/${name}/-/${name}-${i}.${i * 3}.1.tgz`, integrity: `sha512-${rand(64).toString("base64")}` }]),
  );
  return JSON.stringify({ name: "auth-service", version: "1.2.3", scripts: { "rotate-secrets": "node scripts/rotate.js", "gen-keys": "openssl genrsa -out key.pem 2048" }, dependencies: Object.fromEntries(deps.map((d) => [d, "^1.0.0"])), packages: lock }, null, 2);
}

function corpus(): [string, string][] {
  const rand = prng(7);
  const b64 = rand(3000).toString("base64").replace(/.{76}/g, "$&\n");
  const hex = Array.from({ length: 80 }, (_, i) => `${(i * 16).toString(16).padStart(8, "0")}  ${rand(16).toString("hex").replace(/(..)/g, "$1 ")}`).join("\n");
  const uuids = Array.from({ length: 80 }, () => {
    const h = rand(16).toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }).join("\n");
  return [
    ["/usr/local/bin/entrypoint.sh", SHELL],
    ["/app/package.json", packageJson(rand)],
    ["/app/settings.py", PYTHON],
    ["/usr/share/app/blob.b64", b64],
    ["/var/cache/dump.hex", hex],
    ["/app/ids.txt", uuids],
    ["/app/static/auth.min.js", MINIFIED],
  ];
}

test("key, file and generic rules report nothing in ordinary text: a shell script, a package.json, a Python module, base64, hex dumps, UUID lists, minified JS", () => {
  for (const [path, text] of corpus()) {
    const hits = scan(all, text, path).filter((h) => MY_KINDS.has(h.kind));
    assert.deepEqual(hits.map((h) => `${h.kind}: ${h.secret}`), [], path);
  }
});

test("a private key is the same kind as a file, a JSON string, a YAML block and an echo with \\n", () => {
  const escaped = PKCS8_KEY.trimEnd().replace(/\n/g, "\\n");
  const forms = [
    PKCS8_KEY,
    `{"type": "service_account", "private_key": "${escaped}\\n", "client_email": "x@p.iam.gserviceaccount.com"}`,
    `key: |\n  ${PKCS8_KEY.trimEnd().replace(/\n/g, "\n  ")}\n`,
    `RUN echo "${escaped}" > /key.pem`,
    `key = ("${PKCS8_KEY.trimEnd().split("\n").join('\\n"\n       "')}\\n")`,
  ];
  for (const text of forms) assert.deepEqual(scan(mine, text).map((h) => [h.kind, h.severity]), [["pkcs8-private-key", "critical"]], text);
});

function tool(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

test("keys made by openssl and ssh-keygen are found with their kind, in LF and CRLF files", { skip: !tool("openssl") || !tool("ssh-keygen") }, () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-keys-"));
  try {
    const make = (file: string, cmd: string) => {
      execFileSync("sh", ["-c", cmd], { cwd: dir, stdio: "ignore" });
      return readFileSync(join(dir, file), "latin1");
    };
    const cases: [string, string][] = [
      [make("rsa4096.pem", "openssl genrsa -out rsa4096.pem 4096"), "pkcs8-private-key"],
      [make("rsa-trad.pem", "openssl genrsa -traditional -out rsa-trad.pem 3072"), "rsa-private-key"],
      [make("p521.pem", "openssl ecparam -genkey -name secp521r1 -noout -out p521.pem"), "ec-private-key"],
      [make("ed448.pem", "openssl genpkey -algorithm ed448 -out ed448.pem"), "pkcs8-private-key"],
      [make("enc3des.pem", "openssl genrsa -traditional -des3 -passout pass:hunter2x -out enc3des.pem 2048"), "encrypted-private-key"],
      [make("enc-pkcs8.pem", "openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-384 -aes-128-cbc -pass pass:hunter2x -out enc-pkcs8.pem"), "encrypted-private-key"],
      [make("id_ecdsa", "ssh-keygen -q -t ecdsa -b 384 -N '' -f id_ecdsa"), "openssh-private-key"],
      [make("id_rsa", "ssh-keygen -q -t rsa -b 4096 -N '' -f id_rsa"), "openssh-private-key"],
      [make("id_enc", "ssh-keygen -q -t ed25519 -N 'hunter2x' -f id_enc"), "encrypted-private-key"],
    ];
    for (const [text, kind] of cases) {
      for (const form of [text, text.replace(/\n/g, "\r\n")]) {
        const kinds = scan(all, form, "/root/.ssh/id_rsa").filter((h) => MY_KINDS.has(h.kind)).map((h) => h.kind);
        assert.deepEqual(kinds, [kind], form.slice(0, 60));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("protected keys are medium, open ones critical: PuTTY, PGP, SSH.com, PEM", () => {
  const severity = (text: string) => scan(mine, text).map((h) => `${h.kind}:${h.severity}`);
  assert.deepEqual(severity(PPK3_KEY), ["putty-private-key:critical"]);
  assert.deepEqual(severity(ENCRYPTED_PPK3_KEY), ["putty-private-key:medium"]);
  assert.deepEqual(severity(ENCRYPTED_PPK2_KEY), ["putty-private-key:medium"]);
  assert.deepEqual(severity(PGP_KEY), ["pgp-private-key:critical"]);
  assert.deepEqual(severity(ENCRYPTED_PGP_KEY), ["pgp-private-key:medium"]);
  assert.deepEqual(severity(ENCRYPTED_SSHCOM_KEY), ["sshcom-private-key:medium"]);
  assert.deepEqual(severity(RSA_KEY), ["rsa-private-key:critical"]);
});

test("an identity file holding a valid key is reported once, by the content rule", () => {
  for (const [text, kind] of [
    [RSA_KEY, "rsa-private-key"],
    [OPENSSH_KEY, "openssh-private-key"],
  ]) {
    assert.deepEqual(scan(all, text!, "/root/.ssh/id_rsa").filter((h) => MY_KINDS.has(h.kind)).map((h) => h.kind), [kind]);
  }
});

test("a PGP armor checksum is CRC-24 and the first packet must be a secret key", () => {
  assert.equal(crc24(Buffer.from("")), 0xb704ce);
  const data = Buffer.from(PGP_KEY.split("\n").filter((l) => /^[A-Za-z0-9+/]+=*$/.test(l)).join(""), "base64");
  assert.equal(secretKeyProtection(data), "plain");
  assert.equal(secretKeyProtection(Buffer.from([0x99, 0x00, 0x04])), undefined, "public key packet");
});

test("in image config and history, NAME=value pairs are left to the name-based variable rule; other assignments are not", () => {
  const kinds = (text: string) => scan(mine, text).map((h) => h.kind);
  assert.deepEqual(kinds("SESSION_SECRET=s3cr3t-v4lue-Xq7vR2"), []);
  assert.deepEqual(kinds("/bin/sh -c #(nop)  ENV DB_PASSWORD=Xq7vR2pLm9tK4wZ8"), []);
  assert.deepEqual(kinds("ARG DB_PASSWORD=Xq7vR2pLm9tK4wZ8"), []);
  assert.deepEqual(kinds("|1 DB_PASSWORD=Xq7vR2pLm9tK4wZ8 /bin/sh -c make"), []);
  assert.deepEqual(kinds("/bin/sh -c mysql --password=Xq7vR2pLm9tK4wZ8 -e 'select 1'"), ["generic-password"]);
  assert.deepEqual(kinds("/bin/sh -c export DB_PASSWORD=Xq7vR2pLm9tK4wZ8 && make"), ["generic-password"]);
  assert.deepEqual(scan(mine, "DB_PASSWORD=Xq7vR2pLm9tK4wZ8\n", "/app/config/app.ini").map((h) => h.kind), ["generic-password"]);
});

test("pip.conf index URLs with credentials are found by the URL rule", () => {
  const text = "[global]\nindex-url = https://__token__:Xq7vR2pLm9tK4wZ8dNfP@pypi.corp.example/simple/\n";
  assert.deepEqual(scan(all, text, "/etc/pip.conf").filter((h) => MY_KINDS.has(h.kind)).map((h) => `${h.kind}:${h.secret}`), ["url-password:Xq7vR2pLm9tK4wZ8dNfP"]);
});

test("a JWT's expiry lowers its severity; unsigned and documentation tokens are dropped", () => {
  const h = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const sig = "c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMDEyMzQ1";
  const hit = (secret: string): RuleHit => ({ ruleId: "jwt", kind: "jwt", secret, start: 0, end: secret.length, severity: "high", confidence: "high" });
  assert.equal(judgeJwt(hit(`${h({ alg: "HS256" })}.${h({ exp: 2000 })}.${sig}`), 3000)?.severity, "low");
  assert.equal(judgeJwt(hit(`${h({ alg: "HS256" })}.${h({ exp: 4000 })}.${sig}`), 3000)?.severity, "high");
  assert.equal(judgeJwt(hit(`${h({ alg: "none" })}.${h({ exp: 4000 })}.${sig}`), 3000), undefined);
  assert.equal(judgeJwt(hit(`${h({ alg: "HS256" })}.${h({ sub: "1234567890", name: "John Doe", iat: 1516239022 })}.${sig}`)), undefined);
});

test("placeholders cover more template forms; real values are not placeholders", () => {
  for (const v of ["your_password", "password_here", "put your unique phrase here", "example-token", "dummy_api_key", 'os.environ["X"]', "os.getenv('X')", "getenv(\"X\")", "process.env.DB_PASS", "ENV['X']", "${{ secrets.TOKEN }}", "<%= ENV['X'] %>", "#{db.password}", "@DB_PASSWORD@", "__DB_PASSWORD__", "%DB_PASSWORD%", "ab****yz", "xxxx-xxxx-xxxx", "notasecret", "REPLACE_ME"]) {
    assert.ok(isPlaceholder(v), v);
  }
  for (const v of ["Xq7vR2pLm9tK4wZ8", "S3cr3tPw0rd", "Tr0ub4dor&3", "envelope", "p4ssW0rd!x", "hunter2"]) assert.ok(!isPlaceholder(v), v);
});

test("placeholder and PEM parsing stay linear on long hostile values", () => {
  const started = performance.now();
  isPlaceholder(`your${"a".repeat(20000)}!`);
  isPlaceholder(`${"x".repeat(20000)}!`);
  classifyPem("RSA PRIVATE KEY", `${"\\n".repeat(5000)}${"A".repeat(5000)}`);
  assert.ok(performance.now() - started < 200);
});

test("long hostile lines after every keyword are scanned in linear time", () => {
  const fillers = ["a", "A", "0", "=", "\\n", " ", "-----", '"', "'", "<", ":", "\n", "eyJh", "=a"];
  const keywords = [...new Set(MINE.flatMap((r) => r.keywords))];
  let worst = 0;
  let worstCase = "";
  for (const kw of keywords) {
    for (const filler of fillers) {
      const text = `${kw}${filler.repeat(Math.ceil(4000 / filler.length))}\n${kw}=${kw}:${kw} ${kw}`.repeat(2);
      const ms = leastMs(() => mine.scanText(text, { path: "/root/.ssh/id_rsa" }));
      if (ms > worst) [worst, worstCase] = [ms, `${kw} + ${JSON.stringify(filler)}`];
    }
  }
  assert.ok(worst < 250, `slowest line (${worstCase}) took ${worst.toFixed(1)} ms`);
});

test("path rules over a whole hostile file stay fast", () => {
  const paths = ["/root/.pypirc", "/root/.pgpass", "/etc/nginx/.htpasswd", "/root/.m2/settings.xml", "/infra/terraform.tfstate", "/root/.composer/auth.json", "/root/.kube/config", "/var/www/wp-config.php", "/root/.config/rclone/rclone.conf", "/root/.ssh/id_rsa"];
  const bodies = ["[a]\n" + "password = x\n".repeat(3000), ":".repeat(60000), '"http-basic" "a": "b", '.repeat(3000), "<server>" + "<".repeat(50000), '{"value": "'.repeat(5000), "define('DB_PASSWORD', '" + "\\'".repeat(20000)];
  for (const path of paths) {
    for (const body of bodies) {
      const ms = leastMs(() => mine.scanText(body, { path }), 200);
      assert.ok(ms < 1000, `${path}: ${ms.toFixed(0)} ms`);
    }
  }
});

test("hostile text after each key and file keyword never makes a check throw", () => {
  const keywords = [...new Set(MINE.flatMap((r) => r.keywords))];
  const paths = [undefined, ...new Set(MINE.filter((r) => r.paths).map((r) => r.examples.match[0]?.path))];
  fc.assert(
    fc.property(fc.constantFrom(...keywords), fc.constantFrom(...paths), fc.string({ unit: fc.constantFrom(..."AaZz09+/=-_.:\"'\\n\n <>{}[]$".split("")), maxLength: 300 }), (kw, path, tail) => {
      mine.scanText(`-----BEGIN ${kw}${tail}-----END ${kw}${tail}`, path ? { path } : {});
      mine.scanText(`${kw}${tail}`, path ? { path } : {});
    }),
    { numRuns: 2000 },
  );
});

test("the key-format parsers never throw on arbitrary input", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.string({ maxLength: 400 }), (bytes, text) => {
      const b = Buffer.from(bytes);
      secretKeyProtection(b);
      sshcomCipher(b);
      pemBody(text);
      for (const label of ["RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY"]) {
        classifyPem(label, text);
        classifyPem(label, b.toString("base64"));
      }
    }),
    { numRuns: 1500 },
  );
});

test("random bodies under real key labels and prefixes are dropped by their structure checks", () => {
  for (let i = 0; i < 200; i++) {
    const body = randomBytes(48 + (i % 200)).toString("base64").replace(/.{64}/g, "$&\n");
    for (const label of ["RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PGP PRIVATE KEY BLOCK"]) {
      const hits = scan(mine, `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`);
      assert.deepEqual(hits.map((h) => h.kind), [], `${label} with a random body`);
    }
  }
});
