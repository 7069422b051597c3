import type { RuleHit, SecretRule } from "../../types.js";
import { assignment, isRandomLooking, randomBody } from "./helpers.js";

const DOCS = "https://circleci.com/docs/managing-api-tokens/";

/** CircleCI API tokens since 2023: `CCIPAT_`/`CCIPRJ_`, a base58 UUID, `_`, 40 hex. */
function prefixed(prefix: string): RegExp {
  return new RegExp(String.raw`(?<![A-Za-z0-9_])(?<secret>${prefix}(?<id>[1-9A-HJ-NP-Za-km-z]{20,23})_(?<body>[0-9a-f]{40}))(?![A-Za-z0-9_])`);
}

/** Both parts of a prefixed token must look random. */
function check(hit: RuleHit, groups: Record<string, string | undefined>): RuleHit | undefined {
  return isRandomLooking(groups.id ?? "", 3) && isRandomLooking(groups.body ?? "", 3) ? hit : undefined;
}

/** CircleCI personal API tokens, `CCIPAT_`: everything the user can do. */
export const circleciPersonalToken: SecretRule = {
  id: "circleci-personal-api-token",
  kind: "circleci-personal-api-token",
  title: "CircleCI personal API token",
  severity: "critical",
  confidence: "high",
  keywords: ["CCIPAT_"],
  pattern: prefixed("CCIPAT_"),
  priority: 10,
  check,
  remediation: "Delete the token (User settings → Personal API Tokens → Remove) and review the projects' environment variables it could read.",
  docs: DOCS,
  examples: {
    match: [
      { text: "CIRCLECI_TOKEN=CCIPAT_n2gawhmQVPtSrFn1c9ewrL_6ceb683fdc213cbec63e03df066165e8d1c2b3ed", secret: "CCIPAT_n2gawhmQVPtSrFn1c9ewrL_6ceb683fdc213cbec63e03df066165e8d1c2b3ed" },
      { text: "curl -H 'Circle-Token: CCIPAT_nL1Aph7oJ7czMTWNk5QQv8_42eb50bd67bf265a698fb5865de275aece04f67a' https://circleci.com/api/v2/me", secret: "CCIPAT_nL1Aph7oJ7czMTWNk5QQv8_42eb50bd67bf265a698fb5865de275aece04f67a" },
      { text: "token: CCIPAT_cwmKvVjWEJ6AohhPr1ig2r_d36dca1a792bf3d6eb983b1512ad6e4e3c749be5", secret: "CCIPAT_cwmKvVjWEJ6AohhPr1ig2r_d36dca1a792bf3d6eb983b1512ad6e4e3c749be5", path: "/root/.circleci/cli.yml" },
      { text: '{"circle_token":"CCIPAT_n2gawhmQVPtSrFn1c9ewrL_6ceb683fdc213cbec63e03df066165e8d1c2b3ed"}', secret: "CCIPAT_n2gawhmQVPtSrFn1c9ewrL_6ceb683fdc213cbec63e03df066165e8d1c2b3ed" },
      { text: "circleci setup --no-prompt --token CCIPAT_nL1Aph7oJ7czMTWNk5QQv8_42eb50bd67bf265a698fb5865de275aece04f67a", secret: "CCIPAT_nL1Aph7oJ7czMTWNk5QQv8_42eb50bd67bf265a698fb5865de275aece04f67a" },
    ],
    noMatch: [
      { text: "CIRCLECI_TOKEN=CCIPAT_n2gawhmQVPtSrFn1c9ewrL_6ceb683fdc213cbec63e03df066165e8d1c2b3e", why: "39 hex characters" },
      { text: "CIRCLECI_TOKEN=CCIPAT_n2gawhmQVPtSrFn1c9ewrL_6ceb683fdc213cbec63e03df066165e8d1c2b3edf", why: "41 hex characters" },
      { text: "CIRCLECI_TOKEN=CCIPAT_n2gawhmQVPtSrFn1c9ew0L_6ceb683fdc213cbec63e03df066165e8d1c2b3ed", why: "0 is not base58" },
      { text: "CIRCLECI_TOKEN=CCIPAT_xxxxxxxxxxxxxxxxxxxxxx_0000000000000000000000000000000000000000", why: "mask" },
      { text: "CIRCLECI_TOKEN=CCIPAT_<token>", why: "template" },
    ],
  },
};

