import { test } from "node:test";
import assert from "node:assert/strict";
import { Detector } from "../../../src/detect/engine.js";
import { BUILTIN_RULES } from "../../../src/detect/rules/index.js";
import { emptyConfig, type Image } from "../../../src/image/types.js";
import { scanConfigAndHistory } from "../../../src/scan/config-scan.js";

function image(history: string[], env: string[] = []): Image {
  const config = emptyConfig();
  config.env = env;
  config.history = history.map((createdBy) => ({ createdBy, emptyLayer: !createdBy.includes("-c echo") }));
  return { target: "test", tags: [], config, layers: [], warnings: [] };
}

const detector = new Detector(BUILTIN_RULES);

test("a secret-shaped build arg is a finding whatever its value", () => {
  const r = scanConfigAndHistory(image(["/bin/sh -c #(nop)  ARG MY_SECRET", "|1 MY_SECRET=foo /bin/sh -c echo $MY_SECRET > secret.txt"]), detector);
  assert.deepEqual(r.sightings.map((s) => [s.secret, s.location.name, s.location.status]), [["foo", "MY_SECRET", "history"]]);
  assert.deepEqual(r.known.map((k) => k.value), ["foo"]);
});

test("a credential value is a finding whatever its name", () => {
  const r = scanConfigAndHistory(
    image(["/bin/sh -c #(nop)  ARG PIP_EXTRA_INDEX_URL", "|1 PIP_EXTRA_INDEX_URL=https://deploy:XevrSM1XYEBo1xoUKutZ@pypi.example.com/simple/ /bin/sh -c pip install x"]),
    detector,
  );
  assert.ok(r.sightings.some((s) => s.secret === "XevrSM1XYEBo1xoUKutZ" && s.location.name === "PIP_EXTRA_INDEX_URL"));
});

test("a key-pointing name with a plain URL is not a finding", () => {
  const r = scanConfigAndHistory(image(["/bin/sh -c #(nop)  ARG PUBLIC_KEY_URL", "|1 PUBLIC_KEY_URL=https://keys.example.com/pub.asc /bin/sh -c echo fetch"]), detector);
  assert.deepEqual(r.sightings, []);
});

test("placeholders and references in ENV are not findings; a real ENV secret is, in config and history", () => {
  const r = scanConfigAndHistory(
    image(["/bin/sh -c #(nop)  ENV API_TOKEN=changeme", "/bin/sh -c #(nop)  ENV DB_PASSWORD=${DB_PASSWORD}", "/bin/sh -c #(nop)  ENV SESSION_SECRET=s3cr3t-v4lue"], ["API_TOKEN=changeme", "SESSION_SECRET=s3cr3t-v4lue", "GPG_KEY=B42F6819007F00F88E364FD4036A9C25BF357DD4"]),
    detector,
  );
  assert.deepEqual([...new Set(r.sightings.map((s) => s.secret))], ["s3cr3t-v4lue"]);
  assert.deepEqual(r.sightings.map((s) => s.location.status).sort(), ["config", "history"]);
});

test("every RUN after an ARG with a value carries it: each such entry is a location", () => {
  const r = scanConfigAndHistory(
    image(["/bin/sh -c #(nop)  ARG NPM_TOKEN", "|1 NPM_TOKEN=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 /bin/sh -c echo a", "|1 NPM_TOKEN=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 /bin/sh -c echo b"]),
    detector,
  );
  const idx = new Set(r.sightings.filter((s) => s.location.status === "history").map((s) => (s.location.status === "history" ? s.location.history.index : -1)));
  assert.deepEqual([...idx].sort(), [1, 2]);
  assert.equal(r.sightings.find((s) => s.ruleId === "npm-token")?.kind, "npm-access-token");
});
