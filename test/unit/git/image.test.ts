// End to end: a repository's .git in an image layer (an OCI layout made in-process), scanned by
// the dredge CLI as a user runs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LayoutWriter } from "../../helpers/oci-fixture.js";
import { gzip, makeTar, sha256 } from "../../helpers/tar-writer.js";
import { Repo, members } from "./repo.js";
import { runCli, type CliRun } from "../../helpers/cli.js";

const TOKEN = "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";
const NPM = "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";
const REMOTE_PAT = "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";

interface JsonLocation {
  status: string;
  path: string;
  git?: { commits: string[]; path: string; inHead: boolean };
  layer?: { index: number };
}
interface JsonFinding {
  kind: string;
  secret?: string;
  preview: string;
  locations: JsonLocation[];
}

function dredge(args: string[]): Promise<CliRun> {
  return runCli(args);
}

test("a .git copied into an image and removed by a later layer: its history's secrets are found at /app/.git (deleted), with commits and paths", async () => {
  const repo = new Repo();
  const layout = mkdtempSync(join(tmpdir(), "dredge-git-oci-"));
  try {
    mkdirSync(join(repo.dir, "config"));
    writeFileSync(join(repo.dir, "config", "settings.json"), `{"github_token": "${TOKEN}"}\n`);
    writeFileSync(join(repo.dir, "index.js"), "console.log('app');\n");
    const added = repo.commit("add settings");
    repo.git("rm", "-q", "config/settings.json");
    repo.commit("remove token");
    writeFileSync(join(repo.dir, ".npmrc"), `//registry.npmjs.org/:_authToken=${NPM}\n`);
    const npmCommit = repo.commit("npmrc");
    repo.git("remote", "add", "origin", `https://ci-bot:${REMOTE_PAT}@github.com/acme/app.git`);
    repo.git("gc", "-q", "--aggressive");

    const l0 = gzip(makeTar([{ name: "app/", type: "dir" }, ...members(repo.dir, "app")]));
    const l1 = makeTar([{ name: "app/.wh..git" }]);
    const w = new LayoutWriter(layout);
    const m = await w.image(
      { layers: [l0, l1], config: { history: [{ created_by: "COPY . /app # buildkit" }, { created_by: "RUN /bin/sh -c rm -rf /app/.git # buildkit" }] } },
      [sha256(makeTar([{ name: "app/", type: "dir" }, ...members(repo.dir, "app")])), sha256(l1)],
    );
    await w.index([m]);

    const { stdout, code } = await dredge(["scan", "--format", "json", "--show-secrets", "--fail-on", "none", `oci:${layout}`]);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as { targets: { warnings?: string[]; error?: string }[]; findings: JsonFinding[] };
    assert.equal(report.targets[0]!.error, undefined);
    assert.deepEqual(report.targets[0]!.warnings ?? [], []);
    const bySecret = (s: string) => report.findings.find((f) => f.secret === s);

    const token = bySecret(TOKEN);
    assert.ok(token, "the token removed from history");
    assert.deepEqual(token.locations, [
      { ...token.locations[0]!, status: "deleted", path: "/app/.git", git: { commits: [added], path: "config/settings.json", inHead: false } },
    ]);

    // In HEAD: in the store (deleted with it) and in the working tree (present).
    const npm = bySecret(NPM)!;
    const places = npm.locations.map((l) => [l.status, l.path, l.git?.path ?? null, l.git?.inHead ?? null, l.git?.commits ?? null]);
    assert.deepEqual(places.sort(), [
      ["deleted", "/app/.git", ".npmrc", true, [npmCommit]],
      ["present", "/app/.npmrc", null, null, null],
    ]);

    // The remote URL's credential: the store's config file itself, deleted with the store.
    const remote = bySecret(REMOTE_PAT)!;
    assert.ok(remote.locations.some((l) => l.status === "deleted" && l.path === "/app/.git/config" && l.git === undefined));

    const redacted = await dredge(["scan", "--format", "json", `oci:${layout}`]);
    assert.equal(redacted.code, 1, "critical findings fail the default --fail-on high");
    for (const s of [TOKEN, NPM, REMOTE_PAT]) assert.ok(!redacted.stdout.includes(s) && !redacted.stderr.includes(s), "no whole secret without --show-secrets");
    const text = await dredge(["scan", `oci:${layout}`]);
    for (const s of [TOKEN, NPM, REMOTE_PAT]) assert.ok(!text.stdout.includes(s) && !text.stderr.includes(s));
  } finally {
    repo.remove();
    rmSync(layout, { recursive: true, force: true });
  }
});
