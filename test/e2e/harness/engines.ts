// A private Docker engine (dockerd 20.10, vfs, no network) and buildah with its own vfs storage.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { removeTree } from './fsutil.js';
import { e2eCacheDir } from './paths.js';
import { log, readPidFile, run, stopPid, type RunOptions, type RunResult } from './proc.js';

/** Default work dir of the private engines: `<repo>/.cache/e2e/engine`. */
export const defaultEngineDir = join(e2eCacheDir, 'engine');

/** sun_path holds 108 bytes; keep a margin. */
const SOCKET_PATH_MAX = 100;

/** A running private dockerd. */
export interface DockerEngine {
  /** Work dir: data root, pidfile, log. */
  readonly dir: string;
  /** `unix://…/docker.sock`. */
  readonly host: string;
  /** DOCKER_HOST, DOCKER_BUILDKIT=0 (legacy builder) and a private DOCKER_CONFIG. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs the docker CLI against this engine. */
  docker(args: readonly string[], opts?: RunOptions): Promise<RunResult>;
  /** Stops dockerd by the pid in its pidfile (SIGTERM, then SIGKILL after a timeout). Idempotent. */
  stop(): void;
}

interface EnginePaths {
  dataRoot: string;
  execRoot: string;
  socket: string;
  pidfile: string;
  logfile: string;
}

function enginePaths(dir: string): EnginePaths {
  // containerd puts its sockets under exec-root/containerd/: a long work dir moves them to /tmp.
  const probe = join(dir, 'exec', 'containerd', 'containerd-debug.sock');
  const runDir = probe.length <= SOCKET_PATH_MAX ? dir : join(tmpdir(), 'dredge-e2e-' + createHash('sha256').update(dir).digest('hex').slice(0, 12));
  return {
    dataRoot: join(dir, 'data'),
    execRoot: join(runDir, 'exec'),
    socket: join(runDir, 'docker.sock'),
    pidfile: join(dir, 'dockerd.pid'),
    logfile: join(dir, 'dockerd.log'),
  };
}

const running = new Set<() => void>();
let exitHooked = false;

function stopAllOnExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  const stopAll = (): void => {
    for (const stop of [...running]) stop();
  };
  process.on('exit', stopAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      stopAll();
      process.kill(process.pid, sig);
    });
  }
}

/** Stops a dockerd left by an earlier run in the same work dir, and its containerd. */
function stopLeftovers(p: EnginePaths): void {
  const pid = readPidFile(p.pidfile);
  if (pid !== undefined && stopPid(pid, p.dataRoot)) log(`stopped leftover dockerd ${pid}`);
  const cpid = readPidFile(join(p.execRoot, 'containerd', 'containerd.pid'));
  if (cpid !== undefined && stopPid(cpid, p.execRoot)) log(`stopped leftover containerd ${cpid}`);
}

export interface StartOptions {
  /** Start from an empty data root (default true). */
  fresh?: boolean;
  timeoutMs?: number;
  /** More dockerd flags (e.g. a TLS tcp listener beside the socket). */
  extraArgs?: readonly string[];
}

/** Starts dockerd under dir and waits until it answers. Stopped on process exit at the latest. */
export async function startDockerd(dir: string = defaultEngineDir, opts: StartOptions = {}): Promise<DockerEngine> {
  const { fresh = true, timeoutMs = 60_000, extraArgs = [] } = opts;
  const p = enginePaths(dir);
  stopLeftovers(p);
  if (fresh) wipeDockerData(dir);
  mkdirSync(dir, { recursive: true });
  mkdirSync(p.execRoot, { recursive: true });
  const host = `unix://${p.socket}`;
  const env: NodeJS.ProcessEnv = { DOCKER_HOST: host, DOCKER_BUILDKIT: '0', DOCKER_CONFIG: join(dir, 'docker-config') };
  const logfd = openSync(p.logfile, 'w');
  const child = spawn(
    'dockerd',
    [
      '--storage-driver=vfs', '--iptables=false', '--ip6tables=false', '--bridge=none',
      '-H', host, '--data-root', p.dataRoot, '--exec-root', p.execRoot, '--pidfile', p.pidfile, ...extraArgs,
    ],
    { detached: true, stdio: ['ignore', logfd, logfd] },
  );
  closeSync(logfd);
  child.unref();
  let exited: string | undefined;
  child.on('exit', (code, sig) => (exited = `exit ${code ?? sig}`));
  child.on('error', (e) => (exited = e.message));

  const stop = (): void => {
    running.delete(stop);
    const pid = readPidFile(p.pidfile) ?? child.pid;
    if (pid !== undefined && stopPid(pid, p.dataRoot)) log(`stopped dockerd ${pid}`);
    const cpid = readPidFile(join(p.execRoot, 'containerd', 'containerd.pid'));
    if (cpid !== undefined && stopPid(cpid, p.execRoot)) log(`stopped orphaned containerd ${cpid}`);
  };
  running.add(stop);
  stopAllOnExit();

  const docker = (args: readonly string[], opts: RunOptions = {}): Promise<RunResult> =>
    run('docker', args, { ...opts, env: { ...env, ...opts.env } });

  const started = Date.now();
  for (;;) {
    if (exited !== undefined) {
      stop();
      throw new Error(`dockerd ${exited} before answering; log ${p.logfile}:\n${tail(p.logfile)}`);
    }
    try {
      await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 });
      break;
    } catch {
      if (Date.now() - started > timeoutMs) {
        stop();
        throw new Error(`dockerd did not answer within ${timeoutMs} ms; log ${p.logfile}:\n${tail(p.logfile)}`);
      }
      await delay(300);
    }
  }
  log(`dockerd ${child.pid ?? '?'} up at ${host} in ${Date.now() - started} ms`);
  return { dir, host, env, docker, stop };
}

/** Removes the engine's data (images, build cache); dockerd must be stopped. */
export function wipeDockerData(dir: string = defaultEngineDir): void {
  const p = enginePaths(dir);
  removeTree(p.dataRoot);
  removeTree(p.execRoot);
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** buildah with vfs storage of its own (`broot`, `brunroot` under the work dir), chroot isolation. */
export interface Buildah {
  readonly root: string;
  readonly runroot: string;
  buildah(args: readonly string[], opts?: RunOptions): Promise<RunResult>;
  /** Removes working containers, then the whole storage. */
  wipe(): Promise<void>;
}

export function buildahAt(dir: string = defaultEngineDir): Buildah {
  const root = join(dir, 'broot');
  const runroot = join(dir, 'brunroot');
  const buildah = (args: readonly string[], opts: RunOptions = {}): Promise<RunResult> =>
    run('buildah', ['--storage-driver', 'vfs', '--root', root, '--runroot', runroot, ...args], {
      ...opts,
      env: { BUILDAH_ISOLATION: 'chroot', ...opts.env },
    });
  const wipe = async (): Promise<void> => {
    await buildah(['rm', '--all']).catch(() => undefined);
    removeTree(root);
    removeTree(runroot);
  };
  return { root, runroot, buildah, wipe };
}
