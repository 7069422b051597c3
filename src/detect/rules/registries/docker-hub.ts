import type { SecretRule } from "../../types.js";
import { randomBody } from "../vcs/helpers.js";

const DOCS = "https://docs.docker.com/security/access-tokens/";

/** Docker Hub personal access tokens: `dckr_pat_` and 27 base64url characters. */
export const dockerHubPersonalToken: SecretRule = {
  id: "docker-hub-personal-access-token",
  kind: "docker-hub-personal-access-token",
  title: "Docker Hub personal access token",
  severity: "critical",
  confidence: "high",
  keywords: ["dckr_pat_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>dckr_pat_[A-Za-z0-9_-]{27})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: randomBody(9, 3.3),
  remediation: "Delete the token (Docker Hub → Account settings → Personal access tokens) and check the repositories for pushed tags you did not make.",
  docs: DOCS,
  examples: {
    match: [
      { text: "echo dckr_pat_C0iZrD9gUGyhd2hqGvSM_nSpwDv | docker login -u ci --password-stdin", secret: "dckr_pat_C0iZrD9gUGyhd2hqGvSM_nSpwDv" },
      { text: "DOCKERHUB_TOKEN=dckr_pat_dxhqrl5FsKtR8T1MbUjI1exkpxd", secret: "dckr_pat_dxhqrl5FsKtR8T1MbUjI1exkpxd" },
      { text: "docker login -u ci -p dckr_pat_gQ2gaxOtLQAgwQSucaUju48kcTs", secret: "dckr_pat_gQ2gaxOtLQAgwQSucaUju48kcTs" },
      { text: '{"username":"ci","password":"dckr_pat_C0iZrD9gUGyhd2hqGvSM_nSpwDv"}', secret: "dckr_pat_C0iZrD9gUGyhd2hqGvSM_nSpwDv" },
      { text: "  password: 'dckr_pat_dxhqrl5FsKtR8T1MbUjI1exkpxd'", secret: "dckr_pat_dxhqrl5FsKtR8T1MbUjI1exkpxd" },
    ],
    noMatch: [
      { text: "DOCKERHUB_TOKEN=dckr_pat_dxhqrl5FsKtR8T1MbUjI1exkpx", why: "26 characters" },
      { text: "DOCKERHUB_TOKEN=dckr_pat_dxhqrl5FsKtR8T1MbUjI1exkpxdd", why: "28 characters" },
      { text: "DOCKERHUB_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "DOCKERHUB_TOKEN=dckr_pat_${DOCKER_TOKEN_SUFFIX_NAME}", why: "template" },
      { text: "DOCKERHUB_TOKEN=dckr_pat_abcdefghijklmnopqrstuvwxyz0", why: "alphabet run" },
    ],
  },
};

/** Docker Hub organization access tokens: `dckr_oat_` and 32 base64url characters. */
export const dockerHubOrganizationToken: SecretRule = {
  id: "docker-hub-organization-access-token",
  kind: "docker-hub-organization-access-token",
  title: "Docker Hub organization access token",
  severity: "critical",
  confidence: "high",
  keywords: ["dckr_oat_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>dckr_oat_[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: randomBody(9, 3.3),
  remediation: "Delete the token (Docker Hub → the organization's Settings → Access tokens) and check its repositories for pushed tags you did not make.",
  docs: "https://docs.docker.com/security/for-admins/access-tokens/",
  examples: {
    match: [
      { text: "DOCKER_ORG_TOKEN=dckr_oat_ayJHV2dH3F1H9iY-_nreKa3YDBIDuAOI", secret: "dckr_oat_ayJHV2dH3F1H9iY-_nreKa3YDBIDuAOI" },
      { text: "echo 'dckr_oat_36XMideJnh4eKrY1lwz8EErmLQMQMQIc' | docker login -u acme --password-stdin", secret: "dckr_oat_36XMideJnh4eKrY1lwz8EErmLQMQMQIc" },
      { text: '{"auths":{"https://index.docker.io/v1/":{"password":"dckr_oat_XIwsAANv2wmNlEDFRSxpDesezj3-2Hfa"}}}', secret: "dckr_oat_XIwsAANv2wmNlEDFRSxpDesezj3-2Hfa" },
      { text: "  registry_password: dckr_oat_ayJHV2dH3F1H9iY-_nreKa3YDBIDuAOI", secret: "dckr_oat_ayJHV2dH3F1H9iY-_nreKa3YDBIDuAOI" },
      { text: "ARG HUB_TOKEN=dckr_oat_36XMideJnh4eKrY1lwz8EErmLQMQMQIc", secret: "dckr_oat_36XMideJnh4eKrY1lwz8EErmLQMQMQIc" },
    ],
    noMatch: [
      { text: "DOCKER_ORG_TOKEN=dckr_oat_ayJHV2dH3F1H9iY-_nreKa3YDBIDuAO", why: "31 characters" },
      { text: "DOCKER_ORG_TOKEN=dckr_oat_ayJHV2dH3F1H9iY-_nreKa3YDBIDuAOII", why: "33 characters" },
      { text: "DOCKER_ORG_TOKEN=dckr_oat_00000000000000000000000000000000", why: "filler" },
      { text: "DOCKER_ORG_TOKEN=dckr_oat_<organization-access-token>", why: "template" },
      { text: "DOCKER_ORG_TOKEN=dckr_xat_ayJHV2dH3F1H9iY-_nreKa3YDBIDuAOI", why: "unknown token type" },
    ],
  },
};

/** Every Docker Hub token kind. */
export const DOCKER_HUB_RULES: readonly SecretRule[] = [dockerHubPersonalToken, dockerHubOrganizationToken];
