/**
 * An image as a timeline of its layers, oldest first: each row a layer (index, short digest, the
 * instruction that made it), each file location a lane drawn from the layer it entered in down to
 * the layer that whited it out or replaced it, or on into the final filesystem.
 */

import type { FileLocation, HistoryLocation, LayerRef, TargetResult } from "../../findings/types.js";
import { escapeHtml } from "./escape.js";
import { dockerfileLink, filePath, filterAttrs, foldable, instructionOf, shortDigest, type LocationEntry, type Renderer } from "./parts.js";
import { compareText } from "../../util/compare.js";

/** Lanes drawn at most; every location is still listed in its layer's row and in the findings. */
export const MAX_LANES = 24;

interface FileEntry extends LocationEntry {
  loc: FileLocation;
}

function isFile(e: LocationEntry): e is FileEntry {
  return e.loc.status === "present" || e.loc.status === "deleted" || e.loc.status === "overwritten";
}

/** The image's layers: the scan's list when it gave one, else what the locations name. */
export function layersOf(target: TargetResult, entries: readonly LocationEntry[]): LayerRef[] {
  const byIndex = new Map<number, LayerRef>();
  for (const ref of target.layerList ?? []) byIndex.set(ref.index, ref);
  for (const e of entries) {
    if (!isFile(e)) continue;
    for (const ref of [e.loc.layer, e.loc.removedBy]) {
      if (ref && !byIndex.has(ref.index)) byIndex.set(ref.index, ref);
    }
  }
  const known = [...byIndex.keys()];
  const count = Math.max(target.layers ?? 0, known.length ? Math.max(...known) + 1 : 0);
  // A hostile result could claim millions of layers: rows are drawn for at most this many.
  const rows = Math.min(count, 10_000);
  return Array.from({ length: rows }, (_, i) => byIndex.get(i) ?? { index: i });
}

function cardLink(e: LocationEntry, html: string): string {
  return `<a href="#${e.entry.anchor}">${html}</a>`;
}

function what(e: LocationEntry): string {
  return `<b>${escapeHtml(e.entry.finding.kind)}</b>`;
}

