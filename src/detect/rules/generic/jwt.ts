import type { RuleHit, SecretRule } from "../../types.js";

/** A base64url JSON object, or undefined. */
function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Tokens from documentation: jwt.io's default token, PyJWT's README token and RFC 7519's example. */
function isDocumentationToken(payload: Record<string, unknown>): boolean {
  if (payload.sub === "1234567890" && payload.name === "John Doe") return true;
  // PyJWT's README token.
  if (payload.some === "payload" && Object.keys(payload).length === 1) return true;
  return payload.iss === "joe" && payload.exp === 1300819380;
}

/**
 * Judges a JWS compact token: a JSON header with a real `alg` and a signature (an unsigned
 * token proves nothing and grants nothing), a JSON payload, not a documentation example.
 * Expired tokens and public "anon" keys stay findings, at low severity.
 */
function judgeJwt(hit: RuleHit, now = Date.now() / 1000): RuleHit | undefined {
  const [h, p, sig] = hit.secret.split(".");
  const header = decodeJson(h ?? "");
  const payload = decodeJson(p ?? "");
  if (!header || !payload || typeof header.alg !== "string") return undefined;
  if (header.alg.toLowerCase() === "none" || (sig ?? "").length < 16) return undefined;
  if (isDocumentationToken(payload)) return undefined;
  if (typeof payload.exp === "number" && payload.exp < now) return { ...hit, severity: "low" };
  // Supabase-style anon keys are meant to be public.
  if (payload.role === "anon") return { ...hit, severity: "low" };
  return hit;
}

/** `eyJ` followed by the base64url of a lower-case letter or digit: every `{"x…` header. */
const KEYWORDS = [..."hijklmnopqrstuvwxyz0123456"].map((c) => `eyJ${c}`);

const h = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
const SIG = "Xq7vR2pLm9tK4wZ8dNfPq3sYtGhJkLa1b2c3d4e5f6g";
const LIVE = `${h({ alg: "HS256", typ: "JWT" })}.${h({ sub: "svc-ci", iss: "https://auth.example.com", exp: 4102444800 })}.${SIG}`;
const RS = `${h({ alg: "RS256", kid: "k1" })}.${h({ iss: "kubernetes/serviceaccount", sub: "system:serviceaccount:ci:builder" })}.${SIG}${SIG}`;
const EXPIRED = `${h({ alg: "HS256" })}.${h({ sub: "u1", exp: 1500000000 })}.${SIG}`;
const JWT_IO = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

/** JSON Web Tokens (JWS compact form: header.payload.signature). */
export const jsonWebToken: SecretRule = {
  id: "json-web-token",
  kind: "json-web-token",
  title: "JSON Web Token",
  severity: "high",
  confidence: "high",
  keywords: KEYWORDS,
  pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{4,4096}\.ey[A-Za-z0-9_-]{2,16384}\.[A-Za-z0-9_-]{0,2048})(?![A-Za-z0-9_-]|\.[A-Za-z0-9_-])/,
  priority: 20,
  check: (hit) => judgeJwt(hit),
  remediation: "Revoke the token or rotate the key that signs it (and shorten token lifetimes), then find out where it came from; a bearer token works for whoever holds it until it expires.",
  docs: "https://www.rfc-editor.org/rfc/rfc8725",
  examples: {
    match: [
      { text: `Authorization: Bearer ${LIVE}`, secret: LIVE },
      { text: `{"access_token":"${LIVE}","token_type":"Bearer"}`, secret: LIVE },
      { text: `ENV SA_TOKEN=${RS}`, secret: RS },
      { text: `curl -H 'Authorization: Bearer ${EXPIRED}' https://api.example.com`, secret: EXPIRED },
      { text: `https://app.example.com/callback#id_token=${LIVE}&state=x`, secret: LIVE },
    ],
    noMatch: [
      { text: JWT_IO, why: "jwt.io's documentation token" },
      { text: `${h({ alg: "none", typ: "JWT" })}.${h({ sub: "u1" })}.`, why: "unsigned (alg none)" },
      { text: `${h({ alg: "HS256" })}.${h({ sub: "u1" })}.`, why: "no signature" },
      { text: `eyJhbGciOiJIUzI1NiJ9.eyJub3QganNvbg.${SIG}`, why: "payload is not JSON" },
      { text: `${h({ typ: "JWT" })}.${h({ sub: "u1" })}.${SIG}`, why: "no alg in the header" },
      { text: `${h({ alg: "RSA-OAEP", enc: "A256GCM" })}.${h({ a: 1 })}.${SIG}.${SIG}.${SIG}`, why: "five parts: JWE, not JWS" },
    ],
  },
};

export { judgeJwt };
