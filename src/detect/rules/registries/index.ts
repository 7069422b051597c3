import type { SecretRule } from "../../types.js";
import { npmToken } from "./npm.js";

/** Package registries: npm, PyPI, RubyGems, NuGet, Docker Hub, JFrog… */
export const REGISTRY_RULES: readonly SecretRule[] = [npmToken];
