import type { SecretRule } from "../../types.js";
import { decodeCanonicalBase64 } from "./pem.js";

/** The base64 content of `<name>…</name>` in an RSAKeyValue, decoded, or undefined. */
function element(xml: string, name: string): Buffer | undefined {
  const m = new RegExp(`<${name}>([^<]{1,4096})</${name}>`).exec(xml);
  return m ? decodeCanonicalBase64(m[1]!.replace(/\s+/g, "")) : undefined;
}

/** True when the bytes are a plausible big integer of at least `min` bytes (not filler). */
function bigInteger(bytes: Buffer | undefined, min: number): boolean {
  return !!bytes && bytes.length >= min && new Set(bytes).size >= Math.min(bytes.length, 256) / 4;
}

/** An RSA private key of the fake examples (512-bit), written by .NET's `RSA.ToXmlString(true)` layout. */
const KEY =
  "<RSAKeyValue><Modulus>wtP/NDPPjo3ZVelWfW3dyjXlHbUgz4yhgHWscCmp7uJA/Xaos7u3ZZat1BK+PzQroPqc0jx9MiH7tPRMxe25Kw==</Modulus><Exponent>AQAB</Exponent>" +
  "<P>9md788gn2iM23Kx3mHibbn3O0SwekDj8HmxG7LVtwx0=</P><Q>ympTr4xDZVBsCzReYrR/+EJ24RXU+FwSj17W0fUzMuc=</Q><DP>sBD/3BEgkNlqwUInbvZ3MfuJhaN971YYqPB7uXZmiO0=</DP>" +
  "<DQ>vrAkXoDZDR0SbAvNz1cUJ6EVtT6H/+FdasuBvRIuRYk=</DQ><InverseQ>i4FVmUTmFs5ID1ATprzKRR9aJsXZRGbYnpGf7chvXFw=</InverseQ>" +
  "<D>F0hufzaR319kUbgI9gRjNP8r2lkDCsqrokZtzRmtjTaXGqBjK/jZ3LhdN6xTQ55iKNh2D7goQ31DGmbhpLGPwQ==</D></RSAKeyValue>";
const PUBLIC = KEY.replace(/<P>[\s\S]*<\/D>/, "");
const PRETTY = KEY.replace(/></g, ">\n  <").replace("  </RSAKeyValue>", "</RSAKeyValue>");

/** .NET XML RSA keys (`<RSAKeyValue>` with the private parameters D, P, Q…), as `RSA.ToXmlString(true)` writes them. */
export const xmlRsaPrivateKey: SecretRule = {
  id: "xml-rsa-private-key",
  kind: "xml-rsa-private-key",
  title: "RSA private key in .NET XML form",
  severity: "critical",
  confidence: "high",
  keywords: ["<RSAKeyValue>"],
  pattern: /(?<secret><RSAKeyValue>[\s\S]{40,16384}?<\/RSAKeyValue>)/,
  reach: 16500,
  priority: 10,
  check: (hit) => {
    const xml = hit.secret;
    if (!bigInteger(element(xml, "Modulus"), 32)) return undefined;
    // The private exponent, or both primes: either is the whole key.
    const priv = bigInteger(element(xml, "D"), 32) || (bigInteger(element(xml, "P"), 16) && bigInteger(element(xml, "Q"), 16));
    return priv ? hit : undefined;
  },
  remediation: "Replace the key pair (new RSA key, new certificates or token-signing configuration) and load private keys from a secret store at run time.",
  docs: "https://learn.microsoft.com/en-us/dotnet/api/system.security.cryptography.rsa.toxmlstring",
  examples: {
    match: [
      { text: KEY, secret: KEY },
      { text: PRETTY, secret: PRETTY },
      { text: `{\n  "Jwt": { "SigningKey": "${KEY}" }\n}`, secret: KEY },
      { text: `private const string Key = @"${KEY}";`, secret: KEY },
      { text: `<appSettings>\n  <rsa>${KEY.replace(/<D>.*<\/D>/, "")}</rsa>\n</appSettings>`, secret: KEY.replace(/<D>.*<\/D>/, "") },
    ],
    noMatch: [
      { text: PUBLIC, why: "public key only (Modulus and Exponent)" },
      { text: KEY.replace(/<P>[\s\S]*<\/D>/, "<P>...</P><Q>...</Q><D>...</D>"), why: "elided private parts" },
      { text: "<RSAKeyValue><Modulus>base64</Modulus><Exponent>AQAB</Exponent><D>base64</D></RSAKeyValue>", why: "format description" },
      { text: KEY.replace(/<P>[\s\S]*<\/D>/, `<D>${"A".repeat(88)}</D>`), why: "filler private exponent" },
      { text: "var xml = rsa.ToXmlString(true); // <RSAKeyValue> with <D>", why: "code mentioning the format" },
    ],
  },
};
