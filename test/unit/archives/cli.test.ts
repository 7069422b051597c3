import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { runCli, type CliRun } from "../../helpers/cli.js";
import { LayoutWriter } from "../../helpers/oci-fixture.js";
import { makeTar, sha256 } from "../../helpers/tar-writer.js";
import { AWS_KEY, TOKEN, python, read, sh, withTmp } from "./helpers.js";


function dredge(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

interface Loc {
  status: string;
  path?: string;
  inner?: string[];
  layer?: { index: number };
}
interface Finding {
  secret?: string;
  heldBack?: string;
  locations: Loc[];
}

/**
 * An OCI image whose first layer holds a Spring Boot jar in a war in a tar.gz, a wheel with two
 * private keys (one in its tests), and a zip with an encrypted entry; the second layer deletes
 * the tar.gz.
 */
async function buildImage(dir: string): Promise<string> {
  const w = join(dir, "work");
  mkdirSync(join(w, "jar/BOOT-INF/classes"), { recursive: true });
  mkdirSync(join(w, "war/WEB-INF/lib"), { recursive: true });
  mkdirSync(join(w, "dist"), { recursive: true });
  writeFileSync(join(w, "jar/BOOT-INF/classes/application.properties"), `spring.cloud.aws.credentials.access-key=${AWS_KEY}\ngithub.token=${TOKEN}\n`);
  sh("jar", ["cf", "../war/WEB-INF/lib/app.jar", "."], { cwd: join(w, "jar") });
  sh("jar", ["cf", "../dist/shop.war", "."], { cwd: join(w, "war") });
  sh("tar", ["czf", "../dist.tar.gz", "shop.war"], { cwd: join(w, "dist") });
  const key = sh("openssl", ["genpkey", "-algorithm", "ed25519"]).toString();
  const testKey = sh("openssl", ["genpkey", "-algorithm", "ed25519"]).toString();
  const wheel = python(`
import sys, io, zipfile
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("mypkg/__init__.py", "")
    z.writestr("mypkg/config/server.key", ${JSON.stringify(key)})
    z.writestr("mypkg/tests/data/test_key.pem", ${JSON.stringify(testKey)})
    z.writestr("mypkg-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\n")
sys.stdout.buffer.write(b.getvalue())
`);
  writeFileSync(join(w, "locked.txt"), "nothing to see");
  sh("zip", ["-q", "-e", "-P", "pw", "enc.zip", "locked.txt"], { cwd: w });
  const layer0 = makeTar([
    { name: "app/", type: "dir" },
    { name: "app/dist.tar.gz", data: read(w, "dist.tar.gz") },
    { name: "app/wheels/mypkg-1.0-py3-none-any.whl", data: wheel },
    { name: "app/enc.zip", data: read(w, "enc.zip") },
  ]);
  const layer1 = makeTar([{ name: "app/.wh.dist.tar.gz", data: "" }]);
  const layout = join(dir, "layout");
  const lw = new LayoutWriter(layout);
  const m = await lw.image({ layers: [gzipSync(layer0), layer1] }, [sha256(layer0), sha256(layer1)]);
  await lw.index([m]);
  return layout;
}

test("the dredge CLI scans an OCI image: secrets inside nested archives carry their inner path and the archive's status", async () => {
  await withTmp(async (dir) => {
    const layout = await buildImage(dir);
    const r = await dredge("scan", "--format", "json", "--show-secrets", "--no-cache", `oci:${layout}`);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { targets: { warnings: string[] }[]; findings: Finding[] };
    const token = out.findings.find((f) => f.secret === TOKEN)!;
    assert.deepEqual(token.locations, [
      {
        ...token.locations[0],
        status: "deleted",
        path: "/app/dist.tar.gz",
        inner: ["shop.war", "WEB-INF/lib/app.jar", "BOOT-INF/classes/application.properties"],
      },
    ]);
    const keys = out.findings.filter((f) => f.locations.some((l) => l.path === "/app/wheels/mypkg-1.0-py3-none-any.whl"));
    const byInner = new Map(keys.map((f) => [f.locations[0]!.inner!.join("/"), f]));
    assert.equal(byInner.get("mypkg/config/server.key")?.heldBack, undefined, "a key in the package's config is reported");
    assert.match(byInner.get("mypkg/tests/data/test_key.pem")?.heldBack ?? "", /test/, "a key in the wheel's tests is held back, as a loose one would be");
    assert.ok(out.targets[0]!.warnings.includes('layer 0: /app/enc.zip: 1 entry cannot be read: "locked.txt" (encrypted)'), out.targets[0]!.warnings.join("\n"));
  });
});

test("--archive-depth 0 turns archives off; --archive-memory 0 reads zips front to back with the same findings; bad values exit 2", async () => {
  await withTmp(async (dir) => {
    const layout = await buildImage(dir);
    const off = JSON.parse((await dredge("scan", "--format", "json", "--no-cache", "--archive-depth", "0", `oci:${layout}`)).stdout) as { findings: Finding[] };
    assert.ok(off.findings.every((f) => f.locations.every((l) => !l.inner)));
    const streamed = await dredge("scan", "--format", "json", "--show-secrets", "--no-cache", "--archive-memory", "0", `oci:${layout}`);
    const found = (JSON.parse(streamed.stdout) as { findings: Finding[] }).findings.find((f) => f.secret === TOKEN);
    assert.deepEqual(found?.locations[0]?.inner, ["shop.war", "WEB-INF/lib/app.jar", "BOOT-INF/classes/application.properties"]);
    const shallow = await dredge("scan", "--format", "json", "--show-secrets", "--no-cache", "--archive-depth", "2", `oci:${layout}`);
    assert.equal((JSON.parse(shallow.stdout) as { findings: Finding[] }).findings.find((f) => f.secret === TOKEN), undefined);
    for (const bad of [["--archive-depth", "deep"], ["--archive-depth", "-1"], ["--archive-memory", "lots"]]) {
      const r = await dredge("scan", ...bad, `oci:${layout}`);
      assert.equal(r.code, 2, bad.join(" "));
      assert.match(r.stderr, new RegExp(bad[0]!));
    }
  });
});

test("the text report names the path inside the archives", async () => {
  await withTmp(async (dir) => {
    const layout = await buildImage(dir);
    const r = await dredge("scan", "--no-cache", `oci:${layout}`);
    assert.match(r.stdout, /dist\.tar\.gz!shop\.war!WEB-INF\/lib\/app\.jar!BOOT-INF\/classes\/application\.properties/);
    assert.ok(!r.stdout.includes(TOKEN));
  });
});
