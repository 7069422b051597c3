import type { SecretRule } from "../../types.js";
import { githubToken } from "./github.js";

/** Source hosting and CI: GitHub, GitLab, Bitbucket, CircleCI, Travis… */
export const VCS_RULES: readonly SecretRule[] = [githubToken];
