import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { defaultPluginDir, installDockerPlugin, pluginMetadata, pluginScript, shellQuote } from "../../../src/cli/docker-plugin.js";

test("the metadata is what the docker CLI asks for: SchemaVersion 0.1.0, vendor, version, description, URL", () => {
  const m = pluginMetadata("1.2.3");
  assert.equal(m.SchemaVersion, "0.1.0");
  assert.equal(m.Version, "1.2.3");
  assert.ok(m.Vendor && m.ShortDescription && m.URL);
});

test("the plugin dir is $DOCKER_CONFIG/cli-plugins, else ~/.docker/cli-plugins", () => {
  assert.equal(defaultPluginDir({ DOCKER_CONFIG: "/etc/dc" }), "/etc/dc/cli-plugins");
  assert.match(defaultPluginDir({}), /\/\.docker\/cli-plugins$/);
});

test("shellQuote makes any string one word a POSIX shell reads back unchanged (fast-check)", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !s.includes("\0")), (s) => {
      const out = execFileSync("sh", ["-c", `printf '%s' ${shellQuote(s)}`], { encoding: "utf8" });
      assert.equal(out, s);
    }),
    { numRuns: 60 },
  );
  assert.throws(() => shellQuote("a\0b"), /NUL/);
});

function fakeNode(dir: string): string {
  // Stands in for node: prints the arguments it was given, one per line.
  const file = join(dir, "fake node");
  writeFileSync(file, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done\n`, { mode: 0o755 });
  return file;
}

test("the plugin answers docker-cli-plugin-metadata itself and otherwise runs dredge without the plugin-name argument", () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-plugin-"));
  try {
    const plugin = join(dir, "docker-dredge");
    writeFileSync(plugin, pluginScript(fakeNode(dir), "/opt/it's here/main.js", "9.9.9"), { mode: 0o755 });
    assert.deepEqual(JSON.parse(execFileSync(plugin, ["docker-cli-plugin-metadata"], { encoding: "utf8" })), pluginMetadata("9.9.9"));
    // As the docker CLI calls it: docker-dredge dredge scan …
    assert.deepEqual(execFileSync(plugin, ["dredge", "scan", "a b.tar", "$HOME", "`x`"], { encoding: "utf8" }).split("\n").slice(0, -1), ["/opt/it's here/main.js", "scan", "a b.tar", "$HOME", "`x`"]);
    // Run directly, with no plugin name first, the arguments pass as they are.
    assert.deepEqual(execFileSync(plugin, ["lint"], { encoding: "utf8" }).split("\n").slice(0, -1), ["/opt/it's here/main.js", "lint"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("installDockerPlugin writes an executable plugin, replaces its own, and refuses a foreign one unless forced", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-plugin-"));
  try {
    const target = join(dir, "a", "cli-plugins");
    const file = await installDockerPlugin({ dir: target, node: "/usr/bin/node", cli: "/x/main.js" });
    assert.equal(file, join(target, "docker-dredge"));
    assert.equal(statSync(file).mode & 0o777, 0o755);
    assert.match(readFileSync(file, "utf8"), /exec '\/usr\/bin\/node' '\/x\/main\.js' "\$@"/);
    await installDockerPlugin({ dir: target, node: "/usr/bin/node", cli: "/y/main.js" });
    assert.match(readFileSync(file, "utf8"), /\/y\/main\.js/);
    writeFileSync(file, "#!/bin/sh\necho mine\n");
    await assert.rejects(installDockerPlugin({ dir: target }), /was not written by dredge; pass --force/);
    assert.equal(readFileSync(file, "utf8"), "#!/bin/sh\necho mine\n");
    await installDockerPlugin({ dir: target, force: true, node: "/usr/bin/node", cli: "/z/main.js" });
    assert.match(readFileSync(file, "utf8"), /\/z\/main\.js/);
    // No temp file is left behind.
    assert.deepEqual(execFileSync("ls", ["-A", target], { encoding: "utf8" }).trim(), "docker-dredge");
    // A file where the directory should be: a clear error.
    writeFileSync(join(dir, "notadir"), "");
    await assert.rejects(installDockerPlugin({ dir: join(dir, "notadir", "cli-plugins") }), /cannot create the plugin directory/);
    mkdirSync(join(dir, "b", "docker-dredge"), { recursive: true });
    await assert.rejects(installDockerPlugin({ dir: join(dir, "b") }), /not written by dredge/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
