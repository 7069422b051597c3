import type { SecretRule } from "../../types.js";
import { assignment, randomBody } from "./helpers.js";

/** Jenkins API tokens: `11` and 32 hex (older ones: 32 hex), known by their name. */
export const jenkinsApiToken: SecretRule = {
  id: "jenkins-api-token",
  kind: "jenkins-api-token",
  title: "Jenkins API token",
  severity: "high",
  confidence: "medium",
  keywords: ["jenkins"],
  // Also `curl -u user:TOKEN https://jenkins…`, the documented way to use one (the keyword keeps it to lines naming Jenkins).
  pattern: assignment(String.raw`jenkins[_.-]?(?:api[_.-]?|user[_.-]?)?(?:token|password|pass)`, "(?:11)?[0-9a-f]{32}", true, String.raw`(?:-u|--user)\s*["']?[^\s:"']{1,64}:`),
  priority: 10,
  check: (hit) => randomBody(hit.secret.length === 34 ? 2 : 0)(hit),
  remediation: "Revoke the token (the user's Security page → API Token → Revoke) and create a new one; check the Jenkins audit trail.",
  docs: "https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/",
  examples: {
    match: [
      { text: "JENKINS_API_TOKEN=11a629b9dc463686f7c5f5a43a90d12bda", secret: "11a629b9dc463686f7c5f5a43a90d12bda" },
      { text: "jenkins_token: 11312bb332d8904cb53b8ad9550fa262f1", secret: "11312bb332d8904cb53b8ad9550fa262f1" },
      { text: "export JENKINS_PASSWORD='114c1f42d13bed2639ed027823e72a9805'", secret: "114c1f42d13bed2639ed027823e72a9805" },
      { text: '{"jenkinsApiToken": "4c4700386f2c255a457bc2abf483e532"}', secret: "4c4700386f2c255a457bc2abf483e532" },
      { text: "ENV JENKINS_USER_TOKEN 11a629b9dc463686f7c5f5a43a90d12bda", secret: "11a629b9dc463686f7c5f5a43a90d12bda" },
      { text: "curl -X POST -u ci-bot:11312bb332d8904cb53b8ad9550fa262f1 https://jenkins.example.com/job/deploy/build", secret: "11312bb332d8904cb53b8ad9550fa262f1" },
    ],
    noMatch: [
      { text: "JENKINS_API_TOKEN=11a629b9dc463686f7c5f5a43a90d12bd", why: "33 characters" },
      { text: "JENKINS_API_TOKEN=${JENKINS_API_TOKEN}", why: "variable reference" },
      { text: "JENKINS_URL=https://jenkins.example.com", why: "the server address" },
      { text: "JENKINS_API_TOKEN=1100000000000000000000000000000000", why: "filler" },
      { text: "JENKINS_BUILD_SHA=11a629b9dc463686f7c5f5a43a90d12bda", why: "not a token variable" },
      { text: "curl -u ci-bot:$JENKINS_TOKEN https://jenkins.example.com/job/deploy/build", why: "token from the environment" },
    ],
  },
};
