import type { SecretRule } from "../../types.js";
import { fileValue } from "./values.js";

/** Passwords of `<server>` and `<proxy>` entries in Maven's `settings.xml` (not `{…}` values Maven encrypted, not `${env.X}`). */
export const mavenSettingsPassword: SecretRule = {
  id: "maven-settings-password",
  kind: "maven-settings-password",
  title: "Password in Maven settings.xml",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)settings\.xml$/,
  // Inside one <server> or <proxy> element (no closing or opening tag of either in between),
  // not in a comment (Maven's stock settings.xml shows examples in <!-- … -->).
  pattern: /(?<!<!--(?:(?!-->)[\s\S]){0,16384})<(?:server|proxy)>(?:[^<]|<(?!\/?(?:server|proxy)>|password>|passphrase>)){0,4096}<(?<name>password|passphrase)>\s*(?<secret>[^<\s][^<]{0,511}?)\s*<\/\k<name>>/,
  priority: 20,
  check: (hit) => (/^\{[A-Za-z0-9+/=]+\}$/.test(hit.secret) ? undefined : fileValue(hit)),
  remediation: "Change the repository or proxy password, and use Maven's password encryption or ${env.…} references with the value from a secret mount.",
  docs: "https://maven.apache.org/settings.html#servers",
  examples: {
    match: [
      { text: "<settings>\n  <servers>\n    <server>\n      <id>nexus</id>\n      <username>deploy</username>\n      <password>Xq7vR2pLm9tK4wZ8</password>\n    </server>\n  </servers>\n</settings>", secret: "Xq7vR2pLm9tK4wZ8", path: "/root/.m2/settings.xml" },
      { text: "<server><id>gh</id><username>x</username><password>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</password></server>", secret: "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", path: "/usr/share/maven/conf/settings.xml" },
      { text: "<proxies><proxy>\n<id>corp</id><host>proxy</host><username>u</username>\n<password>pr0xy-P@ss</password>\n</proxy></proxies>", secret: "pr0xy-P@ss", path: "/home/u/.m2/settings.xml" },
      { text: "<server>\n  <id>siteServer</id>\n  <privateKey>/path/to/key</privateKey>\n  <passphrase>k3y-Passphrase!</passphrase>\n</server>", secret: "k3y-Passphrase!", path: "/root/.m2/settings.xml" },
      { text: "<server><id>a</id><password> hunter2 </password></server>", secret: "hunter2", path: "/build/settings.xml" },
    ],
    noMatch: [
      { text: "<server><id>nexus</id><password>{COQLCE6DU6GtcS5P=}</password></server>", why: "encrypted by Maven (settings-security.xml)", path: "/root/.m2/settings.xml" },
      { text: "<server><id>nexus</id><password>${env.NEXUS_PASSWORD}</password></server>", why: "environment reference", path: "/root/.m2/settings.xml" },
      { text: "<server><id>nexus</id><password></password></server>", why: "empty", path: "/root/.m2/settings.xml" },
      { text: "<datasource><password>Xq7vR2pLm9tK4wZ8</password></datasource>", why: "not a server or proxy entry (reported as generic-xml-credential)", path: "/app/settings.xml" },
      { text: "<server><id>nexus</id><password>Xq7vR2pLm9tK4wZ8</password></server>", why: "not a settings.xml (reported as generic-xml-credential)", path: "/app/pom.xml" },
      { text: "<servers>\n  <!-- Example:\n  <server>\n    <id>deploymentRepo</id>\n    <username>repouser</username>\n    <password>repopwd</password>\n  </server>\n  -->\n</servers>", why: "an example in a comment", path: "/usr/share/maven/conf/settings.xml" },
    ],
  },
};
