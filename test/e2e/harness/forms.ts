// The four archive forms each built image is exported in, and their checks.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Buildah } from './engines.js';
import { run } from './proc.js';

export const FORM_NAMES = ['docker-archive', 'oci-archive', 'oci', 'oci-zstd'] as const;
export type FormName = (typeof FORM_NAMES)[number];
export type Forms = Record<FormName, string>;

/** File or dir name of each form inside a scenario's cache dir. */
export const FORM_FILES: Readonly<Forms> = {
  'docker-archive': 'docker-archive.tar',
  'oci-archive': 'oci-archive.tar',
  oci: 'oci',
  'oci-zstd': 'oci-zstd',
};

/** `org.opencontainers.image.ref.name` of the image in the OCI forms. */
export const OCI_REF = 'latest';

const SKOPEO = ['--insecure-policy', 'copy', '-q'];

/** Converts a docker-save archive (in outDir) into the three OCI forms beside it. */
export async function convertWithSkopeo(outDir: string): Promise<void> {
  const src = `docker-archive:${join(outDir, FORM_FILES['docker-archive'])}`;
  await run('skopeo', [...SKOPEO, src, `oci-archive:${join(outDir, FORM_FILES['oci-archive'])}:${OCI_REF}`]);
  await run('skopeo', [...SKOPEO, src, `oci:${join(outDir, FORM_FILES.oci)}:${OCI_REF}`]);
  await run('skopeo', [...SKOPEO, '--dest-compress-format', 'zstd', src, `oci:${join(outDir, FORM_FILES['oci-zstd'])}:${OCI_REF}`]);
}

/** Pushes a buildah image straight into all four forms (buildah's own OCI config, not a conversion). */
export async function pushWithBuildah(b: Buildah, image: string, outDir: string): Promise<void> {
  await b.buildah(['push', '-q', image, `docker-archive:${join(outDir, FORM_FILES['docker-archive'])}:${image}`]);
  await b.buildah(['push', '-q', image, `oci-archive:${join(outDir, FORM_FILES['oci-archive'])}:${OCI_REF}`]);
  await b.buildah(['push', '-q', image, `oci:${join(outDir, FORM_FILES.oci)}:${OCI_REF}`]);
  await b.buildah(['push', '-q', '--compression-format', 'zstd', image, `oci:${join(outDir, FORM_FILES['oci-zstd'])}:${OCI_REF}`]);
}

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

function blobPath(layout: string, d: Descriptor): string {
  const [alg, hex] = d.digest.split(':');
  return join(layout, 'blobs', alg ?? '', hex ?? '');
}

/** Checks an OCI layout dir: index, manifest, config and every layer blob present with its size and media type. */
function verifyLayout(layout: string, layerSuffix: '+gzip' | '+zstd'): void {
  if (!existsSync(join(layout, 'oci-layout'))) throw new Error(`${layout}: no oci-layout`);
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as { manifests?: Descriptor[] };
  const top = index.manifests?.[0];
  if (top === undefined) throw new Error(`${layout}: index.json lists no manifest`);
  const manifest = JSON.parse(readFileSync(blobPath(layout, top), 'utf8')) as { config: Descriptor; layers: Descriptor[] };
  for (const d of [manifest.config, ...manifest.layers]) {
    const size = statSync(blobPath(layout, d)).size;
    if (size !== d.size || size === 0) throw new Error(`${layout}: blob ${d.digest} has ${size} bytes, manifest says ${d.size}`);
  }
  const wrong = manifest.layers.filter((l) => !l.mediaType.endsWith(layerSuffix));
  if (wrong.length > 0) throw new Error(`${layout}: layers not ${layerSuffix}: ${wrong.map((l) => l.mediaType).join(', ')}`);
}

async function tarNames(archive: string): Promise<Set<string>> {
  if (statSync(archive).size === 0) throw new Error(`${archive} is empty`);
  const { stdout } = await run('tar', ['-tf', archive]);
  return new Set(stdout.split('\n').map((n) => n.replace(/^\.\//, '')));
}

/** Checks the four forms in outDir exist, are non-empty and hang together. */
export async function verifyForms(outDir: string): Promise<void> {
  const dockerArchive = join(outDir, FORM_FILES['docker-archive']);
  const names = await tarNames(dockerArchive);
  const { stdout } = await run('tar', ['-xOf', dockerArchive, 'manifest.json']);
  const manifest = JSON.parse(stdout) as { Config: string; Layers: string[] }[];
  const missing = manifest.flatMap((m) => [m.Config, ...m.Layers]).filter((n) => !names.has(n));
  if (manifest.length === 0 || missing.length > 0) throw new Error(`${dockerArchive}: manifest.json entries missing: ${missing.join(', ')}`);
  const ociNames = await tarNames(join(outDir, FORM_FILES['oci-archive']));
  if (!ociNames.has('index.json') || !ociNames.has('oci-layout')) throw new Error(`${FORM_FILES['oci-archive']}: no index.json/oci-layout`);
  verifyLayout(join(outDir, FORM_FILES.oci), '+gzip');
  verifyLayout(join(outDir, FORM_FILES['oci-zstd']), '+zstd');
}
