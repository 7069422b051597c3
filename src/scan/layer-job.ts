import type { Detector } from "../detect/engine.js";
import type { Layer } from "../image/types.js";
import { readLayer, type LayerReadResult, type ReadLayerOptions } from "../layers/read.js";
import { tapsFor, type TapOptions } from "./taps.js";
import { openFileRange } from "../util/file-range.js";
import { errorMessage } from "../util/errors.js";
import { LayerScanner, type FileHit } from "./layer-scan.js";
import type { LayerFactsWire } from "./overlay.js";

/** A layer described in plain data, so a worker thread can open and scan it itself. */
export type LayerJob =
  | { kind: "file"; index: number; where: string; path: string; start: number; length: number; digest?: string; diffId?: string }
  | { kind: "directory"; index: number; where: string; root: string };

/** What scanning one layer found, in plain data (it crosses threads). */
export interface LayerScanResult {
  index: number;
  hits: FileHit[];
  hardLinks: [string, string][];
  /** Files with more hits than were kept, and how many were left out. */
  truncated?: [string, number][];
  /** What nested readers (archives, `.git` stores) could not read. */
  notes?: string[];
  /** Undefined when the layer could not be opened at all. */
  facts?: LayerFactsWire;
  read?: LayerReadResult;
  error?: string;
}

/** How a layer is read and what nested readers look inside (plain data: it crosses into worker threads). */
export type LayerScanOptions = ReadLayerOptions & TapOptions;

/** The job for a layer, or undefined when its bytes are not a local file (it is then scanned in-thread). */
export function jobOf(layer: Layer): LayerJob | undefined {
  if (layer.kind === "directory") return { kind: "directory", index: layer.index, where: layer.where, root: layer.root };
  if (!layer.file) return undefined;
  const job: LayerJob = { kind: "file", index: layer.index, where: layer.where, ...layer.file };
  if (layer.digest) job.digest = layer.digest;
  if (layer.diffId) job.diffId = layer.diffId;
  return job;
}

/** Rebuilds a layer from its job. */
export function layerOf(job: LayerJob): Layer {
  if (job.kind === "directory") return { kind: "directory", index: job.index, where: job.where, root: job.root };
  const range = { path: job.path, start: job.start, length: job.length };
  const layer: Layer = { kind: "blob", index: job.index, where: job.where, file: range, open: () => openFileRange(range) };
  if (job.digest) layer.digest = job.digest;
  if (job.diffId) layer.diffId = job.diffId;
  return layer;
}

/** Reads and scans one layer: its hits, hard links, and what it does to the filesystem. */
export async function scanLayer(layer: Layer, detector: Detector, options: LayerScanOptions): Promise<LayerScanResult> {
  const scanner = new LayerScanner(detector, layer.index, tapsFor(options));
  try {
    const read = await readLayer(layer, scanner, options);
    await scanner.finish();
    return { index: layer.index, hits: scanner.hits, hardLinks: scanner.hardLinks, truncated: scanner.truncated, notes: scanner.notes, facts: scanner.facts.toWire(), read };
  } catch (err) {
    return { index: layer.index, hits: scanner.hits, hardLinks: scanner.hardLinks, notes: scanner.notes, error: errorMessage(err) };
  }
}
