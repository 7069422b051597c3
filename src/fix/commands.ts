/**
 * The build commands a fixed Dockerfile needs: every secret it reads supplied with `--secret`,
 * for docker (BuildKit: the legacy builder has no secret mounts), buildah and podman.
 */

import type { SecretToSupply } from "./types.js";

export interface BuildCommands {
  docker: string;
  buildah: string;
  podman: string;
  /** What each placeholder in the commands stands for. */
  legend: string[];
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/** The environment variable a command uses for a secret file fix does not know: `$NPM_TOKEN_FILE`. */
export function fileVariable(id: string): string {
  return `${id.toUpperCase().replace(/[^A-Z0-9_]/g, "_").replace(/^(\d)/, "_$1")}_FILE`;
}

/** Build commands for a Dockerfile and context, as paths relative to where they run. */
export function buildCommands(secrets: readonly SecretToSupply[], dockerfile: string, context: string): BuildCommands {
  const legend: string[] = [];
  const fileFlag = (s: SecretToSupply) => {
    if (s.src !== undefined) return `--secret id=${s.id},src=${shellWord(s.src)}`;
    const v = fileVariable(s.id);
    legend.push(`$${v}: a file (outside the build context) holding ${s.buildArg !== undefined ? `the value you passed as --build-arg ${s.buildArg}` : s.literal ? `the new value of the secret after you rotate it` : `the secret ${s.id}`}`);
    return `--secret id=${s.id},src="$${v}"`;
  };
  const dockerFlag = (s: SecretToSupply) => (s.buildArg !== undefined && s.src === undefined ? `--secret id=${s.id},env=${s.buildArg}` : fileFlag(s));
  const tail = `-f ${shellWord(dockerfile)} ${shellWord(context)}`;
  const flags = (f: (s: SecretToSupply) => string) => secrets.map(f).join(" ");
  const docker = `DOCKER_BUILDKIT=1 docker build ${flags(dockerFlag)} ${tail}`.replace(/\s+/g, " ");
  const buildahFlags = flags(fileFlag);
  const buildah = `buildah bud ${buildahFlags} ${tail}`.replace(/\s+/g, " ");
  const podman = `podman build ${buildahFlags} ${tail}`.replace(/\s+/g, " ");
  if (secrets.some((s) => s.buildArg !== undefined && s.src === undefined)) {
    legend.unshift(`docker takes a build arg's value from the environment variable of that name (env=); buildah 1.28 reads secrets from files only`);
  }
  return { docker, buildah, podman, legend: [...new Set(legend)] };
}
