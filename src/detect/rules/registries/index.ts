import type { SecretRule } from "../../types.js";
import { anacondaToken } from "./anaconda.js";
import { clojarsDeployToken } from "./clojars.js";
import { cratesIoToken } from "./crates.js";
import { DOCKER_HUB_RULES } from "./docker-hub.js";
import { gradleCredential } from "./gradle.js";
import { hexApiKey } from "./hex.js";
import { JFROG_RULES } from "./jfrog.js";
import { npmToken } from "./npm.js";
import { nugetApiKey } from "./nuget.js";
import { packagistToken } from "./packagist.js";
import { pypiToken } from "./pypi.js";
import { rubygemsApiKey } from "./rubygems.js";
import { YARN_RULES } from "./yarn.js";

/** Package and artifact registries: npm, PyPI, RubyGems, NuGet, Docker Hub, JFrog, crates.io… */
export const REGISTRY_RULES: readonly SecretRule[] = [
  npmToken,
  pypiToken,
  rubygemsApiKey,
  nugetApiKey,
  ...DOCKER_HUB_RULES,
  ...JFROG_RULES,
  cratesIoToken,
  clojarsDeployToken,
  hexApiKey,
  packagistToken,
  anacondaToken,
  gradleCredential,
  ...YARN_RULES,
];
