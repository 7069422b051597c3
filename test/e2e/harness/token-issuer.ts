// A small token service for docker-registry's `auth: token` mode, written for the tests. It implements
// the documented endpoint: GET /token?service=…&scope=…[&account=…] with optional Basic credentials,
// and the OAuth2 form POST /token (grant_type=password|refresh_token). Tokens are JWTs signed RS256
// with a key and certificate made by openssl at test time; the certificate rides in the `x5c` header
// and is the registry's `rootcertbundle`.
import { createSign, randomBytes, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import { join } from "node:path";
import { run } from "./proc.js";
import type { TestTls } from "./registry.js";

export interface TokenIssuerOptions {
  /** Users and their passwords (Basic credentials or OAuth2 password grant). */
  users: Record<string, string>;
  /** OAuth2 refresh tokens (what `docker login` stores as `identitytoken`) and the user each stands for. */
  refreshTokens: Record<string, string>;
  /** Repositories anyone may pull without credentials start with this (default `public/`). */
  publicPrefix?: string;
  tls: TestTls;
  dir: string;
}

export interface TokenIssuer {
  /** `https://127.0.0.1:PORT/token`. */
  realm: string;
  service: string;
  issuer: string;
  /** The signing certificate (PEM file): the registry's rootcertbundle. */
  rootCertBundle: string;
  /** Every token issued, to check none leaks into dredge's output. */
  issued: string[];
  /** Every request: method, scope(s), whether credentials came, grant type. */
  requests: { method: string; scopes: string[]; basicUser?: string; grant?: string; clientId?: string }[];
  close(): Promise<void>;
}

const SERVICE = "dredge-e2e-registry";
const ISSUER = "dredge-e2e-issuer";

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

/** `repository:name:pull,push` → access entries the caller may have. */
function grant(scopes: string[], user: string | undefined, publicPrefix: string): Access[] {
  const out: Access[] = [];
  for (const scope of scopes) {
    const m = /^(repository):([^:]+):(.*)$/.exec(scope);
    if (!m) continue;
    const asked = m[3]!.split(",").filter(Boolean);
    const allowed = user ? asked.filter((a) => a === "pull" || a === "push" || a === "*") : m[2]!.startsWith(publicPrefix) ? asked.filter((a) => a === "pull") : [];
    out.push({ type: m[1]!, name: m[2]!, actions: allowed });
  }
  return out;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(parts).toString("utf8"));
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Starts the token service over HTTPS on a free 127.0.0.1 port. */
export async function startTokenIssuer(opts: TokenIssuerOptions): Promise<TokenIssuer> {
  const keyFile = join(opts.dir, "jwt.key");
  const certFile = join(opts.dir, "jwt.pem");
  await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "2", "-subj", `/CN=${ISSUER}`]);
  const key = readFileSync(keyFile);
  const certDer = new X509Certificate(readFileSync(certFile)).raw;
  const publicPrefix = opts.publicPrefix ?? "public/";
  const issued: string[] = [];
  const requests: TokenIssuer["requests"] = [];

  const sign = (user: string | undefined, access: Access[]): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: "JWT", alg: "RS256", x5c: [certDer.toString("base64")] };
    const claims = { iss: ISSUER, sub: user ?? "", aud: SERVICE, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(12).toString("hex"), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = createSign("RSA-SHA256").update(input).sign(key);
    const token = `${input}.${b64url(signature)}`;
    issued.push(token);
    return token;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    if (url.pathname !== "/token") return send(res, 404, { details: "not found" });
    if (req.method === "POST") {
      const form = await readForm(req);
      const scopes = (form.get("scope") ?? "").split(" ").filter(Boolean);
      const grantType = form.get("grant_type") ?? "";
      requests.push({ method: "POST", scopes, grant: grantType, clientId: form.get("client_id") ?? "" });
      let user: string | undefined;
      if (grantType === "refresh_token") user = opts.refreshTokens[form.get("refresh_token") ?? ""];
      else if (grantType === "password") {
        const name = form.get("username") ?? "";
        if (opts.users[name] !== undefined && opts.users[name] === form.get("password")) user = name;
      }
      if (!user) return send(res, 401, { error: "invalid_grant", details: "invalid credentials" });
      const token = sign(user, grant(scopes, user, publicPrefix));
      return send(res, 200, { access_token: token, expires_in: 300, issued_at: new Date().toISOString(), scope: scopes.join(" ") });
    }
    const scopes = url.searchParams.getAll("scope");
    const auth = req.headers.authorization;
    let user: string | undefined;
    if (auth?.startsWith("Basic ")) {
      const decoded = Buffer.from(auth.slice(6), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const name = decoded.slice(0, colon);
      requests.push({ method: "GET", scopes, basicUser: name });
      if (colon < 0 || opts.users[name] === undefined || opts.users[name] !== decoded.slice(colon + 1)) return send(res, 401, { details: "invalid credentials" });
      user = name;
    } else requests.push({ method: "GET", scopes });
    const token = sign(user, grant(scopes, user, publicPrefix));
    send(res, 200, { token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() });
  };

  const server: Server = createServer({ cert: readFileSync(opts.tls.certFile), key: readFileSync(opts.tls.keyFile) }, (req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { details: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    realm: `https://127.0.0.1:${port}/token`,
    service: SERVICE,
    issuer: ISSUER,
    rootCertBundle: certFile,
    issued,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
