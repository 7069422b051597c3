import { test } from "node:test";
import assert from "node:assert/strict";
import { has, lintOf } from "./helpers.js";

test("a file written with a secret in a builder stage reaches the final image only if COPY --from carries it", () => {
  const base = "FROM alpine AS build\nARG NPM_TOKEN\nRUN echo \"//r/:_authToken=$NPM_TOKEN\" > /root/.npmrc && npm ci\n";
  const carried = lintOf(base + "FROM alpine\nCOPY --from=build /root /root\n");
  const w = carried.issues.find((i) => i.rule === "secret-file-write")!;
  assert.equal(w.scope, "final");
  assert.deepEqual(w.also.map((s) => s.line), [5], "names the COPY --from that carries it");
  assert.match(w.message, /COPY --from on line 5/);
  const left = lintOf(base + "FROM alpine\nCOPY --from=build /app /app\n");
  assert.equal(left.issues.find((i) => i.rule === "secret-file-write")!.scope, "host");
  const glob = lintOf(base + "FROM alpine\nCOPY --from=build /root/.np* /home/\n");
  assert.equal(glob.issues.find((i) => i.rule === "secret-file-write")!.scope, "final");
});

test("COPY --from reads paths from the source stage's root, not its WORKDIR", () => {
  const text = "FROM alpine AS b\nWORKDIR /src\nARG T0KEN_SECRET\nRUN echo $T0KEN_SECRET > key.txt\nFROM alpine\nCOPY --from=b src/key.txt /k\n";
  assert.equal(lintOf(text).issues.find((i) => i.rule === "secret-file-write")!.scope, "final");
});

test("a file created and removed in the same RUN does not leak; rm in a later RUN does not help and says so", () => {
  assert.deepEqual(lintOf("FROM alpine\nARG NPM_TOKEN\nRUN echo $NPM_TOKEN > ~/.npmrc && npm ci && rm -f ~/.npmrc\n").keys, ["2 final secret-arg-name"]);
  const later = lintOf("FROM alpine\nARG NPM_TOKEN\nRUN echo $NPM_TOKEN > ~/.npmrc && npm ci\nRUN rm -rf /root/.npmrc\n");
  assert.ok(has(later.issues, "secret-file-write", 3, "final"));
  assert.ok(has(later.issues, "rm-later-layer", 4, "final"));
  const rm = later.issues.find((i) => i.rule === "rm-later-layer")!;
  assert.deepEqual(rm.also.map((s) => s.line), [3]);
});

test("rm before the write in the same RUN does not remove it", () => {
  assert.ok(has(lintOf("FROM alpine\nARG NPM_TOKEN\nRUN rm -f ~/.npmrc; echo $NPM_TOKEN > ~/.npmrc\n").issues, "secret-file-write", 3));
});

test("a removed file is not copied on by COPY --from", () => {
  const text = "FROM alpine AS b\nCOPY id_rsa /root/.ssh/id_rsa\nRUN git clone git@h:r.git /app\nRUN rm /root/.ssh/id_rsa\nFROM alpine\nCOPY --from=b / /\n";
  const { issues } = lintOf(text);
  assert.equal(issues.find((i) => i.rule === "sensitive-file-copy")!.scope, "host");
  assert.ok(has(issues, "rm-later-layer", 4, "host"));
});

test("a stage built FROM a stage holding a secret file has it too (its layers)", () => {
  const text = "FROM alpine AS b\nCOPY .netrc /root/.netrc\nFROM b\nRUN rm /root/.netrc\n";
  const { issues } = lintOf(text);
  assert.ok(has(issues, "sensitive-file-copy", 2, "final"));
  assert.ok(has(issues, "rm-later-layer", 4, "final"));
});

test("writes into RUN mounts (cache, tmpfs, bind, the secret itself) do not persist", () => {
  const text = "FROM alpine\nARG NPM_TOKEN\nRUN --mount=type=tmpfs,target=/root echo $NPM_TOKEN > /root/.npmrc && npm ci\n";
  assert.ok(!lintOf(text).keys.some((k) => k.includes("secret-file-write")));
  const cache = "FROM alpine\nARG NPM_TOKEN\nWORKDIR /app\nRUN --mount=type=cache,target=cache echo $NPM_TOKEN > /app/cache/t\n";
  assert.ok(!lintOf(cache).keys.some((k) => k.includes("secret-file-write")));
});

