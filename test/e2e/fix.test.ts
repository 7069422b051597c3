// `dredge fix` proven with real builds: every scenario with a `fix` expectation is prepared as the
// harness prepares it, fixed by the CLI, and — unless refused — built with buildah using the secrets
// the fix prints, exported, scanned by dredge and searched byte by byte (config, history, every
// decompressed layer above the base image) for the scenario's secrets; the application files the
// original build put into the image must still be there.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { fromNames, loadBaseIntoBuildah, README_BASE_NAMES } from "./harness/base-images.js";
import { buildahAt, ensureBaseImageArchive, ensureScenarioImages, listScenarios } from "./harness/index.js";
import { e2eCacheDir } from "./harness/paths.js";
import { collectSecrets, dockerfileOf, prepareWorkCopy } from "./harness/scenarios.js";
import { removeTree } from "./harness/fsutil.js";
import { runCli, type CliRun } from "../helpers/cli.js";

const x = (f: string): boolean => existsSync(f) && statSync(f).isFile();
const ENGINE = join(e2eCacheDir, "engine-fix");
const WORK = join(e2eCacheDir, "fix-work");

interface FixJson {
  outcome: string;
  changes: { kind: string; message: string }[];
  refused: { line: number; name?: string; reason: string }[];
  secrets: { id: string; src?: string; buildArg?: string }[];
  commands: { docker: string; buildah: string; podman: string };
  ignore?: { file: string; entries: string[] };
}
interface ScanJson {
  findings: { kind: string; rule: string; secret?: string; locations: { status: string; path?: string }[] }[];
}

function dredge(args: string[], cwd: string): Promise<CliRun> {
  return runCli(args, { cwd });
}

/** The bytes of a member of a tar archive (docker-archive: manifest.json, config, layer.tar). */
async function member(archive: string, name: string): Promise<Buffer> {
  const { stdout } = await promisify(execFile)("tar", ["-xOf", archive, name], { encoding: "buffer", maxBuffer: 1 << 30 });
  return stdout;
}

interface Image {
  config: Buffer;
  /** Decompressed layer tars, base first. */
  layers: Buffer[];
}

async function readImage(archive: string): Promise<Image> {
  const manifest = JSON.parse((await member(archive, "manifest.json")).toString("utf8")) as { Config: string; Layers: string[] }[];
  const m = manifest[0]!;
  const layers: Buffer[] = [];
  for (const l of m.Layers) {
    const raw = await member(archive, l);
    layers.push(raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw);
  }
  return { config: await member(archive, m.Config), layers };
}

/** Paths of a layer tar (`/`-rooted, no trailing slash), read from its headers. */
function tarNames(tar: Buffer): string[] {
  const names: string[] = [];
  let off = 0;
  let longName: string | undefined;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const field = (a: number, n: number) => h.subarray(a, a + n).toString("latin1").replace(/\0.*$/s, "");
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    const type = String.fromCharCode(h[156]!);
    const prefix = field(345, 155);
    let name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === "L") {
      longName = body.toString("latin1").replace(/\0.*$/s, "");
      continue;
    }
    if (type === "x") {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString("utf8"));
      if (m) longName = m[1];
      continue;
    }
    if (type === "g") continue;
    name = "/" + name.replace(/^\.?\/+/, "").replace(/\/+$/, "");
    if (name !== "/") names.push(name);
  }
  return names;
}

/** The final filesystem's paths, whiteouts and opaque directories applied. */
function finalPaths(layers: readonly Buffer[]): Set<string> {
  const fs = new Set<string>();
  for (const layer of layers) {
    for (const name of tarNames(layer)) {
      const base = name.slice(name.lastIndexOf("/") + 1);
      const dir = name.slice(0, name.lastIndexOf("/"));
      if (base === ".wh..wh..opq") {
        for (const p of [...fs]) if (p.startsWith(dir + "/")) fs.delete(p);
      } else if (base.startsWith(".wh.")) {
        const gone = `${dir}/${base.slice(4)}`;
        for (const p of [...fs]) if (p === gone || p.startsWith(gone + "/")) fs.delete(p);
      } else fs.add(name);
    }
  }
  return fs;
}

const scenarios = listScenarios().filter((s) => s.json.fix !== undefined);
// The originals, as the harness built and cached them: their file lists are the reference.
const originals = new Map((await ensureScenarioImages({ only: scenarios.map((s) => s.name) })).map((b) => [b.name, b]));
const buildah = buildahAt(ENGINE);
await buildah.wipe();
const baseArchive = await ensureBaseImageArchive();
await loadBaseIntoBuildah(buildah, baseArchive, [...new Set([...README_BASE_NAMES, ...fromNames(listScenarios().map(dockerfileOf))])].sort());
const baseLayers = (await readImage(baseArchive)).layers.length;
mkdirSync(WORK, { recursive: true });
after(async () => {
  await buildah.wipe();
});

