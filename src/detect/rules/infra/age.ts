import type { SecretRule } from "../../types.js";
import { isValidBech32 } from "./bech32.js";

/** age identities (X25519 secret keys): `AGE-SECRET-KEY-1` and 58 bech32 characters with a checksum. */
export const ageSecretKey: SecretRule = {
  id: "age-secret-key",
  kind: "age-secret-key",
  title: "age secret key",
  severity: "critical",
  confidence: "high",
  keywords: ["AGE-SECRET-KEY-1"],
  pattern: /(?<![A-Za-z0-9-])(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])/,
  priority: 10,
  verified: true,
  check: (hit) => (isValidBech32(hit.secret) ? hit : undefined),
  remediation: "Generate a new identity (age-keygen), re-encrypt what the old one protected to the new recipient, and remove the old recipient everywhere (SOPS .sops.yaml, recipients files).",
  docs: "https://github.com/FiloSottile/age#readme",
  examples: {
    match: [
      { text: "# created: 2026-03-01T10:00:00Z\n# public key: age1qqqq\nAGE-SECRET-KEY-1C4FVYJ84PXQJPFXQXRRHDJ5DZ4CHSEQDWRMHEW5APQZKJACX3QVQLJ7FC0\n", secret: "AGE-SECRET-KEY-1C4FVYJ84PXQJPFXQXRRHDJ5DZ4CHSEQDWRMHEW5APQZKJACX3QVQLJ7FC0" },
      { text: "SOPS_AGE_KEY=AGE-SECRET-KEY-12J6C5A69UL54RT9QZTLCTSW5ZA3TAR7ZEJLQXN0PQRL056EQ88NSU0E7M6", secret: "AGE-SECRET-KEY-12J6C5A69UL54RT9QZTLCTSW5ZA3TAR7ZEJLQXN0PQRL056EQ88NSU0E7M6" },
      { text: 'age_key: "AGE-SECRET-KEY-1PY3L3CLTXL72T3FKVDRUEAJXVAZAHDF5AJG76C6K0V55WS5TCKJSQFHQ02"', secret: "AGE-SECRET-KEY-1PY3L3CLTXL72T3FKVDRUEAJXVAZAHDF5AJG76C6K0V55WS5TCKJSQFHQ02" },
      { text: "echo AGE-SECRET-KEY-1Y25R2SJALYFSYF07ELGYDZ22YXCQZJ2NEM5N20EH92J0LSMXFLHSPADGFQ > ~/.config/sops/age/keys.txt", secret: "AGE-SECRET-KEY-1Y25R2SJALYFSYF07ELGYDZ22YXCQZJ2NEM5N20EH92J0LSMXFLHSPADGFQ" },
      { text: '{"identity":"AGE-SECRET-KEY-1YMS3WJM930ZC48HQGFCJ5LTA8ZZQRM4RRKAPDHYSF96S9CF4UR5SNS6XRT"}', secret: "AGE-SECRET-KEY-1YMS3WJM930ZC48HQGFCJ5LTA8ZZQRM4RRKAPDHYSF96S9CF4UR5SNS6XRT" },
    ],
    noMatch: [
      { text: "AGE-SECRET-KEY-168DZ7TNFAPNQUPAPREZN3LJJ0DHW5SEYE7S66EUNE3D9EVG8TRWSRKRPWQ", why: "checksum fails" },
      { text: "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ", why: "placeholder (checksum fails)" },
      { text: "AGE-SECRET-KEY-1...", why: "elided" },
      { text: "AGE-SECRET-KEY-1PMQJC6X4Z22RKIGAYE563RZ4TVEYGLB5W6IG53TMKEXV6YQEUW2SYZ4BY", why: "one character short" },
      { text: "AGE-SECRET-KEY-1EFCPEIUJXSNVARNPAHIRLEHUGARFYDORNSEI7ANRV53IFYCKZ47M3LZLVN", why: "characters outside the bech32 alphabet (B, I, O, 1) or checksum fails" },
    ],
  },
};
