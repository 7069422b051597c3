import type { RuleExamples, SecretRule, Severity } from "../../types.js";
import { isRandomLooking, randomBody } from "./helpers.js";
import { ROUTABLE_TAIL, checkRoutable } from "./routable.js";

const TOKENS = "https://docs.gitlab.com/security/tokens/";

interface GitLabSpec {
  id: string;
  title: string;
  severity: Severity;
  /** Regex source of the documented prefix (GitLab docs, "Token prefixes"). */
  prefix: string;
  keywords: string[];
  /** Regex source of the pre-routable body after the prefix. */
  legacy: string;
  /** Whether the token may also come in the routable format (checksummed). */
  routable: boolean;
  /** Characters that may not follow the token (default: any token character). */
  after?: string;
  remediation: string;
  docs: string;
  examples: RuleExamples;
}

/** A prefixed GitLab token: routable ones must pass their CRC, older ones must look random. */
function gitlab(spec: GitLabSpec): SecretRule {
  const routable = spec.routable ? String.raw`(?<body>[0-9A-Za-z_-]{27,300})${ROUTABLE_TAIL}|` : "";
  return {
    id: spec.id,
    kind: spec.id,
    title: spec.title,
    severity: spec.severity,
    confidence: "high",
    keywords: spec.keywords,
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9_])(?<secret>${spec.prefix}(?:${routable}(?<legacy>${spec.legacy})))(?![${spec.after ?? "A-Za-z0-9_-"}])`),
    priority: 10,
    check: (hit, groups, _ctx, line) => {
      if (groups.body !== undefined) return checkRoutable(hit, groups.body, line);
      return isRandomLooking(groups.legacy ?? "", 3) ? hit : undefined;
    },
    remediation: spec.remediation,
    docs: spec.docs,
    examples: spec.examples,
  };
}

const GLPAT_V1 = "glpat-e9KNblM_P8qFBzAE4SwXfW86MWsKdToyZgk.01.0z0uag8nc";
const GLPAT_V0 = "glpat-FZhZx7gR2hVJyjZzuQjjkW86NQM.0r0ywade7";

/** Personal, impersonation, project and group access tokens, `glpat-`. */
export const gitlabPersonalAccessToken = gitlab({
  id: "gitlab-personal-access-token",
  title: "GitLab personal/project/group access token",
  severity: "critical",
  prefix: "glpat-",
  keywords: ["glpat-"],
  legacy: "[0-9A-Za-z_-]{20}",
  routable: true,
  remediation: "Revoke the token (User settings → Access tokens, or the project/group's Access tokens page, or DELETE /personal_access_tokens/:id) and review the audit events.",
  docs: "https://docs.gitlab.com/user/profile/personal_access_tokens/#revoke-or-rotate-a-personal-access-token",
  examples: {
    match: [
      { text: "GITLAB_TOKEN=glpat-EM1syqKSZMcxAioPJxKm", secret: "glpat-EM1syqKSZMcxAioPJxKm" },
      { text: "git clone https://oauth2:glpat-JMSzT5UFmmLon-QGb1q7@gitlab.com/group/app.git", secret: "glpat-JMSzT5UFmmLon-QGb1q7" },
      { text: `PRIVATE-TOKEN: ${GLPAT_V1}`, secret: GLPAT_V1 },
      { text: `{"token": "${GLPAT_V0}"}`, secret: GLPAT_V0 },
      { text: "ENV CI_TOKEN=acme-glpat-TNAul2OwhdIxsJTSPY1BbW86MWsKdToyZgk.01.0z0xdjs24", secret: "acme-glpat-TNAul2OwhdIxsJTSPY1BbW86MWsKdToyZgk.01.0z0xdjs24" },
      { text: "  token: 'glpat-ixpufxlHzLPrmzKvBlEV'", secret: "glpat-ixpufxlHzLPrmzKvBlEV" },
    ],
    noMatch: [
      { text: "GITLAB_TOKEN=glpat-EM1syqKSZMcxAioPJxK", why: "19 characters" },
      { text: "glpat-e9KNblM_P8qFBzAE4SwXfW86MWsKdToyZgk.01.0z0uag8nd", why: "routable token whose CRC fails" },
      { text: "glpat-e9KNblM_P8qFBzAE4SwXfW86MWsKdToyZgkX.01.0z0uag8nc", why: "payload length holder disagrees" },
      { text: "GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "GITLAB_TOKEN=glpat-1234567890abcdefghij", why: "documentation sequence" },
      { text: "PRIVATE-TOKEN: <your_access_token>", why: "template" },
    ],
  },
});

/** OAuth application secrets, `gloas-`. */
export const gitlabOAuthApplicationSecret = gitlab({
  id: "gitlab-oauth-application-secret",
  title: "GitLab OAuth application secret",
  severity: "high",
  prefix: "gloas-",
  keywords: ["gloas-"],
  legacy: "[0-9A-Za-z_-]{64}",
  routable: false,
  remediation: "Renew the application's secret (Applications → the app → Renew secret) and update the clients that use it.",
  docs: "https://docs.gitlab.com/integration/oauth_provider/",
  examples: {
    match: [
      { text: "GITLAB_APP_SECRET=gloas-TZYTDIY_attRkQLbKp-Q7X_W5uRh_bwZnJRy7OszUZkzABOMIflNqSLloC6bMGyt", secret: "gloas-TZYTDIY_attRkQLbKp-Q7X_W5uRh_bwZnJRy7OszUZkzABOMIflNqSLloC6bMGyt" },
      { text: "client_secret: gloas-cI4U2XlKpv7V7evbxz6X_ec8u8Rv1ZbRD2AMLFg1h-TN4-AAHECMv_M3Sgt50w-k", secret: "gloas-cI4U2XlKpv7V7evbxz6X_ec8u8Rv1ZbRD2AMLFg1h-TN4-AAHECMv_M3Sgt50w-k" },
      { text: '"secret": "gloas-bEV7DDqmrxP6RVWhzNmKB0bIxtx8oIJ8eo8xhPW835r6IAmmTQSFinrS_BOb6Rcp"', secret: "gloas-bEV7DDqmrxP6RVWhzNmKB0bIxtx8oIJ8eo8xhPW835r6IAmmTQSFinrS_BOb6Rcp" },
      { text: "--set gitlab.secret=gloas-TZYTDIY_attRkQLbKp-Q7X_W5uRh_bwZnJRy7OszUZkzABOMIflNqSLloC6bMGyt", secret: "gloas-TZYTDIY_attRkQLbKp-Q7X_W5uRh_bwZnJRy7OszUZkzABOMIflNqSLloC6bMGyt" },
      { text: "config.omniauth :gitlab, 'app-id', 'gloas-cI4U2XlKpv7V7evbxz6X_ec8u8Rv1ZbRD2AMLFg1h-TN4-AAHECMv_M3Sgt50w-k'", secret: "gloas-cI4U2XlKpv7V7evbxz6X_ec8u8Rv1ZbRD2AMLFg1h-TN4-AAHECMv_M3Sgt50w-k" },
    ],
    noMatch: [
      { text: "gloas-TZYTDIY_attRkQLbKp-Q7X_W5uRh_bwZnJRy7OszUZkzABOMIflNqSLloC6bMGy", why: "63 characters" },
      { text: "gloas-TZYTDIY_attRkQLbKp-Q7X_W5uRh_bwZnJRy7OszUZkzABOMIflNqSLloC6bMGytt", why: "65 characters" },
      { text: "gloas-0000000000000000000000000000000000000000000000000000000000000000", why: "filler" },
      { text: "gloas-<application-secret>", why: "template" },
      { text: "xgloas-TZYTDIY_attRkQLbKp-Q7X_W5uRh_bwZnJRy7OszUZkzABOMIflNqSLloC6bMGyt", why: "inside a longer word" },
    ],
  },
});

/** Deploy tokens, `gldt-`. */
export const gitlabDeployToken = gitlab({
  id: "gitlab-deploy-token",
  title: "GitLab deploy token",
  severity: "high",
  prefix: "gldt-",
  keywords: ["gldt-"],
  legacy: "[0-9A-Za-z_-]{20}",
  routable: true,
  remediation: "Revoke the deploy token (Settings → Repository → Deploy tokens → Revoke) and create a new one.",
  docs: "https://docs.gitlab.com/user/project/deploy_tokens/#revoke-a-deploy-token",
  examples: {
    match: [
      { text: "docker login -u gitlab+deploy-token-12 -p gldt-KJd-kjha-zMHRl2FaMph registry.gitlab.com", secret: "gldt-KJd-kjha-zMHRl2FaMph" },
      { text: "DEPLOY_TOKEN=gldt-32zfaiBmNFMCS0WwloxL", secret: "gldt-32zfaiBmNFMCS0WwloxL" },
      { text: '{"auths":{"registry.gitlab.com":{"password":"gldt-_zMPCUiT_w-MZI_pXSQw"}}}', secret: "gldt-_zMPCUiT_w-MZI_pXSQw" },
      { text: "https://gitlab+deploy-token-7:gldt-32zfaiBmNFMCS0WwloxL@gitlab.example.com/g/p.git", secret: "gldt-32zfaiBmNFMCS0WwloxL" },
      { text: "    password: gldt-KJd-kjha-zMHRl2FaMph", secret: "gldt-KJd-kjha-zMHRl2FaMph" },
    ],
    noMatch: [
      { text: "DEPLOY_TOKEN=gldt-32zfaiBmNFMCS0Wwlox", why: "19 characters" },
      { text: "DEPLOY_TOKEN=gldt-32zfaiBmNFMCS0WwloxLq", why: "21 characters" },
      { text: "DEPLOY_TOKEN=gldt-XXXXXXXXXXXXXXXXXXXX", why: "mask" },
      { text: "DEPLOY_TOKEN=gldt-${CI_DEPLOY_PASSWORD}", why: "variable reference" },
      { text: "gldt-aaaaaaaaaabbbbbbbbbb", why: "low entropy" },
    ],
  },
});

/** Runner authentication tokens, `glrt-` (created in the UI) or `glrtr-` (registered with a registration token). */
export const gitlabRunnerAuthenticationToken = gitlab({
  id: "gitlab-runner-authentication-token",
  title: "GitLab runner authentication token",
  severity: "high",
  prefix: "glrtr?-(?:t[1-3]_)?",
  keywords: ["glrt-", "glrtr-"],
  legacy: "[0-9A-Za-z_-]{20}",
  routable: true,
  remediation: "Delete the runner or reset its authentication token (CI/CD → Runners, or POST /runners/:id/reset_authentication_token), then re-register the runner.",
  docs: "https://docs.gitlab.com/api/runners/#reset-runners-authentication-token-by-using-the-runner-id",
  examples: {
    match: [
      { text: '  token = "glrt-0lH9eLSNML-INGTh0TxD"', secret: "glrt-0lH9eLSNML-INGTh0TxD", path: "/etc/gitlab-runner/config.toml" },
      { text: "gitlab-runner register --token glrt-d4BtsgXW3NuwxrZ2fqGz --url https://gitlab.com", secret: "glrt-d4BtsgXW3NuwxrZ2fqGz" },
      { text: "RUNNER_TOKEN=glrt-t1_JFevxVCTnLEPjJB_rnGy1G86MWsKYzoxCA.01.0y1h9v1px", secret: "glrt-t1_JFevxVCTnLEPjJB_rnGy1G86MWsKYzoxCA.01.0y1h9v1px" },
      { text: 'token = "glrtr-t2_quVK4FMgYmxMRu6qVWRLsGc6M2UKbzoxawk.01.0z1rn7mw4"', secret: "glrtr-t2_quVK4FMgYmxMRu6qVWRLsGc6M2UKbzoxawk.01.0z1rn7mw4" },
      { text: "CI_SERVER_TOKEN: glrt-KLoAkaNnoMho-cEaQA4Q", secret: "glrt-KLoAkaNnoMho-cEaQA4Q" },
    ],
    noMatch: [
      { text: "RUNNER_TOKEN=glrt-t1_JFevxVCTnLEPjJB_rnGy1G86MWsKYzoxCA.01.0y1h9v1pq", why: "routable token whose CRC fails" },
      { text: 'token = "glrt-0lH9eLSNML-INGTh0Tx"', why: "19 characters" },
      { text: 'token = "glrt-REDACTED"', why: "redacted" },
      { text: 'token = "glrt-xxxxxxxxxxxxxxxxxxxx"', why: "mask" },
      { text: "docs/glrt-token-format.md", why: "a file name" },
    ],
  },
});

/** Runner registration tokens (deprecated), `GR1348941`. */
export const gitlabRunnerRegistrationToken: SecretRule = {
  id: "gitlab-runner-registration-token",
  kind: "gitlab-runner-registration-token",
  title: "GitLab runner registration token",
  severity: "high",
  confidence: "high",
  keywords: ["GR1348941"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>GR1348941[0-9A-Za-z_-]{20})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: randomBody(9),
  remediation: "Reset the registration token (CI/CD → Runners → Reset registration token) and move to runner authentication tokens.",
  docs: `${TOKENS}#runner-registration-tokens-deprecated`,
  examples: {
    match: [
      { text: "REGISTRATION_TOKEN=GR1348941v-vN74P8ncEwtLH_MqSs", secret: "GR1348941v-vN74P8ncEwtLH_MqSs" },
      { text: "gitlab-runner register --registration-token GR1348941vcvhhBT_jxBiqnBkYwwB", secret: "GR1348941vcvhhBT_jxBiqnBkYwwB" },
      { text: "runnerRegistrationToken: \"GR1348941JB-Ajbi7tjfE73vUw8OB\"", secret: "GR1348941JB-Ajbi7tjfE73vUw8OB" },
      { text: "|1 RUNNER_REG=GR1348941v-vN74P8ncEwtLH_MqSs /bin/sh -c register.sh", secret: "GR1348941v-vN74P8ncEwtLH_MqSs" },
      { text: '{"registration_token":"GR1348941vcvhhBT_jxBiqnBkYwwB"}', secret: "GR1348941vcvhhBT_jxBiqnBkYwwB" },
    ],
    noMatch: [
      { text: "REGISTRATION_TOKEN=GR1348941v-vN74P8ncEwtLH_MqS", why: "19 characters" },
      { text: "REGISTRATION_TOKEN=GR1348941xxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "REGISTRATION_TOKEN=GR1348941", why: "prefix only" },
      { text: "build GR13489410 of project", why: "a number" },
      { text: "XGR1348941v-vN74P8ncEwtLH_MqSs", why: "inside a longer word" },
    ],
  },
};

