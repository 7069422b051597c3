import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeContext, NODE_IO, type ContextIo } from "../../../src/context/index.js";
import { readBounded, walkContext, type SentEntry } from "../../../src/context/walk.js";
import fc from "fast-check";
import { DockerIgnore, type MatchResult } from "../../../src/context/dockerignore.js";
import { FAKE, withFiles } from "./helpers.js";

async function sent(dir: string, ignore?: string): Promise<SentEntry[]> {
  const out: SentEntry[] = [];
  const warnings: string[] = [];
  await walkContext({ root: dir, ...(ignore !== undefined ? { ignore: DockerIgnore.parse(ignore).ignore } : {}), warn: (m) => warnings.push(m) }, { entry: (e) => void out.push(e) });
  return out;
}

test("the walk sends entries in name order and leaves out what the ignore file excludes", async () => {
  await withFiles({ "b.txt": "b", "a/x.txt": "x", "a/y.log": "y", "c/.env": "K=v" }, async (dir) => {
    assert.deepEqual(
      (await sent(dir)).map((e) => e.path),
      ["a/x.txt", "a/y.log", "b.txt", "c/.env"],
    );
    assert.deepEqual(
      (await sent(dir, "*.log\na/*.log\nc\n")).map((e) => e.path),
      ["a/x.txt", "b.txt"],
    );
  });
});

test("an excluded directory with an exception under it is entered, and only the re-included file is sent", async () => {
  await withFiles({ "secrets/public.pem": "p", "secrets/private.pem": "k", "app.js": "a" }, async (dir) => {
    assert.deepEqual(
      (await sent(dir, "secrets\n!secrets/public.pem\n")).map((e) => e.path),
      ["app.js", "secrets/public.pem"],
    );
  });
});

test("a symlink out of the context is sent as a link and never followed or read", async () => {
  await withFiles({ "outside/.env": `AWS_SECRET_ACCESS_KEY=${FAKE.awsSecret}\n`, "ctx/Dockerfile": "FROM alpine\nCOPY . /app\n" }, async (root) => {
    const ctx = join(root, "ctx");
    symlinkSync(join(root, "outside", ".env"), join(ctx, ".env"));
    symlinkSync(join(root, "outside"), join(ctx, "linked-dir"));
    const entries = await sent(ctx);
    assert.deepEqual(
      entries.map((e) => [e.path, e.type]),
      [
        [".env", "symlink"],
        ["Dockerfile", "file"],
        ["linked-dir", "symlink"],
      ],
    );
    const report = await analyzeContext({ dir: ctx });
    assert.deepEqual(report.sensitive, [], "the secret outside the context is not reported");
    assert.ok(report.warnings.some((w) => /\.env is a symlink/.test(w)));
  });
});

test("a FIFO is listed but never opened (the walk does not block)", async () => {
  await withFiles({ "Dockerfile": "FROM alpine\nCOPY . .\n", ".env": `GITHUB_TOKEN=${FAKE.github}\n` }, async (dir) => {
    execFileSync("mkfifo", [join(dir, "pipe"), join(dir, "secrets.env")]);
    const report = await analyzeContext({ dir });
    assert.equal(report.sentFiles, 4);
    // The FIFO named like a secrets file is a special file: nothing to read, nothing reported.
    assert.deepEqual(
      report.sensitive.map((f) => f.path),
      [".env"],
    );
  });
});

test("readBounded refuses a path that is not a regular file when opened (swapped after the walk)", async () => {
  await withFiles({ "real.txt": "hello" }, async (dir) => {
    execFileSync("mkfifo", [join(dir, "fifo")]);
    symlinkSync(join(dir, "real.txt"), join(dir, "link"));
    const fifo = await readBounded(NODE_IO, join(dir, "fifo"), 1 << 20, () => undefined);
    assert.equal(fifo.error, "not a regular file");
    const link = await readBounded(NODE_IO, join(dir, "link"), 1 << 20, () => undefined);
    assert.equal(link.error, "ELOOP", "O_NOFOLLOW refuses the symlink");
  });
});

/** The node io, where opening `victim` fails as for a file the user cannot read. */
function unreadable(victim: string): ContextIo {
  return {
    ...NODE_IO,
    open: async (p) => {
      if (p.endsWith(victim)) throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: "EACCES" });
      return NODE_IO.open(p);
    },
  };
}

test("an unreadable file gives a warning, not a crash, and is still flagged by its name", async () => {
  await withFiles({ "Dockerfile": "FROM alpine\nCOPY . /app/\n", "id_rsa": "unreadable", "notes.txt": "hello" }, async (dir) => {
    const report = await analyzeContext({ dir, io: unreadable("id_rsa") });
    assert.ok(report.warnings.some((w) => /^id_rsa: cannot be read \(EACCES\)/.test(w)), report.warnings.join("\n"));
    const key = report.sensitive.find((f) => f.path === "id_rsa");
    assert.ok(key, "flagged by name");
    assert.match(key.reasons[0]!, /SSH private key \(could not be read: EACCES\)/);
    assert.equal(key.copiedBy.length, 1);
  });
});

