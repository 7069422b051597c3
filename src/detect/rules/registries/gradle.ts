import { isPlaceholder } from "../../placeholders.js";
import type { SecretRule } from "../../types.js";

/** Gradle properties that hold publishing or signing credentials, as literals (case-sensitive). */
const NAMES = [
  "ossrhPassword",
  "ossrhTokenPassword",
  "sonatypePassword",
  "mavenCentralPassword",
  "signing.password",
  "signingInMemoryKeyPassword",
  "gradle.publish.key",
  "gradle.publish.secret",
];

/**
 * Publishing and signing credentials in `gradle.properties`, `-P` options and
 * `ORG_GRADLE_PROJECT_<name>` variables: Maven Central (OSSRH/Sonatype) passwords, the signing
 * key's passphrase, the Gradle Plugin Portal key and secret. Any literal value is a leak.
 */
export const gradleCredential: SecretRule = {
  id: "gradle-publishing-credential",
  kind: "gradle-publishing-credential",
  title: "Gradle publishing or signing credential",
  severity: "high",
  confidence: "medium",
  keywords: ["ossrh", "sonatypePassword", "mavenCentralPassword", "signing.password", "signingInMemoryKeyPassword", "gradle.publish."],
  pattern: new RegExp(
    String.raw`(?<![A-Za-z0-9_.])(?:-P|-D)?(?<name>(?:ORG_GRADLE_PROJECT_)?(?:${NAMES.map((n) => n.replace(/\./g, "\\.")).join("|")}))\s*[=:]\s*(?<q>["']?)(?<secret>[^\s"'\\]{4,256})\k<q>(?=\s|$|;|&)`,
  ),
  priority: 10,
  check: (hit) => {
    const v = hit.secret;
    if (isPlaceholder(v) || /^[$%@]|^\{\{|System\.getenv|findProperty/.test(v)) return undefined;
    return hit;
  },
  remediation: "Change the password or regenerate the token (Sonatype Central → Generate user token; Plugin Portal → API keys) and keep gradle.properties out of the image.",
  docs: "https://docs.gradle.org/current/userguide/build_environment.html#sec:gradle_configuration_properties",
  examples: {
    match: [
      { text: "ossrhPassword=Vq8!mZ2rTk4wPx", secret: "Vq8!mZ2rTk4wPx", path: "/root/.gradle/gradle.properties" },
      { text: "signing.password=correct-horse-battery", secret: "correct-horse-battery" },
      { text: "ORG_GRADLE_PROJECT_mavenCentralPassword=Gm3xE9qLwR2vYtB7", secret: "Gm3xE9qLwR2vYtB7" },
      { text: "./gradlew publish -Psigning.password=s3cr3tPassphrase -PossrhPassword=Qw7rT2yU9iO4", secret: "s3cr3tPassphrase" },
      { text: "gradle.publish.secret=2Wn7yXq4Rk8ZcVb1MtP6", secret: "2Wn7yXq4Rk8ZcVb1MtP6" },
      { text: "ENV ORG_GRADLE_PROJECT_signingInMemoryKeyPassword='h0rse-Battery-Staple'", secret: "h0rse-Battery-Staple" },
    ],
    noMatch: [
      { text: "ossrhPassword=${OSSRH_PASSWORD}", why: "variable reference" },
      { text: "signing.password=changeme", why: "placeholder" },
      { text: 'password = findProperty("ossrhPassword")', why: "code reading the property" },
      { text: "ossrhUsername=acme-ci", why: "the user name" },
      { text: "signing.keyId=24875D73", why: "the key id is public" },
      { text: "ORG_GRADLE_PROJECT_signingInMemoryKeyPassword=$SIGNING_PASSWORD", why: "variable reference" },
    ],
  },
};
