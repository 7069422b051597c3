import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDockerfileInstructions } from "../../../src/dockerfile/index.js";
import { planCopies, type CopyPlan } from "../../../src/context/copies.js";

function plan(dockerfile: string, opts: { buildArgs?: Record<string, string>; target?: string; links?: Record<string, string> } = {}): CopyPlan {
  const model = parseDockerfileInstructions(dockerfile);
  return planCopies(model, {
    file: "Dockerfile",
    ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}),
    ...(opts.target ? { target: opts.target } : {}),
    resolveLink: (p) => opts.links?.[p],
  });
}

/** The lines of the COPY/ADD instructions that take `path`. */
function takers(p: CopyPlan, path: string): number[] {
  return p.selectors.filter((s) => s.selects(path)).map((s) => s.ref.line);
}

test("COPY . copies everything; a directory source copies its whole tree; a file source only itself", () => {
  const p = plan("FROM alpine\nCOPY . /app\nCOPY config /etc/app\nCOPY package.json ./\n");
  assert.deepEqual(takers(p, ".env"), [2]);
  assert.deepEqual(takers(p, "config/deep/.env"), [2, 3]);
  assert.deepEqual(takers(p, "configuration/.env"), [2]);
  assert.deepEqual(takers(p, "package.json"), [2, 4]);
});

test("sources are cleaned and taken from the context root: ./, leading /, .. cannot climb out", () => {
  const p = plan("FROM alpine\nCOPY ./src/ /a\nCOPY /keys /b\nCOPY ../../keys/id_rsa /c\n");
  assert.deepEqual(takers(p, "src/.env"), [2]);
  assert.deepEqual(takers(p, "keys/id_rsa"), [3, 4]);
});

test("wildcards match per path component with Go's rules: * and ? stay in one component, classes, dot files included", () => {
  const p = plan("FROM alpine\nCOPY *.json /a/\nCOPY conf?/ /b/\nCOPY [ab]*.key /c/\nCOPY */secrets /d/\n");
  assert.deepEqual(takers(p, "appsettings.json"), [2]);
  assert.deepEqual(takers(p, "sub/appsettings.json"), []);
  assert.deepEqual(takers(p, "conf1/.env"), [3]);
  assert.deepEqual(takers(p, "b.key"), [4]);
  assert.deepEqual(takers(p, "c.key"), []);
  assert.deepEqual(takers(p, "app/secrets/x.pem"), [5]);
  assert.deepEqual(takers(plan("FROM alpine\nCOPY * /app/\n"), ".env"), [2], "* matches dot files in Go");
});

test("** spans directories only with --parents", () => {
  const p = plan("FROM alpine\nCOPY --parents ./src/**/*.env /out/\nCOPY src/**/*.env /flat/\n");
  assert.deepEqual(takers(p, "src/a/b/.env"), [2], "Go's * matches an empty name part");
  assert.deepEqual(takers(p, "src/a/b/prod.env"), [2]);
  assert.deepEqual(takers(p, "src/prod.env"), [2]);
  assert.deepEqual(takers(p, "src/x/prod.env"), [2, 3]);
});

test("--exclude patterns leave files out of what a COPY takes", () => {
  const p = plan("FROM alpine\nCOPY --exclude=*.pem --exclude=**/.env . /app\nCOPY --exclude=*.txt hom* /mydir/\n");
  assert.deepEqual(takers(p, "server.pem"), []);
  assert.deepEqual(takers(p, "certs/server.pem"), [2], "*.pem is anchored at the source root");
  assert.deepEqual(takers(p, "src/.env"), []);
  assert.deepEqual(takers(p, "home.txt"), [2], "only the second COPY excludes *.txt");
  assert.deepEqual(takers(p, "home.key"), [2, 3]);
});

test("COPY --from, heredocs and URLs do not read the context", () => {
  const p = plan("FROM alpine AS build\nRUN make\nFROM alpine\nCOPY --from=build /out /app\nCOPY <<EOF /etc/x\nhello\nEOF\nADD https://example.com/x.tar.gz /x/\nADD git@github.com:o/r.git /r\n");
  assert.deepEqual(p.selectors, []);
});