test("an unreadable file on disk (chmod 000) is a warning (skipped when running as root)", { skip: process.getuid?.() === 0 }, async () => {
  await withFiles({ ".npmrc": "//registry.npmjs.org/:_authToken=x\n" }, async (dir) => {
    chmodSync(join(dir, ".npmrc"), 0);
    const report = await analyzeContext({ dir });
    assert.ok(report.warnings.some((w) => w.startsWith(".npmrc: cannot be read")));
    assert.deepEqual(
      report.sensitive.map((f) => f.path),
      [".npmrc"],
    );
  });
});

test("an unlistable directory gives a warning, and the rest of the context is still walked", async () => {
  await withFiles({ "locked/a.txt": "a", ".env": `GITHUB_TOKEN=${FAKE.github}\n` }, async (dir) => {
    const io: ContextIo = {
      ...NODE_IO,
      readdir: async (p) => {
        if (p.endsWith("locked")) throw Object.assign(new Error("EACCES"), { code: "EACCES" });
        return NODE_IO.readdir(p);
      },
    };
    const report = await analyzeContext({ dir, io });
    assert.ok(report.warnings.some((w) => /^locked: cannot be listed \(EACCES\)/.test(w)));
    assert.deepEqual(
      report.sensitive.map((f) => f.path),
      [".env"],
    );
  });
});

test("a huge file is scanned only up to the limit, with a warning saying how much", async () => {
  const filler = Buffer.alloc(3 << 20, 0x61);
  const tail = Buffer.from(`\nGITHUB_TOKEN=${FAKE.github}\n`);
  await withFiles({ "big.log": Buffer.concat([filler, tail]), "head.log": Buffer.concat([Buffer.from(`token ${FAKE.github}\n`), filler]) }, async (dir) => {
    const report = await analyzeContext({ dir, maxFileBytes: 2 << 20 });
    assert.ok(report.warnings.some((w) => /^big\.log: only the first 2\.0 MiB of 3\.0 MiB were scanned/.test(w)), report.warnings.join("\n"));
    assert.deepEqual(
      report.sensitive.map((f) => f.path),
      ["head.log"],
      "the secret past the limit is not read; the one before it is",
    );
  });
});

test("a file with a secret across the 1 MiB read boundary is found whole", async () => {
  const pad = Buffer.alloc((1 << 20) - 10, 0x20);
  await withFiles({ "config.txt": Buffer.concat([pad, Buffer.from(`token=${FAKE.github}\n`)]) }, async (dir) => {
    const report = await analyzeContext({ dir });
    assert.equal(report.sensitive[0]?.hits[0]?.secret, FAKE.github);
  });
});

test("sentFiles counts every non-directory the build sends, the Dockerfile and ignore file included even when excluded", async () => {
  await withFiles({ "Dockerfile": "FROM alpine\nCOPY . .\n", ".dockerignore": "Dockerfile\n.dockerignore\n*.tmp\n", "a.tmp": "x", "app.js": "y" }, async (dir) => {
    mkdirSync(join(dir, "empty"));
    const report = await analyzeContext({ dir });
    assert.equal(report.sentFiles, 3);
    writeFileSync(join(dir, "Dockerfile"), `FROM alpine\nARG TOKEN=${FAKE.github}\nCOPY . .\n`);
    // An excluded Dockerfile is sent but cannot be copied: it is lint's business, not the context's.
    assert.deepEqual((await analyzeContext({ dir })).sensitive, []);
  });
});

test("the walk sends exactly the files the ignore file lets through, whatever it skips on the way (property)", async () => {
  const seg = fc.constantFrom("a", "b", ".env", "k.pem");
  const files = fc.uniqueArray(fc.array(seg, { minLength: 1, maxLength: 3 }).map((p) => p.join("/")), { minLength: 1, maxLength: 8 });
  const line = fc
    .tuple(fc.boolean(), fc.array(fc.constantFrom("a", "b", "*", "**", ".env", "*.pem", "?"), { minLength: 1, maxLength: 3 }))
    .map(([neg, parts]) => (neg ? "!" : "") + parts.join("/"));
  await fc.assert(
    fc.asyncProperty(files, fc.array(line, { maxLength: 5 }), async (paths, lines) => {
      // A path cannot be both a file and a directory.
      const tree = paths.filter((p) => !paths.some((q) => q.startsWith(p + "/")));
      const text = lines.join("\n");
      await withFiles(Object.fromEntries(tree.map((p) => [p, "x"])), async (dir) => {
        const ignore = DockerIgnore.parse(text).ignore;
        const walked = (await sent(dir, text)).map((e) => e.path).sort();
        const expected = tree
          .filter((p) => {
            const parts = p.split("/");
            let m: MatchResult | undefined;
            for (let i = 1; i <= parts.length; i++) m = ignore.match(parts.slice(0, i).join("/"), m);
            return !m!.excluded;
          })
          .sort();
        assert.deepEqual(walked, expected, `${JSON.stringify(lines)} over ${JSON.stringify(tree)}`);
      });
    }),
    { numRuns: 150 },
  );
});
