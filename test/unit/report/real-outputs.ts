/**
 * Real results to run the reporters on: an OCI image made in-process (a deleted, an overwritten
 * and a present secret, history and config), the bundled docker-built example with its
 * Dockerfile, lint of every scenario Dockerfile, and the build-context analysis of each scenario.
 */

import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeContext, contextFindings } from "../../../src/context/index.js";
import type { ScanResult } from "../../../src/findings/types.js";
import { lint } from "../../../src/lint/index.js";
import { scan } from "../../../src/scan/index.js";
import { listScenarios } from "../../e2e/harness/scenarios.js";
import { LayoutWriter } from "../../helpers/oci-fixture.js";
import { gzip, makeTar, sha256 } from "../../helpers/tar-writer.js";

export const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
export const EXAMPLE = join(REPO, "examples", "leaky-app.tar");
export const EXAMPLE_DOCKERFILE = join(REPO, "examples", "leaky-app", "Dockerfile");

/** Secrets planted in the in-process image (real formats with valid checksums where the rule checks one). */
export const PLANTED = {
  github: "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",
  npm: "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",
  stripe: "sk_live_REAscXV4vpetpGJDHOzkXlfC",
};

/**
 * Writes an OCI layout with: `/app/.env` (a GitHub token) whited out by the next layer (deleted),
 * `/root/.npmrc` (an npm token) replaced by a later layer (overwritten), `/srv/config.json`
 * (the GitHub token again) left in place (present), a build arg in the history and a Stripe key
 * in the config's Env. Returns the `oci:` target.
 */
export async function writeLeakyLayout(dir: string): Promise<string> {
  const tars = [
    makeTar([
      { name: "app/", type: "dir" },
      { name: "app/.env", data: `GITHUB_TOKEN=${PLANTED.github}\n` },
      { name: "root/", type: "dir" },
      { name: "root/.npmrc", data: `//registry.npmjs.org/:_authToken=${PLANTED.npm}\n` },
    ]),
    makeTar([{ name: "app/.wh..env" }]),
    makeTar([{ name: "root/.npmrc", data: "registry=https://registry.npmjs.org/\n" }]),
    makeTar([{ name: "srv/config.json", data: JSON.stringify({ github: { token: PLANTED.github } }) + "\n" }]),
  ];
  // The first layer gzipped, the others plain: both kinds are read.
  const layers = tars.map((t, i) => (i === 0 ? gzip(t) : t));
  const diffIds = tars.map((t) => sha256(t));
  const w = new LayoutWriter(dir);
  const m = await w.image(
    {
      layers,
      config: {
        config: { Env: ["PATH=/usr/bin:/bin", `STRIPE_API_KEY=${PLANTED.stripe}`] },
        history: [
          { created_by: "COPY . / # buildkit" },
          { created_by: `|1 NPM_TOKEN=${PLANTED.npm} /bin/sh -c rm /app/.env # buildkit` },
          { created_by: "COPY npmrc /root/.npmrc # buildkit" },
          { created_by: "COPY config.json /srv/config.json # buildkit" },
          { created_by: `ENV STRIPE_API_KEY=${PLANTED.stripe}`, empty_layer: true },
        ],
      },
      refName: "leaky",
    },
    diffIds,
  );
  await w.index([m]);
  return `oci:${dir}`;
}

/** The in-process image, scanned. */
export async function scanLeakyLayout(work: string): Promise<ScanResult> {
  const dir = join(work, "layout");
  await mkdir(dir, { recursive: true });
  return scan([await writeLeakyLayout(dir)]);
}

/** The bundled docker-built example, scanned with its Dockerfile (every location names a Dockerfile line). */
export function scanExample(): Promise<ScanResult> {
  return scan([`docker-archive:${EXAMPLE}`], { dockerfile: EXAMPLE_DOCKERFILE });
}

/** Lint of each scenario's Dockerfile with its context, as `dredge lint` runs it (read-only: lint only reads). */
export async function lintScenarios(): Promise<{ name: string; result: ScanResult }[]> {
  const out: { name: string; result: ScanResult }[] = [];
  for (const s of listScenarios()) {
    const context = join(s.dir, "context");
    const dockerfile = join(context, "Dockerfile");
    if (!existsSync(dockerfile)) continue;
    const args = s.json.build.args;
    out.push({ name: s.name, result: await lint([dockerfile], { context, ...(args ? { buildArgs: args } : {}) }) });
  }
  return out;
}

/** The build-context analysis of each scenario, as `dredge context` reports it. */
export async function contextScenarios(): Promise<{ name: string; result: ScanResult }[]> {
  const out: { name: string; result: ScanResult }[] = [];
  for (const s of listScenarios()) {
    const dir = join(s.dir, "context");
    if (!existsSync(join(dir, "Dockerfile"))) continue;
    const report = await analyzeContext({ dir });
    const target = `context:${dir}`;
    out.push({ name: s.name, result: { version: 1, targets: [{ target, warnings: report.warnings }], findings: await contextFindings(report, target) } });
  }
  return out;
}
