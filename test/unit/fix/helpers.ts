// Shared helpers of the fix tests: planning a text, a throwaway build context, the seed scenarios.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateKeyPairSync } from "node:crypto";
import { fix, planFixText, type FixPlan, type FixResult, type PlanOptions } from "../../../src/fix/index.js";

export function plan(text: string, opts: PlanOptions = {}): FixPlan {
  return planFixText(text, opts);
}

/** A build context in a new temporary directory: path → content. */
export function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "dredge-fix-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Plans the fix of the Dockerfile of a context directory, writing nothing; paths relative to it. */
export function dryRun(dir: string, opts: { buildArgs?: Record<string, string>; target?: string } = {}): Promise<FixResult> {
  return fix(dir, { dryRun: true, cwd: dir, ...opts });
}

/** A fresh RSA private key in PEM (what the scenarios' setup.sh makes with openssl). */
export function privateKeyPem(): string {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
}

const here = dirname(fileURLToPath(import.meta.url));
/** The shared seed scenarios (`../shared/scenarios` beside the repository). */
export const scenariosRoot = resolve(process.env.DREDGE_SCENARIOS ?? join(here, "..", "..", "..", "..", "..", "shared", "scenarios"));

export function scenarioDockerfile(name: string): string {
  return readFileSync(join(scenariosRoot, name, "context", "Dockerfile"), "utf8");
}
