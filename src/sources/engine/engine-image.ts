import type { Readable } from "node:stream";
import { parseImageConfig, parseJson } from "../../image/config.js";
import type { BlobLayer, Image, ImageConfig, StreamedBlobHint } from "../../image/types.js";
import { DredgeError } from "../../util/errors.js";
import { parseHistory, parseImageInspect, shortId, type HistoryItem, type ImageInspect } from "./api.js";
import { EngineError, refPath, type EngineClient } from "./client.js";
import { promisedDiffId, readSaveStream, type SaveStreamContents } from "./save-stream.js";

/** Instructions that change only the config: their history entries make no layer. */
const CONFIG_ONLY = /^(?:ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|VOLUME|USER|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|MAINTAINER)\b/i;

/** Whether a history entry looks like one that made no layer (legacy `#(nop) ENV …`, BuildKit's `ENV …`). */
function looksConfigOnly(createdBy: string): boolean {
  const nop = /#\(nop\)\s*(.*)$/s.exec(createdBy);
  return CONFIG_ONLY.test((nop ? nop[1]! : createdBy).trim());
}

/**
 * Which history entries made a layer, as well as the history API tells: it gives each step's layer
 * size but no `empty_layer`, and a layer of directories or whiteouts only has size 0. Entries with a
 * size made one; of the rest, those that do not look config-only are taken until `layers` are
 * placed (newest first). Provisional: the config in the save stream has the real flags.
 */
export function inferEmptyLayers(history: readonly HistoryItem[], layers: number): boolean[] {
  const made = history.map((h) => h.size > 0);
  let missing = layers - made.filter(Boolean).length;
  for (let pass = 0; pass < 2 && missing > 0; pass++) {
    for (let i = history.length - 1; i >= 0 && missing > 0; i--) {
      if (made[i]) continue;
      if (pass === 0 && looksConfigOnly(history[i]!.createdBy)) continue;
      made[i] = true;
      missing--;
    }
  }
  return made.map((m) => !m);
}

/** The image config as the engine's API shows it (inspect + history, oldest first), before the save stream gives the real one. */
export function provisionalConfig(inspect: ImageInspect, newestFirst: readonly HistoryItem[]): ImageConfig {
  const history = [...newestFirst].reverse();
  const empty = inferEmptyLayers(history, inspect.diffIds.length);
  const json: Record<string, unknown> = {
    config: inspect.config,
    rootfs: { type: "layers", diff_ids: inspect.diffIds },
    history: history.map((h, i) => ({
      created_by: h.createdBy,
      ...(h.comment ? { comment: h.comment } : {}),
      ...(h.created ? { created: new Date(h.created * 1000).toISOString() } : {}),
      ...(empty[i] ? { empty_layer: true } : {}),
    })),
  };
  if (inspect.containerConfig) json.container_config = inspect.containerConfig;
  if (inspect.os) json.os = inspect.os;
  if (inspect.architecture) json.architecture = inspect.architecture;
  if (inspect.variant) json.variant = inspect.variant;
  return parseImageConfig(json, "the engine's image inspect answer");
}

/** `GET /images/{ref}/json`; a missing image is a DredgeError naming the engine. */
export async function inspectImage(client: EngineClient, ref: string): Promise<ImageInspect> {
  try {
    return parseImageInspect(await client.json("GET", `/images/${refPath(ref)}/json`));
  } catch (err) {
    if (err instanceof EngineError && err.status === 404) throw new DredgeError("image-not-found", `no image ${JSON.stringify(ref)} in ${client.where()}`);
    throw err;
  }
}

/** The config member of a save whose bytes hash to the image ID (its name differs between save formats). */
function configOf(saved: SaveStreamContents, id: string): Buffer | undefined {
  for (const m of saved.json.values()) if (m.digest === id) return m.body;
  return undefined;
}

/** Describes differences between the API's diff IDs and the config's, for a warning. */
function sameLayers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Source of a saved image's bytes: an engine's `/images/{id}/get`, or `podman image save` on stdout. */
export type SaveOpener = () => Promise<Readable>;

/**
 * An image in an engine, streamed: config and layer list from the API (inspect, history), layers
 * from one save stream in the order the engine writes them, matched to their index by diff ID, and
 * the config replaced by the one in the stream (checked against the image ID) when the pass ends.
 */
export function streamedEngineImage(target: string, inspect: ImageInspect, config: ImageConfig, openSave: SaveOpener, where: string): Image {
  const layers: BlobLayer[] = inspect.diffIds.map((diffId, index) => ({
    kind: "blob",
    index,
    diffId,
    where: `${where} layer ${index}`,
    open: () => {
      throw new DredgeError("no-random-access", `${where}: an engine's layers are read in one stream, not one by one`);
    },
  }));
  const image: Image = { target, id: inspect.id, digest: inspect.id, tags: inspect.tags, config, layers, warnings: [] };
  image.streamLayers = async (visit) => {
    const stream = await openSave();
    const saved = await readSaveStream(stream, where, (name, content) => {
      const promised = promisedDiffId(name);
      const hint: StreamedBlobHint = { name };
      if (promised) hint.diffId = promised;
      const indexes = promised ? layers.filter((l) => l.diffId === promised).map((l) => l.index) : [];
      return visit(indexes, content, hint);
    });
    const body = configOf(saved, inspect.id);
    if (!body) {
      image.warnings.push(`the image stream holds no config hashing to ${shortId(inspect.id)}: history was read from the engine's API (which layer each step made is a guess)`);
      return;
    }
    const real = parseImageConfig(parseJson(body, `${where} config`), `${where} config`);
    if (!sameLayers(real.diffIds, inspect.diffIds)) image.warnings.push(`the engine's API and the image config list different layers; the config's were used`);
    image.config = real;
  };
  return image;
}

/** An image of a Docker (or Podman-compatible) engine by name, tag, digest or ID. */
export async function engineImage(client: EngineClient, ref: string, target: string): Promise<Image> {
  const inspect = await inspectImage(client, ref);
  return engineImageOf(client, inspect, target);
}

/** An engine image from its inspect answer (dredge host already has it). */
export async function engineImageOf(client: EngineClient, inspect: ImageInspect, target: string): Promise<Image> {
  const history = parseHistory(await client.json("GET", `/images/${refPath(inspect.id)}/history`));
  const config = provisionalConfig(inspect, history);
  // By ID: a tag moved meanwhile must not swap the image under the scan.
  const open = () => client.stream(`/images/${refPath(inspect.id)}/get`);
  return streamedEngineImage(target, inspect, config, open, target);
}
