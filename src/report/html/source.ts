/** A Dockerfile beside the findings, the lines they point to highlighted and linked to their cards. */

import { preview } from "../../detect/redact.js";
import type { DockerfileRef, Location } from "../../findings/types.js";
import { escapeHtml } from "./escape.js";
import { filterAttrs, type FindingEntry } from "./parts.js";

/** A finding's location that points to a line of the Dockerfile. */
export interface LineRef {
  ref: DockerfileRef;
  entry: FindingEntry;
  loc: Location;
}

/**
 * Replaces every secret in `text` by its preview, keeping the text's line count: a secret that
 * spans lines (a key in a heredoc) leaves empty lines behind, so line numbers still match the file.
 */
export function redactKeepingLines(text: string, secrets: readonly string[]): string {
  const sorted = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of sorted) {
    if (!out.includes(s)) continue;
    const newlines = s.split("\n").length - 1;
    out = out.split(s).join(preview(s) + "\n".repeat(newlines));
  }
  return out;
}

/** The source panel of one Dockerfile (its text already redacted). `anchor(line)` is the id of a line. */
export function renderDockerfile(file: string, redactedText: string, refs: readonly LineRef[], anchor: (line: number) => string): string {
  const lines = redactedText.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const byLine = new Map<number, LineRef[]>();
  for (const r of refs) {
    if (r.ref.line < 1 || r.ref.line > lines.length) continue;
    const list = byLine.get(r.ref.line) ?? [];
    list.push(r);
    byLine.set(r.ref.line, list);
  }
  // One chip per finding on a line, however many of its locations point there; it shows while any of their statuses does.
  const chip = (refs: readonly LineRef[], entry: FindingEntry) => {
    const statuses = refs.filter((r) => r.entry === entry).map((r) => r.loc.status);
    const f = entry.finding;
    return `<a href="#${entry.anchor}" class="badge sev-${f.severity}"${filterAttrs(f.severity, statuses, entry.held)}>${escapeHtml(f.kind)}</a>`;
  };
  const body = lines
    .map((text, i) => {
      const n = i + 1;
      const here = byLine.get(n);
      const chips = here ? `<span class="chips">${[...new Set(here.map((r) => r.entry))].map((e) => chip(here, e)).join("")}</span>` : "";
      return `<span class="ln${here ? " hl" : ""}" id="${anchor(n)}"${here ? " data-group" : ""}><span class="no">${n}</span>${escapeHtml(text)}${chips}</span>`;
    })
    .join("");
  return `<div class="dfname mono">${escapeHtml(file)}</div><pre class="src">${body}</pre>`;
}
