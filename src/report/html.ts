/**
 * `--format html`: one self-contained page a person reads. Per image, its layers as a timeline
 * (where each secret entered, where it was "deleted" or replaced), history and config findings
 * beside it, the Dockerfile beside that with the lines findings point to highlighted, and filters
 * by severity and status. Lint and context results are a table by file and line.
 *
 * Self-contained and inert: inline CSS and script only, allowed by hash in a strict
 * Content-Security-Policy (no network, no fonts, no other script). Every string from the result is
 * redacted (unless `--show-secrets`) and HTML-escaped; the page holds no data in script.
 */

import { createHash } from "node:crypto";
import { SEVERITIES, type Severity } from "../detect/types.js";
import type { DockerfileRef, Finding, Location, ScanResult, TargetResult } from "../findings/types.js";
import { VERSION } from "../version.js";
import { REPORT_CSS, REPORT_JS } from "./html/assets.js";
import { escapeHtml } from "./html/escape.js";
import { renderFindingCard } from "./html/findings.js";
import type { FindingEntry, LocationEntry, Renderer } from "./html/parts.js";
import { renderSidePanel, renderTable } from "./html/sections.js";
import { redactKeepingLines, renderDockerfile, type LineRef } from "./html/source.js";
import { renderTimeline } from "./html/timeline.js";
import { scrubber, secretValues } from "./redaction.js";

export { readDockerfiles } from "./html/sources.js";

export interface HtmlReportOptions {
  showSecrets: boolean;
  /** Show held-back findings (test data, docs, published test keys) from the start; they can be shown with a checkbox anyway. */
  all?: boolean;
  /** The text of the Dockerfiles the locations name (`DockerfileRef.file` → text): shown beside the findings. */
  dockerfiles?: ReadonlyMap<string, string>;
  /** When the report was made (default: now). */
  generatedAt?: Date;
}

const STATUSES: readonly Location["status"][] = ["present", "deleted", "overwritten", "history", "config", "dockerfile", "context"];
const IMAGE_STATUSES = new Set<string>(["present", "deleted", "overwritten", "history", "config"]);

function cspHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** Every Dockerfile line a location points to: its own line, the instruction that made its layer, the COPYs that take a context file. */
function lineRefs(l: Location): DockerfileRef[] {
  const refs: DockerfileRef[] = [];
  if (l.dockerfile) refs.push(l.dockerfile);
  if (l.status === "context") refs.push(...(l.copiedBy ?? []));
  return refs;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function renderFilters(result: ScanResult, all: boolean): string {
  const statuses = STATUSES.filter((s) => result.findings.some((f) => f.locations.some((l) => l.status === s)));
  const sevCount = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  const held = result.findings.filter((f) => f.heldBack).length;
  const box = (filter: string, value: string, label: string) =>
    `<label><input type="checkbox" data-filter="${filter}" value="${value}" checked> ${label}</label>`;
  return (
    `<nav class="filters" aria-label="filters">` +
    `<fieldset><legend>severity</legend>${SEVERITIES.map((s) => box("sev", s, `<span class="badge sev-${s}">${s}</span> <span class="count">${sevCount(s)}</span>`)).join("")}</fieldset>` +
    (statuses.length ? `<fieldset><legend>status</legend>${statuses.map((s) => box("status", s, `<span class="st st-${s}">${s}</span>`)).join("")}</fieldset>` : "") +
    `<fieldset><legend>more</legend><label><input type="checkbox" data-filter="held" value="held"${all ? " checked" : ""}> held back <span class="count">${held}</span></label></fieldset>` +
    `<span class="count" id="shown-count"></span>` +
    `</nav>`
  );
}

function renderSummary(result: ScanResult, showSecrets: boolean): string {
  const shown = result.findings.filter((f) => !f.heldBack);
  const held = result.findings.length - shown.length;
  const counts = SEVERITIES.map((s) => [s, shown.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const stillInLayers = shown.filter((f) => f.locations.some((l) => l.status === "deleted" || l.status === "overwritten")).length;
  const parts = [
    shown.length ? `<b>${plural(shown.length, "secret")}</b> in ${plural(result.targets.length, "target")}` : `<b>no secrets</b> in ${plural(result.targets.length, "target")}`,
    ...counts.map(([s, n]) => `<span class="badge sev-${s}">${n} ${s}</span>`),
    ...(stillInLayers ? [`<span>${stillInLayers} "deleted" or replaced but still in a layer</span>`] : []),
    ...(held ? [`<span class="sub">${held} held back as low confidence</span>`] : []),
    showSecrets ? `<span class="warn-shown">full secret values shown (--show-secrets): do not share this file</span>` : `<span class="sub">values are redacted previews</span>`,
  ];
  return `<div class="summary">${parts.join(" ")}</div>`;
}

interface TargetContext {
  target: TargetResult;
  prefix: string;
  entries: FindingEntry[];
  locations: LocationEntry[];
}

function renderTarget(t: TargetContext, opts: HtmlReportOptions, base: Omit<Renderer, "lineAnchor">, secrets: readonly string[]): string {
  const { target, prefix } = t;
  // The Dockerfiles this target's locations point to, in order of first mention, that we have the text of.
  const shownFiles: string[] = [];
  for (const e of t.locations) for (const ref of lineRefs(e.loc)) if (opts.dockerfiles?.has(ref.file) && !shownFiles.includes(ref.file)) shownFiles.push(ref.file);
  const lineCounts = shownFiles.map((f) => opts.dockerfiles!.get(f)!.split("\n").length);
  const lineAnchor = (ref: DockerfileRef) => {
    const i = shownFiles.indexOf(ref.file);
    return i < 0 || ref.line < 1 || ref.line > lineCounts[i]! ? undefined : `${prefix}d${i}-L${ref.line}`;
  };
  const r: Renderer = { ...base, lineAnchor };

  const meta = [
    target.digest ? `digest <span class="mono">${r.text(target.digest)}</span>` : "",
    target.id && target.id !== target.digest ? `id <span class="mono">${r.text(target.id)}</span>` : "",
    target.tags?.length ? `tags ${target.tags.map((x) => `<span class="mono">${r.text(x)}</span>`).join(", ")}` : "",
    target.layers !== undefined ? plural(target.layers, "layer") : "",
  ].filter(Boolean);
  const notes = [
    ...(target.error ? [`<li class="error">error: ${r.text(target.error)}</li>`] : []),
    ...target.warnings.map((w) => `<li>warning: ${r.text(w)}</li>`),
  ];
  const isImage = target.layers !== undefined || target.layerList !== undefined || t.locations.some((e) => IMAGE_STATUSES.has(e.loc.status));

  const panels = shownFiles.map((file, i) => {
    const refs: LineRef[] = [];
    for (const e of t.locations) for (const ref of lineRefs(e.loc)) if (ref.file === file) refs.push({ ref, entry: e.entry, loc: e.loc });
    const text = opts.showSecrets ? opts.dockerfiles!.get(file)! : redactKeepingLines(opts.dockerfiles!.get(file)!, secrets);
    return renderDockerfile(r.redact(file), text, refs, (line) => `${prefix}d${i}-L${line}`);
  });
  const dockerfileHtml = panels.length ? `<h3>Dockerfile</h3>${panels.join("")}` : "";

  let body: string;
  if (target.error && t.locations.length === 0) {
    body = ""; // nothing was read: the error above says why
  } else if (isImage) {
    const timeline = renderTimeline(target, t.locations, r, prefix);
    const cards = t.entries.map((e) => renderFindingCard(e, e.finding.locations.filter((l) => l.target === target.target), r, prefix));
    body =
      `<div class="cols"><div><h3>Layers, oldest first</h3>${timeline || `<p class="none">No layer was read.</p>`}</div>` +
      `<aside><h3>History and config</h3>${renderSidePanel(t.locations, r, prefix)}${dockerfileHtml}</aside></div>` +
      `<h3>Findings</h3>${cards.length ? cards.join("") : `<p class="none">No secrets found.</p>`}`;
  } else {
    const table = renderTable(t.locations, r);
    body = `<div class="cols"><div><h3>Findings by file and line</h3>${table || `<p class="none">No secrets found.</p>`}</div><aside>${dockerfileHtml}</aside></div>`;
  }
  return (
    `<section class="target" id="${prefix}target"><h2>${r.text(target.target)}</h2>` +
    (meta.length ? `<div class="tmeta">${meta.join(" · ")}</div>` : "") +
    (notes.length ? `<ul class="notes">${notes.join("")}</ul>` : "") +
    body +
    `</section>`
  );
}

/** Groups the findings by target: each target's findings (with card anchors) and their locations there. */
function targetContexts(result: ScanResult): TargetContext[] {
  const targets: TargetResult[] = [...result.targets];
  // A location naming a target the result does not list still gets a section.
  for (const f of result.findings) for (const l of f.locations) if (!targets.some((t) => t.target === l.target)) targets.push({ target: l.target, warnings: [] });
  return targets.map((target, ti) => {
    const prefix = `t${ti}-`;
    const entries: FindingEntry[] = [];
    const locations: LocationEntry[] = [];
    result.findings.forEach((finding: Finding, fi) => {
      const mine = finding.locations.filter((l) => l.target === target.target);
      if (mine.length === 0) return;
      const entry: FindingEntry = { finding, anchor: `${prefix}f${fi}`, held: Boolean(finding.heldBack) };
      entries.push(entry);
      for (const loc of mine) locations.push({ entry, loc });
    });
    return { target, prefix, entries, locations };
  });
}

/** Formats a result as one self-contained HTML page. */
export function formatHtml(result: ScanResult, opts: HtmlReportOptions): string {
  const secrets = secretValues(result);
  const scrub = scrubber(result, opts.showSecrets);
  const base = { redact: scrub, text: (v: string) => escapeHtml(scrub(v)), showSecrets: opts.showSecrets };
  const sections = targetContexts(result).map((t) => renderTarget(t, opts, base, secrets));
  const when = (opts.generatedAt ?? new Date()).toISOString();
  const title = result.targets.length === 1 ? `dredge: ${base.text(result.targets[0]!.target)}` : `dredge: ${plural(result.targets.length, "target")}`;
  const csp = `default-src 'none'; script-src ${cspHash(REPORT_JS)}; style-src ${cspHash(REPORT_CSS)}; base-uri 'none'; form-action 'none'`;
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title><style>${REPORT_CSS}</style></head><body>` +
    `<header class="top"><h1>dredge report</h1><div class="meta">dredge ${escapeHtml(VERSION)} · generated ${escapeHtml(when)}</div>${renderSummary(result, opts.showSecrets)}</header>` +
    renderFilters(result, Boolean(opts.all)) +
    `<main>${sections.join("\n") || `<p class="none">Nothing was scanned.</p>`}</main>` +
    `<footer>Every layer of an image is public to whoever can pull it: a file deleted or replaced in a later layer is still in the earlier layer's blob, and the history and config are in the image for good. Revoke and rotate what is listed here; removing it from the image is not enough.</footer>` +
    `<script>${REPORT_JS}</script></body></html>\n`
  );
}
