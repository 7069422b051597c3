import { DredgeError } from "../../util/errors.js";
import { parseImageConfig, parseJson } from "../../image/config.js";
import type { BlobLayer, Image, Platform } from "../../image/types.js";
import { formatPlatform, platformMatches } from "../platform.js";
import { RegistryClient } from "./client.js";
import { isNonDistributable, parseManifest, selectFromIndex, type ParsedManifest } from "./manifest.js";
import { resolveRegistryOptions, type RegistryOptions } from "./options.js";
import { formatReference, parseReference } from "./reference.js";

/** Options of the registry source: how to reach the registry, and which platform to pick. */
export interface RegistrySourceOptions extends RegistryOptions {
  /** Platform to pick from a manifest list or index (default linux/amd64). */
  platform?: Platform;
}

/** Indexes nested deeper than this are refused (a loop, or a hostile registry). */
const MAX_INDEX_DEPTH = 4;

/**
 * The image a registry reference names (`registry.example.com/app:1.2`, `alpine`, `host:5000/app@sha256:…`),
 * built as every source builds one: config and history read now, layers streamed from the
 * registry when the scanner opens them, each verified against its digest. For a manifest list or
 * OCI index, the image for the wanted platform. `target` is how the user named it (for reports).
 */
export async function registryImages(reference: string, target: string, options: RegistrySourceOptions = {}): Promise<Image[]> {
  const ref = parseReference(reference);
  const client = new RegistryClient(ref, resolveRegistryOptions(options, ref.registry));
  const named = formatReference(ref);
  const warnings: string[] = [];

  let fetched = await client.manifest(ref.digest ?? ref.tag!);
  let manifest: ParsedManifest = parseManifest(fetched.bytes, fetched.contentType, `${named} (manifest ${fetched.digest})`);
  const fromIndex = manifest.kind === "index";
  for (let depth = 0; manifest.kind === "index"; depth++) {
    if (depth >= MAX_INDEX_DEPTH) throw new DredgeError("index-too-deep", `${named}: indexes nested more than ${MAX_INDEX_DEPTH} deep`);
    const chosen = selectFromIndex(manifest, options.platform, `${named} (index ${fetched.digest})`);
    fetched = await client.manifest(chosen.digest);
    manifest = parseManifest(fetched.bytes, fetched.contentType, `${named} (manifest ${fetched.digest}${chosen.platform ? ` for ${formatPlatform(chosen.platform)}` : ""})`);
  }

  const configBytes = await client.blobBytes(manifest.config.digest, `config ${manifest.config.digest}`);
  const config = parseImageConfig(parseJson(configBytes, `config ${manifest.config.digest}`), `config ${manifest.config.digest}`);
  const have = config.platform;
  if (options.platform && !fromIndex && have && !platformMatches(have, options.platform)) {
    // A single-platform image has nothing to choose from: say so rather than scan silently.
    warnings.push(`--platform ${formatPlatform(options.platform)} asked, but ${named} is a single-platform image for ${formatPlatform(have)}`);
  }
  const where = `${ref.registry}/${ref.repository}`;
  const layers: BlobLayer[] = manifest.layers.map((d, index) => {
    const what = `blob ${d.digest}`;
    const layer: BlobLayer = {
      kind: "blob",
      index,
      digest: d.digest,
      where: `${where}@${d.digest}`,
      open: () => client.openBlob(d.digest, d.size, isNonDistributable(d) ? `${what} (non-distributable: the registry may not hold it)` : what),
    };
    const diffId = config.diffIds[index];
    if (diffId) layer.diffId = diffId;
    if (d.mediaType) layer.mediaType = d.mediaType;
    if (d.size !== undefined) layer.size = d.size;
    return layer;
  });
  if (config.diffIds.length !== layers.length) {
    warnings.push(`manifest lists ${layers.length} layers but the config lists ${config.diffIds.length} diff IDs`);
  }
  const tags = ref.tag !== undefined ? [`${ref.registry}/${ref.repository}:${ref.tag}`] : [];
  return [{ target, digest: fetched.digest, id: manifest.config.digest, tags, config, layers, warnings }];
}
