import { spawn } from "node:child_process";
import { PassThrough, type Readable } from "node:stream";
import { parseImageConfig } from "../../image/config.js";
import type { Image } from "../../image/types.js";
import { DredgeError, errorMessage } from "../../util/errors.js";
import { isObject } from "../../util/json.js";
import { imageId, shortId, type ImageInspect } from "./api.js";
import { streamedEngineImage } from "./engine-image.js";

/** The podman binary dredge runs when no Podman API socket answers. */
export const PODMAN_BIN = "podman";

/** Runs a command and collects its stdout (capped); rejects with its stderr on failure. */
function capture(bin: string, args: string[], max = 64 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let n = 0;
    child.stdout.on("data", (b: Buffer) => {
      n += b.length;
      if (n > max) child.kill("SIGKILL");
      else out.push(b);
    });
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e: NodeJS.ErrnoException) => reject(e));
    child.on("close", (code) => {
      if (code === 0 && n <= max) resolve(Buffer.concat(out).toString("utf8"));
      else reject(new DredgeError("podman-failed", `\`${bin} ${args.join(" ")}\` failed: ${Buffer.concat(err).toString("utf8").trim().split("\n").pop() ?? `exit ${code}`}`));
    });
  });
}

/** `podman image inspect` (Podman's own format: full history with empty_layer), the parts dredge reads. */
export function parsePodmanInspect(json: unknown): { inspect: ImageInspect; configJson: Record<string, unknown> } {
  const first = Array.isArray(json) ? json[0] : undefined;
  if (!isObject(first)) throw new DredgeError("bad-engine-answer", "`podman image inspect` printed no image");
  const id = imageId(first.Id);
  if (!id) throw new DredgeError("bad-engine-answer", "`podman image inspect` printed no image ID");
  const rootfs = isObject(first.RootFS) ? first.RootFS : {};
  const diffIds = Array.isArray(rootfs.Layers) ? rootfs.Layers.filter((d): d is string => typeof d === "string" && /^sha256:[a-f0-9]{64}$/.test(d)) : [];
  const tags = Array.isArray(first.RepoTags) ? first.RepoTags.filter((t): t is string => typeof t === "string" && t !== "") : [];
  const config = isObject(first.Config) ? first.Config : {};
  const inspect: ImageInspect = { id, tags, config, diffIds, size: typeof first.Size === "number" ? first.Size : 0 };
  if (typeof first.Os === "string") inspect.os = first.Os;
  if (typeof first.Architecture === "string") inspect.architecture = first.Architecture;
  const configJson: Record<string, unknown> = { config, rootfs: { type: "layers", diff_ids: diffIds }, history: Array.isArray(first.History) ? first.History : [] };
  if (inspect.os) configJson.os = inspect.os;
  if (inspect.architecture) configJson.architecture = inspect.architecture;
  return { inspect, configJson };
}

/** `podman image save` of one image as a stream of its stdout; a failed save ends the stream with its error. */
function podmanSave(bin: string, id: string): Readable {
  const out = new PassThrough();
  const child = spawn(bin, ["image", "save", "--format", "docker-archive", id], { stdio: ["ignore", "pipe", "pipe"] });
  const err: Buffer[] = [];
  child.stderr.on("data", (b: Buffer) => err.push(b));
  // Ended only once podman exits, so a failed save is an error, not a short archive.
  child.stdout.pipe(out, { end: false });
  child.on("error", (e) => out.destroy(e));
  child.on("close", (code) => {
    if (code === 0) out.end();
    else out.destroy(new DredgeError("podman-failed", `\`${bin} image save\` failed: ${Buffer.concat(err).toString("utf8").trim().split("\n").pop() ?? `exit ${code}`}`));
  });
  // A scan that stops reading stops podman too.
  out.on("close", () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  return out;
}

/**
 * An image of Podman's local storage through the podman CLI, for hosts where no Podman API socket
 * runs: `podman image inspect` for its config, `podman image save` streamed from stdout for its layers.
 */
export async function podmanCliImage(ref: string, target: string, bin = PODMAN_BIN): Promise<Image> {
  let text: string;
  try {
    text = await capture(bin, ["image", "inspect", "--", ref]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new DredgeError("engine-unreachable", `no podman command on PATH`);
    if (/image not known|no such image|not found/i.test(errorMessage(err))) throw new DredgeError("image-not-found", `no image ${JSON.stringify(ref)} in Podman's storage (podman image inspect)`);
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DredgeError("bad-engine-answer", "`podman image inspect` printed something that is not JSON");
  }
  const { inspect, configJson } = parsePodmanInspect(json);
  const config = parseImageConfig(configJson, "podman image inspect");
  return streamedEngineImage(target, inspect, config, async () => podmanSave(bin, inspect.id.replace(/^sha256:/, "")), `${target} (${shortId(inspect.id)}, podman image save)`);
}
