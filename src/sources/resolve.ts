import { open, stat } from "node:fs/promises";
import { DredgeError } from "../util/errors.js";
import type { Image, Platform } from "../image/types.js";
import { TarFileIndex } from "../layers/tar/index-file.js";
import { sniffCompression } from "../layers/decompress.js";
import type { ArchiveFiles } from "./archive-files.js";
import { StreamedArchive } from "./streamed-archive.js";
import { dockerArchiveImages } from "./docker-archive.js";
import { directoryImage } from "./dir.js";
import { ociArchiveImages, ociDirectoryImages } from "./oci.js";
import { dockerImages, engineHasImage, podmanImages } from "./engine/index.js";
import { looksLikeRegistryReference, registryImages, type RegistryOptions } from "./registry/index.js";

/** True when a target names a registry host (`registry.example.com/app`, `localhost:5000/app`): for auto-detection. */
export { looksLikeRegistryReference } from "./registry/index.js";

/** Options every source understands. */
export interface SourceOptions {
  platform?: Platform;
  /** How to reach registries (credentials, `--insecure`, timeouts), for `registry:` targets. */
  registry?: RegistryOptions;
}

/** A target after its prefix and reference were worked out. */
export interface ResolvedTarget {
  kind: SourceKind;
  path: string;
  /** `name:tag` / ref name inside a multi-image archive or layout. */
  ref?: string;
  /** `@N`: the N-th image of a docker save. */
  index?: number;
  /** The archive, when detecting the kind already opened it. */
  archive?: ArchiveFiles;
}

export type SourceKind = "docker-archive" | "oci" | "oci-archive" | "dir" | "registry" | "docker" | "podman";

type Loader = (t: ResolvedTarget, target: string, opts: SourceOptions) => Promise<Image[]>;

/** The one table of image sources: prefix → loader. Explicit on purpose (no registration by import). */
const SOURCES: Record<SourceKind, Loader> = {
  "docker-archive": (t, target) => fromArchive(t, (a) => dockerArchiveImages(a, target, { ref: t.ref, index: t.index })),
  "oci-archive": (t, target, o) => fromArchive(t, (a) => ociArchiveImages(a, target, { ref: t.ref, platform: o.platform })),
  oci: (t, target, o) => ociDirectoryImages(t.path, target, { ref: t.ref, platform: o.platform }),
  dir: async (t, target) => [directoryImage(t.path, target)],
  docker: (t, target) => dockerImages(t.path, target),
  podman: (t, target) => podmanImages(t.path, target),
  registry: (t, target, o) => registryImages(t.path, target, { ...o.registry, ...(o.platform ? { platform: o.platform } : {}) }),
};

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Splits `PATH[:REF]` or `PATH@N`, taking the shortest prefix that exists on disk. */
async function splitPathAndRef(spec: string): Promise<{ path: string; ref?: string; index?: number }> {
  if (await exists(spec)) return { path: spec };
  const at = /^(.*)@(\d+)$/.exec(spec);
  if (at && (await exists(at[1]!))) return { path: at[1]!, index: Number(at[2]) };
  for (let i = spec.indexOf(":"); i > 0; i = spec.indexOf(":", i + 1)) {
    const path = spec.slice(0, i);
    if (await exists(path)) return { path, ref: spec.slice(i + 1) };
  }
  throw new DredgeError("not-found", `${spec}: no such file or directory`);
}

/** Opens an image archive: by seeking when it is a plain tar, front to back when compressed. */
async function openArchive(path: string): Promise<ArchiveFiles> {
  const fh = await open(path, "r");
  const head = Buffer.alloc(16);
  try {
    await fh.read(head, 0, 16, 0);
  } finally {
    await fh.close();
  }
  const compression = sniffCompression(head);
  if (compression === "gzip" || compression === "zstd") return StreamedArchive.open(path);
  if (compression !== "none") throw new DredgeError("unsupported-compression", `${path} is ${compression}-compressed; dredge reads plain, gzip and zstd archives`);
  return TarFileIndex.open(path);
}

/**
 * Images of an archive. A compressed one gives its images a one-pass layer reader: layers are
 * visited in archive order, each blob once even when several layers are the same blob.
 */