test("ARG and ENV in sources expand as Docker expands them: build args first, defaults, ENV over ARG, global ARG only where redeclared", () => {
  const df = [
    "ARG CONF_DIR=conf",
    "FROM alpine",
    "ARG CONF_DIR",
    "COPY $CONF_DIR/ /a/",
    "ARG KEY=default.key",
    "COPY ${KEY} /b/",
    "ENV KEY=env.key",
    "COPY ${KEY} /c/",
    "COPY ${MISSING:-fallback}.pem /d/",
    "FROM alpine",
    "COPY ${CONF_DIR}x /e/",
  ].join("\n");
  const p = plan(df);
  assert.deepEqual(takers(p, "conf/.env"), [4]);
  assert.deepEqual(takers(p, "default.key"), [6]);
  assert.deepEqual(takers(p, "env.key"), [8]);
  assert.deepEqual(takers(p, "fallback.pem"), [9]);
  // The second stage does not redeclare CONF_DIR: it expands to "" there.
  assert.deepEqual(takers(p, "x"), [11]);
  assert.ok(p.warnings.some((w) => /Dockerfile:11: COPY uses \$CONF_DIR with no value here/.test(w)));
  assert.ok(!p.warnings.some((w) => /MISSING/.test(w)), "a reference with a default is no hole");
  const q = plan(df, { buildArgs: { CONF_DIR: "prod", KEY: "given.key" } });
  assert.deepEqual(takers(q, "prod/.env"), [4]);
  assert.deepEqual(takers(q, "given.key"), [6]);
  assert.deepEqual(takers(q, "env.key"), [8], "ENV wins over the ARG");
});

test("an unset variable makes the source what Docker makes it: COPY $DIR/ copies the whole context", () => {
  const p = plan("FROM alpine\nARG DIR\nCOPY $DIR/ /app/\n");
  assert.deepEqual(takers(p, ".env"), [3]);
});

test("the destination is made absolute with the WORKDIR in effect (inherited from a parent stage)", () => {
  const p = plan("FROM alpine AS base\nWORKDIR /srv\nFROM base\nWORKDIR app\nCOPY . .\nCOPY .env ./conf/\n");
  assert.deepEqual(
    p.selectors.map((s) => [s.ref.line, s.ref.dest, s.ref.stage, s.ref.stageIndex]),
    [
      [5, "/srv/app", "1", 1],
      [6, "/srv/app/conf/", "1", 1],
    ],
  );
});

test("reach: stages the target is built from, copies from or mounts from reach it; others stay on the build host", () => {
  const df = [
    "FROM alpine AS secrets",
    "COPY .env /tmp/",
    "FROM alpine AS deps",
    "COPY package.json /",
    "FROM alpine AS unused",
    "COPY id_rsa /root/.ssh/",
    "FROM deps AS final",
    "RUN --mount=type=bind,from=secrets,target=/s true",
    "COPY app.js /",
  ].join("\n");
  const p = plan(df);
  assert.deepEqual([...p.reaching].sort(), [0, 1, 3]);
  const byLine = new Map(p.selectors.map((s) => [s.ref.line, s.ref.reachesTarget]));
  assert.equal(byLine.get(2), true);
  assert.equal(byLine.get(4), true);
  assert.equal(byLine.get(6), false);
  assert.equal(byLine.get(9), true);
  const t = plan(df, { target: "unused" });
  assert.deepEqual([...t.reaching], [2]);
  assert.ok(plan(df, { target: "nope" }).warnings.some((w) => /target stage "nope"/.test(w)));
});

test("a source that is a symlink inside the context copies what it points to", () => {
  const p = plan("FROM alpine\nCOPY conf /etc/app\n", { links: { conf: "private/conf" } });
  assert.deepEqual(takers(p, "private/conf/.env"), [2]);
  assert.deepEqual(takers(p, "private/other"), []);
});

test("a bad wildcard is a warning (the build fails on it), not a crash", () => {
  const p = plan("FROM alpine\nCOPY app[ /x/\n");
  assert.deepEqual(takers(p, "app["), []);
  assert.ok(p.warnings.some((w) => /Dockerfile:2: COPY source syntax error/.test(w)));
});

test("ADD of a local archive counts as copying it; JSON-form sources are read too; ONBUILD triggers are not this build's", () => {
  const p = plan('FROM alpine\nADD secrets.tar.gz /opt/\nCOPY ["conf/.env", "/app/"]\nONBUILD COPY id_rsa /root/.ssh/\n');
  assert.deepEqual(takers(p, "secrets.tar.gz"), [2]);
  assert.equal(p.selectors[0]!.ref.instruction, "ADD");
  assert.deepEqual(takers(p, "conf/.env"), [3]);
  assert.deepEqual(takers(p, "id_rsa"), []);
});
