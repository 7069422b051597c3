import { describeEndpoint } from "../sources/engine/endpoint.js";
import type { EngineClient } from "../sources/engine/client.js";
import { parseBuildCache, parseContainerList, parseImageList, type BuildCacheRecord, type ContainerSummary, type ImageSummary } from "../sources/engine/api.js";
import { errorMessage } from "../util/errors.js";

/** What the engine holds: every image (intermediate and dangling ones too), every container, the build cache. */
export interface HostInventory {
  engine: { endpoint: string; server: string; apiVersion: string };
  images: ImageSummary[];
  containers: ContainerSummary[];
  /** BuildKit's cache records (`docker system df`); the legacy builder keeps none. */
  buildCache: BuildCacheRecord[];
  warnings: string[];
}

/** Reads the inventory: `GET /images/json?all=1`, `/containers/json?all=1`, `/system/df`. */
export async function takeInventory(client: EngineClient): Promise<HostInventory> {
  const warnings: string[] = [];
  const imageList = parseImageList(await client.json("GET", "/images/json", { all: "1" }));
  if (imageList.skipped) warnings.push(`${imageList.skipped} image(s) of the engine's list had no valid ID and were left out`);
  const containerList = parseContainerList(await client.json("GET", "/containers/json", { all: "1", size: "1" }));
  if (containerList.skipped) warnings.push(`${containerList.skipped} container(s) of the engine's list had no valid ID and were left out`);
  let buildCache: BuildCacheRecord[] = [];
  try {
    buildCache = parseBuildCache(await client.json("GET", "/system/df"));
  } catch (err) {
    // Podman's compatible API answers /system/df without build cache; an old engine may not answer at all.
    warnings.push(`the build cache could not be listed (GET /system/df): ${errorMessage(err)}`);
  }
  return {
    engine: { endpoint: describeEndpoint(client.endpoint), server: client.server, apiVersion: client.apiVersion },
    images: imageList.images,
    containers: containerList.containers,
    buildCache,
    warnings,
  };
}
