/** The parts of a target's section other than the timeline and the cards: history/config beside it, and the plain table of lint and context results. */

import { preview } from "../../detect/redact.js";
import { severityRank } from "../../detect/types.js";
import type { Location } from "../../findings/types.js";
import { escapeHtml } from "./escape.js";
import { describeLocation } from "./findings.js";
import { dockerfileLink, filterAttrs, severityBadge, statusBadge, type LocationEntry, type Renderer } from "./parts.js";
import { compareText } from "../../util/compare.js";

/** History and config locations, listed beside the timeline. */
export function renderSidePanel(entries: readonly LocationEntry[], r: Renderer, idPrefix: string): string {
  const items = entries.filter((e) => e.loc.status === "history" || e.loc.status === "config");
  if (items.length === 0) return `<p class="none">No secret in the image history or config.</p>`;
  return items
    .map((e) => {
      const f = e.entry.finding;
      return (
        `<div class="side-item"${filterAttrs(f.severity, [e.loc.status], e.entry.held)}>` +
        `${severityBadge(f.severity)} ${statusBadge(e.loc.status)} <a href="#${e.entry.anchor}"><b>${escapeHtml(f.kind)}</b></a> ` +
        `<code class="preview">${escapeHtml(r.showSecrets ? f.secret.reveal() : preview(f.secret.reveal()))}</code><br>` +
        `${describeLocation(e.loc, r, idPrefix)}</div>`
      );
    })
    .join("");
}

function where(l: Location, r: Renderer): { file: string; line: number; html: string } {
  switch (l.status) {
    case "dockerfile":
      return { file: l.dockerfile.file, line: l.dockerfile.line, html: `${dockerfileLink(l.dockerfile, r)}${l.instruction ? ` <span class="mono">${r.text(l.instruction)}</span>` : ""}` };
    case "context": {
      const copied = (l.copiedBy ?? []).map((c) => dockerfileLink(c, r));
      return { file: l.path, line: 0, html: `<span class="mono">${r.text(l.path)}</span>${copied.length ? ` <span class="sub">copied by ${copied.join(", ")}</span>` : ""}` };
    }
    default:
      return { file: "", line: 0, html: describeLocation(l, r, "") };
  }
}

/** Lint and context results: one row per location, by file and line. The first row of a finding carries its anchor. */
export function renderTable(entries: readonly LocationEntry[], r: Renderer): string {
  if (entries.length === 0) return "";
  const rows = entries
    .map((e) => ({ e, w: where(e.loc, r) }))
    .sort((a, b) => compareText(a.w.file, b.w.file) || a.w.line - b.w.line || severityRank(b.e.entry.finding.severity) - severityRank(a.e.entry.finding.severity));
  const anchored = new Set<string>();
  const body = rows.map(({ e, w }) => {
    const f = e.entry.finding;
    const id = anchored.has(e.entry.anchor) ? "" : ` id="${e.entry.anchor}"`;
    anchored.add(e.entry.anchor);
    const value = r.showSecrets ? `<code class="secret">${escapeHtml(f.secret.reveal())}</code>` : `<code class="preview">${escapeHtml(preview(f.secret.reveal()))}</code>`;
    const what = [f.message ? r.text(f.message) : escapeHtml(f.title), f.remediation ? `<div class="sub"><b>Fix:</b> ${r.text(f.remediation)}</div>` : "", f.heldBack ? `<div class="held">held back: ${r.text(f.heldBack)}</div>` : ""].join("");
    return (
      `<tr${id} data-entry${filterAttrs(f.severity, [e.loc.status], e.entry.held)}>` +
      `<td>${severityBadge(f.severity)}${f.scope ? `<div class="sub">${escapeHtml(f.scope)}</div>` : ""}</td>` +
      `<td class="where">${statusBadge(e.loc.status)} ${w.html}</td>` +
      `<td><span class="mono">${escapeHtml(f.rule)}</span><div class="sub">${escapeHtml(f.kind)}</div></td>` +
      `<td>${e.loc.name ?? f.name ? `<span class="mono">${r.text(e.loc.name ?? f.name ?? "")}</span><br>` : ""}${value}</td>` +
      `<td>${what}</td></tr>`
    );
  });
  return `<table class="plain"><thead><tr><th>severity</th><th>where</th><th>rule</th><th>name / value</th><th>what</th></tr></thead><tbody>${body.join("")}</tbody></table>`;
}
