// File-system helpers: sorted walks, guarded recursive removal, a cross-process lock.
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { log, pidAlive, readPidFile } from './proc.js';

/** Paths of all files and symlinks under dir, relative to it, sorted (byte order). */
export function walkFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) visit(rel);
      else out.push(rel);
    }
  };
  visit('');
  return out.sort();
}

/** Content of a file, or the target of a symlink, for hashing. */
export function fileBytes(path: string): Buffer {
  const st = lstatSync(path);
  return st.isSymbolicLink() ? Buffer.from('symlink:' + readlinkSync(path)) : readFileSync(path);
}

/** Adds u+w to dir and everything under it (the shared scenarios are read-only). */
export function makeWritable(dir: string): void {
  const st = lstatSync(dir);
  if (st.isSymbolicLink()) return;
  chmodSync(dir, st.mode | 0o200);
  if (st.isDirectory()) for (const name of readdirSync(dir)) makeWritable(join(dir, name));
}

/** Mount points at or under dir, from /proc/self/mountinfo. */
export function mountsUnder(dir: string): string[] {
  const root = resolve(dir);
  let info = '';
  try {
    info = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  return info
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .map((p) => p.replace(/\\(\d{3})/g, (_m, o: string) => String.fromCharCode(Number.parseInt(o, 8))))
    .filter((p) => p === root || p.startsWith(root + '/'));
}

/** rm -rf dir, refusing when something is mounted under it (a leftover bind of /dev or /proc). */
export function removeTree(dir: string): void {
  const mounts = mountsUnder(dir);
  if (mounts.length > 0) throw new Error(`refusing to remove ${dir}: mounted under it: ${mounts.join(', ')}`);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs fn while holding a lock dir (`<dir>/owner` holds the pid), so that two test processes do not
 * build into the same cache at once. A lock whose owner is dead is taken over.
 */
export async function withLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 60 * 60_000): Promise<T> {
  const owner = join(lockDir, 'owner');
  mkdirSync(dirname(lockDir), { recursive: true });
  for (let waited = 0; ; waited += 1000) {
    try {
      mkdirSync(lockDir, { recursive: false });
      writeFileSync(owner, String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = readPidFile(owner);
      if (pid === undefined ? waited >= 5000 : !pidAlive(pid)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (waited === 0) log(`waiting for ${relative(process.cwd(), lockDir)} (held by pid ${pid ?? '?'})`);
      if (waited >= timeoutMs) throw new Error(`timed out waiting for lock ${lockDir}`);
      await delay(1000);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
