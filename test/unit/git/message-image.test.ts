// Secrets in commit and tag messages end to end: a repository's .git in an image layer scanned by
// the dredge CLI (JSON checked against the published schema, text, the layer cache), and a build
// context's .git read by `dredge context`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeContext, contextFindings } from "../../../src/context/index.js";
import type { ContextLocation } from "../../../src/findings/types.js";
import { runCli, type CliRun } from "../../helpers/cli.js";
import { assertReportSchema } from "../../helpers/json-schema.js";
import { LayoutWriter } from "../../helpers/oci-fixture.js";
import { makeTar, sha256 } from "../../helpers/tar-writer.js";
import { Repo, builtinDetector, members } from "./repo.js";

/** In a file and in the message of the commit that added it (the file later removed). */
const TOKEN = "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";
/** Only in a commit message. */
const GITLAB = "glpat-Ab3dE6gH9jK2mN5pQ8sT";
/** Only in an annotated tag's message. */
const NPM = "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";
const SECRETS = [TOKEN, GITLAB, NPM];

interface JsonLocation {
  status: string;
  path: string;
  git?: { commits: string[]; path: string; inHead: boolean };
}
interface JsonFinding {
  secret?: string;
  locations: JsonLocation[];
}

function dredge(args: string[]): Promise<CliRun> {
  return runCli(args);
}

/** The repository: a token added in a file and named in that commit's message, then removed; a token in a later message; one in a tag. */
function leakyRepo(): { repo: Repo; added: string; messaged: string } {
  const repo = new Repo();
  writeFileSync(join(repo.dir, "Dockerfile"), "FROM alpine\nWORKDIR /app\nCOPY . .\n");
  mkdirSync(join(repo.dir, "config"));
  writeFileSync(join(repo.dir, "config", "settings.json"), `{"github_token": "${TOKEN}"}\n`);
  const added = repo.commit(`config: the CI token is ${TOKEN}`);
  repo.git("rm", "-q", "config/settings.json");
  repo.commit("remove the token");
  writeFileSync(join(repo.dir, "index.js"), "console.log('app');\n");
  const messaged = repo.commit(`app\n\nDeploy with ${GITLAB} until the vault is set up.`);
  repo.git("tag", "-a", "v1.0", "-m", `Release 1.0 (published with ${NPM})`);
  writeFileSync(join(repo.dir, "index.js"), "console.log('app 2');\n");
  repo.commit("app 2");
  repo.git("gc", "-q", "--aggressive");
  return { repo, added, messaged };
}

