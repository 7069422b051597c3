import { crc32 } from "../../checksum.js";
import type { RuleHit } from "../../types.js";

/**
 * GitLab's routable tokens (GitLab 17.x+, `lib/authn/token_field/generator/routable_token.rb`):
 * `<prefix><base64url payload>.<version, 2 base36>.<payload length, 2 base36><crc, 7 base36>`,
 * or without the version in the first release (`<prefix><payload>.<length><crc>`). The CRC is
 * the CRC-32 of everything before it, prefix included, in base 36 padded to 7 characters.
 */
export const ROUTABLE_TAIL = String.raw`\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}`;

/** True when `token` ends with `body` and a routable tail whose length holder and CRC agree. */
export function isRoutableToken(token: string, body: string): boolean {
  if (token.length < body.length + 10) return false;
  const signed = token.slice(0, -7);
  const tail = /\.(?:[0-9a-z]{2}\.)?([0-9a-z]{2})$/.exec(signed);
  if (!tail || !signed.endsWith(body + tail[0])) return false;
  if (parseInt(tail[1]!, 36) !== body.length) return false;
  return crc32(signed).toString(36).padStart(7, "0") === token.slice(-7);
}

/**
 * Checks a routable hit. Instances may put their own prefix before GitLab's (`acme-glpat-…`,
 * checksummed with it): when the token alone fails, the characters just before it on its line
 * are tried, and a hit that checks with them grows to take them in.
 */
export function checkRoutable(hit: RuleHit, body: string, line: string): RuleHit | undefined {
  if (isRoutableToken(hit.secret, body)) return hit;
  const at = line.indexOf(hit.secret);
  if (at <= 0) return undefined;
  const before = /[A-Za-z0-9_-]{1,40}$/.exec(line.slice(0, at))?.[0] ?? "";
  for (let n = 1; n <= before.length; n++) {
    const extra = before.slice(-n);
    if (isRoutableToken(extra + hit.secret, body)) return { ...hit, secret: extra + hit.secret, start: hit.start - n };
  }
  return undefined;
}