test("tools that write credentials into config files", () => {
  const cases: [string, RegExp][] = [
    ["RUN npm config set //r/:_authToken $NPM_TOKEN", /\/root\/\.npmrc/],
    ["RUN npm set --location=project //r/:_authToken=$NPM_TOKEN", /\/app\/\.npmrc/],
    ["RUN yarn config set npmAuthToken $NPM_TOKEN", /\/root\/\.yarnrc/],
    ["RUN pip config set global.index-url https://u:$NPM_TOKEN@pypi.example.com/simple", /pip\.conf/],
    ["RUN git config --global url.\"https://$NPM_TOKEN@github.com/\".insteadOf https://github.com/", /\/root\/\.gitconfig/],
    ["RUN git clone https://x:$NPM_TOKEN@git.example.com/team/app.git", /\/app\/app\/\.git\/config/],
    ["RUN echo $NPM_TOKEN | docker login -u me --password-stdin registry.example.com", /\.docker\/config\.json/],
    ["RUN aws configure set aws_secret_access_key $NPM_TOKEN", /\.aws\/credentials/],
    ["RUN echo \"machine h login u password $NPM_TOKEN\" >> ~/.netrc", /\/root\/\.netrc/],
    ["RUN printf '%s' \"$NPM_TOKEN\" | tee /etc/token >/dev/null", /\/etc\/token/],
    ["RUN cat > /root/.npmrc <<EOF\n//r/:_authToken=${NPM_TOKEN}\nEOF", /\/root\/\.npmrc/],
    ["RUN composer config -g github-oauth.github.com $NPM_TOKEN", /auth\.json/],
    ["RUN env > /tmp/env.txt", /\/tmp\/env\.txt/],
    ["RUN sh -c 'echo $NPM_TOKEN > /t'", /\/t\b/],
    ["RUN T=$NPM_TOKEN; export T; echo \"$T\" > /t2", /\/t2/],
  ];
  for (const [run, where] of cases) {
    const { issues } = lintOf(`FROM alpine\nWORKDIR /app\nARG NPM_TOKEN\n${run}\n`);
    const w = issues.find((i) => i.rule === "secret-file-write");
    assert.ok(w, `no secret-file-write for: ${run}\n${issues.map((i) => i.rule).join(",")}`);
    assert.match(w.message, where, run);
  }
});

test("git config credential.helper store then git clone with credentials writes ~/.git-credentials", () => {
  const text = "FROM alpine\nARG GIT_TOKEN\nRUN git config --global credential.helper store\nRUN git clone https://u:$GIT_TOKEN@h/r.git && rm -rf r/.git\n";
  const { issues } = lintOf(text);
  assert.ok(issues.some((i) => i.rule === "secret-file-write" && i.at.line === 4 && /\.git-credentials/.test(i.message)), issues.map((i) => i.message).join("\n"));
  assert.ok(!issues.some((i) => /r\/\.git\/config/.test(i.message)), "the clone's .git is removed in the same RUN");
});

test("secret mounts written to files, or printed", () => {
  const write = lintOf("FROM alpine\nRUN --mount=type=secret,id=aws,target=/root/.aws/credentials cp /root/.aws/credentials /app/creds\n");
  assert.deepEqual(write.keys, ["2 final secret-file-write"]);
  const env = lintOf("FROM alpine\nRUN --mount=type=secret,id=tok,env=TOKEN echo $TOKEN\n");
  assert.deepEqual(env.keys, ["2 log secret-printed"]);
  const xtrace = lintOf("FROM alpine\nRUN --mount=type=secret,id=tok set -x; TOKEN=$(cat /run/secrets/tok) ./deploy\n");
  assert.deepEqual(xtrace.keys, ["2 log secret-printed"]);
  const shellx = lintOf('FROM alpine\nSHELL ["/bin/sh", "-xc"]\nRUN --mount=type=secret,id=tok ./login "$(cat /run/secrets/tok)"\n');
  assert.deepEqual(shellx.keys, ["3 log secret-printed"]);
  const piped = lintOf("FROM alpine\nRUN --mount=type=secret,id=tok cat /run/secrets/tok | ./login --password-stdin && echo ok\n");
  assert.deepEqual(piped.keys, []);
  const gcloud = lintOf("FROM alpine\nRUN --mount=type=secret,id=sa gcloud auth activate-service-account --key-file=/run/secrets/sa\n");
  assert.deepEqual(gcloud.keys, ["2 final secret-file-write"]);
});

