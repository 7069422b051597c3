import { UsageError } from "../../util/errors.js";

/**
 * An image reference as the docker CLI normalises it: `alpine` is `docker.io/library/alpine:latest`,
 * `localhost:5000/app@sha256:…` keeps its registry and digest.
 */
export interface RegistryReference {
  /** Registry as named (`docker.io` for Docker Hub, else `host[:port]`). */
  registry: string;
  /** Repository path in the registry (`library/alpine`). */
  repository: string;
  /** Tag; `latest` when the reference names neither tag nor digest. */
  tag?: string;
  /** `alg:hex` when the reference pins a digest (it wins over the tag). */
  digest?: string;
}

/** Docker Hub's registry name, and the names that mean it. */
export const DOCKER_HUB = "docker.io";
const LEGACY_HUB = "index.docker.io";
/** The host Docker Hub's registry API really answers on. */
const HUB_API_HOST = "registry-1.docker.io";
/** The key `docker login` stores Docker Hub credentials under (and asks credential helpers for). */
const HUB_AUTH_KEY = "https://index.docker.io/v1/";

// The grammar of distribution's reference package (reference/regexp.go).
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]{1,5})?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const SUPPORTED_DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const HEX64 = /^[a-f0-9]{64}$/;
/** distribution's limit on the length of a whole name (registry and repository). */
const MAX_NAME_LENGTH = 255;

function bad(text: string, why: string): UsageError {
  return new UsageError(`invalid image reference ${JSON.stringify(text.slice(0, 300))}: ${why}`);
}

/** True when the text before the first `/` names a registry host, as docker decides it. */
function isRegistryHost(first: string): boolean {
  return first.includes(".") || first.includes(":") || first === "localhost" || first.toLowerCase() !== first;
}

/**
 * Parses `[host[:port]/]repo[:tag][@digest]` with Docker Hub's rules: no host means `docker.io`,
 * `index.docker.io` is `docker.io`, a one-component Hub name is under `library/`, no tag means `latest`.
 * Throws a UsageError naming what is wrong.
 */
export function parseReference(text: string): RegistryReference {
  if (text.length === 0) throw bad(text, "empty");
  if (text.length > 4096) throw bad(text, "too long");
  if (HEX64.test(text)) throw bad(text, "a 64-character hex string is an image ID, not a reference");
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(text, `${JSON.stringify(digest.slice(0, 150))} is not a digest (alg:hex)`);
    if (!SUPPORTED_DIGEST.test(digest)) throw bad(text, "only sha256 and sha512 digests (lowercase hex of their full length) are supported");
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(text, `${JSON.stringify(tag.slice(0, 150))} is not a valid tag`);
  }
  const slash = rest.indexOf("/");
  let registry = DOCKER_HUB;
  let repository = rest;
  if (slash >= 0 && isRegistryHost(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    repository = rest.slice(slash + 1);
    if (!DOMAIN.test(registry)) throw bad(text, `${JSON.stringify(registry.slice(0, 150))} is not a registry host[:port]`);
    const port = /:(\d+)$/.exec(registry);
    if (port && (Number(port[1]) < 1 || Number(port[1]) > 65535)) throw bad(text, `port ${port[1]} is out of range`);
  }
  if (registry === LEGACY_HUB) registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && repository !== "" && !repository.includes("/")) repository = `library/${repository}`;
  if (repository === "") throw bad(text, "no repository name");
  if (repository.toLowerCase() !== repository) throw bad(text, `repository name ${JSON.stringify(repository)} must be lowercase`);
  for (const component of repository.split("/")) {
    if (!PATH_COMPONENT.test(component)) {
      throw bad(text, `${JSON.stringify(component.slice(0, 150))} is not a valid repository path component (lowercase letters, digits, and . _ __ - between them)`);
    }
  }
  if (registry.length + 1 + repository.length > MAX_NAME_LENGTH) throw bad(text, `the name is longer than ${MAX_NAME_LENGTH} characters`);
  const ref: RegistryReference = { registry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  if (tag === undefined && digest === undefined) ref.tag = "latest";
  return ref;
}

/** `registry/repository[:tag][@digest]`, the fully qualified form. */
export function formatReference(ref: RegistryReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ""}${ref.digest !== undefined ? `@${ref.digest}` : ""}`;
}

/** `host[:port]` of the registry's HTTP API (Docker Hub answers on registry-1.docker.io). */
export function apiHost(ref: Pick<RegistryReference, "registry">): string {
  return ref.registry === DOCKER_HUB ? HUB_API_HOST : ref.registry;
}

/** The key docker stores this registry's credentials under (`~/.docker/config.json`, credential helpers). */
export function authKey(ref: Pick<RegistryReference, "registry">): string {
  return ref.registry === DOCKER_HUB ? HUB_AUTH_KEY : ref.registry;
}

/** The hostname part of `host[:port]` (brackets of an IPv6 address removed). */
export function hostnameOf(hostPort: string): string {
  const m = /^\[([^\]]*)\](?::\d+)?$/.exec(hostPort);
  if (m) return m[1]!;
  const colon = hostPort.lastIndexOf(":");
  return colon >= 0 ? hostPort.slice(0, colon) : hostPort;
}

/**
 * True when a target names a registry by its host, as docker tells a host from a Docker Hub user:
 * a first component with `.` or `:`, or `localhost`, before a `/` (`registry.example.com/app`,
 * `localhost:5000/app`), and the whole a valid reference. `myapp:dev` and `library/alpine` are not.
 */
export function looksLikeRegistryReference(text: string): boolean {
  const slash = text.indexOf("/");
  if (slash <= 0) return false;
  const first = text.slice(0, slash);
  if (!(first.includes(".") || first.includes(":") || first === "localhost")) return false;
  try {
    parseReference(text);
    return true;
  } catch {
    return false;
  }
}
