import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nativeLib } from "../../../src/util/deferred.js";
import { DredgeError } from "../../../src/util/errors.js";
import { runCli, type CliRun } from "../../helpers/cli.js";
import { LayoutWriter } from "../../helpers/oci-fixture.js";
import { gzip, makeTar, sha256 } from "../../helpers/tar-writer.js";

const GITHUB = "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";
const NPM = "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";

/** Preloaded into the CLI: re2 and zstd-napi cannot be found, as when npm skipped their install scripts. */
const HIDE_NATIVE = `
const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (/^(?:zstd-napi|re2)(?:\\/|$)/.test(request)) {
    const err = new Error("Cannot find module '" + request + "'");
    err.code = "MODULE_NOT_FOUND";
    throw err;
  }
  return resolve.call(this, request, ...rest);
};
`;

function run(args: string[], cwd: string): Promise<CliRun> {
  return runCli(args, { cwd, nodeArgs: ["-r", join(cwd, "hide-native.cjs")] });
}

test("a native package that cannot be loaded says how to build it", () => {
  const missing = () => {
    const err = new Error("Cannot find module './build/Release/binding.node'") as NodeJS.ErrnoException;
    err.code = "MODULE_NOT_FOUND";
    throw err;
  };
  assert.throws(() => nativeLib("zstd-napi/binding.js", "reading zstd data", missing), (e: unknown) => {
    assert.ok(e instanceof DredgeError);
    assert.equal(e.message, "reading zstd data needs the native package zstd-napi/binding.js, which is not installed or not built: run `npm rebuild zstd-napi` where dredge is installed");
    return true;
  });
});

test("without its native packages dredge still scans: only zstd data and user rules fail, each with how to fix it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-native-"));
  try {
    writeFileSync(join(dir, "hide-native.cjs"), HIDE_NATIVE);
    // A gzip layer (with a .zst file inside) and a zstd layer.
    const inner = Buffer.from(`//registry.npmjs.org/:_authToken=${NPM}\n`);
    writeFileSync(join(dir, "npmrc"), inner);
    execFileSync("zstd", ["-q", "-f", join(dir, "npmrc"), "-o", join(dir, "npmrc.zst")]);
    const gz = gzip(makeTar([{ name: "app/.env", data: `GITHUB_TOKEN=${GITHUB}\n` }, { name: "app/npmrc.zst", data: execFileSync("cat", [join(dir, "npmrc.zst")]) }]));
    const plain = makeTar([{ name: "root/.npmrc", data: inner }]);
    writeFileSync(join(dir, "layer.tar"), plain);
    execFileSync("zstd", ["-q", "-f", join(dir, "layer.tar"), "-o", join(dir, "layer.tar.zst")]);
    const zst = execFileSync("cat", [join(dir, "layer.tar.zst")]);
    const layout = new LayoutWriter(join(dir, "image"));
    await layout.index([await layout.image({ layers: [gz, zst] }, [sha256(makeTar([{ name: "app/.env", data: "" }])), sha256(plain)])]);

    const scan = await run(["scan", join(dir, "image"), "--no-cache", "--format", "json"], dir);
    const report = JSON.parse(scan.stdout) as { findings: { kind: string; locations: { path: string; inner?: string[] }[] }[]; targets: { warnings: string[]; error?: string }[] };
    const places = report.findings.flatMap((f) => f.locations.map((l) => `${f.kind} ${l.path}${l.inner ? `!${l.inner.join("!")}` : ""}`)).sort();
    // The gzip layer is read; a small .zst stores its text as it is (a raw block), so its bytes still show the token.
    assert.deepEqual(places, ["github-personal-access-token /app/.env", "npm-access-token /app/npmrc.zst"]);
    const said = JSON.stringify(report.targets);
    assert.match(said, /reading zstd data needs the native package zstd-napi/);
    assert.match(said, /npm rebuild zstd-napi/);
    assert.doesNotMatch(scan.stderr, /at .*\(|Require stack/, "no stack trace");

    writeFileSync(join(dir, "Dockerfile"), "FROM alpine:3\nCOPY . /app\n");
    writeFileSync(join(dir, ".dredge.yaml"), "rules:\n  - id: acme-key\n    regex: 'acme_[a-z0-9]{20}'\n");
    const lint = await run(["lint", "Dockerfile"], dir);
    assert.equal(lint.code, 2);
    assert.match(lint.stderr, /^dredge: .*needs the native package re2.*npm rebuild re2/m);
    rmSync(join(dir, ".dredge.yaml"));
    assert.notEqual((await run(["lint", "Dockerfile"], dir)).code, 2, "without user rules lint needs no native package");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
