/**
 * The CLI the tests run: the installed command, dist/bin/dredge.cjs (the launcher and the
 * CommonJS bundle scripts/bundle-cli.mjs makes after tsc), so the tests check what ships. A
 * build made with tsc alone (a helper's dist-NAME/) has no bundle: its ES modules are run.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The dist folder this test was compiled into. */
export const DIST = fileURLToPath(new URL("../../", import.meta.url));

export const BUNDLED_CLI = fileURLToPath(new URL("../../bin/dredge.cjs", import.meta.url));
export const MODULE_CLI = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

export const CLI = existsSync(BUNDLED_CLI) ? BUNDLED_CLI : MODULE_CLI;
