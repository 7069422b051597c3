import { shortId, type BuildCacheRecord, type ContainerSummary } from "../sources/engine/api.js";
import { ImageGraph } from "./graph.js";
import type { HostInventory } from "./inventory.js";
import { compareText } from "../util/compare.js";

/** One command of the cleanup, as the user would type it, and what running it through the API does. */
export interface CleanupStep {
  command: string;
  why: string;
  /** Bytes it frees, as the engine counts them (an estimate: layers shared with kept images stay). */
  frees?: number;
  action: { kind: "remove-containers"; ids: string[] } | { kind: "remove-images"; ids: string[] } | { kind: "prune-build-cache" };
}

/** An engine object that holds a secret only the host has, but that the cleanup cannot remove on its own. */
export interface KeptObject {
  id: string;
  why: string;
}

/** What holds secrets that no tagged image holds: image and container IDs → short labels of those secrets (previews only). */
export interface HostOnlyHolders {
  images: Map<string, string[]>;
  containers: Map<string, string[]>;
}

export interface CleanupPlan {
  steps: CleanupStep[];
  kept: KeptObject[];
}

const LIVE_STATES = new Set(["running", "paused", "restarting"]);

function some(list: readonly string[], n = 3): string {
  return list.length <= n ? list.join("; ") : `${list.slice(0, n).join("; ")} and ${list.length - n} more`;
}

