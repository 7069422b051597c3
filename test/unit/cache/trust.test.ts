import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CLI, DIST } from "../../helpers/cli.js";

const exec = promisify(execFile);
const EXAMPLE = join(DIST, "..", "examples", "leaky-app.tar");

async function findings(cache: string): Promise<number> {
  const r = await exec(process.execPath, [CLI, "scan", EXAMPLE, "--format", "json", "--cache-dir", cache]).catch((e: { stdout: string }) => e);
  return (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
}

test("a layer result another user could have written is not trusted; this user's own is", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-trust-"));
  try {
    const cache = join(dir, "cache");
    const fresh = await findings(cache);
    assert.ok(fresh >= 3);
    // Poison every entry: each says its layer holds nothing.
    const root = join(cache, "layers");
    const entries = readdirSync(root).flatMap((d) => readdirSync(join(root, d)).map((f) => join(root, d, f)));
    for (const f of entries) {
      const entry = JSON.parse(readFileSync(f, "utf8")) as { result: { hits: unknown[] } };
      entry.result.hits = [];
      writeFileSync(f, JSON.stringify(entry));
      chmodSync(f, 0o666);
    }
    assert.equal(await findings(cache), fresh, "writable by others: read fresh");
    // (The scan wrote them again, its own: poison them again, owner-only, to show what the check prevents.)
    for (const f of entries) {
      const entry = JSON.parse(readFileSync(f, "utf8")) as { result: { hits: unknown[] } };
      entry.result.hits = [];
      writeFileSync(f, JSON.stringify(entry));
      chmodSync(f, 0o600);
    }
    assert.ok((await findings(cache)) < fresh, "an own entry is trusted as it is");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
