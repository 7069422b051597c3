import { DredgeError } from "../util/errors.js";
import { isObject } from "../util/json.js";
import { parseImageConfig, parseJson } from "../image/config.js";
import type { BlobLayer, Image } from "../image/types.js";
import { memberKey } from "../layers/tar/index-file.js";
import type { ArchiveFiles } from "./archive-files.js";
import { ArchiveBlobStore, MAX_METADATA_BYTES, digestOf } from "./blob-store.js";
import { parseDescriptor } from "./oci-layout.js";

/** Which image of a multi-image `docker save` to scan: a `name:tag` from RepoTags or a 0-based index. */
export type ArchiveSelection = { ref?: string; index?: number };

interface ManifestEntry {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}


function readManifest(json: unknown, where: string): ManifestEntry[] {
  if (!Array.isArray(json)) throw new DredgeError("bad-manifest", `${where}/manifest.json is not a list`);
  return json.map((e, i) => {
    if (!isObject(e) || typeof e.Config !== "string" || !Array.isArray(e.Layers)) {
      throw new DredgeError("bad-manifest", `${where}/manifest.json entry ${i} lacks Config or Layers`);
    }
    return {
      Config: e.Config,
      RepoTags: Array.isArray(e.RepoTags) ? e.RepoTags.filter((t): t is string => typeof t === "string") : [],
      Layers: e.Layers.filter((l): l is string => typeof l === "string"),
    };
  });
}

const BLOB_PATH = /^blobs\/(sha256|sha512)\/([a-f0-9]+)$/;
const HEX_JSON = /^([a-f0-9]{64})\.json$/;

/** The digest a member's name promises (`blobs/sha256/<hex>`, `<hex>.json`), if any. */
function digestFromPath(name: string): string | undefined {
  const key = memberKey(name);
  const blob = BLOB_PATH.exec(key);
  if (blob) return `${blob[1]}:${blob[2]}`;
  const json = HEX_JSON.exec(key);
  return json ? `sha256:${json[1]}` : undefined;
}

/** Whether a `name[:tag]` reference names one of the tags (`app` means `app:latest`; a registry prefix may be left out). */
function tagMatches(tags: string[], ref: string): boolean {
  const hasTag = ref.slice(ref.lastIndexOf("/") + 1).includes(":");
  const withTag = hasTag ? ref : `${ref}:latest`;
  return tags.some((t) => t === ref || t === withTag || t.endsWith(`/${withTag}`));
}

/** Finds the manifest digest of a Docker 25+ save, whose OCI index.json names each image's manifest. */
async function manifestDigests(index: ArchiveFiles, where: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const member = index.find("index.json");
  if (!member) return out;
  const store = new ArchiveBlobStore(where, index);
  try {
    const idx = parseJson(await index.read(member, MAX_METADATA_BYTES), `${where}/index.json`);
    if (!isObject(idx) || !Array.isArray(idx.manifests)) return out;
    for (const raw of idx.manifests) {
      const d = parseDescriptor(raw, `${where}/index.json`);
      const m = parseJson(await store.readBlob(d.digest), `manifest ${d.digest}`);
      if (isObject(m) && isObject(m.config) && typeof m.config.digest === "string") out.set(m.config.digest, d.digest);
    }
  } catch {
    // The OCI half is a convenience for the manifest digest; manifest.json is authoritative.
  }
  return out;
}

/**
 * Images of a `docker save` tarball: the classic layout (`<id>/layer.tar`, `<id>.json`) and the
 * OCI-layout-inside-docker-save that Docker 25+ writes (`blobs/sha256/…` beside `index.json`).
 */
export async function dockerArchiveImages(index: ArchiveFiles, target: string, sel: ArchiveSelection): Promise<Image[]> {
  const path = index.path;
  const manifestMember = index.find("manifest.json");
  if (!manifestMember) throw new DredgeError("not-docker-archive", `${path} has no manifest.json: not a docker save archive`);
  let entries = readManifest(parseJson(await index.read(manifestMember, MAX_METADATA_BYTES), `${path}/manifest.json`), path);
  if (entries.length === 0) throw new DredgeError("empty-archive", `${path}/manifest.json lists no images`);
  if (sel.index !== undefined) {
    const e = entries[sel.index];
    if (!e) throw new DredgeError("ref-not-found", `${path} holds ${entries.length} image(s); there is no image @${sel.index}`);
    entries = [e];
  } else if (sel.ref !== undefined) {
    const found = entries.filter((e) => tagMatches(e.RepoTags, sel.ref!));
    if (found.length === 0) {
      const tags = entries.flatMap((e) => e.RepoTags);
      throw new DredgeError("ref-not-found", `${path} has no image tagged ${sel.ref}${tags.length ? `; tags: ${tags.join(", ")}` : ""}`);
    }
    entries = found;
  }
  const manifestOf = await manifestDigests(index, path);
  const images: Image[] = [];
  for (const e of entries) {
    const warnings: string[] = [];
    const configMember = index.find(e.Config);
    if (!configMember) throw new DredgeError("missing-blob", `${path}: manifest.json names config ${e.Config}, which is not in the archive`);
    const configBytes = await index.read(configMember, MAX_METADATA_BYTES);
    const id = digestOf(configBytes);
    const promised = digestFromPath(e.Config);
    if (promised && promised !== id) warnings.push(`config ${e.Config} hashes to ${id}, not the digest its name promises`);
    const config = parseImageConfig(parseJson(configBytes, `${path}/${e.Config}`), `${path}/${e.Config}`);
    const layers: BlobLayer[] = e.Layers.map((name, i) => {
      const m = index.find(name);
      const layer: BlobLayer = {
        kind: "blob",
        index: i,
        where: `${path}/${name}`,
        member: memberKey(name),
        open: () => {
          if (!m) throw new DredgeError("missing-blob", `manifest.json names layer ${name}, which is not in ${path}`);
          return index.stream(m);
        },
      };
      const digest = digestFromPath(name);
      if (digest) layer.digest = digest;
      const diffId = config.diffIds[i];
      if (diffId) layer.diffId = diffId;
      if (m) {
        layer.size = m.size;
        const file = index.range(m);
        if (file) layer.file = file;
      }
      return layer;
    });
    if (config.diffIds.length !== layers.length) {
      warnings.push(`manifest.json lists ${layers.length} layers but the config lists ${config.diffIds.length} diff IDs`);
    }
    const image: Image = { target, id, digest: manifestOf.get(id) ?? id, tags: e.RepoTags, config, layers, warnings };
    images.push(image);
  }
  return images;
}
