import type { SecretRule } from "../../types.js";
import { assignment, isRandomLooking, randomAlphanumericBody } from "./helpers.js";

/** Bitbucket Cloud app passwords: `ATBB` and 32 alphanumerics. */
export const bitbucketAppPassword: SecretRule = {
  id: "bitbucket-app-password",
  kind: "bitbucket-app-password",
  title: "Bitbucket app password",
  severity: "critical",
  confidence: "high",
  keywords: ["ATBB"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>ATBB[A-Za-z0-9]{32})(?![A-Za-z0-9_])/,
  priority: 10,
  check: randomAlphanumericBody(4),
  remediation: "Revoke the app password (Personal settings → App passwords → Revoke) and replace it with an API token.",
  docs: "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/",
  examples: {
    match: [
      { text: "BITBUCKET_APP_PASSWORD=ATBBITwHTW3SyjOfcI6J60x9OvAW98711332", secret: "ATBBITwHTW3SyjOfcI6J60x9OvAW98711332" },
      { text: "git clone https://ci-bot:ATBB0UNoXcS5LAMAPsJWUBLxtJqK121D99C2@bitbucket.org/team/app.git", secret: "ATBB0UNoXcS5LAMAPsJWUBLxtJqK121D99C2" },
      { text: "  password: 'ATBBlkaBCKZNrWDplc8yQhwYQyAm3F90C781'", secret: "ATBBlkaBCKZNrWDplc8yQhwYQyAm3F90C781" },
      { text: "machine bitbucket.org login ci-bot password ATBBITwHTW3SyjOfcI6J60x9OvAW98711332", secret: "ATBBITwHTW3SyjOfcI6J60x9OvAW98711332" },
      { text: '{"username":"ci-bot","app_password":"ATBB0UNoXcS5LAMAPsJWUBLxtJqK121D99C2"}', secret: "ATBB0UNoXcS5LAMAPsJWUBLxtJqK121D99C2" },
    ],
    noMatch: [
      { text: "BITBUCKET_APP_PASSWORD=ATBBITwHTW3SyjOfcI6J60x9OvAW9871133", why: "31 characters" },
      { text: "BITBUCKET_APP_PASSWORD=ATBBITwHTW3SyjOfcI6J60x9OvAW987113322", why: "33 characters" },
      { text: "BITBUCKET_APP_PASSWORD=ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "BITBUCKET_APP_PASSWORD=ATBB<app-password>", why: "template" },
      { text: "XATBBITwHTW3SyjOfcI6J60x9OvAW98711332", why: "inside a longer word" },
    ],
  },
};

const A1 =
  "ATCTT3xFfGF0iEADDUyu5ZvsIvR5frCX0om__lWlGiYnOAeT98677FTrh91KK0QqZrtGIfJMLJK_23JCMsQOGpuHfzVo2VwoRdx3PX9f4yWF6ov4IBgdOrYp5vaOdtBpXQpB4ybrsIU1_KguwAcI9Fvb-5Zc6L0gQSUBLYm88DPkt0e-Lb5r=AEE4A25F";
const A2 =
  "ATCTT3xFfGF01vANIgeEqAVm5Lr7HQzWkqAq-NReYHXI2TAE8Uvtzo4n6H0yjHp8WqEpq5911ksy8oLidy6UsNCGnpF6a94PBjYFPgYc-J3wjhzy-DbE81ovNFSaJfySeVlCH9T0IzZ1bVwFje9_jtxYgJENbkV_UrRjygFybZQghCZtiDFk=5A7A8CFF";

/** Bitbucket repository, project and workspace access tokens: `ATCTT3xFfGF0`, a base64url body, `=`, 8 hex. */
export const bitbucketAccessToken: SecretRule = {
  id: "bitbucket-access-token",
  kind: "bitbucket-access-token",
  title: "Bitbucket repository/project/workspace access token",
  severity: "high",
  confidence: "high",
  keywords: ["ATCTT3"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>ATCTT3xFfGF0(?<body>[A-Za-z0-9_-]{100,250})=[0-9A-Fa-f]{8})(?![A-Za-z0-9_=-])/,
  priority: 10,
  check: (hit, groups) => (isRandomLooking(groups.body ?? "", 4) ? hit : undefined),
  remediation: "Revoke the access token (Repository/Project/Workspace settings → Access tokens → Revoke) and create a new one.",
  docs: "https://support.atlassian.com/bitbucket-cloud/docs/revoke-a-repository-access-token/",
  examples: {
    match: [
      { text: `BITBUCKET_ACCESS_TOKEN=${A1}`, secret: A1 },
      { text: `git clone https://x-token-auth:${A2}@bitbucket.org/team/app.git`, secret: A2 },
      { text: `curl -H "Authorization: Bearer ${A1}" https://api.bitbucket.org/2.0/repositories/team/app`, secret: A1 },
      { text: `  token: '${A2}'`, secret: A2 },
      { text: `{"access_token":"${A1}"}`, secret: A1 },
    ],
    noMatch: [
      { text: `BITBUCKET_ACCESS_TOKEN=${A1.slice(0, -2)}`, why: "six hex characters at the end" },
      { text: `BITBUCKET_ACCESS_TOKEN=${A1.replace("ATCTT3", "ATCTT4")}`, why: "wrong prefix" },
      { text: `BITBUCKET_ACCESS_TOKEN=ATCTT3xFfGF0${"0".repeat(160)}=00000000`, why: "filler" },
      { text: "BITBUCKET_ACCESS_TOKEN=ATCTT3xFfGF0…", why: "elided" },
      { text: "BITBUCKET_ACCESS_TOKEN=ATCTT3xFfGF0AbC=12345678", why: "body too short" },
    ],
  },
};

/** Bitbucket OAuth consumer secrets (32 alphanumerics), known only by the name they are given. */
export const bitbucketClientSecret: SecretRule = {
  id: "bitbucket-oauth-client-secret",
  kind: "bitbucket-oauth-client-secret",
  title: "Bitbucket OAuth consumer secret",
  severity: "high",
  confidence: "medium",
  keywords: ["bitbucket"],
  pattern: assignment(String.raw`bitbucket[_.-]?(?:oauth[_.-]?)?(?:client|consumer|app)?[_.-]?secret`, "[A-Za-z0-9]{32}"),
  priority: 10,
  check: randomAlphanumericBody(0),
  remediation: "Delete the OAuth consumer (Workspace settings → OAuth consumers) or regenerate its secret, and update the application.",
  docs: "https://support.atlassian.com/bitbucket-cloud/docs/use-oauth-on-bitbucket-cloud/",
  examples: {
    match: [
      { text: "BITBUCKET_CLIENT_SECRET=nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP", secret: "nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP" },
      { text: "bitbucket_oauth_secret: 5hTxPcigSisirbKPiCIBpaOsEpp4ZenN", secret: "5hTxPcigSisirbKPiCIBpaOsEpp4ZenN" },
      { text: '"bitbucketClientSecret": "Dp9ebQWfYNRPoKceFrWLZqIC8XtOi51H"', secret: "Dp9ebQWfYNRPoKceFrWLZqIC8XtOi51H" },
      { text: "ENV BITBUCKET_CONSUMER_SECRET nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP", secret: "nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP" },
      { text: "|1 BITBUCKET_SECRET=5hTxPcigSisirbKPiCIBpaOsEpp4ZenN /bin/sh -c ./sync", secret: "5hTxPcigSisirbKPiCIBpaOsEpp4ZenN" },
    ],
    noMatch: [
      { text: "BITBUCKET_CLIENT_ID=nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP", why: "the client id is public" },
      { text: "BITBUCKET_CLIENT_SECRET=nDUTki69RkDPAT6SeuFxh5eqU7NoVFx", why: "31 characters" },
      { text: "BITBUCKET_CLIENT_SECRET=${BITBUCKET_CLIENT_SECRET}", why: "variable reference" },
      { text: "BITBUCKET_CLIENT_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP", why: "no name: 32 alphanumerics alone are not evidence" },
    ],
  },
};

/** Every Bitbucket credential kind. */
export const BITBUCKET_RULES: readonly SecretRule[] = [bitbucketAppPassword, bitbucketAccessToken, bitbucketClientSecret];
