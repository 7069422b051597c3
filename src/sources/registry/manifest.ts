import { DredgeError } from "../../util/errors.js";
import { isObject } from "../../util/json.js";
import type { Platform } from "../../image/types.js";
import { parseDescriptor, type Descriptor } from "../oci-layout.js";
import { DEFAULT_PLATFORM, formatPlatform, platformMatches } from "../platform.js";

export const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
export const DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
export const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
const SCHEMA1 = new Set(["application/vnd.docker.distribution.manifest.v1+json", "application/vnd.docker.distribution.manifest.v1+prettyjws"]);
const INDEX_TYPES = new Set([OCI_INDEX, DOCKER_MANIFEST_LIST]);
const IMAGE_TYPES = new Set([OCI_MANIFEST, DOCKER_MANIFEST]);
const CONFIG_TYPES = new Set(["application/vnd.oci.image.config.v1+json", "application/vnd.docker.container.image.v1+json"]);

/**
 * True for a schema 1 content type. Its digest covers the payload without the JWS signatures, so
 * dredge does not hash it: it is refused (with a clear message) when parsed.
 */
export function isSchema1Type(contentType: string | undefined): boolean {
  return SCHEMA1.has(contentType?.split(";")[0]?.trim().toLowerCase() ?? "");
}

/** The `Accept` header of a manifest request: every type dredge reads, indexes first. */
export const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(", ");

/** A manifest as fetched: an index (manifest list) or an image manifest. */
export type ParsedManifest =
  | { kind: "index"; mediaType: string; manifests: Descriptor[] }
  | { kind: "image"; mediaType: string; config: Descriptor; layers: Descriptor[] };

function typeOf(json: Record<string, unknown>, contentType: string | undefined): string | undefined {
  if (typeof json.mediaType === "string" && json.mediaType) return json.mediaType;
  const header = contentType?.split(";")[0]?.trim().toLowerCase();
  if (header && header !== "application/json" && header !== "text/plain") return header;
  if (Array.isArray(json.manifests)) return OCI_INDEX;
  if (isObject(json.config) && Array.isArray(json.layers)) return OCI_MANIFEST;
  return undefined;
}

/**
 * Reads a manifest: Docker v2 schema 2, OCI manifest, Docker manifest list or OCI index. Schema 1
 * and anything that is not a container image get a clear error naming `where`.
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined, where: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new DredgeError("bad-manifest", `${where} is not JSON`);
  }
  if (!isObject(json)) throw new DredgeError("bad-manifest", `${where} is not a JSON object`);
  const mediaType = typeOf(json, contentType);
  if (json.schemaVersion === 1 || (mediaType && SCHEMA1.has(mediaType))) {
    throw new DredgeError(
      "schema1-manifest",
      `${where} is a Docker image manifest v2 schema 1, deprecated since 2017 and not supported; re-push the image with a current docker, skopeo or crane to convert it`,
    );
  }
  if (mediaType && INDEX_TYPES.has(mediaType)) {
    if (!Array.isArray(json.manifests)) throw new DredgeError("bad-manifest", `${where} is an index without a "manifests" list`);
    return { kind: "index", mediaType, manifests: json.manifests.map((m, i) => parseDescriptor(m, `${where} manifests[${i}]`)) };
  }
  if (mediaType && IMAGE_TYPES.has(mediaType)) {
    const config = parseDescriptor(json.config, `${where} config`);
    if (config.mediaType && !CONFIG_TYPES.has(config.mediaType)) {
      throw new DredgeError("not-an-image", `${where} is an artifact (config type ${config.mediaType.slice(0, 100)}), not a container image`);
    }
    if (!Array.isArray(json.layers)) throw new DredgeError("bad-manifest", `${where} has no "layers" list`);
    return { kind: "image", mediaType, config, layers: json.layers.map((l, i) => parseDescriptor(l, `${where} layers[${i}]`)) };
  }
  throw new DredgeError("bad-manifest", `${where} has media type ${JSON.stringify((mediaType ?? "none").slice(0, 100))}, which is neither an image manifest nor an index`);
}

function isAttestation(d: Descriptor): boolean {
  return d.annotations["vnd.docker.reference.type"] === "attestation-manifest" || (d.platform?.os === "unknown" && d.platform.architecture === "unknown");
}

/**
 * The manifest of an index to scan for `want` (default linux/amd64), by the OCI source's rule: the
 * first entry for that platform, one without a variant preferred when none is asked for. An index
 * whose entries name no platform gives its first image. Attestations are never picked.
 */
export function selectFromIndex(index: Extract<ParsedManifest, { kind: "index" }>, want: Platform | undefined, where: string): Descriptor {
  const entries = index.manifests.filter((d) => !isAttestation(d) && (!d.mediaType || INDEX_TYPES.has(d.mediaType) || IMAGE_TYPES.has(d.mediaType)));
  if (entries.length === 0) throw new DredgeError("empty-index", `${where} lists no image manifests`);
  const withPlatform = entries.filter((d) => d.platform);
  if (withPlatform.length === 0) return entries[0]!;
  const wanted = want ?? DEFAULT_PLATFORM;
  let chosen: Descriptor | undefined;
  for (const d of withPlatform) {
    if (!platformMatches(d.platform!, wanted)) continue;
    if (!chosen || (wanted.variant === undefined && chosen.platform?.variant && !d.platform!.variant)) chosen = d;
  }
  if (!chosen) {
    const have = [...new Set(withPlatform.map((d) => formatPlatform(d.platform!)))];
    throw new DredgeError("platform-not-found", `${where} has no image for ${formatPlatform(wanted)}; platforms: ${have.join(", ")} (choose one with --platform)`);
  }
  return chosen;
}

/** True for a layer the registry may not hold (Windows base layers: their `urls` point elsewhere). */
export function isNonDistributable(d: Descriptor): boolean {
  return d.mediaType !== undefined && /foreign|nondistributable/.test(d.mediaType);
}
