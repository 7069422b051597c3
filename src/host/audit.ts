import { PassThrough, type Readable } from "node:stream";
import type { UserRuleSpec } from "../config/types.js";
import { compileUserRule } from "../config/user-rules.js";
import { Detector } from "../detect/engine.js";
import { preview } from "../detect/redact.js";
import { BUILTIN_RULES } from "../detect/rules/index.js";
import { severityRank, type SecretRule } from "../detect/types.js";
import { mergeSightings } from "../findings/merge.js";
import type { Finding, ImageRef, ScanResult, TargetResult } from "../findings/types.js";
import { emptyConfig, type Image } from "../image/types.js";
import type { Sighting } from "../scan/raw.js";
import { scanImage, type StreamedLayerMemo } from "../scan/scan-image.js";
import { parseChanges, shortId, type ContainerSummary, type ImageSummary } from "../sources/engine/api.js";
import { refPath, type EngineClient } from "../sources/engine/client.js";
import { engineImageOf, inspectImage } from "../sources/engine/engine-image.js";
import { errorMessage } from "../util/errors.js";
import { planCleanup, type CleanupPlan, type HostOnlyHolders } from "./cleanup.js";
import { ImageGraph } from "./graph.js";
import { takeInventory, type HostInventory } from "./inventory.js";
import { compareText } from "../util/compare.js";

export interface HostAuditOptions {
  /** Rules to run (default: every built-in rule). */
  rules?: readonly SecretRule[];
  /** User rules from `.dredge.yaml`, run beside `rules`. */
  userRules?: UserRuleSpec[];
  fingerprintSalt?: string;
  /** Held-back findings (test data, docs, published test keys) count for the cleanup too. */
  all?: boolean;
  /** Called as each image or container is read. */
  onProgress?(what: string, done: number, total: number): void;
}

/** An image of the inventory as the report shows it. */
export interface HostImageEntry {
  id: string;
  target: string;
  tags: string[];
  /** Untagged: a legacy builder's step image, or a dangling one. */
  intermediate: boolean;
  dangling: boolean;
  parentId?: string;
  size: number;
  /** Findings (shown ones) with a location in it. */
  secrets: number;
}

export interface HostContainerEntry {
  id: string;
  name: string;
  target: string;
  imageId?: string;
  state: string;
  /** Whether its filesystem was read (running containers are not). */
  read: boolean;
  secrets: number;
}

/** The audit of an engine as a build host. */
export interface HostAudit {
  result: ScanResult;
  inventory: HostInventory;
  images: HostImageEntry[];
  containers: HostContainerEntry[];
  plan: CleanupPlan;
}

const LIVE_STATES = new Set(["running", "paused", "restarting"]);

/** A stream whose source opens asynchronously (an engine's export), as the sync `open()` of a layer needs. */
function lazyStream(open: () => Promise<Readable>): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  open().then(
    (s) => {
      s.on("error", (e) => out.destroy(e));
      out.on("close", () => s.destroy());
      s.pipe(out);
    },
    (e: Error) => out.destroy(e),
  );
  return out;
}

function imageTarget(img: ImageSummary): string {
  return img.tags[0] ? `docker:${img.tags[0]}` : `docker:${shortId(img.id)}`;
}

function containerNameOf(c: ContainerSummary): string {
  return c.names[0] ?? c.id.slice(0, 12);
}

/** Whether a path is the container's own: added or changed by it, or under a directory it added. */
function ownPath(path: string, changed: Set<string>, added: Set<string>): boolean {
  if (changed.has(path)) return true;
  for (let p = path; p.lastIndexOf("/") > 0; ) {
    p = p.slice(0, p.lastIndexOf("/"));
    if (added.has(p)) return true;
  }
  return false;
}

/** Where a finding lives, in words, and whether a tagged image (what would be pushed) holds it. */
function describeHolders(f: Finding): { message: string; tagged: boolean } {
  const images = new Map<string, ImageRef>();
  const containers = new Set<string>();
  for (const l of f.locations) {
    if (!l.image) continue;
    if (l.target.startsWith("docker-container:")) containers.add(l.target.slice("docker-container:".length));
    else images.set(l.image.id, l.image);
  }
  const tagged = [...images.values()].filter((i) => !i.intermediate);
  const untagged = [...images.values()].filter((i) => i.intermediate);
  const parts: string[] = [];
  if (untagged.length) parts.push(`${untagged.length} untagged image${untagged.length === 1 ? "" : "s"} (${untagged.map((i) => shortId(i.id)).join(", ")})`);
  if (containers.size) parts.push(`container${containers.size === 1 ? "" : "s"} ${[...containers].join(", ")}`);
  if (tagged.length) {
    const names = tagged.map((i) => i.tags[0] ?? shortId(i.id));
    return { tagged: true, message: `in tagged image${names.length === 1 ? "" : "s"} ${names.join(", ")}: it goes wherever ${names.length === 1 ? "it is" : "they are"} pushed${parts.length ? `; also in ${parts.join(" and ")}` : ""}` };
  }
  return { tagged: false, message: `only on this host, in ${parts.join(" and ")}: no tagged image holds it` };
}

/**
 * Audits an engine as a build host: every image (intermediate and dangling ones too) and every
 * stopped container is scanned (each layer once per run, whatever the images sharing it), the
 * findings merged, each said to be in a tagged image (`final`) or only on the host (`host`, low),
 * and the commands that remove what only the host holds planned.
 */
