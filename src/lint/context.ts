/**
 * The build context, as lint uses it: which sensitive context files each COPY/ADD takes, from
 * the context analysis (src/context). Lint decides their scope with its own stage graph.
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import { analyzeContext, type ContextReport } from "../context/index.js";
import type { Detector } from "../detect/engine.js";
import { errorMessage } from "../util/errors.js";
import type { ContextCopy } from "./flow.js";

/** What lint learns from the context of one Dockerfile. */
export interface ContextInfo {
  copies: ContextCopy[];
  /** Whether the context holds a relative path. */
  has(path: string): boolean;
  warnings: string[];
}

/** The COPY/ADD copies of sensitive files a context report lists, for the data-flow pass. */
export function contextCopies(report: ContextReport): ContextCopy[] {
  const gitOnly = (p: string) => report.gitignoreOnly.some((g) => g === p || p.startsWith(g.replace(/\/+$/, "") + "/"));
  const copies: ContextCopy[] = [];
  for (const f of report.sensitive) {
    for (const ref of f.copiedBy) {
      const c: ContextCopy = {
        line: ref.line,
        path: f.path,
        directory: f.directory,
        reason: f.reasons.join("; ") || "sensitive file",
        gitignoreOnly: gitOnly(f.path),
        critical: f.critical === true,
      };
      if (f.hits[0]) c.hit = f.hits[0];
      if (f.kind) c.kind = f.kind;
      copies.push(c);
    }
  }
  return copies;
}

/** Analyses the context `dir` for `dockerfile`; a warning instead when it cannot be read. */
export async function contextFor(
  dir: string,
  dockerfile: string,
  opts: { detector: Detector; buildArgs: Record<string, string>; target?: string },
): Promise<{ info?: ContextInfo; warning?: string }> {
  let report: ContextReport;
  try {
    report = await analyzeContext({
      dir,
      dockerfile,
      detector: opts.detector,
      buildArgs: opts.buildArgs,
      ...(opts.target !== undefined ? { target: opts.target } : {}),
    });
  } catch (e) {
    return { warning: `build context ${dir} not analysed: ${errorMessage(e)}` };
  }
  const warnings = [...report.warnings, ...report.ignoreErrors.map((e) => `${report.ignoreFile ?? ".dockerignore"}:${e.line}: ${e.message}`)];
  return { info: { copies: contextCopies(report), has: (p) => existsSync(join(report.dir, p)), warnings } };
}
