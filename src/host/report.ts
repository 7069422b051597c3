import type { HostAudit } from "./audit.js";
import { sizeText } from "./cleanup.js";
import type { PruneOutcome } from "./prune.js";

/** The note every report gives on BuildKit's cache. */
export const BUILD_CACHE_NOTE = "the Engine API lists BuildKit's cache records but cannot read their content: dredge cannot tell whether they hold a secret";

/** The `host` field of the JSON report: inventory, cleanup commands, and what `--prune` did. */
export function hostJson(audit: HostAudit, pruned?: readonly PruneOutcome[]): Record<string, unknown> {
  const cache = audit.inventory.buildCache;
  const out: Record<string, unknown> = {
    engine: { ...audit.inventory.engine },
    images: audit.images.map((i) => ({ ...i, tags: [...i.tags] })),
    containers: audit.containers.map((c) => ({ ...c })),
    buildCache: { count: cache.length, size: cache.reduce((n, r) => n + r.size, 0), ids: cache.map((r) => r.id), readable: false, note: BUILD_CACHE_NOTE },
    cleanup: audit.plan.steps.map((s) => ({ command: s.command, why: s.why, ...(s.frees !== undefined ? { frees: s.frees } : {}) })),
    kept: audit.plan.kept.map((k) => ({ ...k })),
  };
  if (audit.inventory.warnings.length) out.warnings = [...audit.inventory.warnings];
  if (pruned) out.pruned = pruned.map((p) => ({ ...p, failed: p.failed.map((f) => ({ ...f })) }));
  return out;
}

/** The host part of the text report, after the findings. */
export function hostText(audit: HostAudit, pruned: readonly PruneOutcome[] | undefined, paint: (style: "bold" | "dim" | "red" | "green", text: string) => string): string {
  const inv = audit.inventory;
  const tagged = audit.images.filter((i) => !i.intermediate).length;
  const dangling = audit.images.filter((i) => i.dangling).length;
  const stopped = audit.containers.filter((c) => c.read).length;
  const cacheSize = inv.buildCache.reduce((n, r) => n + r.size, 0);
  const lines = [
    paint("bold", `Host: the engine at ${inv.engine.endpoint}${inv.engine.server ? ` (${inv.engine.server}, API ${inv.engine.apiVersion})` : ""}`),
    `  ${audit.images.length} images (${tagged} tagged, ${audit.images.length - tagged} untagged of which ${dangling} dangling), ` +
      `${audit.containers.length} containers (${stopped} read, ${audit.containers.length - stopped} running and not read), ` +
      `${inv.buildCache.length} build cache records${inv.buildCache.length ? ` (${sizeText(cacheSize)}; ${BUILD_CACHE_NOTE})` : ""}`,
  ];
  const shown = audit.result.findings.filter((f) => !f.heldBack);
  const hostOnly = shown.filter((f) => f.scope === "host").length;
  const final = shown.filter((f) => f.scope === "final").length;
  lines.push(`  ${hostOnly} secret${hostOnly === 1 ? "" : "s"} only this host holds; ${final} in tagged images (what a push sends)`);
  for (const w of inv.warnings) lines.push(`  warning: ${w}`);
  if (audit.plan.steps.length) {
    lines.push("", paint("bold", pruned ? "Removed with --prune:" : "To remove what only this host holds (in this order; `dredge host --prune` runs them):"));
    for (const s of audit.plan.steps) {
      lines.push(`  ${s.command}`);
      lines.push(paint("dim", `      ${s.why}${s.frees ? ` (frees about ${sizeText(s.frees)})` : ""}`));
      const p = pruned?.find((o) => o.command === s.command);
      if (p) {
        const ok = p.failed.length === 0;
        lines.push(paint(ok ? "green" : "red", `      → ${ok ? "done" : "partly failed"}: ${p.removed.length} removed${p.reclaimed ? `, ${sizeText(p.reclaimed)} reclaimed` : ""}`));
        for (const f of p.failed) lines.push(paint("red", `      ✗ ${f.id.slice(0, 19)}: ${f.error}`));
      }
    }
  } else {
    lines.push("", "  nothing to remove: no image or container holds a secret that only this host has");
  }
  if (audit.plan.kept.length) {
    lines.push("", paint("bold", "Not removed on their own:"));
    for (const k of audit.plan.kept) lines.push(`  ${k.id.replace(/^sha256:/, "").slice(0, 12)}: ${k.why}`);
  }
  return lines.join("\n") + "\n";
}