const JOB_JWT =
  "glcbt-eyJraWQiOiIzZTFKRkFPcnlCQjdaZVJSIiwidHlwIjoiSldUIiwiYWxnIjoiUlMyNTYifQ.eyJ2ZXJzaW9uIjoiMC4xLjAiLCJvIjoiMWsiLCJ1IjoiMmYiLCJwIjoiOXgiLCJpc3MiOiJnaXRsYWIuZXhhbXBsZS5jb20iLCJpYXQiOjE3MTQ1NTA0MDAsIm5iZiI6MTcxNDU1MDM5NSwiZXhwIjoxNzE0NTU0MDAwLCJzdWIiOiI0NzExIiwianRpIjoiNGNjYzYwMDUtZTIwMC00Y2NlLWE0YmUtOWJlYjVjNGVjMmY3IiwiYXVkIjoiZ2l0bGFiLWF1dGh6LXRva2VuIn0.cKgiac-KM0kO6jPUGiYVspypw08f0Jlr7mZFfczVdm181xomH7RgzsKthiFE_q2_-kF1cDj2YHQzUyZ4f8i0qA";

/** True when a JWT's first segment decodes to a JSON header naming its algorithm. */
function hasJwtHeader(jwt: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(jwt.slice(0, jwt.indexOf(".")), "base64url").toString("utf8"));
    return typeof header === "object" && header !== null && "alg" in header;
  } catch {
    return false;
  }
}

