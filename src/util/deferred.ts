/**
 * Packages a run may not need, loaded on first use. A `dredge lint` in a pre-commit hook has no
 * config file, user rule, allowlist or baseline, and loading yaml, ajv, picomatch and re2 took
 * ~70 ms of its start-up (CommonJS packages load file by file). `require` keeps their users
 * synchronous; the types come from the packages as usual.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const yamlLib = (): typeof import("yaml") => require("yaml") as typeof import("yaml");
export const ajvLib = (): typeof import("ajv") => require("ajv") as typeof import("ajv");
export const picomatchLib = (): typeof import("picomatch") => require("picomatch") as typeof import("picomatch");
export const re2Lib = (): typeof import("re2") => require("re2") as typeof import("re2");
