/**
 * Text for people: per target, the places secrets are in, grouped the way the target is built
 * (image: layer → file, then history and config; Dockerfile: line; build context: file), each
 * secret once in full and then by its number, a hint per kind of place saying what it means,
 * and a summary line.
 */

import type { ContextLocation, DockerfileLocation, FileLocation, Finding, Location, ScanResult, Scope, TargetResult } from "../findings/types.js";
import { SEVERITIES, type Severity } from "../detect/types.js";
import { preview } from "../detect/redact.js";
import { scrubber } from "./redaction.js";
import { filePlace, gitText, innerText, shortText } from "./where.js";
import { messageKindOf } from "../git/message.js";
import { compareText } from "../util/compare.js";

export interface TextOptions {
  showSecrets: boolean;
  color: boolean;
  /** Also show held-back findings (test data, docs, published test keys); default: count them only. */
  all?: boolean;
  /** The flag that shows held-back findings, named in the summary (default `--all`). */
  allFlag?: string;
}

const CODES = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22], magenta: [35, 39] } as const;
type Style = keyof typeof CODES;
type Paint = (style: Style, text: string) => string;

function painter(enabled: boolean): Paint {
  return (style, text) => (enabled ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text);
}

const SEVERITY_STYLE: Record<Severity, Style> = { critical: "red", high: "red", medium: "yellow", low: "cyan", info: "dim" };

const STATUS_ORDER = ["present", "deleted", "overwritten", "history", "config", "dockerfile", "context"] as const;

const SCOPE_HINTS: Record<Scope, string> = {
  final: "it reaches the published image: anyone who pulls it can read it",
  host: "only in stages that do not reach the published image: it stays in the build host's intermediate images and build cache",
  bug: "the secret plumbing is broken: the build does not get the secret it expects, or gets it where it should not",
  log: "printed into the build log, which CI systems keep and show",
};

/** One place in a target and what is found there. */
interface Entry {
  finding: Finding;
  location: Location;
}