/** CI/CD job tokens, `glcbt-`: `<partition id in hex>_<20>` or, on newer versions, a JWT. Valid while the job runs. */
export const gitlabCiJobToken: SecretRule = {
  ...gitlab({
    id: "gitlab-ci-job-token",
    title: "GitLab CI/CD job token",
    severity: "medium",
    prefix: "glcbt-",
    keywords: ["glcbt-"],
    legacy: String.raw`[0-9a-fA-F]{1,5}_[0-9A-Za-z_-]{20}|eyJ[0-9A-Za-z_-]{10,1000}\.eyJ[0-9A-Za-z_-]{10,4000}\.[0-9A-Za-z_-]{16,1000}`,
    routable: false,
    remediation: "The token dies with its job; find out how it was written into the image (a RUN that saved CI_JOB_TOKEN) and stop it, and cancel the job if it still runs.",
    docs: "https://docs.gitlab.com/ci/jobs/ci_job_token/",
    examples: {
      match: [
        { text: "CI_JOB_TOKEN=glcbt-ae_2LFNmZKyQlU6Iszd9g9O", secret: "glcbt-ae_2LFNmZKyQlU6Iszd9g9O" },
        { text: "https://gitlab-ci-token:glcbt-ad_yAimyTy1sWdQGvtGkXaJ@gitlab.com/g/dep.git", secret: "glcbt-ad_yAimyTy1sWdQGvtGkXaJ" },
        { text: "//gitlab.com/api/v4/packages/npm/:_authToken=glcbt-c9_k0VRjpKmPj2xnTCG4X9A", secret: "glcbt-c9_k0VRjpKmPj2xnTCG4X9A" },
        { text: `JOB-TOKEN: ${JOB_JWT}`, secret: JOB_JWT },
        { text: "|2 CI_JOB_TOKEN=glcbt-ae_2LFNmZKyQlU6Iszd9g9O CI=true /bin/sh -c make", secret: "glcbt-ae_2LFNmZKyQlU6Iszd9g9O" },
      ],
      noMatch: [
        { text: "CI_JOB_TOKEN=glcbt-ae_2LFNmZKyQlU6Iszd9g9", why: "19 characters after the partition" },
        { text: "CI_JOB_TOKEN=glcbt-2LFNmZKyQlU6Iszd9g9Oab", why: "no partition id" },
        { text: "CI_JOB_TOKEN=glcbt-64_xxxxxxxxxxxxxxxxxxxx", why: "mask" },
        { text: "glcbt-eyJub3QiOiJhIGhlYWRlciJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl", why: "JWT whose header names no algorithm" },
        { text: "CI_JOB_TOKEN=${CI_JOB_TOKEN}", why: "variable reference" },
      ],
    },
  }),
  check: (hit, groups) => {
    const body = groups.legacy ?? "";
    if (body.startsWith("eyJ")) return hasJwtHeader(body) ? hit : undefined;
    return isRandomLooking(body.slice(body.indexOf("_") + 1), 3) ? hit : undefined;
  },
};

