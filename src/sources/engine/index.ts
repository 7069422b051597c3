// The engine sources: `docker:NAME` through the Docker Engine API, `podman:NAME` through Podman's
// compatible API or, without a socket, the podman CLI.
import { existsSync, readFileSync } from "node:fs";
import type { Image } from "../../image/types.js";
import { DredgeError, UsageError, errorMessage } from "../../util/errors.js";
import { EngineClient } from "./client.js";
import { DOCKER_HINT, PODMAN_HINT, describeEndpoint, dockerEndpoint, podmanEndpoints, type DiscoveryEnv } from "./endpoint.js";
import { engineImage, inspectImage } from "./engine-image.js";
import { podmanCliImage } from "./podman-cli.js";

export { EngineClient } from "./client.js";

/** Endpoint discovery from this process's environment and files. */
export function processDiscovery(env: NodeJS.ProcessEnv = process.env): DiscoveryEnv {
  return {
    env,
    exists: (p) => existsSync(p),
    readFile: (p) => {
      try {
        return readFileSync(p, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}

/** A client of the Docker engine the docker CLI would use (DOCKER_HOST, contexts, the default socket). */
export async function connectDocker(discovery: DiscoveryEnv = processDiscovery(), opts: { timeoutMs?: number } = {}): Promise<EngineClient> {
  return EngineClient.connect(dockerEndpoint(discovery), { name: "Docker", hint: DOCKER_HINT }, opts);
}

/** A reference as the engine takes it: `NAME[:TAG]`, `NAME@sha256:…` or an image ID; no spaces or control characters. */
function checkRef(ref: string, target: string): string {
  if (ref === "") throw new UsageError(`${target}: name an image (${target}NAME[:TAG], @DIGEST or an image ID)`);
  if (ref.length > 512 || /[\s\u0000-\u001f\u007f]/.test(ref)) throw new UsageError(`${target.slice(0, 80)}: not an image reference`);
  return ref;
}

/** `docker:NAME[:TAG|@DIGEST|ID]`: the image streamed from the Docker engine. */
export async function dockerImages(ref: string, target: string): Promise<Image[]> {
  const client = await connectDocker();
  return [await engineImage(client, checkRef(ref, "docker:"), target)];
}

/**
 * `podman:NAME`: through Podman's API socket when one answers (CONTAINER_HOST, the rootless or
 * rootful socket), else through the podman CLI (`podman image save` streamed from stdout).
 */
export async function podmanImages(ref: string, target: string, discovery: DiscoveryEnv = processDiscovery()): Promise<Image[]> {
  checkRef(ref, "podman:");
  const tried: string[] = [];
  for (const endpoint of podmanEndpoints(discovery)) {
    let client: EngineClient;
    try {
      client = await EngineClient.connect(endpoint, { name: "Podman", hint: PODMAN_HINT }, { timeoutMs: 10_000 });
    } catch (err) {
      // CONTAINER_HOST was asked for by name: its failure is the answer.
      if (endpoint.from === "from CONTAINER_HOST") throw err;
      tried.push(`${describeEndpoint(endpoint)}: ${errorMessage(err)}`);
      continue;
    }
    return [await engineImage(client, ref, target)];
  }
  try {
    return [await podmanCliImage(ref, target)];
  } catch (err) {
    if (err instanceof DredgeError && err.code === "engine-unreachable") {
      const sockets = tried.length ? `the sockets tried failed (${tried.join("; ")})` : "no Podman API socket exists";
      throw new DredgeError("engine-unreachable", `cannot reach Podman for ${target}: ${sockets}, and there is ${err.message}; ${PODMAN_HINT}`);
    }
    throw err;
  }
}

/**
 * Whether the Docker engine the docker CLI would use has an image by this name (a quick inspect);
 * false when it does not, or when no engine is reachable. For telling `myapp:dev` apart from a file.
 */
export async function engineHasImage(name: string, discovery: DiscoveryEnv = processDiscovery()): Promise<boolean> {
  if (name === "" || /[\s\u0000-\u001f\u007f]/.test(name)) return false;
  try {
    const client = await connectDocker(discovery, { timeoutMs: 3_000 });
    await inspectImage(client, name);
    return true;
  } catch {
    return false;
  }
}
