import type { Readable } from "node:stream";

/** An OS/architecture pair as in OCI image indexes (`linux/amd64`, `linux/arm64/v8`). */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** One entry of the image config's history, oldest first. */
export interface HistoryEntry {
  createdBy: string;
  created?: string;
  comment?: string;
  /** True when the instruction made no layer (ENV, ARG, CMD, …). */
  emptyLayer: boolean;
}

/** The parts of an image config dredge reads (runtime config plus rootfs and history). */
export interface ImageConfig {
  env: string[];
  labels: Record<string, string>;
  cmd: string[];
  entrypoint: string[];
  user?: string;
  workingDir?: string;
  healthcheck: string[];
  onBuild: string[];
  shell: string[];
  stopSignal?: string;
  /** `container_config` of legacy builders: the config of the container that made the image. */
  containerConfig?: { env: string[]; labels: Record<string, string>; cmd: string[]; entrypoint: string[] };
  diffIds: string[];
  history: HistoryEntry[];
  platform?: Platform;
}

/** A byte range of a local file. */
export interface FileRange {
  path: string;
  start: number;
  length: number;
}

/** A layer of an image, oldest first. Either a blob (tar, maybe compressed) or a live directory tree. */
export type Layer = BlobLayer | DirectoryLayer;

export interface BlobLayer {
  kind: "blob";
  /** Position in the image, 0 = base. */
  index: number;
  /** Digest of the blob as stored (compressed), when the source names it. */
  digest?: string;
  /** Digest of the uncompressed tar, from the config's rootfs.diff_ids. */
  diffId?: string;
  mediaType?: string;
  /** Stored size in bytes, when known. */
  size?: number;
  /** Where the blob lives in its source (for messages). */
  where: string;
  /** The blob's bytes as a range of a local file, when they are one (lets a worker thread open it). */
  file?: FileRange;
  /** Name of the archive member holding the blob, for archives read front to back. */
  member?: string;
  /** Opens the stored bytes (compressed or not). */
  open(): Readable;
}

/** An unpacked root filesystem on disk (`dir:`), read without following symlinks. */
export interface DirectoryLayer {
  kind: "directory";
  index: number;
  root: string;
  where: string;
}

/** A container image as a source constructs it: config, history and layers, nothing extracted. */
export interface Image {
  /** The target as the user named it (with its prefix), e.g. `oci:./layout:latest`. */
  target: string;
  /** Manifest digest when the source knows it, else the config digest. */
  digest?: string;
  /** Image ID: the config blob's digest. */
  id?: string;
  tags: string[];
  config: ImageConfig;
  layers: Layer[];
  /** Problems the source found but could read past (digest mismatches, missing fields). */
  warnings: string[];
  /**
   * Set when layers cannot be opened one by one (a compressed archive, an engine's save stream):
   * one pass hands each layer's stored bytes to `visit`, in the order they come, with the indexes
   * of the layers it is. A source that cannot tell which layer a blob is before reading it (Docker
   * 20.10's save names layers by v1 IDs) passes no indexes: the scan tells by the diff ID it
   * computes. A source whose config was provisional (an engine's, rebuilt from its API) sets
   * `config` to the one the stream holds before the pass ends.
   */
  streamLayers?(visit: (indexes: number[], content: Readable, hint?: StreamedBlobHint) => Promise<void>): Promise<void>;
}

/** What a source knows of a streamed blob before reading it (checked as it is read). */
export interface StreamedBlobHint {
  /** The diff ID its name promises (`blobs/sha256/<hex>` of an uncompressed layer, Podman's `<hex>.tar`). */
  diffId?: string;
  /** Its member name, the same for the same blob in every save of one engine (a scan may remember it). */
  name?: string;
}

/** The empty config of an image that has none (a `dir:` root filesystem). */
export function emptyConfig(): ImageConfig {
  return { env: [], labels: {}, cmd: [], entrypoint: [], healthcheck: [], onBuild: [], shell: [], diffIds: [], history: [] };
}
