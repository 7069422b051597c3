import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Secrets planted in the bench image (fake values in real formats). */
export const PLANTED = [
  "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",
  "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",
  "AKIAZON5RNXXRBWA7VYB",
  "sk_live_REAscXV4vpetpGJDHOzkXlfC",
];

const RECIPE = "bench-image-v1";

function sha256File(path: string): string {
  const h = createHash("sha256");
  const buf = Buffer.alloc(1 << 20);
  const fd = fs.openSync(path, "r");
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return "sha256:" + h.digest("hex");
}

/** Lists host files up to `budget` bytes (sorted, files under 20 MB) under `root`. */
function pickFiles(root: string, budget: number): string[] {
  const out = execFileSync("find", [root, "-xdev", "-type", "f", "-size", "-20M", "-printf", "%s\t%p\n"], { maxBuffer: 1 << 28 }).toString();
  const rows = out
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const tab = l.indexOf("\t");
      return { size: Number(l.slice(0, tab)), path: l.slice(tab + 1) };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  const picked: string[] = [];
  let total = 0;
  for (const r of rows) {
    if (total + r.size > budget) continue;
    try {
      fs.accessSync(r.path, fs.constants.R_OK);
    } catch {
      continue;
    }
    total += r.size;
    picked.push(r.path.slice(1));
  }
  return picked;
}

/**
 * Builds (once, cached under .cache/bench) an OCI layout of ≥ 500 MB uncompressed: a layer of
 * host text (/usr/share), a layer of host binaries (/usr/lib), and a small layer of planted
 * secrets (one of them deleted by a whiteout in a last layer). gzip -6 layers.
 */
export function ensureBenchImage(cacheRoot: string): { layout: string; uncompressedBytes: number; layers: string[] } {
  const dir = join(cacheRoot, RECIPE);
  const done = join(dir, "done.json");
  if (existsSync(done)) return JSON.parse(readFileSync(done, "utf8"));
  rmSync(dir, { recursive: true, force: true });
  const work = join(dir, "work");
  const layout = join(dir, "layout");
  mkdirSync(work, { recursive: true });
  mkdirSync(join(layout, "blobs", "sha256"), { recursive: true });
  const lists: [string, string[]][] = [
    ["text", pickFiles("/usr/share", 300e6)],
    ["binary", pickFiles("/usr/lib", 300e6)],
  ];
  const tars: string[] = [];
  for (const [name, files] of lists) {
    writeFileSync(join(work, `${name}.list`), files.join("\n") + "\n");
    execFileSync("tar", ["-C", "/", "--format", "posix", "--ignore-failed-read", "-cf", join(work, `${name}.tar`), "-T", join(work, `${name}.list`)], { stdio: "ignore" });
    tars.push(join(work, `${name}.tar`));
  }
  const secrets = join(work, "secrets");
  mkdirSync(join(secrets, "app"), { recursive: true });
  writeFileSync(join(secrets, "app", ".env"), `AWS_ACCESS_KEY_ID=${PLANTED[2]}\nGITHUB_TOKEN=${PLANTED[0]}\n`);
  writeFileSync(join(secrets, "app", "config.js"), `module.exports = { stripe: "${PLANTED[3]}" };\n`);
  mkdirSync(join(secrets, "root"));
  writeFileSync(join(secrets, "root", ".npmrc"), `//registry.npmjs.org/:_authToken=${PLANTED[1]}\n`);
  execFileSync("tar", ["-C", secrets, "-cf", join(work, "secrets.tar"), "app", "root"]);
  tars.push(join(work, "secrets.tar"));
  const wh = join(work, "wh");
  mkdirSync(join(wh, "root"), { recursive: true });
  writeFileSync(join(wh, "root", ".wh..npmrc"), "");
  execFileSync("tar", ["-C", wh, "-cf", join(work, "wh.tar"), "root"]);
  tars.push(join(work, "wh.tar"));

  const layers: { mediaType: string; digest: string; size: number }[] = [];
  const diffIds: string[] = [];
  const layerFiles: string[] = [];
  let uncompressedBytes = 0;
  for (const tar of tars) {
    diffIds.push(sha256File(tar));
    uncompressedBytes += fs.statSync(tar).size;
    execFileSync("sh", ["-c", `gzip -6 -n -c '${tar}' > '${tar}.gz'`]);
    const digest = sha256File(`${tar}.gz`);
    const blob = join(layout, "blobs", "sha256", digest.slice(7));
    renameSync(`${tar}.gz`, blob);
    layerFiles.push(blob);
    layers.push({ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest, size: fs.statSync(blob).size });
  }
  const writeBlob = (text: string, mediaType: string) => {
    const digest = "sha256:" + createHash("sha256").update(text).digest("hex");
    writeFileSync(join(layout, "blobs", "sha256", digest.slice(7)), text);
    return { mediaType, digest, size: Buffer.byteLength(text) };
  };
  const config = writeBlob(
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      rootfs: { type: "layers", diff_ids: diffIds },
      config: { Env: ["PATH=/usr/bin:/bin"] },
      history: tars.map((t) => ({ created_by: `/bin/sh -c #(nop) ADD file:${t.split("/").pop()} in / ` })),
    }),
    "application/vnd.oci.image.config.v1+json",
  );
  const manifest = writeBlob(JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json", config, layers }), "application/vnd.oci.image.manifest.v1+json");
  writeFileSync(join(layout, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  writeFileSync(join(layout, "index.json"), JSON.stringify({ schemaVersion: 2, manifests: [manifest] }));
  rmSync(work, { recursive: true, force: true });
  const result = { layout, uncompressedBytes, layers: layerFiles };
  writeFileSync(done, JSON.stringify(result));
  return result;
}
