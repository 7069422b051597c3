import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { DredgeError } from "../../util/errors.js";
import { MAX_METADATA_BYTES, parseDigest } from "../blob-store.js";
import { AuthError, RegistryAuth, errorDetail } from "./auth.js";
import { VerifiedBlobStream } from "./blob-stream.js";
import { dockerLoginCredential, type CredentialLookup } from "./docker-config.js";
import { HttpTransport, NetworkError, discard, headerOf, readBody, type HttpResponse } from "./http.js";
import { MANIFEST_ACCEPT, isSchema1Type } from "./manifest.js";
import type { ResolvedRegistryOptions } from "./options.js";
import { apiHost, authKey, hostnameOf, type RegistryReference } from "./reference.js";
import { retryAfterMs } from "./retry.js";
import { CredentialScrubber } from "./secrets.js";

/** A manifest as the registry served it, its digest verified. */
export interface FetchedManifest {
  bytes: Buffer;
  contentType?: string;
  digest: string;
}

/** Network errors after which `--insecure` tries plain HTTP: the server did not speak TLS. */
const NOT_TLS = new Set(["EPROTO", "ECONNRESET", "ERR_SSL_WRONG_VERSION_NUMBER", "ERR_SSL_PACKET_LENGTH_TOO_LONG", "ERR_SSL_HTTP_REQUEST"]);

function sha(bytes: Buffer, alg: string): string {
  return `${alg}:${createHash(alg).update(bytes).digest("hex")}`;
}

/**
 * A client of one registry's distribution API (`/v2/`): authenticated requests for one repository's
 * manifests and blobs, digests verified. The scheme is HTTPS, or with `--insecure` HTTPS without
 * certificate checks, falling back to plain HTTP when the registry does not speak TLS.
 */
export class RegistryClient {
  private readonly transport: HttpTransport;
  private readonly auth: RegistryAuth;
  private readonly scrubber = new CredentialScrubber();
  private base: Promise<URL> | undefined;
  /** The registry as named in the reference, for messages. */
  readonly name: string;

  constructor(
    private readonly ref: RegistryReference,
    private readonly options: ResolvedRegistryOptions,
  ) {
    this.name = ref.registry;
    const host = apiHost(ref);
    this.transport = new HttpTransport({
      connectTimeoutMs: options.connectTimeoutMs,
      idleTimeoutMs: options.idleTimeoutMs,
      retries: options.retries,
      backoffMs: options.backoffMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
      ...(options.insecure ? { insecureHost: hostnameOf(host) } : {}),
    });
    const login = options.login && (options.login.registry === undefined || options.login.registry === ref.registry) ? options.login : undefined;
    if (login) this.scrubber.addBasic(login.username, login.password);
    const find = (): Promise<CredentialLookup> =>
      login
        ? Promise.resolve({ credential: { username: login.username, password: login.password, source: "--username/--password-stdin" }, problems: [] })
        : dockerLoginCredential(authKey(ref), this.scrubber, options.dockerConfigDir);
    this.auth = new RegistryAuth(this.transport, ref.registry, find, this.scrubber);
  }

  private scope(): string {
    return `repository:${this.ref.repository}:pull`;
  }

  /** `https://host/`, or what `--insecure` found the registry speaks. */
  private baseUrl(): Promise<URL> {
    this.base ??= (async () => {
      const host = apiHost(this.ref);
      const secure = new URL(`https://${host}/`);
      if (!this.options.insecure) return secure;
      try {
        discard(await this.transport.send({ url: new URL("/v2/", secure) }));
        return secure;
      } catch (err) {
        if (err instanceof NetworkError && err.errno && (NOT_TLS.has(err.errno) || err.errno.startsWith("ERR_SSL_"))) return new URL(`http://${host}/`);
        return secure;
      }
    })();
    return this.base;
  }

  /** A GET under the registry's API, authenticated as its challenges ask (one renewal of a refused token). */
  async get(path: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const url = new URL(path, await this.baseUrl());
    const scope = this.scope();
    for (let round = 0; ; round++) {
      const authorization = await this.auth.authorization(scope);
      const res = await this.transport.request({ url, headers, credentials: authorization ? { authorization } : {} });
      if (res.status !== 401) return res;
      if (round >= 2) throw new AuthError(`${this.name} keeps answering 401 for ${this.ref.repository}${await errorDetail(res, this.scrubber)}`);
      await this.auth.challenged(res, scope, authorization);
    }
  }

