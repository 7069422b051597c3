// A realistic base image for the false-alarm test: Debian bookworm (debootstrap --variant=minbase from
// Debian's mirror) plus packages known to ship test keys, demo keys, example configs and docs. Built
// once with `docker import` in a private engine and cached as its `docker save` archive.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { startDockerd } from './engines.js';
import { removeTree, withLock } from './fsutil.js';
import { e2eCacheDir } from './paths.js';
import { log, run } from './proc.js';

/** Packages on top of minbase, each for the material it ships. */
export const DEBIAN_EXTRA_PACKAGES: readonly string[] = [
  'libpython3.11-testsuite', // CPython's test suite: keycert.pem, badkey.pem, pycakey.pem…
  'openssl', // openssl.cnf examples, CA.pl
  'libssl-doc', // OpenSSL demos with keys and certificates (demos/certs, cms, smime)
  'openssh-client', // ssh docs and example configs
  'ca-certificates', // hundreds of public certificates
  'python3-certifi', // a CA bundle inside site-packages
  'libxmlsec1-dev', // xmlsec examples with an RSA key (rsakey.pem)
];
export const DEBIAN_SUITE = 'bookworm';
export const DEBIAN_MIRROR = process.env.DREDGE_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
const TAG = 'dredge-e2e/debian-realistic:bookworm';

function recipeKey(): string {
  return createHash('sha256').update(JSON.stringify([DEBIAN_SUITE, DEBIAN_EXTRA_PACKAGES, 'v1'])).digest('hex').slice(0, 12);
}

/** Path of the cached `docker save` archive of the realistic Debian image (built when missing). */
export async function ensureDebianArchive(): Promise<string> {
  const dir = join(e2eCacheDir, 'debian-realistic');
  const out = join(dir, `docker-archive-${recipeKey()}.tar`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  return withLock(join(dir, '.lock'), async () => {
    if (existsSync(out)) return out;
    const tmp = mkdtempSync(join(dir, 'build-'));
    try {
      const rootfs = join(tmp, 'rootfs');
      log(`debootstrap ${DEBIAN_SUITE} from ${DEBIAN_MIRROR} (minbase + ${DEBIAN_EXTRA_PACKAGES.length} packages)`);
      await run('debootstrap', ['--variant=minbase', `--include=${DEBIAN_EXTRA_PACKAGES.join(',')}`, DEBIAN_SUITE, rootfs, DEBIAN_MIRROR], { timeoutMs: 30 * 60_000 });
      // apt's downloaded .debs are not part of an image people ship.
      removeTree(join(rootfs, 'var', 'cache', 'apt', 'archives'));
      const tar = join(tmp, 'rootfs.tar');
      await run('tar', ['--numeric-owner', '-C', rootfs, '-cf', tar, '.'], { timeoutMs: 10 * 60_000 });
      removeTree(rootfs);
      const engine = await startDockerd(join(tmp, 'engine'));
      try {
        await engine.docker(['import', '-c', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', tar, TAG], { timeoutMs: 10 * 60_000 });
        await engine.docker(['save', '-o', out + '.tmp', TAG], { timeoutMs: 10 * 60_000 });
      } finally {
        engine.stop();
      }
      renameSync(out + '.tmp', out);
      return out;
    } finally {
      removeTree(tmp);
    }
  });
}
