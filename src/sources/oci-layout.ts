import { DredgeError } from "../util/errors.js";
import { isObject } from "../util/json.js";
import { parseImageConfig, parseJson } from "../image/config.js";
import type { BlobLayer, Image, Platform } from "../image/types.js";
import type { BlobStore } from "./blob-store.js";
import { parseDigest } from "./blob-store.js";
import { DEFAULT_PLATFORM, formatPlatform, platformMatches } from "./platform.js";

/** An OCI content descriptor, as far as dredge reads it. */
export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: Platform;
  annotations: Record<string, string>;
}

export interface LayoutSelection {
  /** Reference name (`org.opencontainers.image.ref.name`, or a full image name) to pick. */
  ref?: string;
  /** Platform to pick from multi-platform indexes; default linux/amd64. */
  platform?: Platform;
}

const INDEX_TYPES = new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);
const MAX_INDEX_DEPTH = 8;


/** Reads a descriptor, rejecting malformed ones with a message naming where it was. */
export function parseDescriptor(v: unknown, where: string): Descriptor {
  if (!isObject(v) || typeof v.digest !== "string") throw new DredgeError("bad-descriptor", `${where}: descriptor without a digest`);
  parseDigest(v.digest);
  const d: Descriptor = { digest: v.digest, annotations: {} };
  if (typeof v.mediaType === "string") d.mediaType = v.mediaType;
  if (typeof v.size === "number" && Number.isSafeInteger(v.size) && v.size >= 0) d.size = v.size;
  if (isObject(v.platform) && typeof v.platform.os === "string" && typeof v.platform.architecture === "string") {
    d.platform = { os: v.platform.os, architecture: v.platform.architecture };
    if (typeof v.platform.variant === "string" && v.platform.variant) d.platform.variant = v.platform.variant;
  }
  if (isObject(v.annotations)) {
    for (const [k, val] of Object.entries(v.annotations)) if (typeof val === "string") d.annotations[k] = val;
  }
  return d;
}

function refNameOf(d: Descriptor): string | undefined {
  return d.annotations["org.opencontainers.image.ref.name"] ?? d.annotations["io.containerd.image.name"];
}

function isAttestation(d: Descriptor): boolean {
  return d.annotations["vnd.docker.reference.type"] === "attestation-manifest" || (d.platform?.os === "unknown" && d.platform.architecture === "unknown");
}

interface Candidate {
  manifest: Descriptor;
  platform?: Platform;
  refName?: string;
}

async function collect(store: BlobStore, index: unknown, where: string, inherited: { refName?: string }, depth: number, out: Candidate[]): Promise<void> {
  if (depth > MAX_INDEX_DEPTH) throw new DredgeError("index-too-deep", `${where}: indexes nested more than ${MAX_INDEX_DEPTH} deep (a loop?)`);
  if (!isObject(index) || !Array.isArray(index.manifests)) throw new DredgeError("bad-index", `${where} has no "manifests" list`);
  for (const [i, raw] of index.manifests.entries()) {
    const d = parseDescriptor(raw, `${where} manifests[${i}]`);
    if (isAttestation(d)) continue;
    const refName = refNameOf(d) ?? inherited.refName;
    if (d.mediaType && INDEX_TYPES.has(d.mediaType)) {
      const nested = parseJson(await store.readBlob(d.digest), `index ${d.digest}`);
      await collect(store, nested, `index ${d.digest}`, refName ? { refName } : {}, depth + 1, out);
      continue;
    }
    const c: Candidate = { manifest: d };
    if (d.platform) c.platform = d.platform;
    if (refName) c.refName = refName;
    out.push(c);
  }
}

function refMatches(c: Candidate, ref: string): boolean {
  if (!c.refName) return false;
  // A full image name annotation (`docker.io/library/app:1`) matches its tag alone too.
  return c.refName === ref || c.refName.endsWith(`:${ref}`) || c.refName.endsWith(`/${ref}`);
}