/** Pipeline trigger tokens, `glptt-`. */
export const gitlabPipelineTriggerToken = gitlab({
  id: "gitlab-pipeline-trigger-token",
  title: "GitLab pipeline trigger token",
  severity: "high",
  prefix: "glptt-",
  keywords: ["glptt-"],
  legacy: "[0-9A-Za-z_-]{40}",
  routable: false,
  remediation: "Revoke the trigger token (Settings → CI/CD → Pipeline trigger tokens) and create a new one.",
  docs: "https://docs.gitlab.com/ci/triggers/#revoke-a-pipeline-trigger-token",
  examples: {
    match: [
      { text: "curl -X POST -F token=glptt-26d44901ca078a918f5abfa73fa609479ad5d107 -F ref=main https://gitlab.com/api/v4/projects/9/trigger/pipeline", secret: "glptt-26d44901ca078a918f5abfa73fa609479ad5d107" },
      { text: "TRIGGER_TOKEN=glptt-f865ed7e65da19d91dd3d303b1996a042262208e", secret: "glptt-f865ed7e65da19d91dd3d303b1996a042262208e" },
      { text: "https://gitlab.com/api/v4/projects/9/ref/main/trigger/pipeline?token=glptt-d93f73bfc6b4c5c478b6c17356929c8d856a14fc", secret: "glptt-d93f73bfc6b4c5c478b6c17356929c8d856a14fc" },
      { text: "trigger_token: 'glptt-26d44901ca078a918f5abfa73fa609479ad5d107'", secret: "glptt-26d44901ca078a918f5abfa73fa609479ad5d107" },
      { text: '{"token":"glptt-f865ed7e65da19d91dd3d303b1996a042262208e"}', secret: "glptt-f865ed7e65da19d91dd3d303b1996a042262208e" },
    ],
    noMatch: [
      { text: "TRIGGER_TOKEN=glptt-26d44901ca078a918f5abfa73fa609479ad5d10", why: "39 characters" },
      { text: "TRIGGER_TOKEN=glptt-26d44901ca078a918f5abfa73fa609479ad5d1077", why: "41 characters" },
      { text: "TRIGGER_TOKEN=glptt-0000000000000000000000000000000000000000", why: "filler" },
      { text: "TRIGGER_TOKEN=glptt-<token>", why: "template" },
      { text: "TRIGGER_TOKEN=glptt-0123456789abcdef0123456789abcdef01234567", why: "documentation sequence" },
    ],
  },
});