/** Everything one report needs to render: painter, scrubber, finding numbers, what was already written out. */
interface Ctx {
  opts: TextOptions;
  paint: Paint;
  scrub: (t: string) => string;
  /** Each finding's number, given at its first appearance. */
  number: Map<Finding, number>;
  detailed: Set<Finding>;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function fileStatus(l: FileLocation, paint: Paint): string {
  if (l.status === "present") return paint("red", "present");
  const by = l.removedBy ? ` in layer ${l.removedBy.index}` : "";
  return paint("magenta", `${l.status}${by}`);
}

function dockerfileRef(l: Location, paint: Paint): string {
  if (!l.dockerfile || l.status === "dockerfile") return "";
  return paint("cyan", `  ← ${l.dockerfile.file}:${l.dockerfile.line}${l.dockerfile.stage ? ` (stage ${l.dockerfile.stage})` : ""}`);
}

/** The head line of a secret: severity, kind, redacted value, name, rule, and its number. */
function findingHead(f: Finding, l: Location, ctx: Ctx): string {
  const { paint, opts } = ctx;
  const value = opts.showSecrets ? f.secret.reveal() : preview(f.secret.reveal());
  const name = l.name ?? f.name;
  const scope = f.scope ? `, scope ${f.scope}` : "";
  let n = ctx.number.get(f);
  if (n === undefined) ctx.number.set(f, (n = ctx.number.size + 1));
  const places = f.locations.length > 1 && !ctx.detailed.has(f) ? ` · ${f.locations.length} places` : "";
  return (
    `${paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(8))} ${paint("bold", f.kind)}  ${value}${name ? `  (${name})` : ""}` +
    `  ${paint("dim", `[${f.rule}, confidence ${f.confidence}${scope}]`)}  ${paint("bold", `#${n}`)}${paint("dim", places)}`
  );
}

/** A finding under its place: the head line, and the first time it appears its message and what to do. */
function findingLines(f: Finding, l: Location, ctx: Ctx): string[] {
  const lines = [findingHead(f, l, ctx)];
  if (ctx.detailed.has(f)) return lines;
  ctx.detailed.add(f);
  const { paint } = ctx;
  if (f.heldBack) lines.push(paint("dim", `  held back: ${f.heldBack}`));
  if (f.message) lines.push(`  ${ctx.scrub(f.message)}`);
  if (f.remediation) lines.push(paint("dim", `  fix: ${f.remediation}`));
  if (f.docs) lines.push(paint("dim", `  docs: ${f.docs}`));
  return lines;
}

/** Groups entries by a key, keeping the order of first appearance of each key after sorting. */
function groupBy<K>(entries: readonly Entry[], key: (e: Entry) => K): Map<K, Entry[]> {
  const out = new Map<K, Entry[]>();
  for (const e of entries) {
    const k = key(e);
    const g = out.get(k);
    if (g) g.push(e);
    else out.set(k, [e]);
  }
  return out;
}

function indent(lines: readonly string[], by: string): string[] {
  return lines.map((l) => by + l);
}

function placeBlock(head: string, entries: readonly Entry[], ctx: Ctx): string[] {
  return [head, ...indent(entries.flatMap((e) => findingLines(e.finding, e.location, ctx)), "  ")];
}

function fileSection(entries: Entry[], ctx: Ctx): string[] {
  const { paint, scrub } = ctx;
  const byLayer = groupBy(
    [...entries].sort((a, b) => (a.location as FileLocation).layer.index - (b.location as FileLocation).layer.index),
    (e) => (e.location as FileLocation).layer.index,
  );
  const out: string[] = [];
  for (const group of byLayer.values()) {
    const layer = (group[0]!.location as FileLocation).layer;
    const digest = layer.digest ? `  ${layer.digest.slice(0, 19)}…` : "";
    const made = layer.createdBy ? `  ${shortText(scrub(layer.createdBy))}` : "";
    out.push(paint("bold", `layer ${layer.index}`) + paint("dim", digest) + made);
    const byFile = groupBy(
      [...group].sort((a, b) => compareText(filePlace(a.location as FileLocation), filePlace(b.location as FileLocation))),
      (e) => `${filePlace(e.location as FileLocation)}|${e.location.status}`,
    );
    for (const files of byFile.values()) {
      const l = files[0]!.location as FileLocation;
      out.push(...indent(placeBlock(`${filePlace(l)}  ${fileStatus(l, paint)}${dockerfileRef(l, paint)}`, files, ctx), "  "));
    }
  }
  return out;
}

function historySection(entries: Entry[], ctx: Ctx): string[] {
  const sorted = [...entries].sort((a, b) => (a.location.status === "history" && b.location.status === "history" ? a.location.history.index - b.location.history.index : 0));
  const out = [ctx.paint("bold", "history")];
  for (const group of groupBy(sorted, (e) => (e.location.status === "history" ? e.location.history.index : -1)).values()) {
    const l = group[0]!.location;
    if (l.status !== "history") continue;
    out.push(...indent(placeBlock(`#${l.history.index}  ${shortText(ctx.scrub(l.history.createdBy))}${dockerfileRef(l, ctx.paint)}`, group, ctx), "  "));
  }
  return out;
}

function configKey(l: Location): string {
  return l.status === "config" ? `${l.config.field}${l.config.key ? `.${l.config.key}` : ""}` : "";
}

function configSection(entries: Entry[], ctx: Ctx): string[] {
  const sorted = [...entries].sort((a, b) => compareText(configKey(a.location), configKey(b.location)));
  const out = [ctx.paint("bold", "config")];
  for (const group of groupBy(sorted, (e) => configKey(e.location)).values()) {
    const l = group[0]!.location;
    out.push(...indent(placeBlock(`${configKey(l)}${dockerfileRef(l, ctx.paint)}`, group, ctx), "  "));
  }
  return out;
}

function dockerfilePlace(l: DockerfileLocation): string {
  const d = l.dockerfile;
  return `${d.file}:${d.line}${d.column ? `:${d.column}` : ""}${l.instruction ? ` ${l.instruction}` : ""}${d.stage ? ` (stage ${d.stage})` : ""}`;
}

function dockerfileSection(entries: Entry[], ctx: Ctx): string[] {
  const key = (l: DockerfileLocation) => [l.dockerfile.file, String(l.dockerfile.line).padStart(8, "0"), String(l.dockerfile.column ?? 0).padStart(8, "0")].join("|");
  const sorted = [...entries].sort((a, b) => compareText(key(a.location as DockerfileLocation), key(b.location as DockerfileLocation)));
  const out: string[] = [];
  for (const group of groupBy(sorted, (e) => key(e.location as DockerfileLocation)).values()) {
    out.push(...placeBlock(dockerfilePlace(group[0]!.location as DockerfileLocation), group, ctx));
  }
  return out;
}

function contextLabel(l: ContextLocation): string {
  const copied = (l.copiedBy ?? []).map((c) => `${c.file}:${c.line}${c.stage ? ` (stage ${c.stage})` : ""}`);
  return `context ${l.git ? gitText(l.path, l.git) : l.path}${copied.length ? `  copied by ${copied.join(", ")}` : "  sent to the builder, copied by no COPY/ADD"}`;
}

function contextSection(entries: Entry[], ctx: Ctx): string[] {
  const sorted = [...entries].sort((a, b) => compareText((a.location as ContextLocation).path, (b.location as ContextLocation).path));
  const out: string[] = [];
  const place = (l: ContextLocation): string => (l.git ? gitText(l.path, l.git) : l.path);
  for (const group of groupBy(sorted, (e) => place(e.location as ContextLocation)).values()) {
    out.push(...placeBlock(contextLabel(group[0]!.location as ContextLocation), group, ctx));
  }
  return out;
}

/** What each kind of place used in this target means, in words, once each. */
function hints(entries: readonly Entry[], paint: Paint): string[] {
  const out: string[] = [];
  const first = (s: Location["status"]) => entries.find((e) => e.location.status === s)?.location;
  const firstFile = (s: FileLocation["status"]) => first(s) as FileLocation | undefined;
  for (const status of STATUS_ORDER) {
    switch (status) {
      case "present": {
        const plain = entries.find((e) => e.location.status === "present" && !e.location.git && !e.location.inner?.length)?.location as FileLocation | undefined;
        if (plain) out.push(`present: in the final filesystem: \`docker run … cat ${plain.path}\` shows it`);
        else if (firstFile("present")) out.push("present: in the final filesystem of the image");
        break;
      }
      case "deleted": {
        const l = firstFile("deleted");
        if (l) out.push(`deleted: removed in layer ${l.removedBy?.index ?? "?"} but still in layer ${l.layer.index}'s blob: anyone who pulls the image can read it`);
        break;
      }
      case "overwritten": {
        const l = firstFile("overwritten");
        if (l) out.push(`overwritten: replaced in layer ${l.removedBy?.index ?? "?"}, but the old version is still in layer ${l.layer.index}'s blob: anyone who pulls the image can read it`);
        break;
      }
      case "history":
        if (first("history")) out.push("history: in the image history: `docker history --no-trunc` shows it to anyone who pulls the image");
        break;
      case "config":
        if (first("config")) out.push("config: in the image config: `docker inspect` shows it to anyone who pulls the image");
        break;
      case "dockerfile":
        if (first("dockerfile")) out.push("dockerfile: the Dockerfile line that leaks it; scope says how far it reaches");
        break;
      case "context": {
        const copied = entries.some((e) => e.location.status === "context" && e.location.copiedBy?.length);
        if (first("context")) out.push(`context: a file of the build context: \`docker build\` sends it to the builder${copied ? ", and the COPY/ADD named takes it into a stage" : ""}`);
        break;
      }
    }
  }
  const scopes = new Set(entries.flatMap((e) => (e.finding.scope && (e.location.status === "dockerfile" || e.location.status === "context") ? [e.finding.scope] : [])));
  for (const s of ["final", "host", "bug", "log"] as const) if (scopes.has(s)) out.push(`scope ${s}: ${SCOPE_HINTS[s]}`);
  const inner = entries.find((e) => "inner" in e.location && e.location.inner?.length)?.location as FileLocation | undefined;
  if (inner) out.push(`inside an archive (${innerText(inner.path, inner.inner!)}): whoever unpacks the archive reads it`);
  // A file in a store's history, or a commit's or tag's message (`git.path` `(commit message)`/`(tag message)`).
  const gitAt = (kind: "commit" | "tag" | undefined) => entries.find((e) => "git" in e.location && e.location.git && messageKindOf(e.location.git.path) === kind)?.location as FileLocation | undefined;
  const git = gitAt(undefined);
  if (git?.git) {
    const gone = git.git.inHead ? "" : ", although the HEAD commit no longer has it";
    out.push(`in a .git store (${gitText(git.path, git.git)}): \`git show COMMIT:PATH\` in the image shows it${gone}`);
  }
  for (const [kind, show] of [["commit", "git show -s COMMIT"], ["tag", "git tag -n99 --points-at COMMIT"]] as const) {
    const message = gitAt(kind);
    if (message?.git) out.push(`in a ${kind} message of a .git store (${gitText(message.path, message.git)}): \`${show}\` in the image shows it`);
  }
  return out.map((h) => paint("dim", `↳ ${h}`));
}

function targetBlock(t: TargetResult, shown: readonly Finding[], ctx: Ctx): string[] {
  const { paint, scrub } = ctx;
  const id = t.digest ? `  ${t.digest.slice(0, 19)}…` : "";
  const tags = t.tags?.length ? `  ${t.tags.join(", ")}` : "";
  const out = [paint("bold", `${t.target}${id}${tags}${t.layers !== undefined ? `  (${plural(t.layers, "layer")})` : ""}`)];
  if (t.error) out.push(paint("red", `  error: ${scrub(t.error)}`));
  for (const w of t.warnings) out.push(paint("yellow", `  warning: ${scrub(w)}`));
  const entries: Entry[] = shown.flatMap((finding) => finding.locations.filter((l) => l.target === t.target).map((location) => ({ finding, location })));
  if (!t.error && entries.length === 0) out.push("  no secrets found");
  const of = (...statuses: string[]) => entries.filter((e) => statuses.includes(e.location.status));
  const sections = [
    of("present", "deleted", "overwritten").length ? fileSection(of("present", "deleted", "overwritten"), ctx) : [],
    of("history").length ? historySection(of("history"), ctx) : [],
    of("config").length ? configSection(of("config"), ctx) : [],
    of("dockerfile").length ? dockerfileSection(of("dockerfile"), ctx) : [],
    of("context").length ? contextSection(of("context"), ctx) : [],
  ];
  for (const s of sections) out.push(...indent(s, "  "));
  out.push(...indent(hints(entries, paint), "  "));
  return out;
}

function summary(result: ScanResult, shown: readonly Finding[], opts: TextOptions, paint: Paint): string[] {
  const n = result.targets.length;
  const counts = SEVERITIES.map((s) => [s, shown.filter((f) => f.severity === s).length] as const).filter(([, c]) => c > 0);
  const deleted = shown.filter((f) => f.locations.some((l) => l.status === "deleted" || l.status === "overwritten")).length;
  // Lint and context findings include plumbing problems, not only secrets.
  const noun = shown.some((f) => f.scope) ? "finding" : "secret";
  const lines = [
    paint(
      "bold",
      shown.length
        ? `${plural(shown.length, noun)} (${counts.map(([s, c]) => `${c} ${s}`).join(", ")}) in ${plural(n, "target")}${deleted ? `; ${deleted} "deleted" but still in a layer` : ""}`
        : `no secrets in ${plural(n, "target")}`,
    ),
  ];
  const s = result.suppressed;
  const left: string[] = [];
  if (s?.allowed) left.push(`${s.allowed} allowed by the config`);
  if (s?.disabled) left.push(`${s.disabled} from rules the config disables`);
  if (s?.baselined) left.push(`${s.baselined} already in the baseline`);
  if (left.length) lines.push(paint("dim", `not shown: ${left.join(", ")}`));
  const held = result.findings.filter((f) => f.heldBack);
  if (held.length && !opts.all) {
    const reasons = new Map<string, number>();
    for (const f of held) reasons.set(f.heldBack!, (reasons.get(f.heldBack!) ?? 0) + 1);
    const why = [...reasons].sort((a, b) => b[1] - a[1]).map(([r, c]) => `${c} ${r}`).join("; ");
    lines.push(paint("dim", `${held.length} more held back as low confidence (${why}); ${opts.allFlag ?? "--all"} shows them`));
  }
  return lines;
}

/** Text for people: per target, its places grouped as the target is built, what each kind of place means, and a summary. */
export function formatText(result: ScanResult, opts: TextOptions): string {
  const shown = opts.all ? result.findings : result.findings.filter((f) => !f.heldBack);
  const ctx: Ctx = {
    opts,
    paint: painter(opts.color),
    scrub: scrubber(result, opts.showSecrets),
    number: new Map(),
    detailed: new Set(),
  };
  const out: string[] = [];
  for (const t of result.targets) out.push(...targetBlock(t, shown, ctx), "");
  out.push(...summary(result, shown, opts, ctx.paint));
  return out.join("\n") + "\n";
}