/** Chooses the manifests to scan: by reference, then one per reference for the wanted platform. */
function select(candidates: Candidate[], sel: LayoutSelection, where: string): Candidate[] {
  let pool = candidates;
  if (sel.ref !== undefined) {
    pool = candidates.filter((c) => refMatches(c, sel.ref!));
    if (pool.length === 0) {
      const names = [...new Set(candidates.map((c) => c.refName).filter(Boolean))];
      throw new DredgeError("ref-not-found", `${where} has no image named ${JSON.stringify(sel.ref)}${names.length ? `; it has: ${names.join(", ")}` : ""}`);
    }
  }
  const withPlatform = pool.filter((c) => c.platform);
  if (withPlatform.length === 0) return pool;
  const want = sel.platform ?? DEFAULT_PLATFORM;
  const picked = pool.filter((c) => !c.platform || platformMatches(c.platform, want));
  if (picked.length === 0) {
    const have = [...new Set(withPlatform.map((c) => formatPlatform(c.platform!)))];
    throw new DredgeError("platform-not-found", `${where} has no image for ${formatPlatform(want)}; platforms: ${have.join(", ")} (choose one with --platform)`);
  }
  // One manifest per reference name: the first match (an exact variant comes before others).
  const byRef = new Map<string, Candidate>();
  for (const c of picked) {
    const key = c.refName ?? "";
    const prev = byRef.get(key);
    if (!prev || (want.variant === undefined && prev.platform?.variant && !c.platform?.variant)) byRef.set(key, c);
  }
  return [...byRef.values()];
}

/** Builds an image from one manifest in a blob store. */
export async function imageFromManifest(store: BlobStore, manifestDigest: string, target: string, tags: string[]): Promise<Image> {
  const manifestBytes = await store.readBlob(manifestDigest);
  const manifest = parseJson(manifestBytes, `manifest ${manifestDigest}`);
  if (!isObject(manifest)) throw new DredgeError("bad-manifest", `manifest ${manifestDigest} is not a JSON object`);
  if (Array.isArray(manifest.manifests)) throw new DredgeError("bad-manifest", `${manifestDigest} is an index, not an image manifest`);
  const configDesc = parseDescriptor(manifest.config, `manifest ${manifestDigest} config`);
  const config = parseImageConfig(parseJson(await store.readBlob(configDesc.digest), `config ${configDesc.digest}`), `config ${configDesc.digest}`);
  const warnings: string[] = [];
  const rawLayers = Array.isArray(manifest.layers) ? manifest.layers : [];
  const layers: BlobLayer[] = [];
  for (const [index, raw] of rawLayers.entries()) {
    const d = parseDescriptor(raw, `manifest ${manifestDigest} layers[${index}]`);
    const layer: BlobLayer = {
      kind: "blob",
      index,
      digest: d.digest,
      where: `blob ${d.digest}`,
      open: () => store.openBlob(d.digest),
    };
    const diffId = config.diffIds[index];
    if (diffId) layer.diffId = diffId;
    if (d.mediaType) layer.mediaType = d.mediaType;
    if (d.size !== undefined) layer.size = d.size;
    const file = await store.locate(d.digest);
    if (file) layer.file = file;
    if (store.memberName) layer.member = store.memberName(d.digest);
    layers.push(layer);
  }
  if (config.diffIds.length !== layers.length) {
    warnings.push(`manifest lists ${layers.length} layers but the config lists ${config.diffIds.length} diff IDs`);
  }
  return { target, digest: manifestDigest, id: configDesc.digest, tags, config, layers, warnings };
}

/** Every image of an OCI layout (in a directory or a tar) that the selection picks. */
export async function imagesFromLayout(store: BlobStore, target: string, sel: LayoutSelection): Promise<Image[]> {
  const indexBytes = await store.readFile("index.json");
  if (!indexBytes) throw new DredgeError("not-oci-layout", `${store.where} has no index.json: not an OCI image layout`);
  const candidates: Candidate[] = [];
  await collect(store, parseJson(indexBytes, `${store.where}/index.json`), `${store.where}/index.json`, {}, 0, candidates);
  if (candidates.length === 0) throw new DredgeError("empty-layout", `${store.where}/index.json lists no image manifests`);
  const chosen = select(candidates, sel, store.where);
  const images: Image[] = [];
  for (const c of chosen) images.push(await imageFromManifest(store, c.manifest.digest, target, c.refName ? [c.refName] : []));
  return images;
}
