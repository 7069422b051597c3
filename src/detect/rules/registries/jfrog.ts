import type { SecretRule } from "../../types.js";
import { randomAlphanumericBody, randomBody } from "../vcs/helpers.js";

/** JFrog Artifactory API keys (deprecated): `AKCp` and 69 alphanumerics. */
export const jfrogApiKey: SecretRule = {
  id: "jfrog-api-key",
  kind: "jfrog-api-key",
  title: "JFrog Artifactory API key",
  severity: "critical",
  confidence: "high",
  keywords: ["AKCp"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>AKCp[A-Za-z0-9]{69})(?![A-Za-z0-9_])/,
  priority: 10,
  check: randomAlphanumericBody(4, 4),
  remediation: "Revoke the API key (Artifactory → Edit Profile → API Key → Revoke) and move to access tokens.",
  docs: "https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key",
  examples: {
    match: [
      { text: "ARTIFACTORY_API_KEY=AKCpvKMn93mcX6OL63uBtZ3UhINPxEfPEXmZYEWejogP5eQFxSYQtiRRo5l5jmVHrRAYDpzUF", secret: "AKCpvKMn93mcX6OL63uBtZ3UhINPxEfPEXmZYEWejogP5eQFxSYQtiRRo5l5jmVHrRAYDpzUF" },
      { text: 'curl -H "X-JFrog-Art-Api: AKCpiQpxGQbmuSDh6rNt5qPUNLB2RYhmhJTXItXqVacQKDSUQrMt2rR6ANBshQsPqirXIMJLa" https://acme.jfrog.io/artifactory/api/repositories', secret: "AKCpiQpxGQbmuSDh6rNt5qPUNLB2RYhmhJTXItXqVacQKDSUQrMt2rR6ANBshQsPqirXIMJLa" },
      { text: "<password>AKCpdAk7cElVcEIZsGqEscd9GcLRXDsDqD6D3A5lpkV47fxwq1xmyVjeB2PFRguzBzBFnk8pb</password>", secret: "AKCpdAk7cElVcEIZsGqEscd9GcLRXDsDqD6D3A5lpkV47fxwq1xmyVjeB2PFRguzBzBFnk8pb" },
      { text: "artifactory_password=AKCpvKMn93mcX6OL63uBtZ3UhINPxEfPEXmZYEWejogP5eQFxSYQtiRRo5l5jmVHrRAYDpzUF", secret: "AKCpvKMn93mcX6OL63uBtZ3UhINPxEfPEXmZYEWejogP5eQFxSYQtiRRo5l5jmVHrRAYDpzUF", path: "/root/.gradle/gradle.properties" },
      { text: "https://ci:AKCpiQpxGQbmuSDh6rNt5qPUNLB2RYhmhJTXItXqVacQKDSUQrMt2rR6ANBshQsPqirXIMJLa@acme.jfrog.io/artifactory/api/pypi/pypi/simple", secret: "AKCpiQpxGQbmuSDh6rNt5qPUNLB2RYhmhJTXItXqVacQKDSUQrMt2rR6ANBshQsPqirXIMJLa" },
    ],
    noMatch: [
      { text: "ARTIFACTORY_API_KEY=AKCpvKMn93mcX6OL63uBtZ3UhINPxEfPEXmZYEWejogP5eQFxSYQtiRRo5l5jmVHrRAYDpzU", why: "68 characters" },
      { text: "ARTIFACTORY_API_KEY=AKCpvKMn93mcX6OL63uBtZ3UhINPxEfPEXmZYEWejogP5eQFxSYQtiRRo5l5jmVHrRAYDpzUFF", why: "70 characters" },
      { text: "ARTIFACTORY_API_KEY=AKCpxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "ARTIFACTORY_API_KEY=AKCp<key>", why: "template" },
      { text: "ARTIFACTORY_API_KEY=AKCp5aaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", why: "low entropy" },
    ],
  },
};

/** True when a JFrog reference token decodes to `reftkn:…` in printable ASCII. */
function isReferenceToken(token: string): boolean {
  const text = Buffer.from(token, "base64").toString("latin1");
  return /^reftkn:[\x21-\x7e]{20,}$/.test(text);
}

/** JFrog reference tokens (short forms of access tokens): base64 of `reftkn:01:<expiry>:<random>`. */
export const jfrogReferenceToken: SecretRule = {
  id: "jfrog-reference-token",
  kind: "jfrog-reference-token",
  title: "JFrog reference token",
  severity: "critical",
  confidence: "high",
  keywords: ["cmVmdGtu"],
  pattern: /(?<![A-Za-z0-9+/_-])(?<secret>cmVmdGtu[A-Za-z0-9+/]{56})(?![A-Za-z0-9+/_-])/,
  priority: 10,
  check: (hit) => (isReferenceToken(hit.secret) && randomBody(20, 4)(hit) ? hit : undefined),
  remediation: "Revoke the access token behind it (Administration → User Management → Access Tokens → Revoke) and create a new one.",
  docs: "https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens",
  examples: {
    match: [
      { text: "JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjE4OTgyMDEyOTA6Z2tsTUttVVhsNUFtWkY4dEUxM1paYVRHbk9T", secret: "cmVmdGtuOjAxOjE4OTgyMDEyOTA6Z2tsTUttVVhsNUFtWkY4dEUxM1paYVRHbk9T" },
      { text: 'curl -H "Authorization: Bearer cmVmdGtuOjAxOjIwNzgwMDM1Njc6endrb2JPbE5rRHE2UTRJSmh1N3Y0QUFPOXV1" https://acme.jfrog.io/artifactory/api/system/ping', secret: "cmVmdGtuOjAxOjIwNzgwMDM1Njc6endrb2JPbE5rRHE2UTRJSmh1N3Y0QUFPOXV1" },
      { text: "//acme.jfrog.io/artifactory/api/npm/npm/:_authToken=cmVmdGtuOjAxOjE3MTMxMDkwNjA6Ynp4c2VwdVRiaGJiMHpzUmFhM2VldGZzQXk2", secret: "cmVmdGtuOjAxOjE3MTMxMDkwNjA6Ynp4c2VwdVRiaGJiMHpzUmFhM2VldGZzQXk2" },
      { text: "jf c add acme --url https://acme.jfrog.io --access-token cmVmdGtuOjAxOjE4OTgyMDEyOTA6Z2tsTUttVVhsNUFtWkY4dEUxM1paYVRHbk9T", secret: "cmVmdGtuOjAxOjE4OTgyMDEyOTA6Z2tsTUttVVhsNUFtWkY4dEUxM1paYVRHbk9T" },
      { text: '  "password": "cmVmdGtuOjAxOjIwNzgwMDM1Njc6endrb2JPbE5rRHE2UTRJSmh1N3Y0QUFPOXV1"', secret: "cmVmdGtuOjAxOjIwNzgwMDM1Njc6endrb2JPbE5rRHE2UTRJSmh1N3Y0QUFPOXV1" },
    ],
    noMatch: [
      { text: "JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjE4OTgyMDEyOTA6Z2tsTUttVVhsNUFtWkY4dEUxM1paYVRHbk9", why: "63 characters" },
      { text: "JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjE4OTgyMDEyOTA6Z2tsTUttVVhsNUFtWkY4dEUxM1paYVRHbk9TT", why: "65 characters" },
      { text: "JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjE4OTgyMDEyOTAgICAgICAgICAgICAgICAgICAgICAgICAgICAg", why: "spaces after the expiry (not printable token text)" },
      { text: "JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjAwMDAwMDAwMDA6MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw", why: "filler" },
      { text: "JFROG_ACCESS_TOKEN=cmVmdGtu<token>", why: "template" },
    ],
  },
};

/** Every JFrog credential kind with a format of its own (JFrog access tokens are JWTs). */
export const JFROG_RULES: readonly SecretRule[] = [jfrogApiKey, jfrogReferenceToken];
