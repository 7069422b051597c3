import { DredgeError } from "../../util/errors.js";
import { isObject } from "../../util/json.js";
import { parseChallenges, type Challenge } from "./challenge.js";
import type { Credential, CredentialLookup } from "./docker-config.js";
import { describeUrl, discard, headerOf, readBody, type HttpResponse, type HttpTransport } from "./http.js";
import type { CredentialScrubber } from "./secrets.js";

/** The OAuth2 client id the docker CLI presents when it trades an identity token. */
const CLIENT_ID = "docker";
const MAX_TOKEN_RESPONSE = 1 << 20;
/** distribution's client treats shorter (or missing) lifetimes as 60 s. */
const MIN_TOKEN_SECONDS = 60;

interface CachedToken {
  token: string;
  fetchedAt: number;
  expiresAt: number;
}

/** A token the registry refuses this soon after it was issued is refused for good, not stale. */
const FRESH_TOKEN_MS = 30_000;

type Scheme = { kind: "basic" } | { kind: "bearer"; realm: URL; service?: string };

/** An authentication failure, said without any credential. */
export class AuthError extends DredgeError {
  constructor(message: string) {
    super("auth", message);
    this.name = "AuthError";
  }
}

/**
 * Authorization for one registry: learns the scheme from the first 401's `WWW-Authenticate`
 * challenge, then sends Basic credentials or fetches bearer tokens per scope from the token
 * service (anonymously, with Basic credentials, or by trading an identity token as an OAuth2
 * refresh token), and renews a token the registry stops accepting. Credentials are looked up only
 * when a challenge asks for them.
 */
export class RegistryAuth {
  private scheme: Scheme | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<string>>();
  private lookup: Promise<CredentialLookup> | undefined;

  constructor(
    private readonly transport: HttpTransport,
    /** The registry as named, for messages. */
    private readonly registry: string,
    private readonly findCredential: () => Promise<CredentialLookup>,
    private readonly scrubber: CredentialScrubber,
  ) {}

  private credential(): Promise<CredentialLookup> {
    this.lookup ??= this.findCredential();
    return this.lookup;
  }

  /** The Authorization header for a request needing `scope`, once the registry has asked for auth. */
  async authorization(scope: string): Promise<string | undefined> {
    if (!this.scheme) return undefined;
    if (this.scheme.kind === "basic") {
      const { credential } = await this.credential();
      return credential?.password !== undefined ? basicHeader(credential.username ?? "", credential.password) : undefined;
    }
    const cached = this.tokens.get(scope);
    if (cached && cached.expiresAt > Date.now()) return `Bearer ${cached.token}`;
    // Layers opened together share one token request.
    let pending = this.pending.get(scope);
    if (!pending) {
      pending = this.fetchToken(this.scheme, scope).finally(() => this.pending.delete(scope));
      this.pending.set(scope, pending);
    }
    return `Bearer ${await pending}`;
  }

  /**
   * Learns from a 401: sets up the scheme its challenge names, so that the next `authorization`
   * can succeed. Throws an AuthError when another try cannot help (no credentials for Basic,
   * credentials or a fresh token refused).
   */
  async challenged(res: HttpResponse, scope: string, sent: string | undefined): Promise<void> {
    const detail = await errorDetail(res, this.scrubber);
    const challenges = parseChallenges(headerOf(res, "www-authenticate") ?? "");
    const bearer = challenges.find((c) => c.scheme === "bearer");
    const basic = challenges.find((c) => c.scheme === "basic");
    if (bearer) {
      const scheme = this.bearerScheme(bearer);
      const cached = this.tokens.get(scope);
      if (sent && cached && sent === `Bearer ${cached.token}`) {
        this.tokens.delete(scope);
        // A token just fetched and refused will not do better a second time.
        if (Date.now() - cached.fetchedAt < FRESH_TOKEN_MS) throw await this.refused(`the registry refused the token for ${scope}${errorParam(bearer)}${detail}`);
      }
      this.scheme = scheme;
      return;
    }
    if (basic) {
      const { credential, problems } = await this.credential();
      if (credential?.password === undefined) throw needCredentials(this.registry, problems);
      if (sent?.startsWith("Basic ")) throw new AuthError(`${this.registry} refused the credentials from ${credential.source}${detail}`);
      this.scheme = { kind: "basic" };
      return;
    }
    throw new AuthError(`${this.registry} answered 401 without a challenge dredge can answer (WWW-Authenticate: ${challenges.map((c) => c.scheme).join(", ") || "none"})${detail}`);
  }

  private async refused(what: string): Promise<AuthError> {
    const { credential } = await this.credential();
    return new AuthError(`${this.registry}: ${what}${credential ? ` (credentials from ${credential.source})` : " (no credentials: docker login, or --username with --password-stdin)"}`);
  }

