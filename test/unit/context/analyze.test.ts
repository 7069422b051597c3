import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeContext, contextFindings } from "../../../src/context/index.js";
import { formatJson } from "../../../src/report/json.js";
import { formatText } from "../../../src/report/text.js";
import { contextNotes } from "../../../src/cli/context-command.js";
import { FAKE, withFiles } from "./helpers.js";

test("a sensitive-by-name file and the detector's hits in it make one ContextFile with both reasons", async () => {
  await withFiles({ "Dockerfile": "FROM alpine\nCOPY . /app\n", ".env": `AWS_ACCESS_KEY_ID=${FAKE.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${FAKE.awsSecret}\nDEBUG=1\n` }, async (dir) => {
    const report = await analyzeContext({ dir });
    assert.equal(report.sensitive.length, 1);
    const env = report.sensitive[0]!;
    assert.equal(env.path, ".env");
    assert.equal(env.kind, "dotenv-file");
    assert.match(env.reasons[0]!, /^dotenv file with 3 values \(1 under a secret-shaped name\)$/);
    assert.match(env.reasons[1]!, /^holds 2 secrets \(/);
    assert.ok(env.hits.some((h) => h.secret === FAKE.awsSecret));
    assert.deepEqual(env.copiedBy, [{ file: "Dockerfile", line: 2, column: 1, stage: "0", stageIndex: 0, instruction: "COPY", dest: "/app", reachesTarget: true }]);
    assert.equal(report.ignoreFile, undefined);
    assert.deepEqual(report.ignoreSuggestions, [".env"]);
  });
});

test("a file holding secrets is reported even when its name says nothing; an empty sensitive name still is", async () => {
  await withFiles({ "src/settings.py": `GITHUB = "${FAKE.github}"\n`, "deploy/id_ed25519": "", "README.md": "hello" }, async (dir) => {
    const report = await analyzeContext({ dir });
    assert.deepEqual(
      report.sensitive.map((f) => f.path),
      ["deploy/id_ed25519", "src/settings.py"],
    );
    assert.equal(report.sensitive[0]!.reasons.join("; "), "SSH private key (empty)");
    assert.match(report.sensitive[1]!.reasons.join("; "), /^holds 1 secret \(github[a-z-]*\)$/);
  });
});

test("a .pem holding only certificates is not sensitive; one holding a private key is", async () => {
  const cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUa\n-----END CERTIFICATE-----\n";
  await withFiles({ "certs/ca.pem": cert, "certs/tls.key": "-----BEGIN EC PRIVATE KEY-----\nnot really\n-----END EC PRIVATE KEY-----\n" }, async (dir) => {
    const report = await analyzeContext({ dir });
    assert.deepEqual(
      report.sensitive.map((f) => f.path),
      ["certs/tls.key"],
    );
    assert.equal(report.sensitive[0]!.critical, true);
  });
});

test(".git is reported once as a whole, with the credentials in its config", async () => {
  await withFiles({ "Dockerfile": "FROM alpine\nCOPY . /src\n", "app.js": "x" }, async (dir) => {
    execFileSync("git", ["init", "-q", dir]);
    writeFileSync(join(dir, ".git", "config"), `[remote "origin"]\n\turl = https://deploy:${FAKE.github}@github.com/acme/app.git\n`);
    const report = await analyzeContext({ dir });
    assert.equal(report.sensitive.length, 1);
    const git = report.sensitive[0]!;
    assert.equal(git.path, ".git");
    assert.equal(git.directory, true);
    assert.match(git.reasons[0]!, /^\.git store: history and remotes/);
    assert.ok(git.hits.some((h) => h.secret.includes(FAKE.github)));
    assert.ok(git.hitFiles!.every((f) => f === ".git/config"));
    assert.equal(git.copiedBy[0]?.line, 2);
    const findings = await contextFindings(report, "context:.");
    assert.ok(findings.every((f) => f.locations.every((l) => l.status === "context")));
    assert.ok(findings.some((f) => f.locations.some((l) => l.status === "context" && l.path === ".git/config")));
  });
});

test(".ssh and .aws are reported as whole directories, naming what is inside", async () => {
  await withFiles({ ".ssh/id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n", ".ssh/known_hosts": "h", ".aws/config": "[default]\n" }, async (dir) => {
    const report = await analyzeContext({ dir });
    assert.deepEqual(
      report.sensitive.map((f) => [f.path, f.directory, f.critical]),
      [
        [".aws", true, true],
        [".ssh", true, true],
      ],
    );
    assert.ok(report.sensitive[1]!.reasons.includes("id_rsa: SSH private key"));
  });
});

test("BuildKit's <Dockerfile>.dockerignore is used before .dockerignore, and the report says so", async () => {
  await withFiles(
    {
      "build/app.Dockerfile": "FROM alpine\nCOPY . /app\n",
      "build/app.Dockerfile.dockerignore": ".env\n",
      ".dockerignore": "*.key\n",
      ".env": `GITHUB_TOKEN=${FAKE.github}\n`,
      "server.key": "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n",
    },
    async (dir) => {
      const report = await analyzeContext({ dir, dockerfile: join(dir, "build/app.Dockerfile") });
      assert.equal(report.ignoreFile, "build/app.Dockerfile.dockerignore");
      assert.deepEqual(
        report.sensitive.map((f) => f.path),
        ["server.key"],
      );
      assert.equal(report.sensitive[0]!.copiedBy[0]?.file, "build/app.Dockerfile");
      assert.ok(report.warnings.some((w) => /legacy builder .* reads only \.dockerignore/.test(w)));
      const plain = await analyzeContext({ dir });
      assert.equal(plain.ignoreFile, ".dockerignore");
      assert.deepEqual(
        plain.sensitive.map((f) => f.path),
        [".env"],
      );
    },
  );
});

test(".gitignore is not .dockerignore: a sensitive file git ignores but Docker sends is listed", async () => {
  await withFiles({ ".gitignore": "*.env\n/secrets/\n!keep.env\n", "prod.env": "A=1\n", "keep.env": "B=2\n", "secrets/db.json": "x", "secrets/token.secret": "y", "sub/.gitignore": "local.key\n", "sub/local.key": "" }, async (dir) => {
    const report = await analyzeContext({ dir });
    assert.deepEqual(report.gitignoreOnly, ["prod.env", "secrets/token.secret", "sub/local.key"]);
  });
});

test("the ignore file's errors are reported: docker build fails on them", async () => {
  await withFiles({ ".dockerignore": ".env\n!\n", ".env": "A=1\n" }, async (dir) => {
    const report = await analyzeContext({ dir });
    assert.deepEqual(report.ignoreErrors, [{ line: 2, message: 'illegal exclusion pattern: "!"' }]);
    assert.ok(contextNotes(report).some((w) => /^\.dockerignore line 2: illegal exclusion pattern: "!"; docker build fails on it/.test(w)));
    assert.deepEqual(report.sensitive, []);
  });
});

test("severity by reach: copied into the final image high (critical for keys), copied only into an unused stage or only sent low", async () => {
  const dockerfile = ["FROM alpine AS tools", "COPY tools.env /", "FROM alpine", "COPY app.env /app/", "COPY id_rsa /root/.ssh/"].join("\n");
  await withFiles({ "Dockerfile": dockerfile, "app.env": `TOKEN=${FAKE.password}\n`, "tools.env": `GITHUB_TOKEN=${FAKE.github}\n`, "id_rsa": "", "notes.env": "X=1\n" }, async (dir) => {
    const report = await analyzeContext({ dir });
    const findings = await contextFindings(report, "context:.");
    const by = (path: string) => findings.filter((f) => f.locations.some((l) => l.status === "context" && l.path === path));
    assert.deepEqual(
      by("id_rsa").map((f) => [f.severity, f.scope, f.rule, f.kind]),
      [["critical", "final", "sensitive-file", "ssh-private-key"]],
    );
    assert.ok(by("app.env").every((f) => f.severity === "high" && f.scope === "final"));
    assert.ok(by("tools.env").length > 0);
    for (const f of by("tools.env")) {
      assert.equal(f.severity, "low");
      assert.equal(f.scope, "host");
      assert.match(f.message!, /stays on the build host \(intermediate images, build cache\)/);
    }
    const sentOnly = by("notes.env");
    assert.deepEqual(
      sentOnly.map((f) => [f.severity, f.scope]),
      [["low", "host"]],
    );
    assert.match(sentOnly[0]!.message!, /sent to the builder, not copied by any COPY\/ADD/);
    // With --target tools, it is the other way round.
    const t = await contextFindings(await analyzeContext({ dir, target: "tools" }), "context:.");
    assert.ok(t.filter((f) => f.locations.some((l) => l.status === "context" && l.path === "tools.env")).every((f) => f.scope === "final"));
  });
});

test("findings: one per secret value wherever it is, stable fingerprints, synthetic context:PATH for name-only files, no secret in output", async () => {
  await withFiles({ "a/.env": `GITHUB_TOKEN=${FAKE.github}\n`, "b/config.txt": `token: ${FAKE.github}\n`, ".npmrc": "registry=https://registry.npmjs.org/\n" }, async (dir) => {
    const report = await analyzeContext({ dir });
    const one = await contextFindings(report, "context:x");
    const two = await contextFindings(report, "context:x");
    assert.deepEqual(
      one.map((f) => f.fingerprint),
      two.map((f) => f.fingerprint),
    );
    const token = one.find((f) => f.secret.reveal() === FAKE.github)!;
    assert.deepEqual(
      token.locations.map((l) => (l.status === "context" ? l.path : "")),
      ["a/.env", "b/config.txt"],
    );
    const npmrc = one.find((f) => f.rule === "sensitive-file")!;
    assert.equal(npmrc.secret.reveal(), "context:.npmrc");
    assert.equal(npmrc.kind, "npm-config");
    const result = { version: 1 as const, targets: [{ target: "context:x", warnings: [] }], findings: one };
    for (const out of [formatJson(result, { showSecrets: false }), formatText(result, { showSecrets: false, color: false })]) {
      assert.ok(!out.includes(FAKE.github), "the secret is redacted");
      assert.match(out, /"status": "context"|context a\/\.env/);
    }
    assert.ok(formatJson(result, { showSecrets: true }).includes(FAKE.github));
  });
});

test("no Dockerfile: every sensitive file is sent only, and the report says why", async () => {
  await withFiles({ ".env": "A=1\n" }, async (dir) => {
    const report = await analyzeContext({ dir });
    assert.equal(report.dockerfile, undefined);
    assert.deepEqual(report.sensitive[0]!.copiedBy, []);
    assert.ok(report.warnings.some((w) => /no Dockerfile in the context/.test(w)));
  });
});

test("a missing context directory or Dockerfile is an error naming it", async () => {
  await assert.rejects(analyzeContext({ dir: "/nonexistent/dredge-context" }), /nonexistent\/dredge-context/);
  await withFiles({ "a.txt": "a" }, async (dir) => {
    mkdirSync(join(dir, "sub"));
    await assert.rejects(analyzeContext({ dir, dockerfile: join(dir, "Nope.Dockerfile") }), /cannot read Dockerfile .*Nope\.Dockerfile/);
  });
});

test("a dependency's test data is held back (low confidence) as the image scan does, and left out of the suggestions", async () => {
  await withFiles({ "Dockerfile": "FROM node\nCOPY . .\n", "node_modules/agent/test/fixtures/server.key": "", "node_modules/agent/test/token.txt": `t=${FAKE.github}\n`, ".env": "A=1\n" }, async (dir) => {
    const report = await analyzeContext({ dir });
    const held = report.sensitive.filter((f) => f.heldBack);
    assert.deepEqual(
      held.map((f) => f.path),
      ["node_modules/agent/test/fixtures/server.key", "node_modules/agent/test/token.txt"],
    );
    assert.deepEqual(report.ignoreSuggestions, [".env"]);
    const findings = await contextFindings(report, "context:.");
    const token = findings.find((f) => f.secret.reveal() === FAKE.github)!;
    assert.match(token.heldBack!, /npm package's tests/);
    assert.equal(token.confidence, "low");
    assert.ok(!findings.find((f) => f.secret.reveal() === "context:.env")!.heldBack);
  });
});
