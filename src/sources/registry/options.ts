/** A username and password the user gave for the registry (`--username` + `--password-stdin`). */
export interface RegistryLogin {
  username: string;
  password: string;
  /** The registry they are for, as references name it (`docker.io`, `host:5000`); other registries use docker login's. Unset: every registry. */
  registry?: string;
}

/** How dredge talks to registries. Every field is optional; the defaults suit a public registry. */
export interface RegistryOptions {
  /** Credentials to use instead of the docker login ones (`~/.docker/config.json`). */
  login?: RegistryLogin;
  /**
   * Plain HTTP, or HTTPS without certificate checks, for the registry the reference names (and a
   * token service on the same host). Every other host stays HTTPS with verification.
   */
  insecure?: boolean;
  /** Milliseconds to wait for a TCP/TLS connection (default 30 s). */
  connectTimeoutMs?: number;
  /** Milliseconds without a byte from the registry before a request is abandoned (default 60 s). */
  idleTimeoutMs?: number;
  /** Retries of a request that failed with 429, 5xx or a network error (default 4). */
  retries?: number;
  /** First backoff delay in milliseconds, doubled each retry (default 500). */
  backoffMs?: number;
  /** The longest `Retry-After` honoured, in milliseconds (default 60 s); a longer one fails the request. */
  maxRetryAfterMs?: number;
  /** Directory of docker's `config.json` (default `$DOCKER_CONFIG`, else `~/.docker`). */
  dockerConfigDir?: string;
  /**
   * Settings for one registry (from `.dredge.yaml`'s `registry.hosts`), by its name in the reference.
   * The fields above, when given, win over them (command-line flags over the config file).
   */
  hostSettings?: (registry: string) => RegistryHostSettings;
}

/** What can be set per registry host. */
export interface RegistryHostSettings {
  insecure?: boolean;
  /** Milliseconds without a byte (the config's `timeout`). */
  timeoutMs?: number;
  connectTimeoutMs?: number;
}

/** The options for one registry with their defaults filled in. */
export type ResolvedRegistryOptions = Required<Omit<RegistryOptions, "login" | "dockerConfigDir" | "hostSettings">> & Pick<RegistryOptions, "login" | "dockerConfigDir">;

export const REGISTRY_DEFAULTS = {
  insecure: false,
  connectTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  retries: 4,
  backoffMs: 500,
  maxRetryAfterMs: 60_000,
} as const;

/** The options that apply to `registry` (as the reference names it): given ones, else its host settings, else defaults. */
export function resolveRegistryOptions(o: RegistryOptions = {}, registry?: string): ResolvedRegistryOptions {
  const host = registry !== undefined && o.hostSettings ? o.hostSettings(registry) : {};
  const r: ResolvedRegistryOptions = {
    insecure: o.insecure || (host.insecure ?? REGISTRY_DEFAULTS.insecure),
    connectTimeoutMs: o.connectTimeoutMs ?? host.connectTimeoutMs ?? host.timeoutMs ?? REGISTRY_DEFAULTS.connectTimeoutMs,
    idleTimeoutMs: o.idleTimeoutMs ?? host.timeoutMs ?? REGISTRY_DEFAULTS.idleTimeoutMs,
    retries: o.retries ?? REGISTRY_DEFAULTS.retries,
    backoffMs: o.backoffMs ?? REGISTRY_DEFAULTS.backoffMs,
    maxRetryAfterMs: o.maxRetryAfterMs ?? REGISTRY_DEFAULTS.maxRetryAfterMs,
  };
  if (o.login) r.login = o.login;
  if (o.dockerConfigDir !== undefined) r.dockerConfigDir = o.dockerConfigDir;
  return r;
}
