import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { context, dryRun, privateKeyPem, scenariosRoot } from "./helpers.js";

const S000 = join(scenariosRoot, "s000-copy-dot", "context");
const read = (f: string) => readFileSync(join(S000, f), "utf8");

test("s000: private.key is excluded; appsettings.json, read by the app, is left and explained (partial)", async () => {
  const dir = context({ Dockerfile: read("Dockerfile"), "app.js": read("app.js"), "appsettings.json": read("appsettings.json"), "private.key": privateKeyPem() });
  const r = await dryRun(dir);
  assert.equal(r.outcome, "partial");
  assert.equal(r.plan.after, r.plan.before, "the Dockerfile itself is fine");
  assert.deepEqual(r.plan.ignore?.entries, ["private.key"]);
  assert.equal(
    r.plan.ignore?.after,
    "# Added by dredge fix: secrets the image does not need (the build gets the ones it uses with --secret)\nprivate.key\n",
  );
  assert.equal(r.plan.refusals.length, 1);
  assert.equal(r.plan.refusals[0]!.name, "appsettings.json");
  assert.match(r.plan.refusals[0]!.reason, /read(s)? at run time|reads at run time/);
  assert.match(r.plan.refusals[0]!.reason, /rotate/);
  assert.doesNotMatch(JSON.stringify(r.plan.refusals), /XevrSM1XYEBo1xoUKutZ/);
});

test("an existing .dockerignore keeps every line and its CRLF; the new lines go at its end", async () => {
  const dir = context({ Dockerfile: "FROM node:18\nWORKDIR /app\nCOPY . .\n", ".dockerignore": "node_modules\r\n!keep.me", ".env": "DB_PASSWORD=Zq8vLmN3xT1pWq9\r\n", "id_rsa": privateKeyPem() });
  const r = await dryRun(dir);
  assert.equal(r.outcome, "fixed");
  assert.equal(
    r.plan.ignore?.after,
    "node_modules\r\n!keep.me\r\n\r\n# Added by dredge fix: secrets the image does not need (the build gets the ones it uses with --secret)\r\n.env\r\nid_rsa\r\n",
  );
  assert.ok(r.plan.changes.some((c) => /docker run --env-file \.env/.test(c.message)));
});

test("a file the ignore file re-includes on purpose, or one a later step names, is not excluded", async () => {
  const reincluded = await dryRun(context({ Dockerfile: "FROM alpine\nCOPY . /srv\n", ".dockerignore": "*.key\n!server.key\n", "server.key": privateKeyPem() }));
  assert.equal(reincluded.plan.ignore, undefined);
  assert.match(reincluded.plan.refusals[0]!.reason, /re-includes server\.key on purpose \(line 2\)/);

  const named = await dryRun(context({ Dockerfile: "FROM alpine\nCOPY . /srv\nCMD [\"server\", \"--key\", \"/srv/server.key\"]\n", "server.key": privateKeyPem() }));
  assert.equal(named.plan.ignore, undefined);
  assert.match(named.plan.refusals[0]!.reason, /CMD on line 3 names server\.key/);
});

test("a sensitive file copied into a stage the image does not include is left alone", async () => {
  const r = await dryRun(context({ Dockerfile: "FROM alpine AS build\nCOPY . /src\nRUN make\nFROM alpine\nCOPY --from=build /src/out /out\n", "id_rsa": privateKeyPem() }));
  assert.equal(r.outcome, "clean");
  assert.equal(r.plan.ignore, undefined);
});
