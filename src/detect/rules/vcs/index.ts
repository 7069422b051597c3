import type { SecretRule } from "../../types.js";
import { asanaToken } from "./asana.js";
import { atlassianApiToken } from "./atlassian.js";
import { BITBUCKET_RULES } from "./bitbucket.js";
import { BUILDKITE_RULES } from "./buildkite.js";
import { CIRCLECI_RULES } from "./circleci.js";
import { codecovToken } from "./codecov.js";
import { droneToken } from "./drone.js";
import { GITHUB_RULES } from "./github.js";
import { GITLAB_RULES } from "./gitlab.js";
import { jenkinsApiToken } from "./jenkins.js";
import { linearApiKey } from "./linear.js";
import { notionToken } from "./notion.js";
import { postmanApiKey } from "./postman.js";
import { snykToken } from "./snyk.js";
import { SONARQUBE_RULES } from "./sonarqube.js";
import { sourcegraphAccessToken } from "./sourcegraph.js";
import { teamcityAccessToken } from "./teamcity.js";
import { travisApiToken } from "./travis.js";

/** Source hosting, CI and developer services: GitHub, GitLab, Atlassian, CircleCI, Buildkite… */
export const VCS_RULES: readonly SecretRule[] = [
  ...GITHUB_RULES,
  ...GITLAB_RULES,
  atlassianApiToken,
  ...BITBUCKET_RULES,
  ...CIRCLECI_RULES,
  travisApiToken,
  ...BUILDKITE_RULES,
  droneToken,
  jenkinsApiToken,
  teamcityAccessToken,
  codecovToken,
  ...SONARQUBE_RULES,
  snykToken,
  sourcegraphAccessToken,
  linearApiKey,
  notionToken,
  postmanApiKey,
  asanaToken,
];