/** A size as host reports give it (`812 B`, `2.0 KiB`, `143 MiB`). */
export function sizeText(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

function containerName(c: ContainerSummary): string {
  return c.names[0] ?? c.id.slice(0, 12);
}

/** The build-cache step: BuildKit's records cannot be read through the API, so they can only be removed. */
export function buildCacheStep(records: readonly BuildCacheRecord[], cli = "docker"): CleanupStep | undefined {
  if (records.length === 0) return undefined;
  const size = records.filter((r) => !r.inUse).reduce((n, r) => n + r.size, 0);
  return {
    command: `${cli} builder prune --all --force`,
    why:
      `${records.length} BuildKit build cache record${records.length === 1 ? "" : "s"} (${sizeText(records.reduce((n, r) => n + r.size, 0))}): the Engine API cannot read their content, ` +
      "so dredge cannot tell whether they hold a secret; whatever a BuildKit build saw (build args, copied keys, files RUN wrote) may be in them. The next build starts without cache",
    frees: size,
    action: { kind: "prune-build-cache" },
  };
}

/**
 * The commands that remove what holds secrets only the host has, in an order that works: stopped
 * containers first (an image in use cannot be removed), then each untagged image with everything
 * built on it, children before parents (`--no-prune`: each command removes exactly the IDs listed).
 * An image in a tagged image's parent chain is never listed (it goes only with that tagged image),
 * nor one a running container uses; those are said in `kept`.
 */
export function planCleanup(inv: HostInventory, holders: HostOnlyHolders): CleanupPlan {
  // Podman answers the same API; its users type podman (whose rm/rmi take the same flags).
  const cli = inv.engine.server.startsWith("Libpod") ? "podman" : "docker";
  const graph = new ImageGraph(inv.images);
  const kept: KeptObject[] = [];
  const remove = new Set<string>();
  const reasons = new Map<string, string[]>();
  for (const [id, secrets] of [...holders.images].sort((a, b) => compareText(a[0], b[0]))) {
    if (!graph.byId.has(id)) continue;
    const tagged = graph.isTagged(id) ? [id] : graph.taggedDependents(id);
    if (tagged.length) {
      const names = tagged.map((t) => graph.byId.get(t)!.tags[0]!);
      kept.push({ id, why: `holds ${some(secrets)}, but it is in the parent chain of tagged image ${some(names)}: it goes only with ${names.length === 1 ? "it" : "them"} (${cli} rmi ${names.join(" ")})` });
      continue;
    }
    reasons.set(id, secrets);
    remove.add(id);
    for (const d of graph.descendants(id)) remove.add(d);
  }

  // Containers made from a doomed image must go first; a live one blocks its image and the image's parents.
  for (const c of inv.containers) {
    if (!c.imageId || !remove.has(c.imageId) || !LIVE_STATES.has(c.state)) continue;
    for (const id of [c.imageId, ...graph.ancestors(c.imageId)]) {
      if (!remove.delete(id)) continue;
      kept.push({ id, why: `${reasons.has(id) ? `holds ${some(reasons.get(id)!)}, but ` : ""}${id === c.imageId ? "it is" : "an image built on it is"} used by ${c.state} container ${containerName(c)}: stop it (${cli} stop ${containerName(c)}) and run dredge host again` });
    }
  }
  const containers = new Map<string, ContainerSummary>();
  for (const c of inv.containers) {
    const mine = holders.containers.get(c.id);
    const fromDoomed = c.imageId !== undefined && remove.has(c.imageId);
    if (!mine && !fromDoomed) continue;
    if (LIVE_STATES.has(c.state)) {
      if (mine) kept.push({ id: c.id, why: `${c.state} container ${containerName(c)} holds ${some(mine)}: stop and remove it (${cli} stop ${containerName(c)} && ${cli} rm ${containerName(c)})` });
      continue;
    }
    containers.set(c.id, c);
  }

  const steps: CleanupStep[] = [];
  if (containers.size) {
    const list = [...containers.values()].sort((a, b) => compareText(a.id, b.id));
    const holding = list.filter((c) => holders.containers.has(c.id)).map((c) => `${containerName(c)}: ${some(holders.containers.get(c.id)!)}`);
    const using = list.filter((c) => !holders.containers.has(c.id)).map(containerName);
    const why = [
      holding.length ? `stopped containers whose own files hold secrets (${some(holding)})` : "",
      using.length ? `stopped containers made from the images below (${some(using, 5)}): ${cli} rmi refuses an image a container uses` : "",
    ].filter(Boolean);
    const step: CleanupStep = { command: `${cli} rm ${list.map((c) => c.id.slice(0, 12)).join(" ")}`, why: why.join("; "), action: { kind: "remove-containers", ids: list.map((c) => c.id) } };
    const frees = list.reduce((n, c) => n + (c.sizeRw ?? 0), 0);
    if (frees) step.frees = frees;
    steps.push(step);
  }

  // One command per tree of untagged images: its root's parent stays.
  const roots = [...remove].filter((id) => !remove.has(graph.parentOf(id) ?? "")).sort();
  for (const root of roots) {
    const tree = graph.childrenFirst([root, ...graph.descendants(root)].filter((id) => remove.has(id)));
    const holders = tree.filter((id) => reasons.has(id));
    const where = new Map<string, string[]>();
    for (const id of holders) for (const label of new Set(reasons.get(id)!)) where.set(label, [...(where.get(label) ?? []), shortId(id)]);
    const holding = [...where].map(([label, ids]) => `${label} in ${ids.join(", ")}`);
    const rest = tree.length - holders.length;
    let frees = 0;
    for (const id of tree) {
      const img = graph.byId.get(id)!;
      const parent = graph.parentOf(id);
      frees += Math.max(0, img.size - (parent ? graph.byId.get(parent)!.size : 0));
    }
    steps.push({
      command: `${cli} rmi --no-prune ${tree.map(shortId).join(" ")}`,
      why:
        `untagged image${tree.length === 1 ? "" : "s"} no tagged image is built on, holding secrets no tagged image holds (${some(holding)})` +
        (rest ? `; with ${rest} image${rest === 1 ? "" : "s"} built on ${holders.length === 1 ? "it" : "them"}` : "") +
        (tree.length > 1 ? "; children first" : ""),
      frees,
      action: { kind: "remove-images", ids: tree },
    });
  }
  const cache = buildCacheStep(inv.buildCache, cli);
  if (cache) steps.push(cache);
  return { steps, kept };
}
