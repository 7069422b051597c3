// The Engine API's JSON, read defensively: an engine (or whatever answers on its socket) is input
// like any other. Malformed items are left out and counted; a malformed whole is a DredgeError.
import { DredgeError } from "../../util/errors.js";
import { isObject, type JsonObject } from "../../util/json.js";

/** `sha256:<64 hex>`, the form image IDs and diff IDs are kept in. */
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const HEX64 = /^[a-f0-9]{64}$/;

/** An image ID as `sha256:<hex>` (Podman's own API leaves the prefix out), or undefined when it is not one. */
export function imageId(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  const s = v.trim().toLowerCase();
  if (DIGEST.test(s)) return s;
  return HEX64.test(s) ? `sha256:${s}` : undefined;
}

/** The 12-hex short form the docker CLI prints. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, "").slice(0, 12);
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Tags other than the `<none>:<none>` placeholder the engine lists for untagged images. */
function realTags(v: unknown): string[] {
  return strings(v).filter((t) => t !== "" && t !== "<none>:<none>" && !t.startsWith("<none>"));
}

function list(json: unknown, what: string): unknown[] {
  if (!Array.isArray(json)) throw new DredgeError("bad-engine-answer", `the engine's ${what} is not a list`);
  return json;
}

function object(json: unknown, what: string): JsonObject {
  if (!isObject(json)) throw new DredgeError("bad-engine-answer", `the engine's ${what} is not a JSON object`);
  return json;
}

/** An item of `GET /images/json?all=1`. */
export interface ImageSummary {
  id: string;
  /** The image this one was built on (legacy builder: the previous step), when the engine knows it. */
  parentId?: string;
  tags: string[];
  digests: string[];
  /** Unix seconds. */
  created: number;
  /** Bytes, with the parent's layers. */
  size: number;
}

export function parseImageList(json: unknown): { images: ImageSummary[]; skipped: number } {
  const images: ImageSummary[] = [];
  let skipped = 0;
  for (const item of list(json, "image list")) {
    const id = isObject(item) ? imageId(item.Id) : undefined;
    if (!isObject(item) || !id) {
      skipped++;
      continue;
    }
    const img: ImageSummary = { id, tags: realTags(item.RepoTags), digests: strings(item.RepoDigests).filter((d) => !d.startsWith("<none>")), created: num(item.Created), size: num(item.Size) };
    const parent = imageId(item.ParentId);
    if (parent && parent !== id) img.parentId = parent;
    images.push(img);
  }
  return { images, skipped };
}

/** `GET /images/{name}/json`, the parts dredge reads. */
export interface ImageInspect {
  id: string;
  tags: string[];
  parentId?: string;
  /** The runtime config as the engine holds it (Env, Labels, Cmd…): read by the image config parser. */
  config: JsonObject;
  /** The legacy builder's container_config (gone from Docker 25's answer). */
  containerConfig?: JsonObject;
  /** Diff IDs, oldest first. */
  diffIds: string[];
  os?: string;
  architecture?: string;
  variant?: string;
  size: number;
}

export function parseImageInspect(json: unknown): ImageInspect {
  const o = object(json, "image inspect answer");
  const id = imageId(o.Id);
  if (!id) throw new DredgeError("bad-engine-answer", "the engine's image inspect answer has no image ID");
  const rootfs = isObject(o.RootFS) ? o.RootFS : {};
  const diffIds = strings(rootfs.Layers);
  const bad = diffIds.find((d) => !DIGEST.test(d));
  if (bad !== undefined) throw new DredgeError("bad-engine-answer", `the engine lists a layer of ${shortId(id)} as ${JSON.stringify(bad.slice(0, 80))}, not a sha256 diff ID`);
  const out: ImageInspect = { id, tags: realTags(o.RepoTags), config: isObject(o.Config) ? o.Config : {}, diffIds, size: num(o.Size) };
  const parent = imageId(o.Parent);
  if (parent) out.parentId = parent;
  if (isObject(o.ContainerConfig)) out.containerConfig = o.ContainerConfig;
  if (typeof o.Os === "string" && o.Os) out.os = o.Os;
  if (typeof o.Architecture === "string" && o.Architecture) out.architecture = o.Architecture;
  if (typeof o.Variant === "string" && o.Variant) out.variant = o.Variant;
  return out;
}