  private bearerScheme(c: Challenge): Scheme {
    const realm = c.params.realm;
    if (!realm) throw new AuthError(`${this.registry} asks for a bearer token but names no realm (token service)`);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new AuthError(`${this.registry} names a token service that is not a URL`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new AuthError(`${this.registry} names a token service with scheme ${url.protocol}`);
    const scheme: Scheme = { kind: "bearer", realm: url };
    if (c.params.service !== undefined) scheme.service = c.params.service;
    return scheme;
  }

  private async fetchToken(scheme: Extract<Scheme, { kind: "bearer" }>, scope: string): Promise<string> {
    const { credential, problems } = await this.credential();
    if (credential?.registryToken !== undefined) {
      this.tokens.set(scope, { token: credential.registryToken, fetchedAt: Date.now(), expiresAt: Number.MAX_SAFE_INTEGER });
      return credential.registryToken;
    }
    const res = credential?.identityToken !== undefined ? await this.oauthRefresh(scheme, scope, credential.identityToken) : await this.tokenGet(scheme, scope, credential);
    const where = `token service ${describeUrl(res.url)}`;
    if (res.status === 401 || res.status === 403) {
      const detail = await errorDetail(res, this.scrubber);
      if (!credential) throw needCredentials(this.registry, problems, `${where} refused anonymous access to ${scope}${detail}`);
      throw new AuthError(`${this.registry}: ${where} refused the credentials from ${credential.source}${detail}`);
    }
    if (res.status !== 200) {
      const detail = await errorDetail(res, this.scrubber);
      throw new AuthError(`${this.registry}: ${where} answered ${res.status}${detail}`);
    }
    const body = await readBody(res, MAX_TOKEN_RESPONSE, where);
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      throw new AuthError(`${this.registry}: ${where} answered something that is not JSON`);
    }
    const token = isObject(json) ? (typeof json.access_token === "string" && json.access_token ? json.access_token : json.token) : undefined;
    if (typeof token !== "string" || token === "") throw new AuthError(`${this.registry}: ${where} answered without a token`);
    this.scrubber.add(token);
    if (isObject(json) && typeof json.refresh_token === "string") this.scrubber.add(json.refresh_token);
    const lifetime = isObject(json) && typeof json.expires_in === "number" && json.expires_in > MIN_TOKEN_SECONDS ? json.expires_in : MIN_TOKEN_SECONDS;
    // Renewed a little early, so a long blob download does not start on a token about to lapse.
    this.tokens.set(scope, { token, fetchedAt: Date.now(), expiresAt: Date.now() + (lifetime - 5) * 1000 });
    return token;
  }

  /** The token endpoint's GET form: `?service=…&scope=…`, with Basic credentials when there are some. */
  private tokenGet(scheme: Extract<Scheme, { kind: "bearer" }>, scope: string, credential: Credential | undefined): Promise<HttpResponse> {
    const url = new URL(scheme.realm);
    if (scheme.service !== undefined) url.searchParams.set("service", scheme.service);
    url.searchParams.append("scope", scope);
    const credentials: Record<string, string> = {};
    if (credential?.password !== undefined && credential.username) {
      url.searchParams.set("account", credential.username);
      credentials.authorization = basicHeader(credential.username, credential.password);
    }
    return this.transport.request({ url, headers: { accept: "application/json" }, credentials });
  }

  /** The OAuth2 form: POST `grant_type=refresh_token` with the identity token, as the docker CLI does. */
  private oauthRefresh(scheme: Extract<Scheme, { kind: "bearer" }>, scope: string, identityToken: string): Promise<HttpResponse> {
    const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: identityToken, client_id: CLIENT_ID, scope });
    if (scheme.service !== undefined) form.set("service", scheme.service);
    return this.transport.request({
      url: scheme.realm,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: Buffer.from(form.toString()),
    });
  }
}

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

function needCredentials(registry: string, problems: string[], what = `${registry} requires credentials`): AuthError {
  const why = problems.length ? `; ${problems.join("; ")}` : "";
  return new AuthError(`${what}: docker login ${registry}, or pass --username with --password-stdin${why}`);
}

function errorParam(c: Challenge): string {
  return c.params.error ? ` (${c.params.error})` : "";
}

/**
 * ` (CODE: message)` from a registry error body (`{"errors":[{"code","message"}]}`) or a token
 * service's `{"details"}`, scrubbed of credentials; empty when the body says nothing useful.
 */
export async function errorDetail(res: HttpResponse, scrubber: CredentialScrubber): Promise<string> {
  let body: Buffer;
  try {
    body = await readBody(res, 64 << 10, "error body");
  } catch {
    discard(res);
    return "";
  }
  let text = "";
  try {
    const json: unknown = JSON.parse(body.toString("utf8"));
    if (isObject(json) && Array.isArray(json.errors)) {
      text = json.errors
        .filter(isObject)
        .map((e) => [e.code, e.message].filter((x) => typeof x === "string" && x).join(": "))
        .filter(Boolean)
        .slice(0, 3)
        .join("; ");
    } else if (isObject(json)) {
      const d = json.details ?? json.error_description ?? json.error ?? json.message;
      if (typeof d === "string") text = d;
    }
  } catch {
    // Not JSON: an HTML error page or plain text says little that fits on a line.
  }
  text = scrubber.scrub(text.replace(/\s+/g, " ").trim()).slice(0, 300);
  return text ? ` (${text})` : "";
}