  /** Turns an unexpected status into an error that says what the registry said (never a credential). */
  private async statusError(res: HttpResponse, what: string): Promise<DredgeError> {
    const detail = await errorDetail(res, this.scrubber);
    const at = `${this.name}/${this.ref.repository}`;
    switch (res.status) {
      case 404:
        return new DredgeError("not-found", `${at}: ${what} not found${detail}`);
      case 403:
        return new DredgeError("auth", `${at}: access to ${what} denied${detail}`);
      case 429: {
        const wait = retryAfterMs(headerOf(res, "retry-after"));
        return new DredgeError("rate-limited", `${at}: rate limited fetching ${what}${wait !== undefined ? ` (the registry asks to wait ${Math.ceil(wait / 1000)} s)` : ""}${detail}`);
      }
      default:
        return new DredgeError("registry-error", `${at}: ${what}: the registry answered ${res.status}${detail}`);
    }
  }

  /** A GET whose body is read whole, retried when the body breaks off (the headers phase retries by itself). */
  private async getBytes(path: string, headers: Record<string, string>, what: string): Promise<{ res: HttpResponse; bytes: Buffer }> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.get(path, headers);
      if (res.status !== 200) throw await this.statusError(res, what);
      try {
        return { res, bytes: await readBody(res, MAX_METADATA_BYTES, `${what} from ${this.name}`) };
      } catch (err) {
        if (!(err instanceof NetworkError) || attempt >= this.options.retries) throw err;
        await new Promise((r) => setTimeout(r, this.transport.backoff(attempt)));
      }
    }
  }

  /** The manifest for a tag or digest; by digest, the bytes must hash to it; by tag, to the digest the registry states. */
  async manifest(reference: string): Promise<FetchedManifest> {
    const byDigest = reference.includes(":");
    const what = byDigest ? `manifest ${reference}` : `tag ${reference}`;
    const { res, bytes } = await this.getBytes(`/v2/${this.ref.repository}/manifests/${reference}`, { accept: MANIFEST_ACCEPT }, what);
    const stated = headerOf(res, "docker-content-digest")?.trim();
    const type = headerOf(res, "content-type");
    const expected = isSchema1Type(type) ? undefined : byDigest ? reference : stated;
    let digest: string;
    if (expected) {
      let alg: string;
      try {
        alg = parseDigest(expected).alg;
      } catch {
        throw new DredgeError("bad-digest", `${this.name}/${this.ref.repository}: ${what}: the registry states an invalid digest`);
      }
      digest = sha(bytes, alg);
      if (digest !== expected) {
        throw new DredgeError("digest-mismatch", `${this.name}/${this.ref.repository}: ${what} hashes to ${digest}, but ${byDigest ? "the reference pins" : "the registry states"} ${expected}`);
      }
    } else digest = sha(bytes, "sha256");
    const out: FetchedManifest = { bytes, digest };
    if (type) out.contentType = type;
    return out;
  }

  /** A small blob (an image config) read whole and checked against its digest. */
  async blobBytes(digest: string, what: string): Promise<Buffer> {
    const { alg } = parseDigest(digest);
    const { bytes } = await this.getBytes(`/v2/${this.ref.repository}/blobs/${digest}`, {}, what);
    const actual = sha(bytes, alg);
    if (actual !== digest) throw new DredgeError("digest-mismatch", `${this.name}/${this.ref.repository}: ${what} hashes to ${actual}, but the manifest names ${digest}`);
    return bytes;
  }

  /** A blob's stored bytes, streamed and verified as they come (see VerifiedBlobStream). */
  openBlob(digest: string, size: number | undefined, what: string): Readable {
    parseDigest(digest);
    const path = `/v2/${this.ref.repository}/blobs/${digest}`;
    const fetch = async (offset: number): Promise<HttpResponse> => {
      const res = await this.get(path, offset > 0 ? { range: `bytes=${offset}-` } : {});
      if (res.status === 200 || res.status === 206) return res;
      throw await this.statusError(res, what);
    };
    return new VerifiedBlobStream(digest, size, what, fetch, { maxResumes: this.options.retries + 1, backoff: (n) => this.transport.backoff(n) });
  }
}
