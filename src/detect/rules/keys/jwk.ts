import type { SecretRule } from "../../types.js";
import { looksRandom } from "./pem.js";

const KTY = String.raw`"kty"\s*:\s*"(?:RSA|EC|OKP)"`;

const RSA_JWK =
  '{"kty":"RSA","n":"wtP_NDPPjo3ZVelWfW3dyjXlHbUgz4yhgHWscCmp7uJA_Xaos7u3ZZat1BK-PzQroPqc0jx9MiH7tPRMxe25Kw","e":"AQAB","d":"F0hufzaR319kUbgI9gRjNP8r2lkDCsqrokZtzRmtjTaXGqBjK_jZ3LhdN6xTQ55iKNh2D7goQ31DGmbhpLGPwQ","p":"9md788gn2iM23Kx3mHibbn3O0SwekDj8HmxG7LVtwx0","q":"ympTr4xDZVBsCzReYrR_-EJ24RXU-FwSj17W0fUzMuc","dp":"sBD_3BEgkNlqwUInbvZ3MfuJhaN971YYqPB7uXZmiO0","dq":"vrAkXoDZDR0SbAvNz1cUJ6EVtT6H_-FdasuBvRIuRYk","qi":"i4FVmUTmFs5ID1ATprzKRR9aJsXZRGbYnpGf7chvXFw"}';
const EC_D = "Q9ZQdS01G2gvQ-8zJNu8IkrXK4DyLrnRefL5QHcELyg";
const ED_D = "mY6fcJIIO3qbsNBV8B318--YZ4OGhKE2EkPEMeIJ4Q4";
const P384_D = "p2DQDGWFuxiql4hsoF9748MIDSNOtewZTwZYr8J6EHm0OG94eYkCygvXMQgk102n";

/** Private JSON Web Keys (RFC 7517/7518/8037): an RSA, EC or OKP key object with its private member `d`. */
export const jwkPrivateKey: SecretRule = {
  id: "jwk-private-key",
  kind: "jwk-private-key",
  title: "Private JSON Web Key",
  severity: "critical",
  confidence: "high",
  keywords: ['"kty"', '"d":'],
  // `"d"` first, so the look-arounds run only there: `"kty"` before it or after it, within the same object (no braces between).
  pattern: new RegExp(String.raw`"d"(?:(?<=${KTY}[^{}]{0,4096}"d")|(?=[^{}]{0,4096}${KTY}))\s*:\s*"(?<secret>[A-Za-z0-9_-]{32,1400})"`),
  reach: 4096,
  priority: 10,
  check: (hit) => {
    const bytes = Buffer.from(hit.secret, "base64url");
    return bytes.length >= 24 && looksRandom(bytes) ? hit : undefined;
  },
  remediation: "Remove the key from the key set that trusts it (JWKS endpoint, identity provider), issue a new key pair, and load private keys from a secret store at run time.",
  docs: "https://www.rfc-editor.org/rfc/rfc7517#section-9.2",
  examples: {
    match: [
      { text: RSA_JWK, secret: "F0hufzaR319kUbgI9gRjNP8r2lkDCsqrokZtzRmtjTaXGqBjK_jZ3LhdN6xTQ55iKNh2D7goQ31DGmbhpLGPwQ" },
      { text: `{\n  "kty": "EC",\n  "crv": "P-256",\n  "x": "dR2pBi8_Ck8c1Pd0EcVOdDgNya3fsKYgGojWxQl5VL4",\n  "y": "dOsEgtmOqG_oojAWi74Jr7HjyPnbjsbbZ4F7lMRo4FQ",\n  "d": "${EC_D}"\n}`, secret: EC_D },
      { text: `{"crv":"Ed25519","d":"${ED_D}","x":"5VnsVe_F09pVvoiYsbYKIn8DGx2q8IS4hrUlG3vkINc","kty":"OKP"}`, secret: ED_D },
      { text: `{\n  "crv": "P-384",\n  "d": "${P384_D}",\n  "kty": "EC",\n  "x": "d47x5AwmssGyPk0futFl0y-NMR3IGnoIKfDBhaBfjTGzS3BP1XKPsPfUvFEYz3ds"\n}`, secret: P384_D },
      { text: `JWT_SIGNING_KEY='{"kty":"OKP","crv":"Ed25519","x":"5VnsVe_F09pVvoiYsbYKIn8DGx2q8IS4hrUlG3vkINc","d":"${ED_D}"}'`, secret: ED_D },
      { text: `{"keys":[{"kty":"EC","crv":"P-256","use":"sig","kid":"k1","d":"${EC_D}","x":"dR2pBi8_Ck8c1Pd0EcVOdDgNya3fsKYgGojWxQl5VL4"}]}`, secret: EC_D },
    ],
    noMatch: [
      { text: '{"kty":"EC","crv":"P-256","x":"dR2pBi8_Ck8c1Pd0EcVOdDgNya3fsKYgGojWxQl5VL4","y":"dOsEgtmOqG_oojAWi74Jr7HjyPnbjsbbZ4F7lMRo4FQ"}', why: "public JWK (no d)" },
      { text: '{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}', why: "symmetric key, not a private key (no d)" },
      { text: '{"kty":"EC","crv":"P-256","d":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}', why: "filler d" },
      { text: '{"kty":"RSA","d":"<private exponent, base64url>"}', why: "format description" },
      { text: `{"path":{"d":"${EC_D}"},"kind":"svg"}`, why: "a d member with no kty in its object" },
      { text: `[{"kty":"EC","x":"dR2pBi8_Ck8c1Pd0EcVOdDgNya3fsKYgGojWxQl5VL4"},{"d":"${EC_D}"}]`, why: "kty belongs to another object" },
    ],
  },
};
