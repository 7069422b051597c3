/** A finding as a card: what it is, its value (redacted unless `--show-secrets`), every place it is in this target, and how to fix it. */

import { preview } from "../../detect/redact.js";
import type { Location } from "../../findings/types.js";
import { escapeHtml, safeHref } from "./escape.js";
import { dockerfileLink, filePath, filterAttrs, foldable, layerLabel, severityBadge, statusBadge, type FindingEntry, type Renderer } from "./parts.js";

/** What a status means for the person reading, in words. */
export function statusHint(l: Location): string {
  switch (l.status) {
    case "present":
      return "in the final filesystem: docker run … cat shows it";
    case "deleted":
      return `removed in layer ${l.removedBy?.index ?? "?"}, but still in layer ${l.layer.index}'s blob: anyone who pulls the image can read it`;
    case "overwritten":
      return `replaced in layer ${l.removedBy?.index ?? "?"}, but the old version is still in layer ${l.layer.index}'s blob`;
    case "history":
      return "in the image history: docker history --no-trunc shows it";
    case "config":
      return "in the image config: docker inspect shows it";
    case "dockerfile":
      return "in the Dockerfile";
    case "context":
      return l.copiedBy?.length ? "in the build context, and copied into the image" : "in the build context: sent to the builder";
  }
}

/** One location, in words, with links to its layer row and Dockerfile line. */
export function describeLocation(l: Location, r: Renderer, idPrefix: string): string {
  const name = l.name ? ` <span class="mono">${r.text(l.name)}</span>` : "";
  const df = l.dockerfile && l.status !== "dockerfile" ? ` <span class="sub">← ${dockerfileLink(l.dockerfile, r)}</span>` : "";
  switch (l.status) {
    case "history":
      return `history entry ${l.history.index}${name}${df}<br>${foldable(r.redact(l.history.createdBy))}`;
    case "config":
      return `config <span class="mono">${r.text(l.config.field)}${l.config.key !== undefined ? `.${r.text(l.config.key)}` : ""}</span>${name}${df}`;
    case "dockerfile":
      return `${dockerfileLink(l.dockerfile, r)}${l.instruction ? ` <span class="mono">${r.text(l.instruction)}</span>` : ""}${name}`;
    case "context": {
      const copied = (l.copiedBy ?? []).map((c) => dockerfileLink(c, r));
      return `context file <span class="mono">${r.text(l.path)}</span>${name}${copied.length ? ` <span class="sub">copied by ${copied.join(", ")}</span>` : ""}`;
    }
    default: {
      const removed = l.removedBy ? ` → ${l.status} in <a href="#${idPrefix}layer-${l.removedBy.index}">${layerLabel(l.removedBy)}</a>` : "";
      return `<span class="mono">${r.text(filePath(l))}</span>${name} in <a href="#${idPrefix}layer-${l.layer.index}">${layerLabel(l.layer)}</a>${removed}${df}`;
    }
  }
}

/** The card of one finding, listing only its locations in the target being rendered. */
export function renderFindingCard(e: FindingEntry, locations: readonly Location[], r: Renderer, idPrefix: string): string {
  const f = e.finding;
  const raw = f.secret.reveal();
  const value = r.showSecrets ? `<code class="secret">${escapeHtml(raw)}</code>` : `<code class="preview">${escapeHtml(preview(raw))}</code>`;
  const statuses = locations.map((l) => l.status);
  const meta = [`rule ${escapeHtml(f.rule)}`, `confidence ${escapeHtml(f.confidence)}`, ...(f.scope ? [`scope ${escapeHtml(f.scope)}`] : []), `fingerprint <span class="mono">${escapeHtml(f.fingerprint.slice(0, 16))}</span>`];
  const locs = locations.map((l) => `<li${filterAttrs(f.severity, [l.status], e.held)}>${statusBadge(l.status)} ${describeLocation(l, r, idPrefix)}<div class="hint">${escapeHtml(statusHint(l))}</div></li>`);
  const docs = f.docs ? safeHref(f.docs) : undefined;
  return (
    `<article class="finding sevb-${f.severity}" id="${e.anchor}" data-entry${filterAttrs(f.severity, statuses, e.held)}>` +
    `<div class="head">${severityBadge(f.severity)}<span class="title">${escapeHtml(f.title)}</span><span class="mono sub">${escapeHtml(f.kind)}</span>${value}${f.name ? `<span class="mono">${r.text(f.name)}</span>` : ""}</div>` +
    `<div class="sub">${meta.join(" · ")}</div>` +
    (f.heldBack ? `<div class="held">held back: ${r.text(f.heldBack)}</div>` : "") +
    (f.message ? `<div>${r.text(f.message)}</div>` : "") +
    `<ul class="locs">${locs.join("")}</ul>` +
    (f.remediation ? `<div class="fix"><b>Fix:</b> ${r.text(f.remediation)}</div>` : "") +
    (docs ? `<div class="fix"><a href="${docs}" rel="noreferrer noopener" target="_blank">${escapeHtml(f.docs!)}</a></div>` : f.docs ? `<div class="fix sub">${r.text(f.docs)}</div>` : "") +
    `</article>`
  );
}
