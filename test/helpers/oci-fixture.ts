import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256 } from "./tar-writer.js";

export interface FixtureImage {
  layers: Buffer[];
  /** Config JSON fields merged over a minimal valid config. */
  config?: Record<string, unknown>;
  platform?: { os: string; architecture: string; variant?: string };
  refName?: string;
}

/** Writes blobs into an OCI layout directory; returns their descriptors. */
export class LayoutWriter {
  constructor(readonly dir: string) {}

  async blob(bytes: Buffer | string, mediaType: string): Promise<{ mediaType: string; digest: string; size: number }> {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
    const digest = sha256(buf);
    await mkdir(join(this.dir, "blobs", "sha256"), { recursive: true });
    await writeFile(join(this.dir, "blobs", "sha256", digest.slice(7)), buf);
    return { mediaType, digest, size: buf.length };
  }

  /** Writes an image (layers, config, manifest); returns the manifest descriptor. */
  async image(img: FixtureImage, diffIds: string[]): Promise<{ mediaType: string; digest: string; size: number; platform?: object; annotations?: Record<string, string> }> {
    const config = {
      architecture: img.platform?.architecture ?? "amd64",
      os: img.platform?.os ?? "linux",
      rootfs: { type: "layers", diff_ids: diffIds },
      config: { Env: ["PATH=/usr/bin:/bin"] },
      history: img.layers.map((_, i) => ({ created_by: `/bin/sh -c #(nop) ADD file:${i} in / ` })),
      ...img.config,
    };
    const configDesc = await this.blob(JSON.stringify(config), "application/vnd.oci.image.config.v1+json");
    const layers = [];
    for (const l of img.layers) {
      const gz = l[0] === 0x1f && l[1] === 0x8b;
      layers.push(await this.blob(l, gz ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar"));
    }
    const manifest = { schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json", config: configDesc, layers };
    const desc: { mediaType: string; digest: string; size: number; platform?: object; annotations?: Record<string, string> } = await this.blob(
      JSON.stringify(manifest),
      "application/vnd.oci.image.manifest.v1+json",
    );
    if (img.platform) desc.platform = img.platform;
    if (img.refName) desc.annotations = { "org.opencontainers.image.ref.name": img.refName };
    return desc;
  }

  async index(manifests: object[], file = "index.json"): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
    await writeFile(join(this.dir, file), JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests }));
  }
}