/** All files under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

test("dredge scan: secrets in commit and tag messages of a .git in an image are findings at the store, with (commit message)/(tag message), commits and inHead; JSON valid against the schema; text hints; none leaked", async () => {
  const { repo, added, messaged } = leakyRepo();
  const layout = mkdtempSync(join(tmpdir(), "dredge-gitmsg-oci-"));
  try {
    const layer = makeTar([{ name: "app/", type: "dir" }, ...members(repo.dir, "app")]);
    const w = new LayoutWriter(layout);
    await w.index([await w.image({ layers: [layer], config: { history: [{ created_by: "COPY . /app # buildkit" }] } }, [sha256(layer)])]);

    const { stdout, code } = await dredge(["scan", "--format", "json", "--show-secrets", "--no-cache", "--fail-on", "none", `oci:${layout}`]);
    assert.equal(code, 0);
    assertReportSchema(stdout, "scan --show-secrets");
    const report = JSON.parse(stdout) as { targets: { warnings?: string[]; error?: string }[]; findings: JsonFinding[] };
    assert.deepEqual(report.targets[0]!.warnings ?? [], []);
    const bySecret = (s: string) => report.findings.filter((f) => f.secret === s);

    // Only in messages: one finding each, at the store, present (the store is in the final filesystem).
    const [gitlab] = bySecret(GITLAB);
    assert.deepEqual(
      gitlab?.locations.map((l) => [l.status, l.path, l.git]),
      [["present", "/app/.git", { commits: [messaged], path: "(commit message)", inHead: false }]],
    );
    const [npm] = bySecret(NPM);
    assert.deepEqual(
      npm?.locations.map((l) => [l.status, l.path, l.git]),
      [["present", "/app/.git", { commits: [messaged], path: "(tag message)", inHead: false }]],
    );

    // In a file and in a message: one finding with both places in the store.
    const token = bySecret(TOKEN);
    assert.equal(token.length, 1, "one finding for the secret");
    const wanted = [JSON.stringify({ commits: [added], path: "(commit message)", inHead: false }), JSON.stringify({ commits: [added], path: "config/settings.json", inHead: false })];
    for (const l of token[0]!.locations) assert.equal(l.path, "/app/.git");
    assert.deepEqual(token[0]!.locations.map((l) => JSON.stringify(l.git)).sort(), [...wanted].sort());

    // Redacted JSON (schema-valid too) and text: no whole secret; the text says where and how to see it.
    const redacted = await dredge(["scan", "--format", "json", "--no-cache", "--fail-on", "none", `oci:${layout}`]);
    assertReportSchema(redacted.stdout, "scan redacted");
    const text = await dredge(["scan", "--no-cache", "--fail-on", "none", `oci:${layout}`]);
    for (const out of [redacted, text]) for (const s of SECRETS) assert.ok(!out.stdout.includes(s) && !out.stderr.includes(s), "no whole secret without --show-secrets");
    assert.ok(text.stdout.includes(`/app/.git@${messaged.slice(0, 7)}:(commit message)`), text.stdout);
    assert.ok(text.stdout.includes(`/app/.git@${messaged.slice(0, 7)}:(tag message)`), text.stdout);
    assert.match(text.stdout, /in a commit message of a \.git store \(\/app\/\.git@[0-9a-f]{7}:\(commit message\)\): `git show -s COMMIT` in the image shows it/);
    assert.ok(text.stdout.includes(`in a tag message of a .git store (/app/.git@${messaged.slice(0, 7)}:(tag message)): \`git tag -n99 --points-at COMMIT\` in the image shows it`), text.stdout);
  } finally {
    repo.remove();
    rmSync(layout, { recursive: true, force: true });
  }
});

test("the layer cache keeps message hits (sealed: no secret in the entry) and a scan served from it reports the same", async () => {
  const { repo } = leakyRepo();
  const layout = mkdtempSync(join(tmpdir(), "dredge-gitmsg-oci-"));
  const cache = mkdtempSync(join(tmpdir(), "dredge-gitmsg-cache-"));
  try {
    const layer = makeTar([{ name: "app/", type: "dir" }, ...members(repo.dir, "app")]);
    const w = new LayoutWriter(layout);
    await w.index([await w.image({ layers: [layer] }, [sha256(layer)])]);
    const args = ["scan", "--format", "json", "--fail-on", "none", "--cache-dir", cache, `oci:${layout}`];

    const first = await dredge(args);
    assert.equal(first.code, 0, first.stderr);
    const entries = filesUnder(cache).filter((f) => f.endsWith(".json"));
    assert.equal(entries.length, 1, "the layer is cached");
    const entry = readFileSync(entries[0]!, "utf8");
    assert.ok(entry.includes('"path":"(commit message)"') && entry.includes('"path":"(tag message)"'), "message hits are in the entry");
    for (const s of SECRETS) assert.ok(!entry.includes(s), "no secret value in the cache");

    // The entry's time is its last use: set it back, and the second scan must have read it.
    const old = new Date(Date.now() - 86_400_000);
    utimesSync(entries[0]!, old, old);
    const second = await dredge(args);
    assert.ok(statSync(entries[0]!).mtimeMs > old.getTime() + 1000, "the second scan read the cache entry");
    assertReportSchema(second.stdout, "scan from the cache");
    assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
    const findings = (JSON.parse(second.stdout) as { findings: JsonFinding[] }).findings;
    assert.ok(findings.some((f) => f.locations.some((l) => l.git?.path === "(tag message)")));
  } finally {
    repo.remove();
    rmSync(layout, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
});

test("dredge context: a commit message's secret in the .git the build sends is a context finding at .git with (commit message)", async () => {
  const { repo, messaged } = leakyRepo();
  try {
    const report = await analyzeContext({ dir: repo.dir, detector: builtinDetector() });
    assert.deepEqual(report.warnings, []);
    const findings = await contextFindings(report, "context:.");
    const f = findings.find((x) => x.secret.reveal() === GITLAB);
    assert.ok(f, "found");
    const loc = f.locations[0] as ContextLocation;
    assert.equal(loc.status, "context");
    assert.equal(loc.path, ".git");
    assert.deepEqual(loc.git, { commits: [messaged], path: "(commit message)", inHead: false });
    assert.equal(loc.copiedBy?.[0]?.line, 3, "COPY . . takes it");
    const tag = findings.find((x) => x.secret.reveal() === NPM);
    assert.deepEqual((tag?.locations[0] as ContextLocation | undefined)?.git, { commits: [messaged], path: "(tag message)", inHead: false });
  } finally {
    repo.remove();
  }
});