async function fromArchive(t: ResolvedTarget, load: (archive: ArchiveFiles) => Promise<Image[]>): Promise<Image[]> {
  const archive = t.archive ?? (await openArchive(t.path));
  const images = await load(archive);
  if (!archive.streamMembers) return images;
  for (const image of images) {
    const byMember = new Map<string, number[]>();
    for (const l of image.layers) {
      if (l.kind !== "blob" || !l.member) continue;
      const found = archive.find(l.member);
      const key = found?.name ?? l.member;
      byMember.set(key, [...(byMember.get(key) ?? []), l.index]);
    }
    image.streamLayers = (visit) => archive.streamMembers!(new Set(byMember.keys()), (name, content) => visit(byMember.get(name) ?? [], content));
  }
  return images;
}

async function sniffFile(path: string): Promise<{ kind: SourceKind; archive: ArchiveFiles }> {
  const archive = await openArchive(path);
  if (archive.find("manifest.json")) return { kind: "docker-archive", archive };
  if (archive.find("index.json") || archive.find("oci-layout")) return { kind: "oci-archive", archive };
  throw new DredgeError("unknown-archive", `${path} is a tar but neither a docker save (no manifest.json) nor an OCI archive (no index.json)`);
}

async function sniffDirectory(path: string): Promise<SourceKind> {
  return (await exists(`${path}/oci-layout`)) || (await exists(`${path}/index.json`)) ? "oci" : "dir";
}

/**
 * What an unprefixed name that is no path means: a registry when it names a host
 * (`registry.example.com/app:1`, `localhost:5000/app`), else an image of the local Docker engine
 * (`myapp:dev`) when the engine has it. A bare name is not sent to Docker Hub unasked: dredge
 * talks only to registries the user names, so that takes `registry:NAME` or `docker.io/…`.
 */
async function referenceTarget(target: string): Promise<ResolvedTarget | undefined> {
  if (!/^[a-z0-9][\w.:/@-]*$/i.test(target)) return undefined;
  if (looksLikeRegistryReference(target)) return { kind: "registry", path: target };
  if (await engineHasImage(target)) return { kind: "docker", path: target };
  throw new DredgeError(
    "not-found",
    `${target}: no such file or directory, and no such image in the Docker engine; to read it from a registry, name one: registry:${target} (Docker Hub) or HOST/${target}`,
  );
}

/** Works out the source of a target string (`oci:./layout`, `app.tar`, `dir:/rootfs`, …). */
export async function resolveTarget(target: string): Promise<ResolvedTarget> {
  // A registry reference is not a path: no lookup on disk.
  if (target.startsWith("registry:")) return { kind: "registry", path: target.slice("registry:".length) };
  // An engine reference is not a path either.
  const engine = /^(docker|podman):(.*)$/s.exec(target);
  if (engine) return { kind: engine[1] as "docker" | "podman", path: engine[2]! };
  const prefix = /^(docker-archive|oci-archive|oci|dir):(.*)$/s.exec(target);
  if (prefix) {
    const kind = prefix[1] as SourceKind;
    const spec = await splitPathAndRef(prefix[2]!);
    return { kind, ...spec };
  }
  const spec = await splitPathAndRef(target).catch(async (err: unknown) => {
    const other = await referenceTarget(target);
    if (other) return other;
    throw err;
  });
  if ("kind" in spec) return spec;
  const s = await stat(spec.path);
  if (s.isDirectory()) return { kind: await sniffDirectory(spec.path), ...spec };
  return { ...spec, ...(await sniffFile(spec.path)) };
}

/** The images a target names. */
export async function loadImages(target: string, opts: SourceOptions = {}): Promise<Image[]> {
  const resolved = await resolveTarget(target);
  const images = await SOURCES[resolved.kind](resolved, target, opts);
  // Auto-detected targets are reported with the prefix that was detected.
  if (!/^(docker-archive|oci-archive|oci|dir|registry|docker|podman):/.test(target)) for (const img of images) img.target = `${resolved.kind}:${target}`;
  return images;
}
