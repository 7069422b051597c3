import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLED_CLI, DIST, MODULE_CLI, runCli, type CliRun } from "../../helpers/cli.js";
import { LayoutWriter } from "../../helpers/oci-fixture.js";
import { makeTar, sha256 } from "../../helpers/tar-writer.js";

const ROOT = join(DIST, "..");
const EXAMPLE = join(ROOT, "examples", "leaky-app.tar");
const PASSWORD = "s3cr3t-Passw0rd-9f2k";

function run(cli: string, args: string[], env: Record<string, string>, cwd?: string): Promise<CliRun> {
  return runCli(args, { cli, extraEnv: env, ...(cwd ? { cwd } : {}) });
}

/** A project a pre-commit hook would lint: a Dockerfile that copies a .env with a password. */
function project(dir: string): string {
  const p = join(dir, "project");
  mkdirSync(p);
  writeFileSync(join(p, "Dockerfile"), "FROM alpine:3\nCOPY . /app\nCMD [\"sh\"]\n");
  writeFileSync(join(p, ".env"), `DATABASE_URL=postgres://app:${PASSWORD}@db:5432/app\n`);
  return p;
}

function withTmp(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), "dredge-launch-"));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const codeCaches = (cacheDir: string) => (existsSync(join(cacheDir, "v8")) ? readdirSync(join(cacheDir, "v8")) : []);
const age = (file: string) => utimesSync(file, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

test("the installed command is the bundle's launcher, and it exists after the build", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string>; files: string[] };
  assert.equal(manifest.bin.dredge, "dist/bin/dredge.cjs");
  assert.ok(manifest.files.includes("dist/bin"));
  assert.ok(existsSync(BUNDLED_CLI), "npm run build makes dist/bin/dredge.cjs");
  assert.match(readFileSync(BUNDLED_CLI, "utf8"), /^#!\/usr\/bin\/env node\n/);
  assert.ok(statSync(BUNDLED_CLI).mode & 0o100, "executable");
});

test(
  "the bundle and the ES modules give the same report",
  withTmp(async (dir) => {
    const p = project(dir);
    const env = { DREDGE_CACHE_DIR: join(dir, "cache") };
    for (const args of [["lint", "--format", "json"], ["lint"], ["scan", EXAMPLE, "--format", "json"], ["--version"], ["schema"]]) {
      const a = await run(BUNDLED_CLI, args, env, p);
      const b = await run(MODULE_CLI, args, env, p);
      assert.deepEqual(a, b, args.join(" "));
    }
  }),
);

test(
  "layers scanned in the bundle's worker threads give the same report as one thread",
  withTmp(async (dir) => {
    // Two layers of 34 MiB: the least that is worth worker threads (src/scan/index.ts).
    const pad = Buffer.alloc(34 << 20, 0x20);
    const l0 = makeTar([{ name: "pad0", data: pad }, { name: "app/.npmrc", data: "//r/:_authToken=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\n" }]);
    const l1 = makeTar([{ name: "pad1", data: pad }, { name: "app/.wh..npmrc" }]);
    const layout = new LayoutWriter(join(dir, "image"));
    await layout.index([await layout.image({ layers: [l0, l1] }, [sha256(l0), sha256(l1)])]);
    const image = join(dir, "image");
    const env = { DREDGE_CACHE_DIR: join(dir, "cache") };
    const one = await run(BUNDLED_CLI, ["scan", image, "--no-cache", "--threads", "1", "--format", "json"], env);
    assert.equal(one.code, 1);
    assert.match(one.stdout, /"status": "deleted"/);
    for (const cli of [BUNDLED_CLI, MODULE_CLI]) assert.deepEqual(await run(cli, ["scan", image, "--no-cache", "--threads", "2", "--format", "json"], env), one, cli);
    const bad = await run(BUNDLED_CLI, ["scan", image, "--threads", "0"], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--threads takes a whole number from 1 to 64/);
  }),
);

test(
  "the first run of a command saves its code cache owner-only; the next run reads it and leaves it alone",
  withTmp(async (dir) => {
    const p = project(dir);
    const cache = join(dir, "cache");
    const env = { DREDGE_CACHE_DIR: cache };
    const first = await run(BUNDLED_CLI, ["lint"], env, p);
    const files = codeCaches(cache);
    assert.equal(files.length, 1, files.join(", "));
    assert.match(files[0]!, /^[0-9a-f]{16}-node[\d.]+-[a-z0-9]+-lint\.bin$/);
    const file = join(cache, "v8", files[0]!);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(cache, "v8")).mode & 0o777, 0o700);
    age(file);
    const before = { mtime: statSync(file).mtimeMs, digest: digest(file) };
    const second = await run(BUNDLED_CLI, ["lint"], env, p);
    assert.deepEqual(second, first);
    assert.deepEqual({ mtime: statSync(file).mtimeMs, digest: digest(file) }, before);
    // Another command gets its own.
    await run(BUNDLED_CLI, ["--version"], env, p);
    assert.deepEqual(codeCaches(cache).map((f) => f.replace(/^.*-/, "")).sort(), ["lint.bin", "other.bin"]);
  }),
);

