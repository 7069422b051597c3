import { crc32 } from "../../checksum.js";
import type { SecretRule } from "../../types.js";
import { randomBody } from "../vcs/helpers.js";

/**
 * Private Packagist authentication tokens: `packagist_<type>_` (`ort` read-only organization,
 * `out` update organization, `uut` user), 60 hex, and the CRC-32 of prefix and random part in 8 hex.
 */
export const packagistToken: SecretRule = {
  id: "packagist-token",
  kind: "packagist-authentication-token",
  title: "Private Packagist authentication token",
  severity: "high",
  confidence: "high",
  keywords: ["packagist_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>packagist_[a-z]{3}_[0-9a-f]{68})(?![A-Za-z0-9_])/,
  priority: 10,
  verified: true,
  check: (hit) => {
    const signed = hit.secret.slice(0, -8);
    if (crc32(signed).toString(16).padStart(8, "0") !== hit.secret.slice(-8)) return undefined;
    return randomBody(14)({ ...hit, secret: signed }) ? hit : undefined;
  },
  remediation: "Revoke the token (Private Packagist → Settings → Authentication tokens, or your profile for user tokens) and create a new one.",
  docs: "https://packagist.com/docs/composer-authentication",
  examples: {
    match: [
      { text: '{"http-basic": {"repo.packagist.com": {"username": "token", "password": "packagist_ort_2598c47ee13747ed9b041ac27bbed4d737793badc69f49bb47bd2630e9465618cbef"}}}', secret: "packagist_ort_2598c47ee13747ed9b041ac27bbed4d737793badc69f49bb47bd2630e9465618cbef", path: "/root/.composer/auth.json" },
      { text: "composer config --global --auth http-basic.repo.packagist.com token packagist_out_2dd861411856a321325f66d4263af5f36eb76297e92830011cc784c6529885f044fa", secret: "packagist_out_2dd861411856a321325f66d4263af5f36eb76297e92830011cc784c6529885f044fa" },
      { text: "COMPOSER_AUTH={\"http-basic\":{\"repo.packagist.com\":{\"username\":\"token\",\"password\":\"packagist_uut_e421ed39688c10f31cfb1997dcc45b808fcb685926699cde4d51af9707ce596e4b92\"}}}", secret: "packagist_uut_e421ed39688c10f31cfb1997dcc45b808fcb685926699cde4d51af9707ce596e4b92" },
      { text: "PACKAGIST_TOKEN=packagist_ort_5cc137ba9e429a3ddf3f8f2001806663b41a4e6c6e19169b6a63a4b9f816419eec7c", secret: "packagist_ort_5cc137ba9e429a3ddf3f8f2001806663b41a4e6c6e19169b6a63a4b9f816419eec7c" },
      { text: "  password: 'packagist_uut_f80542fe408f76fe34da1b2431fcbef75d89fefc0542242173033a3c0a143ea6fe1b'", secret: "packagist_uut_f80542fe408f76fe34da1b2431fcbef75d89fefc0542242173033a3c0a143ea6fe1b" },
    ],
    noMatch: [
      { text: "PACKAGIST_TOKEN=packagist_ort_5cc137ba9e429a3ddf3f8f2001806663b41a4e6c6e19169b6a63a4b9f816419eec7d", why: "checksum fails" },
      { text: "PACKAGIST_TOKEN=packagist_uut_5cc137ba9e429a3ddf3f8f2001806663b41a4e6c6e19169b6a63a4b9f816419eec7c", why: "checksum covers the prefix" },
      { text: "PACKAGIST_TOKEN=packagist_ort_5cc137ba9e429a3ddf3f8f2001806663b41a4e6c6e19169b6a63a4b9f816419eec7", why: "one character short" },
      { text: "PACKAGIST_TOKEN=packagist_ort_<token>", why: "template" },
      { text: "packagist_url=https://repo.packagist.com/acme/", why: "a setting name" },
    ],
  },
};
