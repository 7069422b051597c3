/** Small pieces the HTML report's sections share: what a rendered location knows, badges, filter attributes. */

import type { Severity } from "../../detect/types.js";
import type { DockerfileRef, Finding, LayerRef, Location } from "../../findings/types.js";
import { escapeHtml } from "./escape.js";

/** A finding as one target's section shows it: its anchor, and whether it is held back. */
export interface FindingEntry {
  finding: Finding;
  /** The `id` of its card in this target's section. */
  anchor: string;
  held: boolean;
}

/** One location of a finding, in the target being rendered. */
export interface LocationEntry {
  entry: FindingEntry;
  loc: Location;
}

/** What every section needs: free text made safe (redacted unless secrets are shown, then escaped), and Dockerfile anchors. */
export interface Renderer {
  /** Free text from the image, the Dockerfile or a message with every secret replaced by its preview (unless `--show-secrets`): not yet escaped. */
  redact(value: string): string;
  /** `redact`, then HTML-escaped. */
  text(value: string): string;
  /** The anchor of a Dockerfile line in this target's source panel, when that Dockerfile is shown. */
  lineAnchor(ref: DockerfileRef): string | undefined;
  showSecrets: boolean;
}

/** The `data-*` attributes the filter script reads. */
export function filterAttrs(severity: Severity, statuses: Iterable<string>, held: boolean): string {
  const list = [...new Set(statuses)].join(" ");
  return ` data-sev="${severity}" data-status="${escapeHtml(list)}"${held ? ' data-held="1"' : ""}`;
}

export function severityBadge(s: Severity): string {
  return `<span class="badge sev-${s}">${s}</span>`;
}

export function statusBadge(status: Location["status"]): string {
  return `<span class="st st-${status}">${status}</span>`;
}

/** `sha256:0123456789ab`, the way `docker images` shortens an id. */
export function shortDigest(digest: string | undefined): string {
  if (!digest) return "";
  const m = /^([a-z0-9]+):([0-9a-f]{12})/i.exec(digest);
  return m ? `${m[1]}:${m[2]}` : digest.slice(0, 19);
}

/**
 * The instruction a history `created_by` records, as a person reads it: without the legacy
 * builder's `/bin/sh -c #(nop)` noise, a RUN as `RUN …`, and the build args a RUN was given
 * (`|1 NPM_TOKEN=… /bin/sh -c …`) kept, after the command, since they are what leaks.
 */
export function instructionOf(createdBy: string): string {
  const text = createdBy.trim().replace(/\s+# buildkit$/, "");
  const withArgs = /^\|(\d+) (.*?) ?\/bin\/sh -c (.*)$/s.exec(text);
  if (withArgs) return withArgs[2] ? `RUN ${withArgs[3]}    (build args: ${withArgs[2]})` : `RUN ${withArgs[3]}`;
  return text.replace(/^\/bin\/sh -c #\(nop\)\s+/, "").replace(/^\/bin\/sh -c /, "RUN ");
}

/** A long command (already redacted) folds into a `<details>` (no script needed) so a timeline row stays short. */
export function foldable(redacted: string): string {
  if (redacted.length <= 140) return `<span class="cmd">${escapeHtml(redacted)}</span>`;
  return `<details><summary class="cmd">${escapeHtml(redacted.slice(0, 120))}…</summary><span class="cmd">${escapeHtml(redacted)}</span></details>`;
}

/** `app.war!WEB-INF/lib/app.jar!…` and `.git@3f2a…:config/.env`: where a file location points inside its file. */
export function filePath(l: Location & { path: string; inner?: string[]; git?: { commits: string[]; path: string } }): string {
  if (l.git) return `${l.path}@${(l.git.commits[0] ?? "").slice(0, 7)}:${l.git.path}`;
  return l.inner?.length ? `${l.path}!${l.inner.join("!")}` : l.path;
}

/** `Dockerfile:4`, linked to the line in the source panel when it is shown. */
export function dockerfileLink(ref: DockerfileRef, r: Renderer): string {
  const label = `${r.text(ref.file)}:${ref.line}${ref.stage ? ` <span class="sub">(stage ${r.text(ref.stage)})</span>` : ""}`;
  const anchor = r.lineAnchor(ref);
  return anchor ? `<a class="mono" href="#${anchor}">${label}</a>` : `<span class="mono">${label}</span>`;
}

/** The layer a ref names, for people: `layer 3 (sha256:0123456789ab)`. */
export function layerLabel(ref: LayerRef): string {
  return `layer ${ref.index}${ref.digest ? ` <span class="mono sub">${escapeHtml(shortDigest(ref.digest))}</span>` : ""}`;
}