test("secret plumbing bugs", () => {
  assert.deepEqual(lintOf("FROM alpine\nRUN --mount=type=secret,id=a,env=A cat /run/secrets/a\n").keys, ["2 bug secret-mount-missing"], "env= only: no file");
  assert.deepEqual(lintOf("FROM alpine\nRUN --mount=type=secret,id=a ls /run/secrets/\n").keys, [], "the directory itself is no secret read");
  assert.deepEqual(lintOf("FROM alpine\nRUN echo 'PW=$(cat /run/secrets/db)' >> /entrypoint.sh\n").keys, [], "a runtime script written by echo reads nothing now");
  assert.deepEqual(lintOf("FROM alpine\nRUN echo \"$(cat /run/secrets/db)\" > /dev/null\n").keys, ["2 bug secret-mount-missing"], "but a substitution runs");
  const opt = lintOf("FROM alpine\nRUN --mount=type=secret,id=t,required=false [ -f /run/secrets/t ] && ./login $(cat /run/secrets/t)\n");
  assert.deepEqual(opt.keys, [], "tested before use");
  const passed = lintOf("FROM alpine\nRUN --mount=type=secret,id=npm ./build\nRUN --mount=type=secret,id=aws ./deploy\n", { secrets: ["npm"] });
  assert.deepEqual(passed.keys, ["3 bug secret-not-passed"]);
});

test("literal credentials anywhere: RUN, CMD, ONBUILD, COPY heredocs, ADD URLs", () => {
  const { keys } = lintOf(
    [
      "FROM alpine",
      "ADD https://u:XevrSM1XYEBo1xoUKutZ@files.example.com/a.tgz /a.tgz",
      'CMD ["./app", "--token", "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"]',
      "ONBUILD RUN echo sk_live_REAscXV4vpetpGJDHOzkXlfC",
      "COPY <<EOF /app/.env",
      "STRIPE=sk_live_REAscXV4vpetpGJDHOzkXlfC",
      "EOF",
    ].join("\n"),
  );
  for (const line of [2, 3, 4, 5]) assert.ok(keys.includes(`${line} final literal-secret`), `${line}: ${keys.join(", ")}`);
});

test("sensitive files by name when there is no context: final or host by where they are copied", () => {
  const { keys } = lintOf("FROM alpine AS b\nCOPY id_ed25519 /root/.ssh/\nFROM alpine\nCOPY .env.production /app/.env\nCOPY .env.example /app/\nCOPY keys/jenkins.io.key /k.pub\n");
  assert.deepEqual(keys, ["2 host sensitive-file-copy", "4 final sensitive-file-copy"]);
});

test("the stage a finding is in and its location are given", () => {
  const { issues } = lintOf("FROM alpine AS builder\nARG NPM_TOKEN\nRUN npm ci\nFROM alpine\n");
  assert.deepEqual(issues[0]!.at, { line: 2, column: 5, stage: "builder", instruction: "ARG", name: "NPM_TOKEN" });
});

test("Windows Dockerfiles: cmd/powershell RUNs are not read as sh, literals are still found", () => {
  const text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG GH_TOKEN\nRUN echo %GH_TOKEN% > C:\\token.txt `\n    && echo 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\n";
  const { keys, warnings } = lintOf(text);
  assert.deepEqual(warnings, []);
  assert.ok(keys.includes("4 final literal-secret"));
  assert.ok(keys.includes("3 final secret-arg-name"));
});

test("with --target, stages after it and beside it do not reach the image", () => {
  const text = "FROM alpine AS a\nARG NPM_TOKEN\nRUN npm ci\nFROM alpine AS b\nARG API_TOKEN\nRUN make\n";
  assert.deepEqual(lintOf(text, { target: "a" }).keys, ["2 final secret-arg-name", "5 host secret-arg-name"]);
  assert.match(lintOf(text, { target: "nope" }).issues.length === 0 ? "ok" : "", /ok/);
});

test("a literal found by its keyword is the same secret where it appears without one", () => {
  const { issues } = lintOf("FROM alpine\nRUN adduser john && echo john:B@dP@ssw0rd9 | chpasswd\nRUN ./install PASSWORD=B@dP@ssw0rd9\n");
  const lit = issues.find((i) => i.rule === "literal-secret");
  assert.ok(lit, issues.map((i) => i.rule).join(","));
  assert.deepEqual([lit.at.line, ...lit.also.map((a) => a.line)].sort(), [2, 3]);
});
