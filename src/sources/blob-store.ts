import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { DredgeError } from "../util/errors.js";
import type { FileRange } from "../image/types.js";
import type { ArchiveFiles } from "./archive-files.js";

/** Largest manifest, index or config blob read into memory. */
export const MAX_METADATA_BYTES = 32 << 20;

/** Content-addressed blobs plus the few named files of an OCI layout (`index.json`, `oci-layout`). */
export interface BlobStore {
  /** Where the store is, for messages. */
  readonly where: string;
  /** A named file at the layout root, or undefined when absent. */
  readFile(name: string): Promise<Buffer | undefined>;
  /** Reads a small blob and checks its digest (throws on mismatch or absence). */
  readBlob(digest: string): Promise<Buffer>;
  /** Streams a blob's stored bytes (the caller checks the digest as it reads). */
  openBlob(digest: string): Readable;
  /** Stored size of a blob, when known. */
  blobSize(digest: string): Promise<number | undefined>;
  /** The blob as a range of a local file, when it is one. */
  locate(digest: string): Promise<FileRange | undefined>;
  /** The archive member holding the blob, for stores inside an archive. */
  memberName?(digest: string): string;
}



const DIGEST = /^(sha256|sha512):([a-f0-9]{64}|[a-f0-9]{128})$/;

/** Splits and validates `alg:hex`; throws a clear error for anything else (e.g. `../` tricks). */
export function parseDigest(digest: string): { alg: string; hex: string } {
  const m = DIGEST.exec(digest);
  if (!m || (m[1] === "sha256" && m[2]!.length !== 64) || (m[1] === "sha512" && m[2]!.length !== 128)) {
    throw new DredgeError("bad-digest", `invalid digest ${JSON.stringify(digest.slice(0, 100))}`);
  }
  return { alg: m[1]!, hex: m[2]! };
}

/** Computes `alg:hex` of bytes. */
export function digestOf(bytes: Buffer, alg = "sha256"): string {
  return `${alg}:${createHash(alg).update(bytes).digest("hex")}`;
}

/** Throws when bytes do not hash to `digest`. */
export function verifyDigest(bytes: Buffer, digest: string, what: string): void {
  const { alg } = parseDigest(digest);
  const actual = digestOf(bytes, alg);
  if (actual !== digest) {
    throw new DredgeError("digest-mismatch", `${what}: content hashes to ${actual}, but ${digest} was expected`);
  }
}

function missing(where: string, digest: string): DredgeError {
  return new DredgeError("missing-blob", `blob ${digest} is not in ${where}`);
}

/** An OCI image layout directory. */
export class DirectoryBlobStore implements BlobStore {
  constructor(readonly where: string) {}

  private blobPath(digest: string): string {
    const { alg, hex } = parseDigest(digest);
    return join(this.where, "blobs", alg, hex);
  }

  async readFile(name: string): Promise<Buffer | undefined> {
    try {
      const path = join(this.where, name);
      const s = await stat(path);
      if (s.size > MAX_METADATA_BYTES) throw new DredgeError("too-large", `${path} is larger than ${MAX_METADATA_BYTES} bytes`);
      return await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  }

  async readBlob(digest: string): Promise<Buffer> {
    const path = this.blobPath(digest);
    let bytes: Buffer;
    try {
      const s = await stat(path);
      if (s.size > MAX_METADATA_BYTES) throw new DredgeError("too-large", `blob ${digest} is larger than ${MAX_METADATA_BYTES} bytes`);
      bytes = await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw missing(this.where, digest);
      throw err;
    }
    verifyDigest(bytes, digest, `blob ${digest} in ${this.where}`);
    return bytes;
  }

  openBlob(digest: string): Readable {
    return createReadStream(this.blobPath(digest), { highWaterMark: 1 << 20 });
  }

  async blobSize(digest: string): Promise<number | undefined> {
    try {
      return (await stat(this.blobPath(digest))).size;
    } catch {
      return undefined;
    }
  }

  async locate(digest: string): Promise<FileRange | undefined> {
    const size = await this.blobSize(digest);
    return size === undefined ? undefined : { path: this.blobPath(digest), start: 0, length: size };
  }
}

/** An OCI image layout inside an archive (OCI archive, or the OCI part of a Docker 25+ save). */
export class ArchiveBlobStore implements BlobStore {
  constructor(
    readonly where: string,
    private readonly index: ArchiveFiles,
  ) {}

  /** The archive member that holds a blob. */
  static memberOf(digest: string): string {
    const { alg, hex } = parseDigest(digest);
    return `blobs/${alg}/${hex}`;
  }

  private member(digest: string) {
    return this.index.find(ArchiveBlobStore.memberOf(digest));
  }

  async readFile(name: string): Promise<Buffer | undefined> {
    const m = this.index.find(name);
    return m ? this.index.read(m, MAX_METADATA_BYTES) : undefined;
  }

  async readBlob(digest: string): Promise<Buffer> {
    const m = this.member(digest);
    if (!m) throw missing(this.where, digest);
    const bytes = await this.index.read(m, MAX_METADATA_BYTES);
    verifyDigest(bytes, digest, `blob ${digest} in ${this.where}`);
    return bytes;
  }

  openBlob(digest: string): Readable {
    const m = this.member(digest);
    if (!m) throw missing(this.where, digest);
    return this.index.stream(m);
  }

  async blobSize(digest: string): Promise<number | undefined> {
    return this.member(digest)?.size;
  }

  async locate(digest: string): Promise<FileRange | undefined> {
    const m = this.member(digest);
    return m ? this.index.range(m) : undefined;
  }

  memberName(digest: string): string {
    return ArchiveBlobStore.memberOf(digest);
  }
}
