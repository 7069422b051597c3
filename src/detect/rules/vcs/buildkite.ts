import type { SecretRule } from "../../types.js";
import { assignment, randomAlphanumericBody, randomBody } from "./helpers.js";

/** Buildkite API access tokens, `bkua_` and 40 hex. */
export const buildkiteApiToken: SecretRule = {
  id: "buildkite-api-access-token",
  kind: "buildkite-api-access-token",
  title: "Buildkite API access token",
  severity: "high",
  confidence: "high",
  keywords: ["bkua_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>bkua_[0-9a-f]{40})(?![A-Za-z0-9_])/,
  priority: 10,
  check: randomBody(5),
  remediation: "Revoke the token (Personal settings → API Access Tokens → Revoke) and create a new one with fewer scopes.",
  docs: "https://buildkite.com/docs/apis/managing-api-tokens",
  examples: {
    match: [
      { text: "BUILDKITE_API_TOKEN=bkua_9bc32c43612b429df68a8d0be80e1a479748b944", secret: "bkua_9bc32c43612b429df68a8d0be80e1a479748b944" },
      { text: 'curl -H "Authorization: Bearer bkua_b41367ce1dcf55c9177b95674f0d725d2047988e" https://api.buildkite.com/v2/user', secret: "bkua_b41367ce1dcf55c9177b95674f0d725d2047988e" },
      { text: "  api_token: bkua_ce3dabb99dd3250758e41853501b48426122ac22", secret: "bkua_ce3dabb99dd3250758e41853501b48426122ac22" },
      { text: '{"token":"bkua_9bc32c43612b429df68a8d0be80e1a479748b944"}', secret: "bkua_9bc32c43612b429df68a8d0be80e1a479748b944" },
      { text: "bk configure --token bkua_b41367ce1dcf55c9177b95674f0d725d2047988e", secret: "bkua_b41367ce1dcf55c9177b95674f0d725d2047988e" },
    ],
    noMatch: [
      { text: "BUILDKITE_API_TOKEN=bkua_9bc32c43612b429df68a8d0be80e1a479748b94", why: "39 characters" },
      { text: "BUILDKITE_API_TOKEN=bkua_9bc32c43612b429df68a8d0be80e1a479748b9445", why: "41 characters" },
      { text: "BUILDKITE_API_TOKEN=bkua_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", why: "mask" },
      { text: "BUILDKITE_API_TOKEN=bkua_0000000000000000000000000000000000000000", why: "filler" },
      { text: "BUILDKITE_API_TOKEN=bkua_<token>", why: "template" },
    ],
  },
};

/** Buildkite agent tokens, known by their name (`BUILDKITE_AGENT_TOKEN`, `token=` after `buildkite-agent`). */
export const buildkiteAgentToken: SecretRule = {
  id: "buildkite-agent-token",
  kind: "buildkite-agent-token",
  title: "Buildkite agent token",
  severity: "high",
  confidence: "medium",
  keywords: ["buildkite"],
  pattern: assignment(String.raw`buildkite[_.-]?agent[_.-]?(?:registration[_.-]?)?token`, "(?:bkct_)?[A-Za-z0-9]{32,64}"),
  priority: 10,
  check: randomAlphanumericBody(0),
  remediation: "Revoke the agent token (Agents → Agent Tokens, or the cluster's Agent Tokens) and re-register the agents with a new one.",
  docs: "https://buildkite.com/docs/agent/v3/tokens",
  examples: {
    match: [
      { text: "BUILDKITE_AGENT_TOKEN=p0PUgpQGd3E2NCwiGGKXfoCoFNp9MQ4R0yzJL3sdZujEJnJPq3", secret: "p0PUgpQGd3E2NCwiGGKXfoCoFNp9MQ4R0yzJL3sdZujEJnJPq3" },
      { text: "docker run -e BUILDKITE_AGENT_TOKEN=yP3adqL2YtrKdwClTKbPAdjN0kf4ixxhLN3uFHqdBVm1HpHOWC buildkite/agent", secret: "yP3adqL2YtrKdwClTKbPAdjN0kf4ixxhLN3uFHqdBVm1HpHOWC" },
      { text: "  buildkite_agent_token: 'fH1ju5WsbsM4hkPoEyZEYzH9RE3qpKKa1HCq4QTAOgKhSIevme'", secret: "fH1ju5WsbsM4hkPoEyZEYzH9RE3qpKKa1HCq4QTAOgKhSIevme" },
      { text: "ENV BUILDKITE_AGENT_TOKEN p0PUgpQGd3E2NCwiGGKXfoCoFNp9MQ4R0yzJL3sdZujEJnJPq3", secret: "p0PUgpQGd3E2NCwiGGKXfoCoFNp9MQ4R0yzJL3sdZujEJnJPq3" },
      { text: '{"BuildkiteAgentToken": "yP3adqL2YtrKdwClTKbPAdjN0kf4ixxhLN3uFHqdBVm1HpHOWC"}', secret: "yP3adqL2YtrKdwClTKbPAdjN0kf4ixxhLN3uFHqdBVm1HpHOWC" },
    ],
    noMatch: [
      { text: "BUILDKITE_AGENT_TOKEN=${BUILDKITE_AGENT_TOKEN}", why: "variable reference" },
      { text: "BUILDKITE_AGENT_TOKEN_PATH=/run/secrets/buildkite_agent_token", why: "a path to the token" },
      { text: "BUILDKITE_AGENT_TOKEN=p0PUgpQGd3E2NCwiGGKXfo", why: "too short" },
      { text: "BUILDKITE_AGENT_NAME=p0PUgpQGd3E2NCwiGGKXfoCoFNp9MQ4R0yzJL3sdZujEJnJPq3", why: "not the token" },
      { text: "BUILDKITE_AGENT_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** Every Buildkite token kind. */
export const BUILDKITE_RULES: readonly SecretRule[] = [buildkiteApiToken, buildkiteAgentToken];