export async function auditHost(client: EngineClient, options: HostAuditOptions = {}): Promise<HostAudit> {
  const rules = [...(options.rules ?? BUILTIN_RULES), ...(options.userRules ?? []).map(compileUserRule)];
  const detector = new Detector(rules);
  const inventory = await takeInventory(client);
  const graph = new ImageGraph(inventory.images);
  const memo: StreamedLayerMemo = { results: new Map(), names: new Map() };
  const targets: TargetResult[] = [];
  const sightings: Sighting[] = [];
  const readable = inventory.containers.filter((c) => !LIVE_STATES.has(c.state));
  const total = inventory.images.length + readable.length;
  let done = 0;

  // Parents first: what a parent's layers hold is then known when its children stream them again.
  const images = [...inventory.images].sort((a, b) => graph.ancestors(a.id).length - graph.ancestors(b.id).length || compareText(a.id, b.id));
  const imageEntries: HostImageEntry[] = [];
  for (const img of images) {
    const target = imageTarget(img);
    options.onProgress?.(target, done++, total);
    const ref: ImageRef = { id: img.id, tags: img.tags, intermediate: img.tags.length === 0 };
    const r: TargetResult = { target, id: img.id, digest: img.id, warnings: [] };
    if (img.tags.length) r.tags = img.tags;
    const entry: HostImageEntry = { id: img.id, target, tags: img.tags, intermediate: ref.intermediate, dangling: graph.isDangling(img.id), size: img.size, secrets: 0 };
    if (img.parentId) entry.parentId = img.parentId;
    imageEntries.push(entry);
    try {
      const image = await engineImageOf(client, await inspectImage(client, img.id), target);
      r.layers = image.layers.length;
      const outcome = await scanImage(image, rules, { detector, streamMemo: memo });
      r.warnings = outcome.warnings;
      for (const s of outcome.sightings) s.location.image = ref;
      sightings.push(...outcome.sightings);
    } catch (err) {
      r.error = errorMessage(err);
    }
    targets.push(r);
  }

  const containerEntries: HostContainerEntry[] = [];
  for (const c of [...inventory.containers].sort((a, b) => compareText(a.id, b.id))) {
    const name = containerNameOf(c);
    const target = `docker-container:${name}`;
    const entry: HostContainerEntry = { id: c.id, name, target, state: c.state, read: false, secrets: 0 };
    if (c.imageId) entry.imageId = c.imageId;
    containerEntries.push(entry);
    if (LIVE_STATES.has(c.state)) continue;
    options.onProgress?.(target, done++, total);
    const r: TargetResult = { target, id: c.id, warnings: [], layers: 1 };
    try {
      const changes = parseChanges(await client.json("GET", `/containers/${c.id}/changes`));
      const changed = new Set(changes.filter((x) => x.kind !== "deleted").map((x) => x.path));
      const added = new Set(changes.filter((x) => x.kind === "added").map((x) => x.path));
      entry.read = true;
      if (changed.size) {
        const image: Image = {
          target,
          id: c.id,
          tags: [],
          config: emptyConfig(),
          warnings: [],
          layers: [{ kind: "blob", index: 0, where: `${target} (docker export ${c.id.slice(0, 12)})`, open: () => lazyStream(() => client.stream(`/containers/${refPath(c.id)}/export`)) }],
        };
        const outcome = await scanImage(image, rules, { detector });
        // A container's export is a filesystem, not an image: it has no config or history to miss.
        r.warnings = outcome.warnings.filter((w) => w !== "image config has no history");
        // The rest of its filesystem is its image's, reported there.
        const ref: ImageRef = { id: c.id, tags: [], intermediate: true };
        for (const s of outcome.sightings) {
          if (!("path" in s.location) || !ownPath(s.location.path, changed, added)) continue;
          s.location.image = ref;
          sightings.push(s);
        }
      }
    } catch (err) {
      r.error = errorMessage(err);
    }
    targets.push(r);
  }
  options.onProgress?.("", total, total);

  const findings = await mergeSightings(sightings, options.fingerprintSalt);
  const holders: HostOnlyHolders = { images: new Map(), containers: new Map() };
  for (const f of findings) {
    const { message, tagged } = describeHolders(f);
    f.scope = tagged ? "final" : "host";
    // What only the host holds reaches no registry: low, as for lint's host scope.
    if (!tagged) f.severity = "low";
    f.message = message;
    const counts = options.all || !f.heldBack;
    const label = `${f.kind} ${preview(f.secret.reveal())}${f.name ? ` (${f.name})` : ""}`;
    const seen = new Set<string>();
    for (const l of f.locations) {
      if (!l.image || seen.has(l.target)) continue;
      seen.add(l.target);
      if (counts) {
        const entry = l.target.startsWith("docker-container:") ? containerEntries.find((c) => c.id === l.image!.id) : imageEntries.find((i) => i.id === l.image!.id);
        if (entry) entry.secrets++;
      }
      if (tagged || !counts) continue;
      const map = l.target.startsWith("docker-container:") ? holders.containers : holders.images;
      map.set(l.image.id, [...(map.get(l.image.id) ?? []), label]);
    }
  }
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const result: ScanResult = { version: 1, targets, findings };
  return { result, inventory, images: imageEntries, containers: containerEntries, plan: planCleanup(inventory, holders) };
}
