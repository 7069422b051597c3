import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { context, dryRun, scenariosRoot } from "./helpers.js";

const NETRC = readFileSync(join(scenariosRoot, "s002-copy-netrc-then-rm", "context", ".netrc"), "utf8");

test("s002: COPY .netrc and the later rm become a secret mount at /root/.netrc; .netrc is kept out of the context", async () => {
  const dockerfile = readFileSync(join(scenariosRoot, "s002-copy-netrc-then-rm", "context", "Dockerfile"), "utf8");
  const dir = context({ Dockerfile: dockerfile, ".netrc": NETRC });
  const r = await dryRun(dir);
  assert.equal(
    r.plan.after,
    "FROM python:3.9\n# Copy in config file with credentials.\n# pip will use credentials from the .netrc file:\n" +
      "RUN --mount=type=secret,id=netrc,target=/root/.netrc \\\n    pip install\n# Hide the file with credentials:\n",
  );
  assert.equal(r.outcome, "fixed");
  assert.deepEqual(r.plan.secrets, [{ id: "netrc", from: "the context file .netrc", src: ".netrc" }]);
  assert.equal(r.plan.ignore?.exists, false);
  assert.deepEqual(r.plan.ignore?.entries, [".netrc"]);
  assert.match(r.commands.buildah, /^buildah bud --secret id=netrc,src=\.netrc -f Dockerfile \.$/);
  assert.match(r.commands.docker, /^DOCKER_BUILDKIT=1 docker build --secret id=netrc,src=\.netrc -f Dockerfile \.$/);
});

test("every RUN between the COPY and the rm keeps the file; an rm of other paths loses only this one", async () => {
  const dir = context({
    Dockerfile: "FROM python:3.9\nCOPY .netrc /root/\nUSER app\nRUN pip install a\nRUN pip install b && rm -rf /tmp/cache /root/.netrc\n",
    ".netrc": NETRC,
  });
  const r = await dryRun(dir);
  assert.equal(
    r.plan.after,
    "FROM python:3.9\nUSER app\n" +
      "RUN --mount=type=secret,id=netrc,target=/root/.netrc,mode=0444 \\\n    pip install a\n" +
      "RUN --mount=type=secret,id=netrc,target=/root/.netrc,mode=0444 \\\n    pip install b && rm -rf /tmp/cache\n",
  );
});

test("a copied secret file nothing removes is refused: the app may read it", async () => {
  const dir = context({ Dockerfile: "FROM python:3.9\nCOPY .netrc /root/.netrc\nRUN pip install\n", ".netrc": NETRC });
  const r = await dryRun(dir);
  assert.equal(r.plan.after, r.plan.before);
  assert.equal(r.outcome, "refused");
  assert.match(r.plan.refusals[0]!.reason, /no later step removes it/);
});

test("a file changed between the COPY and the rm, or copied with an owner, is refused", async () => {
  for (const [df, why] of [
    ["FROM python:3.9\nCOPY .netrc /root/.netrc\nRUN chmod 600 /root/.netrc && pip install\nRUN rm /root/.netrc\n", /changes \/root\/\.netrc \(chmod\)/],
    ["FROM python:3.9\nCOPY --chown=app .netrc /home/app/.netrc\nRUN pip install\nRUN rm /home/app/.netrc\n", /--chown/],
  ] as const) {
    const r = await dryRun(context({ Dockerfile: df, ".netrc": NETRC }));
    assert.equal(r.plan.after, r.plan.before, df);
    assert.ok(r.plan.refusals.some((x) => why.test(x.reason)), JSON.stringify(r.plan.refusals));
  }
});
