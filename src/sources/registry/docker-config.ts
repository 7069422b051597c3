import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { errorMessage } from "../../util/errors.js";
import { isObject, type JsonObject } from "../../util/json.js";
import { IDENTITY_TOKEN_USERNAME, helperGet } from "./credential-helper.js";
import type { CredentialScrubber } from "./secrets.js";

/** Credentials for one registry, and where they came from (for messages; never the values). */
export interface Credential {
  username?: string;
  password?: string;
  /** An OAuth2 refresh token (`docker login` to a registry that issues them): exchanged at the token service. */
  identityToken?: string;
  /** A bearer token sent to the registry as is (`registrytoken`). */
  registryToken?: string;
  /** `--username/--password-stdin`, `docker-credential-pass`, `/home/u/.docker/config.json`. */
  source: string;
}

/** What looking up docker login credentials found, and what stood in the way (safe to print). */
export interface CredentialLookup {
  credential?: Credential;
  problems: string[];
}

const MAX_CONFIG_BYTES = 4 << 20;
const HUB_KEYS = new Set(["index.docker.io", "docker.io", "registry-1.docker.io"]);

/** The directory of docker's config.json: `$DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(homedir(), ".docker");
}

/** `https://host:port/v1/` → `host:port`, as the docker CLI compares legacy `auths` keys. */
export function convertToHostname(url: string): string {
  const stripped = url.startsWith("http://") ? url.slice(7) : url.startsWith("https://") ? url.slice(8) : url;
  const slash = stripped.indexOf("/");
  return slash >= 0 ? stripped.slice(0, slash) : stripped;
}

/** The `auths` entry for a server: its exact key first, else a key naming the same host (docker's legacy rule). */
function authsEntry(auths: JsonObject, serverKey: string): JsonObject | undefined {
  const exact = auths[serverKey];
  if (isObject(exact)) return exact;
  const hub = serverKey === "https://index.docker.io/v1/";
  for (const [key, value] of Object.entries(auths)) {
    if (!isObject(value)) continue;
    const host = convertToHostname(key);
    if (host === serverKey || (hub && HUB_KEYS.has(host))) return value;
  }
  return undefined;
}

function fromAuthsEntry(entry: JsonObject, file: string, scrubber: CredentialScrubber, problems: string[]): Credential | undefined {
  const cred: Credential = { source: file };
  if (typeof entry.auth === "string" && entry.auth !== "") {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0 || !/^[A-Za-z0-9+/]+=*$/.test(entry.auth.trim())) {
      problems.push(`${file}: an "auth" value is not base64 of user:password; it was not used`);
    } else {
      cred.username = decoded.slice(0, colon);
      cred.password = decoded.slice(colon + 1);
    }
  }
  if (typeof entry.username === "string" && entry.username) cred.username = entry.username;
  if (typeof entry.password === "string" && entry.password) cred.password = entry.password;
  if (typeof entry.identitytoken === "string" && entry.identitytoken) cred.identityToken = entry.identitytoken;
  if (typeof entry.registrytoken === "string" && entry.registrytoken) cred.registryToken = entry.registrytoken;
  if (typeof entry.auth === "string") scrubber.add(entry.auth);
  scrubber.add(cred.password);
  scrubber.add(cred.identityToken);
  scrubber.add(cred.registryToken);
  if (cred.username !== undefined && cred.password !== undefined) scrubber.addBasic(cred.username, cred.password);
  return cred.password !== undefined || cred.identityToken !== undefined || cred.registryToken !== undefined ? cred : undefined;
}

/**
 * The credentials `docker login` left for a registry, found as the docker CLI finds them: a
 * `credHelpers` entry for the server, else `credsStore`, else the `auths` entry of config.json.
 * `serverKey` is the registry's auth key (`https://index.docker.io/v1/` for Docker Hub, else `host[:port]`).
 * Never throws: problems (unreadable file, failing helper) are returned to be told when auth fails.
 */
export async function dockerLoginCredential(serverKey: string, scrubber: CredentialScrubber, configDir = dockerConfigDir()): Promise<CredentialLookup> {
  const file = join(configDir, "config.json");
  const problems: string[] = [];
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_CONFIG_BYTES) return { problems: [`${file} is larger than ${MAX_CONFIG_BYTES} bytes; not read`] };
    text = bytes.toString("utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { problems };
    return { problems: [`cannot read ${file}: ${errorMessage(err)}`] };
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the file, credentials and all.
    return { problems: [`${file} is not valid JSON; its credentials were not used`] };
  }
  if (!isObject(config)) return { problems: [`${file} is not a JSON object; its credentials were not used`] };
  const helpers = isObject(config.credHelpers) ? config.credHelpers : {};
  const specific = helpers[serverKey];
  const helper = typeof specific === "string" && specific ? specific : typeof config.credsStore === "string" && config.credsStore ? config.credsStore : undefined;
  if (helper) {
    try {
      const found = await helperGet(helper, serverKey, scrubber);
      if (!found) return { problems };
      const cred: Credential = { source: `docker-credential-${helper}` };
      if (found.username === IDENTITY_TOKEN_USERNAME) cred.identityToken = found.secret;
      else {
        cred.username = found.username;
        cred.password = found.secret;
        scrubber.addBasic(found.username, found.secret);
      }
      return { credential: cred, problems };
    } catch (err) {
      return { problems: [errorMessage(err)] };
    }
  }
  const auths = isObject(config.auths) ? config.auths : {};
  const entry = authsEntry(auths, serverKey);
  const credential = entry ? fromAuthsEntry(entry, file, scrubber, problems) : undefined;
  return credential ? { credential, problems } : { problems };
}