test(
  "a corrupt or foreign code cache is rejected, the run is unchanged, and the cache is written again",
  withTmp(async (dir) => {
    const p = project(dir);
    const cache = join(dir, "cache");
    const env = { DREDGE_CACHE_DIR: cache };
    const fresh = await run(BUNDLED_CLI, ["lint", "--format", "json"], env, p);
    const file = join(cache, "v8", codeCaches(cache)[0]!);
    for (const junk of [Buffer.alloc(0), Buffer.from("not V8 data"), Buffer.alloc(4096, 0xa5), readFileSync(file).subarray(0, 100)]) {
      writeFileSync(file, junk);
      assert.deepEqual(await run(BUNDLED_CLI, ["lint", "--format", "json"], env, p), fresh);
      assert.ok(statSync(file).size > 10_000, "written again");
    }
  }),
);

test(
  "a code cache others could have written is never loaded: it is replaced by one of this user's own",
  withTmp(async (dir) => {
    const p = project(dir);
    const cache = join(dir, "cache");
    const env = { DREDGE_CACHE_DIR: cache };
    const fresh = await run(BUNDLED_CLI, ["lint"], env, p);
    const file = join(cache, "v8", codeCaches(cache)[0]!);
    // A valid cache would be used as it is (see above); made group/world-writable it is not trusted.
    chmodSync(file, 0o666);
    age(file);
    assert.deepEqual(await run(BUNDLED_CLI, ["lint"], env, p), fresh);
    assert.equal(statSync(file).mode & 0o777, 0o600, "written again, owner-only");
    assert.ok(Date.now() - statSync(file).mtimeMs < 30_000, "written again");
  }),
);

test(
  "--no-cache neither reads nor writes the code cache; --cache-dir moves it",
  withTmp(async (dir) => {
    const cache = join(dir, "cache");
    const r = await run(BUNDLED_CLI, ["scan", EXAMPLE, "--no-cache", "--format", "json"], { DREDGE_CACHE_DIR: cache });
    assert.equal(r.code, 1);
    assert.deepEqual(codeCaches(cache), []);
    const other = join(dir, "elsewhere");
    await run(BUNDLED_CLI, ["scan", EXAMPLE, "--cache-dir", other], { DREDGE_CACHE_DIR: cache });
    assert.deepEqual(codeCaches(cache), []);
    assert.equal(codeCaches(other).length, 1);
  }),
);

test(
  "a cache dir that cannot be written: the run works and says nothing about it",
  withTmp(async (dir) => {
    const p = project(dir);
    writeFileSync(join(dir, "a-file"), "");
    const r = await run(BUNDLED_CLI, ["lint"], { DREDGE_CACHE_DIR: join(dir, "a-file", "cache") }, p);
    const ok = await run(BUNDLED_CLI, ["lint"], { DREDGE_CACHE_DIR: join(dir, "cache") }, p);
    assert.deepEqual(r, ok);
    assert.equal(r.stderr, "");
  }),
);

/** Secrets no line of dredge's code holds (its rules' examples are in the bundle, hence in the code cache). */
function randomSecrets(): { awsId: string; awsSecret: string; password: string; envPassword: string } {
  const pick = (alphabet: string, n: number) => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join("");
  const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  return { awsId: `AKIA${pick(upper, 16)}`, awsSecret: pick(b64, 40), password: `Pw-${pick(b64.slice(0, 62), 18)}`, envPassword: `Db-${pick(b64.slice(0, 62), 20)}` };
}

test(
  "the code cache holds none of the secrets a run found, even with --show-secrets",
  withTmp(async (dir) => {
    const secrets = randomSecrets();
    const layout = new LayoutWriter(join(dir, "image"));
    const layer = makeTar([
      { name: "root/.aws/credentials", data: `[default]\naws_access_key_id = ${secrets.awsId}\naws_secret_access_key = ${secrets.awsSecret}\n` },
      { name: "app/.env", data: `DATABASE_URL=postgres://app:${secrets.password}@db:5432/app\n` },
    ]);
    await layout.index([await layout.image({ layers: [layer], config: { config: { Env: [`DB_PASSWORD=${secrets.envPassword}`] } } }, [sha256(layer)])]);
    const p = project(dir);
    const cache = join(dir, "cache");
    const env = { DREDGE_CACHE_DIR: cache };
    const scan = await run(BUNDLED_CLI, ["scan", join(dir, "image"), "--show-secrets", "--format", "json"], env);
    for (const s of Object.values(secrets)) assert.ok(scan.stdout.includes(s), `the run read ${s}`);
    const lint = await run(BUNDLED_CLI, ["lint", "--show-secrets"], env, p);
    assert.ok(lint.stdout.includes(PASSWORD), "the run read it");
    const files = codeCaches(cache);
    assert.equal(files.length, 2);
    for (const f of files) {
      const bytes = readFileSync(join(cache, "v8", f));
      for (const s of [...Object.values(secrets), PASSWORD]) {
        for (const encoding of ["latin1", "utf16le"] as const) assert.equal(bytes.indexOf(Buffer.from(s, encoding)), -1, `${s} (${encoding}) in ${f}`);
        assert.equal(bytes.indexOf(Buffer.from(s.slice(3, 15), "latin1")), -1, `part of ${s} in ${f}`);
      }
    }
  }),
);