/** CircleCI project API tokens, `CCIPRJ_`: one project, status, read-only or admin scope. */
export const circleciProjectToken: SecretRule = {
  id: "circleci-project-api-token",
  kind: "circleci-project-api-token",
  title: "CircleCI project API token",
  severity: "high",
  confidence: "high",
  keywords: ["CCIPRJ_"],
  pattern: prefixed("CCIPRJ_"),
  priority: 10,
  check,
  remediation: "Delete the token (Project settings → API Permissions → Remove) and create a new one with the narrowest scope.",
  docs: DOCS,
  examples: {
    match: [
      { text: "CIRCLE_PROJECT_TOKEN=CCIPRJ_8SmKccEVqomMaacZm65e5K_ff77f6ae9e3d9cbdec1cd36466554c5b0650f562", secret: "CCIPRJ_8SmKccEVqomMaacZm65e5K_ff77f6ae9e3d9cbdec1cd36466554c5b0650f562" },
      { text: "![status](https://circleci.com/gh/o/r.svg?style=svg&circle-token=CCIPRJ_Lpwo5QkJhNv1g4BGWuZL5B_f672bd109337eec4f3f0ad84631615a9ba9ad1bf)", secret: "CCIPRJ_Lpwo5QkJhNv1g4BGWuZL5B_f672bd109337eec4f3f0ad84631615a9ba9ad1bf" },
      { text: "  circle_token: 'CCIPRJ_VgK44J7YWZBBGSSBZ1cqZT_daba686ba327ab41f3736cd8b3cf5a63da2120c8'", secret: "CCIPRJ_VgK44J7YWZBBGSSBZ1cqZT_daba686ba327ab41f3736cd8b3cf5a63da2120c8" },
      { text: "curl -u CCIPRJ_8SmKccEVqomMaacZm65e5K_ff77f6ae9e3d9cbdec1cd36466554c5b0650f562: https://circleci.com/api/v1.1/project/gh/o/r", secret: "CCIPRJ_8SmKccEVqomMaacZm65e5K_ff77f6ae9e3d9cbdec1cd36466554c5b0650f562" },
      { text: '{"token": "CCIPRJ_Lpwo5QkJhNv1g4BGWuZL5B_f672bd109337eec4f3f0ad84631615a9ba9ad1bf"}', secret: "CCIPRJ_Lpwo5QkJhNv1g4BGWuZL5B_f672bd109337eec4f3f0ad84631615a9ba9ad1bf" },
    ],
    noMatch: [
      { text: "CIRCLE_PROJECT_TOKEN=CCIPRJ_8SmKccEVqomMaacZm65e5K-ff77f6ae9e3d9cbdec1cd36466554c5b0650f562", why: "dash instead of underscore" },
      { text: "CIRCLE_PROJECT_TOKEN=CCIPRJ_8SmKccEVqomMaacZm65e5K_FF77F6AE9E3D9CBDEC1CD36466554C5B0650F56G", why: "G is not hex" },
      { text: "CIRCLE_PROJECT_TOKEN=CCIPRJ_8SmKccEVqomM_ff77f6ae9e3d9cbdec1cd36466554c5b0650f562", why: "id too short" },
      { text: "CIRCLE_PROJECT_TOKEN=CCIPRJ_aaaaaaaaaaaaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", why: "filler" },
      { text: "CIRCLE_PROJECT_TOKEN=$CCIPRJ_TOKEN", why: "variable reference" },
    ],
  },
};

/** CircleCI tokens of the older format: 40 hex characters, known by their variable or header name. */
export const circleciLegacyToken: SecretRule = {
  id: "circleci-api-token",
  kind: "circleci-api-token",
  title: "CircleCI API token (older format)",
  severity: "high",
  confidence: "medium",
  keywords: ["circle_", "circle-", "circleci", "circletoken"],
  pattern: assignment(String.raw`circle[_-]?(?:ci[_-]?)?(?:api[_-]?|cli[_-]?|project[_-]?)?token`, "[0-9a-f]{40}"),
  priority: 10,
  check: randomBody(0),
  remediation: "Delete the token (User settings → Personal API Tokens, or Project settings → API Permissions) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "CIRCLE_TOKEN=741ae63e772efae6e1a6bdef4e9a91bd6c297c3e", secret: "741ae63e772efae6e1a6bdef4e9a91bd6c297c3e" },
      { text: "CIRCLECI_API_TOKEN: 84b78d72e173e63d194260630dea5a3128c25a86", secret: "84b78d72e173e63d194260630dea5a3128c25a86" },
      { text: "curl -H 'Circle-Token: a71f85328eb7199caa253b853bda23f9c7b8147e' https://circleci.com/api/v2/me", secret: "a71f85328eb7199caa253b853bda23f9c7b8147e" },
      { text: '{"circleci_token": "741ae63e772efae6e1a6bdef4e9a91bd6c297c3e"}', secret: "741ae63e772efae6e1a6bdef4e9a91bd6c297c3e" },
      { text: "export CIRCLE_CLI_TOKEN='84b78d72e173e63d194260630dea5a3128c25a86'", secret: "84b78d72e173e63d194260630dea5a3128c25a86" },
    ],
    noMatch: [
      { text: "CIRCLE_SHA1=741ae63e772efae6e1a6bdef4e9a91bd6c297c3e", why: "a commit hash" },
      { text: "CIRCLE_TOKEN=741ae63e772efae6e1a6bdef4e9a91bd6c297c3", why: "39 characters" },
      { text: "CIRCLE_TOKEN=0000000000000000000000000000000000000000", why: "filler" },
      { text: "CIRCLE_TOKEN=${CIRCLE_TOKEN}", why: "variable reference" },
      { text: "circle_token_sha=741ae63e772efae6e1a6bdef4e9a91bd6c297c3e", why: "a hash of the token, named as such" },
    ],
  },
};

/** Every CircleCI token kind. */
export const CIRCLECI_RULES: readonly SecretRule[] = [circleciPersonalToken, circleciProjectToken, circleciLegacyToken];