for (const s of scenarios) {
  const expected = s.json.fix!;
  test(`${s.name}: dredge fix is ${expected.outcome} (${expected.about.slice(0, 80)}…)`, async () => {
    const work = join(WORK, s.name);
    const setupFiles = await prepareWorkCopy(s, work);
    const secrets = collectSecrets(s, work, setupFiles);
    const argValues = Object.values(s.json.build.args ?? {});
    const dockerfile = join(work, "context", "Dockerfile");
    const original = readFileSync(dockerfile);
    const buildArgs = Object.entries(s.json.build.args ?? {}).flatMap(([k, v]) => ["--build-arg", `${k}=${v}`]);

    const r = await dredge(["fix", "--format", "json", "--no-backup", "context/Dockerfile", ...buildArgs], work);
    writeFileSync(join(work, "fix.json"), r.stdout);
    for (const v of [...secrets, ...argValues.filter((a) => a.length >= 6)]) assert.ok(!r.stdout.includes(v) && !r.stderr.includes(v), `fix printed a secret (${v.slice(0, 4)}…)`);
    const out = JSON.parse(r.stdout) as FixJson;
    assert.equal(out.outcome, expected.outcome, JSON.stringify(out.refused, null, 2));
    assert.equal(r.code, expected.outcome === "fixed" ? 0 : 1, "exit code");

    if (expected.outcome === "refused") {
      assert.deepEqual(readFileSync(dockerfile), original, "a refused fix changes nothing");
      assert.ok(!existsSync(join(work, "context", ".dockerignore")), "a refused fix writes no .dockerignore");
      assert.ok(out.refused.length > 0 && out.refused.every((x) => x.reason.length > 40), "the reason is explained");
      removeTree(work);
      return;
    }
    if (expected.outcome === "partial") assert.ok(out.refused.length > 0, "what was not fixed is explained");
    assert.ok(out.changes.length > 0);

    // Build the fixed Dockerfile with buildah, with exactly the secrets the fix asks for.
    const secretFlags: string[] = [];
    for (const sec of out.secrets) {
      let src: string;
      if (sec.src !== undefined) {
        src = join(work, sec.src);
        assert.ok(out.commands.buildah.includes(`--secret id=${sec.id},src=${sec.src}`), out.commands.buildah);
      } else {
        assert.ok(out.commands.buildah.includes(`--secret id=${sec.id},src=`), out.commands.buildah);
        const given = s.json.build.secrets?.[sec.id];
        const value = sec.buildArg !== undefined ? s.json.build.args?.[sec.buildArg] : given && "value" in given ? given.value : undefined;
        if (given && "file" in given) src = join(work, given.file);
        else {
          assert.ok(value !== undefined, `no value for secret ${sec.id}`);
          src = join(work, `${sec.id}.secret`);
          writeFileSync(src, value, { mode: 0o600 });
        }
      }
      secretFlags.push("--secret", `id=${sec.id},src=${src}`);
    }
    const tag = `dredge-e2e-fix/${s.name}:latest`;
    await buildah.buildah(["bud", "--layers", "--isolation", "chroot", "-t", tag, ...secretFlags, "-f", dockerfile, join(work, "context")], { timeoutMs: 600_000 });
    const archive = join(work, "fixed.tar");
    removeTree(archive);
    await buildah.buildah(["push", "-q", tag, `docker-archive:${archive}:${tag}`]);

    // dredge finds none of the secrets it fixed.
    const scan = await dredge(["scan", `docker-archive:${archive}`, "--format", "json", "--show-secrets", "--fail-on", "none"], work);
    assert.equal(scan.code, 0, scan.stderr);
    const report = JSON.parse(scan.stdout) as ScanJson;
    const kinds = expected.clean_of;
    const mine = (f: ScanJson["findings"][number]) =>
      kinds ? kinds.some((k) => f.kind.includes(k) || f.rule.includes(k)) : secrets.some((v) => f.secret?.includes(v) || (f.secret !== undefined && f.secret.length >= 8 && v.includes(f.secret))) || argValues.some((v) => f.secret === v);
    assert.deepEqual(report.findings.filter(mine).map((f) => `${f.kind} at ${f.locations.map((l) => `${l.status}:${l.path ?? ""}`).join(",")}`), [], "the fixed image still holds a secret");

    // And no byte of the image holds them: config and history, every layer above the base.
    const fixed = await readImage(archive);
    // A partial fix leaves the files it refused (named in its refusals): their values may stay.
    const leftFiles = out.refused.map((x) => join(work, "context", x.name ?? "")).filter((f) => x(f));
    const left = leftFiles.map((f) => readFileSync(f, "utf8"));
    const cleanValues = [...secrets, ...argValues.filter((v) => v.length >= 3)].filter((v) => !left.some((c) => c.includes(v)));
    assert.ok(cleanValues.length > 0, "there are values to look for");
    for (const v of cleanValues) {
      assert.ok(!fixed.config.includes(v), `the config or history holds ${v.slice(0, 3)}…`);
      fixed.layers.slice(baseLayers).forEach((layer, i) => assert.ok(!layer.includes(v), `layer ${baseLayers + i} holds ${v.slice(0, 3)}…`));
    }

    // The application files the original build put into the image are still there (only secret files went).
    const orig = originals.get(s.name);
    assert.ok(orig, `no original build of ${s.name}`);
    const origImage = await readImage(orig.forms["docker-archive"]);
    const before = finalPaths(origImage.layers);
    const now = finalPaths(fixed.layers);
    assert.ok(before.size > 50, "the original image's files were read");
    const origScan = JSON.parse((await dredge(["scan", `docker-archive:${orig.forms["docker-archive"]}`, "--format", "json", "--show-secrets", "--fail-on", "none"], work)).stdout) as ScanJson;
    // The same checks see the secrets in the original image: they are not vacuous.
    assert.ok(origScan.findings.some(mine), "the scan check finds the secret in the original image");
    // (setup.sh made other keys for the original build: its own secrets are in built.json)
    const origValues = [...orig.secrets, ...argValues.filter((v) => v.length >= 3)].filter((v) => !left.some((c) => c.includes(v)));
    assert.ok(origValues.some((v) => origImage.config.includes(v) || origImage.layers.slice(baseLayers).some((l) => l.includes(v))), "the byte check finds the secret in the original image");
    const secretPaths = new Set(origScan.findings.flatMap((f) => f.locations.map((l) => l.path)).filter((p): p is string => p !== undefined));
    const lost = [...before].filter((p) => !now.has(p) && !secretPaths.has(p));
    assert.deepEqual(lost, [], "files of the original image missing from the fixed one");
    removeTree(work);
  });
}

