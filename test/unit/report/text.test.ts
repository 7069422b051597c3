import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Secret } from "../../../src/detect/redact.js";
import type { ScanResult } from "../../../src/findings/types.js";
import { useColor } from "../../../src/cli/output.js";
import { formatJson } from "../../../src/report/json.js";
import { formatSarif } from "../../../src/report/sarif.js";
import { formatText } from "../../../src/report/text.js";
import { contextResult, lintResult, scanResult, VALUES } from "./fixtures.js";

const plain = (r: ScanResult, all = false) => formatText(r, { showSecrets: false, color: false, all });

function lineOf(text: string, pattern: RegExp): number {
  const i = text.split("\n").findIndex((l) => pattern.test(l));
  assert.ok(i >= 0, `no line matches ${pattern}`);
  return i;
}

test("an image is grouped target → layer → file, then history and config", () => {
  const out = plain(scanResult());
  const order = [/^docker-archive:app\.tar/, /^ {2}layer 1 /, /^ {4}\/root\/\.aws\/credentials {2}deleted in layer 3/, /^ {2}layer 2 /, /^ {4}\/app\/\.git@3f2a9c1:config\/settings\.json {2}present/, /^ {2}history$/, /^ {4}#3 /, /^ {2}config$/, /^ {4}Env\.STRIPE_API_KEY/, /^oci:broken-layout/];
  const at = order.map((p) => lineOf(out, p));
  assert.deepEqual(at, [...at].sort((a, b) => a - b), "in this order");
  assert.match(out, /\/srv\/shop\.war!WEB-INF\/lib\/app\.jar!BOOT-INF\/classes\/application\.properties {2}present/, "inner archives as app.war!…");
  assert.match(out, /← Dockerfile:4 \(stage app\)/, "a layer file names its Dockerfile line");
});

test("each secret is told in full once (fix, docs) and then by its number", () => {
  const out = plain(scanResult());
  assert.equal(out.split("fix: Deactivate and delete the access key").length - 1, 1);
  const heads = out.split("\n").filter((l) => /aws-secret-access-key {2}wJalrX…8sT/.test(l));
  assert.equal(heads.length, 2, "under its layer file and under its history entry");
  assert.ok(heads.every((h) => /#1\b/.test(h)));
  assert.match(heads[0]!, /· 2 places/);
});

test("one hint per kind of place used, in words; none for kinds not used", () => {
  const scan = plain(scanResult());
  assert.match(scan, /↳ deleted: removed in layer 3 but still in layer 1's blob: anyone who pulls the image can read it/);
  assert.match(scan, /↳ overwritten: replaced in layer 4, but the old version is still in layer 2's blob/);
  assert.match(scan, /↳ history: .*docker history --no-trunc/);
  assert.match(scan, /↳ config: .*docker inspect/);
  assert.match(scan, /↳ in a \.git store \(\/app\/\.git@3f2a9c1:config\/settings\.json\): .*although the HEAD commit no longer has it/);
  assert.match(scan, /↳ inside an archive \(\/srv\/shop\.war!WEB-INF/);
  assert.equal(scan.split("↳ deleted:").length - 1, 1);
  const lint = plain(lintResult());
  assert.doesNotMatch(lint, /↳ (deleted|present|history|config):/);
  for (const s of ["final", "host", "bug", "log"]) assert.match(lint, new RegExp(`↳ scope ${s}: `));
  assert.match(lint, /↳ dockerfile: /);
  assert.match(plain(contextResult()), /↳ context: a file of the build context: `docker build` sends it to the builder, and the COPY\/ADD named takes it into a stage/);
});

test("a Dockerfile is grouped by line, a build context by file", () => {
  const lint = plain(lintResult());
  const lines = [2, 3, 4, 7, 8, 9].map((n) => lineOf(lint, new RegExp(`^ {2}api/Dockerfile:${n}:\\d+ `)));
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
  assert.match(lint, /api\/Dockerfile:8:1 RUN \(stage build\)/);
  const ctx = plain(contextResult());
  assert.match(ctx, /^ {2}context conf\/\.env {2}copied by Dockerfile:3 \(stage 1\)$/m);
  assert.match(ctx, /^ {2}context id_rsa {2}sent to the builder, copied by no COPY\/ADD$/m);
});

test("the summary counts by severity, what the config and the baseline left out, and what is held back", () => {
  const out = plain(scanResult());
  assert.match(out, /^5 secrets \(2 critical, 2 high, 1 medium\) in 2 targets; 2 "deleted" but still in a layer$/m);
  assert.match(out, /^not shown: 1 allowed by the config, 2 from rules the config disables, 3 already in the baseline$/m);
  assert.match(out, /^1 more held back as low confidence \(1 in a package's test suite/m);
  const all = plain(scanResult(), true);
  assert.match(all, /held back: in a package's test suite/);
  assert.match(all, /^6 secrets/m);
  assert.doesNotMatch(all, /more held back/);
  assert.match(plain(lintResult()), /^5 findings \(1 critical, 1 high, 1 medium, 2 low\) in 1 target$/m, "lint: findings, not only secrets");
  assert.match(plain({ version: 1, targets: [{ target: "x", warnings: [] }], findings: [] }), /no secrets found\n\nno secrets in 1 target\n$/);
});

test("colour only when asked: severity, status and hints painted; none in plain text", () => {
  const colour = formatText(scanResult(), { showSecrets: false, color: true });
  assert.match(colour, /\u001b\[31mCRITICAL/);
  assert.match(colour, /\u001b\[35mdeleted in layer 3\u001b\[39m/);
  assert.doesNotMatch(plain(scanResult()), /\u001b\[/);
});

test("colour: --no-color and NO_COLOR (non-empty) win, --color and FORCE_COLOR force it, a file never gets it, else a TTY does", () => {
  assert.equal(useColor({}, {}, true), true);
  assert.equal(useColor({}, {}, false), false);
  assert.equal(useColor({}, { NO_COLOR: "1" }, true), false);
  assert.equal(useColor({}, { NO_COLOR: "" }, true), true, "an empty NO_COLOR is unset (no-color.org)");
  assert.equal(useColor({ color: false }, { FORCE_COLOR: "1" }, true), false);
  assert.equal(useColor({ color: true }, {}, false), true);
  assert.equal(useColor({}, { FORCE_COLOR: "1" }, false), true);
  assert.equal(useColor({}, { FORCE_COLOR: "0" }, true), false);
  assert.equal(useColor({ output: "r.txt", color: true }, { FORCE_COLOR: "1" }, true), false);
  assert.equal(useColor({ color: true }, { NO_COLOR: "1" }, true), false);
});

test("--show-secrets shows the values; without it no reporter prints one", () => {
  const shown = formatText(scanResult(), { showSecrets: true, color: false });
  assert.ok(shown.includes(VALUES.aws) && shown.includes(VALUES.stripe));
});

test("no reporter prints a secret it found, wherever the secret also appears (history, messages, warnings, paths)", () => {
  const secret = fc.string({ minLength: 12, maxLength: 40, unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/=".split("")) });
  fc.assert(
    fc.property(secret, fc.string({ maxLength: 20 }), (value, noise) => {
      const base = lintResult();
      const f = base.findings[0]!;
      const result: ScanResult = {
        version: 1,
        targets: [{ target: "docker-archive:x.tar", warnings: [`odd layer ${noise}${value}`] }],
        findings: [
          {
            ...f,
            secret: new Secret(value),
            message: `saw ${value} in ${noise}`,
            locations: [
              { target: "docker-archive:x.tar", status: "history", history: { index: 1, createdBy: `RUN echo ${noise}${value}${noise}` } },
              { target: "docker-archive:x.tar", status: "present", path: "/app/.env", layer: { index: 0, createdBy: `COPY ${value} /app/.env` } },
            ],
          },
        ],
      };
      for (const out of [plain(result), formatJson(result, { showSecrets: false }), formatSarif(result, { showSecrets: false })]) {
        assert.ok(!out.includes(value), "a reporter printed the secret");
      }
    }),
    { numRuns: 200 },
  );
});