/** The events of one layer: what entered, what was deleted or replaced here, and secrets its history entry records. */
function rowEvents(index: number, layer: LayerRef, files: readonly FileEntry[], history: readonly LocationEntry[], r: Renderer): string[] {
  const out: string[] = [];
  for (const e of files) {
    const path = r.text(filePath(e.loc));
    const f = e.entry.finding;
    const attrs = filterAttrs(f.severity, [e.loc.status], e.entry.held);
    if (e.loc.layer.index === index) {
      const fate =
        e.loc.status === "present" ? "still in the final filesystem" : e.loc.status === "deleted" ? `deleted in layer ${e.loc.removedBy?.index ?? "?"}` : `replaced in layer ${e.loc.removedBy?.index ?? "?"}`;
      out.push(`<li class="ev-enter"${attrs}>${cardLink(e, `${what(e)} entered: <span class="mono">${path}</span>`)} <span class="sub">(${fate})</span></li>`);
    }
    if (e.loc.removedBy?.index === index) {
      const cls = e.loc.status === "overwritten" ? "ev-replaced" : "ev-gone";
      const verb = e.loc.status === "overwritten" ? "replaced here" : "deleted here";
      out.push(
        `<li class="${cls}"${attrs}>${cardLink(e, `<span class="mono">${path}</span> ${verb}`)} <span class="sub">— but still in layer ${e.loc.layer.index}'s blob (${escapeHtml(f.kind)})</span></li>`,
      );
    }
  }
  for (const e of history) {
    const h = e.loc as HistoryLocation;
    if (layer.createdBy === undefined || h.history.createdBy !== layer.createdBy) continue;
    const name = e.loc.name ? ` <span class="mono">${r.text(e.loc.name)}</span>` : "";
    out.push(`<li class="ev-history"${filterAttrs(e.entry.finding.severity, ["history"], e.entry.held)}>${cardLink(e, `${what(e)}${name} recorded in this instruction's history`)}</li>`);
  }
  return out;
}

/** The lane cell of one file location at one layer row. */
function laneCell(e: FileEntry, index: number, last: number): string {
  const start = e.loc.layer.index;
  const end = e.loc.status === "present" ? Infinity : (e.loc.removedBy?.index ?? start);
  const attrs = filterAttrs(e.entry.finding.severity, [e.loc.status], e.entry.held);
  const cls = `lane s-${e.loc.status}`;
  if (index < start || index > end) return `<td class="lane"></td>`;
  if (index === start) {
    const alsoEnd = index === end ? " end" : "";
    return `<td class="${cls} start${alsoEnd}${index === last && end === Infinity ? " live" : ""}"${attrs}><span>●</span></td>`;
  }
  if (index === end) return `<td class="${cls} end"${attrs}><span>${e.loc.status === "overwritten" ? "⇄" : "✕"}</span></td>`;
  return `<td class="${cls} run"${attrs}></td>`;
}

/** The layer timeline of one image target, or "" when it has no layers to show. */
export function renderTimeline(target: TargetResult, entries: readonly LocationEntry[], r: Renderer, idPrefix: string): string {
  const layers = layersOf(target, entries);
  if (layers.length === 0) return "";
  const files = entries.filter(isFile).sort((a, b) => a.loc.layer.index - b.loc.layer.index || compareText(a.loc.path, b.loc.path));
  const history = entries.filter((e) => e.loc.status === "history");
  const lanes = files.slice(0, MAX_LANES);
  const last = layers.length - 1;

  const head = lanes
    .map((e, i) => `<th class="lane" title="${escapeHtml(`${e.entry.finding.kind} ${e.loc.status}: `)}${r.text(filePath(e.loc))}">${i + 1}</th>`)
    .join("");
  const rows = layers.map((layer) => {
    const events = rowEvents(layer.index, layer, files, history, r);
    const dfRefs = entries.filter((e) => isFile(e) && e.loc.layer.index === layer.index && e.loc.dockerfile).map((e) => e.loc.dockerfile!);
    const df = dfRefs.length ? ` <span class="sub">← ${dockerfileLink(dfRefs[0]!, r)}</span>` : "";
    const instr = layer.createdBy?.trim() ? foldable(r.redact(instructionOf(layer.createdBy))) : `<span class="none">instruction not recorded</span>`;
    const digest = layer.digest ? `<span title="${r.text(layer.digest)}">${r.text(shortDigest(layer.digest))}</span>` : "";
    const cls = [events.length ? "has-event" : "", layer.index === last ? "final" : ""].filter(Boolean).join(" ");
    return (
      `<tr${cls ? ` class="${cls}"` : ""} id="${idPrefix}layer-${layer.index}">` +
      `<td class="idx">${layer.index}</td><td class="digest mono">${digest}</td>` +
      `<td class="instr">${instr}${df}${events.length ? `<ul class="events">${events.join("")}</ul>` : ""}</td>` +
      lanes.map((e) => laneCell(e, layer.index, last)).join("") +
      `</tr>`
    );
  });
  const finalCells = lanes
    .map((e) => (e.loc.status === "present" ? `<td class="lane s-present end"${filterAttrs(e.entry.finding.severity, ["present"], e.entry.held)}><span>■</span></td>` : `<td class="lane"></td>`))
    .join("");
  const present = files.filter((e) => e.loc.status === "present").length;
  const foot = `<tfoot><tr><td></td><td></td><td class="instr"><b>final filesystem</b> <span class="sub">(what <code>docker run</code> sees: ${present} of ${files.length} file location${files.length === 1 ? "" : "s"} still there)</span></td>${finalCells}</tr></tfoot>`;
  const more = files.length > lanes.length ? `<p class="legend">${files.length - lanes.length} more file locations are listed in their layers' rows but not drawn as lanes.</p>` : "";
  return (
    `<table class="timeline"><thead><tr><th>#</th><th>digest</th><th>instruction</th>${head}</tr></thead><tbody>${rows.join("")}</tbody>${foot}</table>` +
    `<p class="legend"><span>● entered in this layer</span><span>✕ deleted by a later layer (whiteout): still in the earlier blob</span><span>⇄ replaced by a later layer: old version still in the blob</span><span>■ in the final filesystem</span></p>` +
    more
  );
}
