// Process helpers for the e2e harness: run a command, check and stop processes by pid.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface RunOptions {
  cwd?: string;
  /** Merged over process.env. */
  env?: NodeJS.ProcessEnv;
  /** Kill the command (SIGKILL) after this many milliseconds. */
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** A command that exited non-zero (or was killed); the message ends with its stderr tail. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    const tail = (stderr.trim() || stdout.trim()).split('\n').slice(-30).join('\n');
    super(`${command}: exit ${code ?? 'killed'}\n${tail}`);
    this.name = 'CommandError';
  }
}

/** Runs cmd with args (no shell), collecting stdout and stderr as UTF-8. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ stdout, stderr });
      else reject(new CommandError([cmd, ...args].join(' '), code, stdout, stderr));
    });
  });
}

/** Blocks the thread (usable in an 'exit' handler). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** True when pid runs and is not a zombie (an unreaped child counts as gone). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The pid in pidfile, or undefined when the file is missing or holds no number. */
export function readPidFile(pidfile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(pidfile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The NUL-separated command line of pid joined by spaces, or '' when unreadable. */
export function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/**
 * Stops pid if its command line contains mustContain (a guard against a reused pid):
 * SIGTERM, wait up to graceMs, then SIGKILL. Synchronous so it also works on process exit.
 * Returns true when something was stopped.
 */
export function stopPid(pid: number, mustContain: string, graceMs = 20_000): boolean {
  if (!pidAlive(pid) || !cmdlineOf(pid).includes(mustContain)) return false;
  signal(pid, 'SIGTERM');
  for (let waited = 0; waited < graceMs && pidAlive(pid); waited += 100) sleepSync(100);
  if (pidAlive(pid)) {
    signal(pid, 'SIGKILL');
    for (let waited = 0; waited < 5_000 && pidAlive(pid); waited += 100) sleepSync(100);
  }
  return true;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Progress line on stderr, silenced by DREDGE_E2E_QUIET=1. */
export function log(msg: string): void {
  if (process.env.DREDGE_E2E_QUIET !== '1') process.stderr.write(`[e2e] ${msg}\n`);
}
