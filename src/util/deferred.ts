/**
 * Packages a run may not need, loaded on first use. A `dredge lint` in a pre-commit hook has no
 * config file, user rule, allowlist or baseline, and loading yaml, ajv, picomatch and re2 took
 * ~70 ms of its start-up (CommonJS packages load file by file). `require` keeps their users
 * synchronous; the types come from the packages as usual. Native packages (re2, zstd-napi) also
 * load only when needed, so a missing build fails only what needs it.
 */
import { createRequire } from "node:module";
import { DredgeError } from "./errors.js";

const require = createRequire(import.meta.url);

export const yamlLib = (): typeof import("yaml") => require("yaml") as typeof import("yaml");
export const ajvLib = (): typeof import("ajv") => require("ajv") as typeof import("ajv");
export const picomatchLib = (): typeof import("picomatch") => require("picomatch") as typeof import("picomatch");
export const re2Lib = (): typeof import("re2") => nativeLib("re2", "a user rule's regex (RE2)");

/**
 * A native package, loaded on first use. npm builds it from source by its install script, which
 * npm may skip (`ignore-scripts`, unapproved scripts): then only what needs it fails, with a
 * message that says how to build it, and the rest of a run goes on.
 */
export function nativeLib<T>(name: string, purpose: string, load: (name: string) => unknown = require): T {
  try {
    return load(name) as T;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "MODULE_NOT_FOUND" ? "is not installed or not built" : `cannot be loaded (${(err as Error).message.split("\n")[0]})`;
    throw new DredgeError("native-module", `${purpose} needs the native package ${name}, which ${why}: run \`npm rebuild ${name.split("/")[0]}\` where dredge is installed`);
  }
}

export const zstdLib = (): typeof import("zstd-napi") => nativeLib("zstd-napi", "reading zstd data");
export const zstdBinding = (): typeof import("zstd-napi/binding.js") => nativeLib("zstd-napi/binding.js", "reading zstd data");