/** Feed tokens, `glft-`: the user's long-lived token or a per-feed `glft-<hex digest>-<user id>`. */
export const gitlabFeedToken = gitlab({
  id: "gitlab-feed-token",
  title: "GitLab feed token",
  severity: "medium",
  prefix: "glft-",
  keywords: ["glft-"],
  legacy: "[0-9a-f]{32,64}-[0-9]{1,12}|[0-9A-Za-z_-]{20}",
  routable: true,
  remediation: "Reset the feed token (User settings → Access tokens → Reset feed token); it reads the user's activity including confidential issues.",
  docs: "https://docs.gitlab.com/user/profile/contributions_calendar/#reset-the-user-activity-feed-token",
  examples: {
    match: [
      { text: "https://gitlab.com/dashboard/projects.atom?feed_token=glft-g__e7OxKOJ2JnTC28wD0", secret: "glft-g__e7OxKOJ2JnTC28wD0" },
      { text: "FEED_TOKEN=glft-nfcfBpQTmfiKEWQ0sMNx", secret: "glft-nfcfBpQTmfiKEWQ0sMNx" },
      {
        text: "https://gitlab.com/g/p/-/issues.ics?feed_token=glft-2558136a92c626b404ed3e9b3ed799192789653611ba3b2bc5ffdc1c8290b6a6-311909",
        secret: "glft-2558136a92c626b404ed3e9b3ed799192789653611ba3b2bc5ffdc1c8290b6a6-311909",
      },
      { text: "calendar_url: 'https://gitlab.example.com/-/calendar.ics?feed_token=glft-tf-b28Lj6P0Wg6YUJ0F5'", secret: "glft-tf-b28Lj6P0Wg6YUJ0F5" },
      { text: '{"feed_token":"glft-nfcfBpQTmfiKEWQ0sMNx"}', secret: "glft-nfcfBpQTmfiKEWQ0sMNx" },
    ],
    noMatch: [
      { text: "feed_token=glft-nfcfBpQTmfiKEWQ0sMN", why: "19 characters" },
      { text: "feed_token=glft-xxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "feed_token=glft-2558136a92c626b404ed3e9b3ed79919-", why: "per-feed token without its user id" },
      { text: "feed_token=glft-...", why: "elided" },
      { text: "sglft-nfcfBpQTmfiKEWQ0sMNx", why: "inside a longer word" },
    ],
  },
});

/** Incoming email tokens, `glimt-`: whoever has one can open issues and merge requests as the user. */
export const gitlabIncomingMailToken = gitlab({
  id: "gitlab-incoming-mail-token",
  title: "GitLab incoming email token",
  severity: "medium",
  prefix: "glimt-",
  keywords: ["glimt-"],
  legacy: "[0-9a-z]{24,25}",
  routable: true,
  // Incoming addresses go on after the token: `incoming+group-project-glimt-<token>-issue@…`.
  after: "A-Za-z0-9_",
  remediation: "Reset the incoming email token (User settings → Access tokens → Reset incoming email token).",
  docs: `${TOKENS}#incoming-email-token`,
  examples: {
    match: [
      { text: "gitlab-incoming+g-p-glimt-clrebs5jxfaq4f68vckkriqhw-issue@gitlab.example.com", secret: "glimt-clrebs5jxfaq4f68vckkriqhw" },
      { text: "ISSUE_EMAIL_TOKEN=glimt-f4dtok19nf1phtdxfrky2beys", secret: "glimt-f4dtok19nf1phtdxfrky2beys" },
      { text: "to: 'incoming+glimt-18ch0s59277q4fuu108t8244l@gitlab.example.com'", secret: "glimt-18ch0s59277q4fuu108t8244l" },
      { text: '{"incoming_email_token": "glimt-clrebs5jxfaq4f68vckkriqhw"}', secret: "glimt-clrebs5jxfaq4f68vckkriqhw" },
      { text: "token glimt-f4dtok19nf1phtdxfrky2bey", secret: "glimt-f4dtok19nf1phtdxfrky2bey" },
    ],
    noMatch: [
      { text: "glimt-f4dtok19nf1phtdxfrky2beysq", why: "26 characters" },
      { text: "glimt-f4dtok19nf1phtdxfrky", why: "20 characters" },
      { text: "glimt-zzzzzzzzzzzzzzzzzzzzzzzzz", why: "filler" },
      { text: "glimt-<incoming_email_token>", why: "template" },
      { text: "Bodo/glimt-supporters-club-members-list", why: "prose" },
    ],
  },
});

/** GitLab agent for Kubernetes tokens, `glagent-`. */
export const gitlabAgentToken = gitlab({
  id: "gitlab-agent-token",
  title: "GitLab agent for Kubernetes token",
  severity: "high",
  prefix: "glagent-",
  keywords: ["glagent-"],
  legacy: "[0-9A-Za-z_-]{50}",
  routable: true,
  remediation: "Revoke the agent token (Operate → Kubernetes clusters → the agent → Access tokens → Revoke) and create a new one for the cluster.",
  docs: "https://docs.gitlab.com/user/clusters/agent/work_with_agent/#reset-the-agent-token",
  examples: {
    match: [
      { text: "helm upgrade --install agent gitlab/gitlab-agent --set config.token=glagent-Mv6OrUR8G3fZaxHib8ZLD45_m6w_qPjw25qDDPELJJk4wDiVCV", secret: "glagent-Mv6OrUR8G3fZaxHib8ZLD45_m6w_qPjw25qDDPELJJk4wDiVCV" },
      { text: "  token: glagent-WVsA3-mptLig8_Uk7HzmqZfR7-JwTuuX6wGHH_MIwyL_afI6QN", secret: "glagent-WVsA3-mptLig8_Uk7HzmqZfR7-JwTuuX6wGHH_MIwyL_afI6QN" },
      { text: "AGENT_TOKEN=glagent-X2GB-dz3zrujeasagTyL0W86MWsKcDo5eAk.01.0z0dhglv1", secret: "glagent-X2GB-dz3zrujeasagTyL0W86MWsKcDo5eAk.01.0z0dhglv1" },
      { text: "echo -n 'glagent-Jxu0xWJfY1wKbgh4RN8mcDtPfOJnLKr6aNZImEBV2-p9nbYfPm' > token", secret: "glagent-Jxu0xWJfY1wKbgh4RN8mcDtPfOJnLKr6aNZImEBV2-p9nbYfPm" },
      { text: '{"token":"glagent-6cD8KN035F1Z4uitHWhFNW86MWsKcDo5eAk.01.0z0tfqqnq"}', secret: "glagent-6cD8KN035F1Z4uitHWhFNW86MWsKcDo5eAk.01.0z0tfqqnq" },
    ],
    noMatch: [
      { text: "token: glagent-Mv6OrUR8G3fZaxHib8ZLD45_m6w_qPjw25qDDPELJJk4wDiVC", why: "49 characters" },
      { text: "token: glagent-X2GB-dz3zrujeasagTyL0W86MWsKcDo5eAk.01.0z0dhglv2", why: "routable token whose CRC fails" },
      { text: "Clusters::AgentToken.find_by_token('glagent-xxx')", why: "documentation placeholder" },
      { text: "token: glagent-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "image: registry.gitlab.com/gitlab-org/cluster-integration/gitlab-agent/glagent-server:v17.0.0", why: "an image name" },
    ],
  },
});

/** SCIM tokens, `glsoat-`. */
export const gitlabScimToken = gitlab({
  id: "gitlab-scim-token",
  title: "GitLab SCIM token",
  severity: "high",
  prefix: "glsoat-",
  keywords: ["glsoat-"],
  legacy: "[0-9A-Za-z_-]{20}",
  routable: true,
  remediation: "Reset the SCIM token (Group → Settings → SAML SSO → Reset SCIM token) and update the identity provider.",
  docs: "https://docs.gitlab.com/user/group/saml_sso/scim_setup/",
  examples: {
    match: [
      { text: "SCIM_TOKEN=glsoat-u3Mi5W_ccfZCn2PpptMn", secret: "glsoat-u3Mi5W_ccfZCn2PpptMn" },
      { text: "Authorization: Bearer glsoat-uMLLeQOdEzVKhMlxCBeW", secret: "glsoat-uMLLeQOdEzVKhMlxCBeW" },
      { text: '"scim_token": "glsoat-wUpziZYQUzGelX9y16V7"', secret: "glsoat-wUpziZYQUzGelX9y16V7" },
      { text: "okta_scim_secret: glsoat-u3Mi5W_ccfZCn2PpptMn", secret: "glsoat-u3Mi5W_ccfZCn2PpptMn" },
      { text: "terraform apply -var scim=glsoat-uMLLeQOdEzVKhMlxCBeW", secret: "glsoat-uMLLeQOdEzVKhMlxCBeW" },
    ],
    noMatch: [
      { text: "SCIM_TOKEN=glsoat-u3Mi5W_ccfZCn2PpptM", why: "19 characters" },
      { text: "SCIM_TOKEN=glsoat-u3Mi5W_ccfZCn2PpptMnn", why: "21 characters" },
      { text: "SCIM_TOKEN=glsoat-********************", why: "mask" },
      { text: "SCIM_TOKEN=glsoat-aaaaaaaaaaaaaaaaaaaa", why: "filler" },
      { text: "SCIM_TOKEN=glsoat-{{ scim_token }}", why: "template" },
    ],
  },
});

/** Feature flags client tokens, `glffct-`: they only read a project's feature flag configuration. */
export const gitlabFeatureFlagsClientToken = gitlab({
  id: "gitlab-feature-flags-client-token",
  title: "GitLab feature flags client token",
  severity: "low",
  prefix: "glffct-",
  keywords: ["glffct-"],
  legacy: "[0-9A-Za-z_-]{20}",
  routable: true,
  remediation: "Reset the instance ID / client token (Deploy → Feature flags → Configure → Reset) and update the Unleash clients.",
  docs: "https://docs.gitlab.com/operations/feature_flags/",
  examples: {
    match: [
      { text: "UNLEASH_INSTANCE_ID=glffct-m5zaTAm4AK9-xTGsL-Vt", secret: "glffct-m5zaTAm4AK9-xTGsL-Vt" },
      { text: "instanceId: 'glffct-9SOvw1jqMZ0nrr_A9Vlt',", secret: "glffct-9SOvw1jqMZ0nrr_A9Vlt" },
      { text: '"UNLEASH-INSTANCEID": "glffct-LcohZoToBXTBEma7uS6d"', secret: "glffct-LcohZoToBXTBEma7uS6d" },
      { text: "unleash.instance_id=glffct-m5zaTAm4AK9-xTGsL-Vt", secret: "glffct-m5zaTAm4AK9-xTGsL-Vt" },
      { text: "ENV UNLEASH_INSTANCE_ID glffct-9SOvw1jqMZ0nrr_A9Vlt", secret: "glffct-9SOvw1jqMZ0nrr_A9Vlt" },
    ],
    noMatch: [
      { text: "UNLEASH_INSTANCE_ID=glffct-m5zaTAm4AK9-xTGsL-V", why: "19 characters" },
      { text: "UNLEASH_INSTANCE_ID=glffct-xxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "UNLEASH_INSTANCE_ID=glffct-$INSTANCE", why: "variable reference" },
      { text: "UNLEASH_INSTANCE_ID=glffct-abcdefghijklmnopqrst", why: "alphabet run" },
      { text: "UNLEASH_INSTANCE_ID=29QmjsW6KngPR5JNPMWx", why: "no prefix (older token)" },
    ],
  },
});

/** GitLab session cookies, `_gitlab_session=<32 hex>`: a signed-in browser session. */
export const gitlabSessionCookie: SecretRule = {
  id: "gitlab-session-cookie",
  kind: "gitlab-session-cookie",
  title: "GitLab session cookie",
  severity: "high",
  confidence: "high",
  keywords: ["_gitlab_session"],
  // Cookie headers, Netscape cookie jars (name TAB value), JSON exports ("name": …, "value": …), YAML.
  pattern: /(?<![A-Za-z0-9_])_gitlab_session(?:=|\t|\\?["']\s*,\s*\\?["']value\\?["']\s*:\s*\\?["']|:\s*["']?)(?<secret>[0-9a-f]{32})(?![0-9A-Za-z])/,
  priority: 10,
  check: randomBody(0),
  remediation: "Revoke the session (User settings → Active sessions → Revoke) and sign out everywhere.",
  docs: "https://docs.gitlab.com/user/profile/active_sessions/",
  examples: {
    match: [
      { text: "Cookie: _gitlab_session=4c4700386f2c255a457bc2abf483e532; preferred_language=en", secret: "4c4700386f2c255a457bc2abf483e532" },
      { text: "curl -b '_gitlab_session=b288c02b26366f9cb5b311b85a1ec6f4' https://gitlab.example.com/api/v4/user", secret: "b288c02b26366f9cb5b311b85a1ec6f4" },
      { text: "gitlab.example.com\tFALSE\t/\tTRUE\t0\t_gitlab_session\t2de95238d10c1f7f8cdee820f963d795", secret: "2de95238d10c1f7f8cdee820f963d795" },
      { text: '{"name": "_gitlab_session", "value": "4c4700386f2c255a457bc2abf483e532"}', secret: "4c4700386f2c255a457bc2abf483e532" },
      { text: "Set-Cookie: _gitlab_session=b288c02b26366f9cb5b311b85a1ec6f4; path=/; HttpOnly", secret: "b288c02b26366f9cb5b311b85a1ec6f4" },
    ],
    noMatch: [
      { text: "Cookie: _gitlab_session=4c4700386f2c255a457bc2abf483e53", why: "31 characters" },
      { text: "Cookie: _gitlab_session=00000000000000000000000000000000", why: "filler" },
      { text: "Cookie: _gitlab_session=<session>", why: "template" },
      { text: "session_cookie_name = '_gitlab_session'", why: "configuration naming the cookie" },
      { text: "Cookie: _gitlab_session=4c4700386f2c255a457bc2abf483e532ff", why: "longer than a session id" },
    ],
  },
};

/** Every GitLab token kind in the documented prefix table. */
export const GITLAB_RULES: readonly SecretRule[] = [
  gitlabPersonalAccessToken,
  gitlabOAuthApplicationSecret,
  gitlabDeployToken,
  gitlabRunnerAuthenticationToken,
  gitlabRunnerRegistrationToken,
  gitlabCiJobToken,
  gitlabPipelineTriggerToken,
  gitlabFeedToken,
  gitlabIncomingMailToken,
  gitlabAgentToken,
  gitlabScimToken,
  gitlabFeatureFlagsClientToken,
  gitlabSessionCookie,
];