/** An entry of `GET /images/{name}/history`: newest first, as the engine answers. */
export interface HistoryItem {
  /** The image at this step when it is still in the engine (`<missing>` otherwise: undefined). */
  id?: string;
  createdBy: string;
  comment: string;
  /** Unix seconds. */
  created: number;
  /** Bytes of the layer this step made (0 for steps that made none, and for layers of directories or whiteouts only). */
  size: number;
}

export function parseHistory(json: unknown): HistoryItem[] {
  return list(json, "image history").map((item, i) => {
    if (!isObject(item)) throw new DredgeError("bad-engine-answer", `entry ${i} of the engine's image history is not an object`);
    const h: HistoryItem = { createdBy: str(item.CreatedBy), comment: str(item.Comment), created: num(item.Created), size: Math.max(0, num(item.Size)) };
    const id = imageId(item.Id);
    if (id) h.id = id;
    return h;
  });
}

/** An item of `GET /containers/json?all=1`. */
export interface ContainerSummary {
  id: string;
  /** Without the leading `/`. */
  names: string[];
  /** The image as the container was created from it (a name or an ID). */
  image: string;
  imageId?: string;
  /** created, running, paused, restarting, removing, exited, dead. */
  state: string;
  status: string;
  /** Bytes the container wrote (only when asked with size=1). */
  sizeRw?: number;
}

export function parseContainerList(json: unknown): { containers: ContainerSummary[]; skipped: number } {
  const containers: ContainerSummary[] = [];
  let skipped = 0;
  for (const item of list(json, "container list")) {
    const id = isObject(item) && typeof item.Id === "string" && HEX64.test(item.Id) ? item.Id : undefined;
    if (!isObject(item) || !id) {
      skipped++;
      continue;
    }
    const c: ContainerSummary = {
      id,
      names: strings(item.Names).map((n) => n.replace(/^\//, "")).filter((n) => n !== ""),
      image: str(item.Image),
      state: str(item.State).toLowerCase(),
      status: str(item.Status),
    };
    const img = imageId(item.ImageID);
    if (img) c.imageId = img;
    if (typeof item.SizeRw === "number" && Number.isFinite(item.SizeRw) && item.SizeRw >= 0) c.sizeRw = item.SizeRw;
    containers.push(c);
  }
  return { containers, skipped };
}

/** A change of `GET /containers/{id}/changes`: what the container's own layer did to a path. */
export interface ContainerChange {
  path: string;
  kind: "modified" | "added" | "deleted";
}

export function parseChanges(json: unknown): ContainerChange[] {
  // An engine answers null, not [], for a container that changed nothing.
  if (json === null) return [];
  const kinds = ["modified", "added", "deleted"] as const;
  const out: ContainerChange[] = [];
  for (const item of list(json, "container changes")) {
    if (!isObject(item) || typeof item.Path !== "string" || !item.Path.startsWith("/")) continue;
    const kind = typeof item.Kind === "number" ? kinds[item.Kind] : undefined;
    if (kind) out.push({ path: item.Path, kind });
  }
  return out;
}

/** A BuildKit cache record of `GET /system/df`. */
export interface BuildCacheRecord {
  id: string;
  type: string;
  description: string;
  inUse: boolean;
  shared: boolean;
  size: number;
}

/** `GET /system/df`, the build cache part (the legacy builder keeps none). */
export function parseBuildCache(json: unknown): BuildCacheRecord[] {
  const o = object(json, "disk usage answer");
  if (o.BuildCache === null || o.BuildCache === undefined) return [];
  const out: BuildCacheRecord[] = [];
  for (const item of list(o.BuildCache, "build cache list")) {
    if (!isObject(item) || typeof item.ID !== "string" || item.ID === "") continue;
    out.push({ id: item.ID, type: str(item.Type), description: str(item.Description), inUse: item.InUse === true, shared: item.Shared === true, size: Math.max(0, num(item.Size)) });
  }
  return out;
}

/** The message of an engine error answer (`{"message": "No such image: x"}`), or the body's first line. */
export function errorMessageOf(body: string): string {
  try {
    const j: unknown = JSON.parse(body);
    if (isObject(j) && typeof j.message === "string") return j.message.slice(0, 500);
  } catch {
    // not JSON: the text itself
  }
  return body.trim().split("\n")[0]?.slice(0, 500) ?? "";
}
