// Bundles the built CLI into dist/bin/, the installed `dredge` command:
//   dredge.cjs       the launcher (src/cli/launch.ts): runs main.cjs through V8's code cache
//   main.cjs         the CLI (src/cli/main.ts) and every command, one CommonJS file
//   layer-worker.js  the worker thread the layer pool starts by URL beside it
// Why one CommonJS file: Node 20 loads ES modules one at a time (a `dredge lint` loaded ~270, or
// ~30 chunks when code-split) and can reuse V8's compiled code only for a script it compiles
// through node:vm, which an ES module is not. Native packages (re2, zstd-napi) stay outside,
// as do packages loaded on first use (src/util/deferred.ts). The hash of the detection code,
// which the layer cache keys on, is computed here once instead of by every process.
//
//   node scripts/bundle-cli.mjs   (after tsc; `npm run build` runs both)
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { chmod, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const src = `${root}dist/src/`;
const outdir = `${root}dist/bin`;
const { detectionCodeVersion } = await import(`${src}cache/code-version.js`);

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  external: ["re2", "zstd-napi", "zstd-napi/*"],
  define: { DREDGE_DETECTION_CODE_VERSION: JSON.stringify(await detectionCodeVersion()) },
  legalComments: "eof",
  charset: "ascii",
  logLevel: "warning",
};

await rm(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: [`${src}cli/main.js`],
  outfile: `${outdir}/main.cjs`,
  format: "cjs",
  define: { ...common.define, "import.meta.url": "importMetaUrl" },
  inject: [`${root}scripts/import-meta-url.js`],
});
await build({
  ...common,
  entryPoints: [`${src}scan/layer-worker.js`],
  outfile: `${outdir}/layer-worker.js`,
  format: "esm",
  // Bundled CommonJS packages require node's built-ins; an ES module has no `require` of its own.
  banner: { js: 'import { createRequire as __dredgeRequire } from "node:module"; const require = __dredgeRequire(import.meta.url);' },
});
// The launcher reads main.cjs as latin1 (a third of the time UTF-8 decoding takes): with
// charset "ascii" esbuild escapes every literal, and what it leaves (comments) is escaped here.
const mainText = (await readFile(`${outdir}/main.cjs`, "utf8")).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
await writeFile(`${outdir}/main.cjs`, mainText);
const hash = createHash("sha256").update(mainText).digest("hex");
await build({
  ...common,
  entryPoints: [`${src}cli/launch.js`],
  outfile: `${outdir}/dredge.cjs`,
  format: "cjs",
  define: { ...common.define, DREDGE_BUNDLE_HASH: JSON.stringify(hash) },
  banner: { js: "#!/usr/bin/env node" },
});
await chmod(`${outdir}/dredge.cjs`, 0o755);
