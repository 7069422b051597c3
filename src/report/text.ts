import type { Finding, Location, ScanResult } from "../findings/types.js";
import { SEVERITIES, type Severity } from "../detect/types.js";
import { preview } from "../detect/redact.js";
import { scrubber } from "./redaction.js";

export interface TextOptions {
  showSecrets: boolean;
  color: boolean;
  /** Also show held-back findings (test data, docs, published test keys); default: count them only. */
  all?: boolean;
  /** The flag that shows held-back findings, named in the summary (default `--all`). */
  allFlag?: string;
}

const CODES: Record<string, [number, number]> = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22], magenta: [35, 39] };

function painter(enabled: boolean) {
  return (style: keyof typeof CODES, text: string) => (enabled ? `\u001b[${CODES[style]![0]}m${text}\u001b[${CODES[style]![1]}m` : text);
}

const SEVERITY_STYLE: Record<Severity, keyof typeof CODES> = { critical: "red", high: "red", medium: "yellow", low: "cyan", info: "dim" };

function short(text: string, max = 100): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? one.slice(0, max - 1) + "…" : one;
}

/** One line telling what a status means for the person reading. */
function statusHint(l: Location): string {
  switch (l.status) {
    case "present":
      return "in the final filesystem: `docker run … cat` shows it";
    case "deleted":
      return `removed in layer ${l.removedBy?.index ?? "?"} but still in layer ${l.layer.index}'s blob: anyone who pulls the image can read it`;
    case "overwritten":
      return `replaced in layer ${l.removedBy?.index ?? "?"}, but the old version is still in layer ${l.layer.index}'s blob`;
    case "history":
      return "in the image history: `docker history --no-trunc` shows it";
    case "config":
      return "in the image config: `docker inspect` shows it";
    case "dockerfile":
      return "in the Dockerfile";
    case "context":
      return l.copiedBy?.length ? "in the build context, and copied into the image" : "in the build context: sent to the builder";
  }
}

function describeLocation(l: Location, scrub: (t: string) => string, paint: ReturnType<typeof painter>): string[] {
  const df = l.dockerfile ? paint("cyan", `  ← ${l.dockerfile.file}:${l.dockerfile.line}${l.dockerfile.stage ? ` (stage ${l.dockerfile.stage})` : ""}`) : "";
  const name = (l.name ? ` (${l.name})` : "") + df;
  switch (l.status) {
    case "history":
      return [`history #${l.history.index}${name}: ${short(scrub(l.history.createdBy))}`];
    case "config":
      return [`config ${l.config.field}${l.config.key ? `.${l.config.key}` : ""}${name}`];
    case "dockerfile":
      return [`${l.dockerfile.file}:${l.dockerfile.line}${l.dockerfile.column ? `:${l.dockerfile.column}` : ""}${l.instruction ? ` ${l.instruction}` : ""}${l.dockerfile.stage ? ` (stage ${l.dockerfile.stage})` : ""}${l.name ? ` (${l.name})` : ""}`];
    case "context": {
      const copied = (l.copiedBy ?? []).map((c) => `${c.file}:${c.line}${c.stage ? ` (stage ${c.stage})` : ""}`);
      return [`context ${l.path}${l.name ? ` (${l.name})` : ""}${copied.length ? `  copied by ${copied.join(", ")}` : ""}`];
    }
    default: {
      const inner = l.inner?.length ? "!" + l.inner.join("!") : "";
      const lines = [`layer ${l.layer.index} ${l.path}${inner}${name}  ${paint("bold", l.status)}`];
      if (l.layer.createdBy) lines.push(`  made by: ${short(scrub(l.layer.createdBy))}`);
      return lines;
    }
  }
}

function findingBlock(f: Finding, opts: TextOptions, scrub: (t: string) => string, paint: ReturnType<typeof painter>): string {
  const value = opts.showSecrets ? f.secret.reveal() : preview(f.secret.reveal());
  const scope = f.scope ? `, scope ${f.scope}` : "";
  const head = `${paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(8))} ${paint("bold", f.kind)}  ${value}${f.name ? `  (${f.name})` : ""}  ${paint("dim", `[${f.rule}, confidence ${f.confidence}${scope}]`)}`;
  const lines = [head];
  if (f.heldBack) lines.push(paint("dim", `    held back: ${f.heldBack}`));
  if (f.message) lines.push(`    ${scrub(f.message)}`);
  const hints = new Set<string>();
  for (const l of f.locations) {
    for (const [i, line] of describeLocation(l, scrub, paint).entries()) lines.push(`    ${i === 0 ? "• " : "  "}${line}`);
    hints.add(statusHint(l));
  }
  for (const h of hints) lines.push(paint("dim", `    ↳ ${h}`));
  if (f.remediation) lines.push(paint("dim", `    fix: ${f.remediation}`));
  if (f.docs) lines.push(paint("dim", `    docs: ${f.docs}`));
  return lines.join("\n");
}

/** Text for people: per target, its findings with their locations and what each status means. */
export function formatText(result: ScanResult, opts: TextOptions): string {
  const paint = painter(opts.color);
  const scrub = scrubber(result, opts.showSecrets);
  const out: string[] = [];
  const held = result.findings.filter((f) => f.heldBack);
  const shown = opts.all ? result.findings : result.findings.filter((f) => !f.heldBack);
  for (const t of result.targets) {
    const id = t.digest ? `  ${t.digest.slice(0, 19)}…` : "";
    const tags = t.tags?.length ? `  ${t.tags.join(", ")}` : "";
    out.push(paint("bold", `${t.target}${id}${tags}${t.layers !== undefined ? `  (${t.layers} layers)` : ""}`));
    if (t.error) out.push(paint("red", `  error: ${scrub(t.error)}`));
    for (const w of t.warnings) out.push(paint("yellow", `  warning: ${scrub(w)}`));
    const mine = shown.filter((f) => f.locations.some((l) => l.target === t.target));
    if (!t.error && mine.length === 0) out.push("  no secrets found");
    for (const f of mine) out.push(findingBlock({ ...f, locations: f.locations.filter((l) => l.target === t.target) }, opts, scrub, paint).replace(/^/gm, "  "));
    out.push("");
  }
  const counts = SEVERITIES.map((s) => [s, shown.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const deleted = shown.filter((f) => f.locations.some((l) => l.status === "deleted" || l.status === "overwritten")).length;
  const summary = shown.length
    ? `${shown.length} secret${shown.length === 1 ? "" : "s"} (${counts.map(([s, n]) => `${n} ${s}`).join(", ")}) in ${result.targets.length} target${result.targets.length === 1 ? "" : "s"}${deleted ? `; ${deleted} "deleted" but still in a layer` : ""}`
    : `no secrets in ${result.targets.length} target${result.targets.length === 1 ? "" : "s"}`;
  out.push(paint("bold", summary));
  if (held.length && !opts.all) {
    const reasons = new Map<string, number>();
    for (const f of held) reasons.set(f.heldBack!, (reasons.get(f.heldBack!) ?? 0) + 1);
    const why = [...reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${n} ${r}`).join("; ");
    out.push(paint("dim", `${held.length} more held back as low confidence (${why}); ${opts.allFlag ?? "--all"} shows them`));
  }
  return out.join("\n") + "\n";
}
