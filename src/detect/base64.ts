/**
 * Strict base64 decoding for rules that look inside a token or a key: undefined unless `text`
 * is well-formed — the standard or URL-safe alphabet, padding only at the end, a length that
 * decodes to whole bytes. `canonical`: only the standard alphabet, padded to a multiple of 4
 * (PEM, XML and armour bodies).
 */
export function decodeBase64(text: string, canonical = false): Buffer | undefined {
  if (canonical) return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text) ? Buffer.from(text, "base64") : undefined;
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return undefined;
  const bare = b64.replace(/=+$/, "");
  if (bare.length % 4 === 1) return undefined;
  if (b64.includes("=") && b64.length % 4 !== 0) return undefined;
  return Buffer.from(bare, "base64");
}
