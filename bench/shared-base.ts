import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { ensureBenchImage, PLANTED } from "./make-image.js";

const RECIPE = "shared-base-v1";

function sha256(buf: Buffer | string): string {
  return "sha256:" + createHash("sha256").update(buf).digest("hex");
}

function blobDigestOfFile(path: string): string {
  return "sha256:" + execFileSync("sha256sum", [path]).toString().split(" ")[0];
}

function diffIdOfGzipFile(path: string): string {
  return "sha256:" + execFileSync("sh", ["-c", `gzip -dc '${path}' | sha256sum`]).toString().split(" ")[0];
}

/** A small tar of generated app text (~`bytes`), one planted token in it, unique per image. */
function appLayer(i: number, bytes: number): Buffer {
  const dir = `/tmp/dredge-shared-base-${process.pid}-${i}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "app", "src"), { recursive: true });
  const line = (n: number) => `export const value${n} = compute(${n}, "item-${i}-${n}") // image ${i}\n`;
  let text = "";
  for (let n = 0; text.length < bytes; n++) text += line(n);
  writeFileSync(join(dir, "app", "src", "generated.js"), text);
  writeFileSync(join(dir, "app", ".env"), `GITHUB_TOKEN=${PLANTED[0]}\nIMAGE=${i}\n`);
  const tar = execFileSync("tar", ["-C", dir, "--format", "posix", "--mtime=@0", "-cf", "-", "app"], { maxBuffer: 1 << 30 });
  rmSync(dir, { recursive: true, force: true });
  return tar;
}

/**
 * Ten OCI layouts that share one base layer (the bench image's ~300 MB text layer, the same blob
 * hard-linked into each) and each add a small app layer of their own. Cached under .cache/bench.
 */
export function ensureSharedBaseImages(cacheRoot: string, count = 10): { layouts: string[]; baseBytes: number; appBytes: number } {
  const dir = join(cacheRoot, RECIPE);
  const done = join(dir, "done.json");
  if (existsSync(done)) return JSON.parse(readFileSync(done, "utf8"));
  const bench = ensureBenchImage(cacheRoot);
  const baseBlob = bench.layers[0]!;
  const baseDigest = blobDigestOfFile(baseBlob);
  const baseDiffId = diffIdOfGzipFile(baseBlob);
  const baseBytes = Number(execFileSync("sh", ["-c", `gzip -dc '${baseBlob}' | wc -c`]).toString().trim());
  rmSync(dir, { recursive: true, force: true });
  const layouts: string[] = [];
  let appBytes = 0;
  for (let i = 0; i < count; i++) {
    const layout = join(dir, `image-${i}`);
    const blobs = join(layout, "blobs", "sha256");
    mkdirSync(blobs, { recursive: true });
    linkSync(baseBlob, join(blobs, baseDigest.slice(7)));
    const tar = appLayer(i, 8e6);
    appBytes += tar.length;
    const gz = gzipSync(tar, { level: 6 });
    const put = (buf: Buffer | string): { digest: string; size: number } => {
      const digest = sha256(buf);
      writeFileSync(join(blobs, digest.slice(7)), buf);
      return { digest, size: Buffer.byteLength(buf) };
    };
    const app = put(gz);
    const config = put(
      JSON.stringify({
        architecture: "amd64",
        os: "linux",
        rootfs: { type: "layers", diff_ids: [baseDiffId, sha256(gunzipSync(gz))] },
        config: { Env: ["PATH=/usr/bin:/bin"] },
        history: [{ created_by: "ADD base.tar /" }, { created_by: `COPY app /app # image ${i}` }],
      }),
    );
    const gzType = "application/vnd.oci.image.layer.v1.tar+gzip";
    const manifest = put(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
        layers: [
          { mediaType: gzType, digest: baseDigest, size: statSync(baseBlob).size },
          { mediaType: gzType, ...app },
        ],
      }),
    );
    writeFileSync(join(layout, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
    writeFileSync(join(layout, "index.json"), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", ...manifest }] }));
    layouts.push(layout);
  }
  const result = { layouts, baseBytes, appBytes: appBytes / count };
  writeFileSync(done, JSON.stringify(result));
  return result;
}
