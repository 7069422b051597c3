import type { RuleExamples, SecretRule, Severity } from "../../types.js";
import { randomBody } from "./helpers.js";

const DOCS = "https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/";

/** A SonarQube/SonarCloud token: a 4-character prefix naming its type and 40 hex characters. */
function sonar(prefix: string, spec: { id: string; title: string; severity: Severity; examples: RuleExamples }): SecretRule {
  return {
    id: spec.id,
    kind: spec.id,
    title: spec.title,
    severity: spec.severity,
    confidence: "high",
    keywords: [prefix],
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9_])(?<secret>${prefix}[0-9a-f]{40})(?![A-Za-z0-9_])`),
    priority: 10,
    check: randomBody(4),
    remediation: "Revoke the token (My Account → Security → Revoke, or Administration → Security for global tokens) and generate a new one.",
    docs: DOCS,
    examples: spec.examples,
  };
}

/** SonarQube user tokens, `squ_`: the user's permissions on every project. */
export const sonarUserToken = sonar("squ_", {
  id: "sonarqube-user-token",
  title: "SonarQube user token",
  severity: "high",
  examples: {
    match: [
      { text: "SONAR_TOKEN=squ_1f370d82a6eb01481ed4d11d0b8130b7764242d1", secret: "squ_1f370d82a6eb01481ed4d11d0b8130b7764242d1" },
      { text: "mvn sonar:sonar -Dsonar.token=squ_5f442bdf8f2e4bee012c4628bece22284af66627", secret: "squ_5f442bdf8f2e4bee012c4628bece22284af66627" },
      { text: "sonar.login=squ_3bac08c1bb74fd697e27b2a20f532ea62d772213", secret: "squ_3bac08c1bb74fd697e27b2a20f532ea62d772213" },
      { text: "curl -u squ_1f370d82a6eb01481ed4d11d0b8130b7764242d1: https://sonar.example.com/api/projects/search", secret: "squ_1f370d82a6eb01481ed4d11d0b8130b7764242d1" },
      { text: '{"sonarToken":"squ_5f442bdf8f2e4bee012c4628bece22284af66627"}', secret: "squ_5f442bdf8f2e4bee012c4628bece22284af66627" },
    ],
    noMatch: [
      { text: "SONAR_TOKEN=squ_1f370d82a6eb01481ed4d11d0b8130b7764242d", why: "39 characters" },
      { text: "SONAR_TOKEN=squ_1f370d82a6eb01481ed4d11d0b8130b7764242d1a", why: "41 characters" },
      { text: "SONAR_TOKEN=squ_0000000000000000000000000000000000000000", why: "filler" },
      { text: "SONAR_TOKEN=squ_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", why: "mask" },
      { text: "SONAR_TOKEN=squ_${TOKEN}", why: "variable reference" },
    ],
  },
});

/** SonarQube project analysis tokens, `sqp_`: run analyses of one project. */
export const sonarProjectToken = sonar("sqp_", {
  id: "sonarqube-project-analysis-token",
  title: "SonarQube project analysis token",
  severity: "medium",
  examples: {
    match: [
      { text: "SONAR_TOKEN=sqp_4dfe42f5ad099dd6726eabddce67c945189a8626", secret: "sqp_4dfe42f5ad099dd6726eabddce67c945189a8626" },
      { text: "sonar-scanner -Dsonar.token=sqp_c715f46dd5e13740294bd67a7619539af00a993c", secret: "sqp_c715f46dd5e13740294bd67a7619539af00a993c" },
      { text: "sonar.token=sqp_d8dc5c2bcad8c782971b05ab53bd689e4d697689", secret: "sqp_d8dc5c2bcad8c782971b05ab53bd689e4d697689", path: "/app/sonar-project.properties" },
      { text: "ENV SONAR_TOKEN sqp_4dfe42f5ad099dd6726eabddce67c945189a8626", secret: "sqp_4dfe42f5ad099dd6726eabddce67c945189a8626" },
      { text: "  SONAR_TOKEN: 'sqp_c715f46dd5e13740294bd67a7619539af00a993c'", secret: "sqp_c715f46dd5e13740294bd67a7619539af00a993c" },
    ],
    noMatch: [
      { text: "SONAR_TOKEN=sqp_4dfe42f5ad099dd6726eabddce67c945189a862", why: "39 characters" },
      { text: "SONAR_TOKEN=sqp_4dfe42f5ad099dd6726eabddce67c945189a862g", why: "g is not hex" },
      { text: "SONAR_TOKEN=sqp_0123456789abcdef0123456789abcdef01234567", why: "documentation sequence" },
      { text: "SONAR_TOKEN=sqp_<token>", why: "template" },
      { text: "wsqp_4dfe42f5ad099dd6726eabddce67c945189a8626", why: "inside a longer word" },
    ],
  },
});

/** SonarQube global analysis tokens, `sqa_`: run analyses of every project. */
export const sonarGlobalToken = sonar("sqa_", {
  id: "sonarqube-global-analysis-token",
  title: "SonarQube global analysis token",
  severity: "high",
  examples: {
    match: [
      { text: "SONAR_TOKEN=sqa_e32cb03ea6db84f24d8703b87aab27b51c8d809b", secret: "sqa_e32cb03ea6db84f24d8703b87aab27b51c8d809b" },
      { text: "./gradlew sonar -Dsonar.token=sqa_3f273d75bbeb16059c7001fd56544991bb3ec578", secret: "sqa_3f273d75bbeb16059c7001fd56544991bb3ec578" },
      { text: "systemProp.sonar.token=sqa_4b49039605028dd4af1aeb3f196f3f0bd5044c2d", secret: "sqa_4b49039605028dd4af1aeb3f196f3f0bd5044c2d" },
      { text: '{"token": "sqa_e32cb03ea6db84f24d8703b87aab27b51c8d809b"}', secret: "sqa_e32cb03ea6db84f24d8703b87aab27b51c8d809b" },
      { text: "|1 SONAR_TOKEN=sqa_3f273d75bbeb16059c7001fd56544991bb3ec578 /bin/sh -c sonar-scanner", secret: "sqa_3f273d75bbeb16059c7001fd56544991bb3ec578" },
    ],
    noMatch: [
      { text: "SONAR_TOKEN=sqa_e32cb03ea6db84f24d8703b87aab27b51c8d809", why: "39 characters" },
      { text: "SONAR_TOKEN=sqa_ffffffffffffffffffffffffffffffffffffffff", why: "filler" },
      { text: "SONAR_TOKEN=sqb_e32cb03ea6db84f24d8703b87aab27b51c8d809b", why: "unknown token type" },
      { text: "SONAR_TOKEN=sqa_...", why: "elided" },
      { text: "SONAR_TOKEN=sqa_e32cb03ea6db84f24d8703b87aab27b51c8d809b_old", why: "part of a longer identifier" },
    ],
  },
});

/** Every SonarQube token kind. */
export const SONARQUBE_RULES: readonly SecretRule[] = [sonarUserToken, sonarProjectToken, sonarGlobalToken];
