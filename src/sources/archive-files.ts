import type { Readable } from "node:stream";
import type { FileRange } from "../image/types.js";

/** A file in an image archive (docker save, OCI archive). */
export interface ArchiveMember {
  /** Normalised name (see `memberKey`). */
  name: string;
  size: number;
}

/**
 * The files of an image archive, as the sources read them: an uncompressed tar read by seeking
 * (`TarFileIndex`), or a compressed one read front to back (`StreamedArchive`).
 */
export interface ArchiveFiles {
  readonly path: string;
  /** The member at `name`, links inside the archive followed. */
  find(name: string): ArchiveMember | undefined;
  /** A small member's content whole. */
  read(member: ArchiveMember, limit?: number): Promise<Buffer>;
  /** A member's content as a stream (random access only). */
  stream(member: ArchiveMember): Readable;
  /** A member's content as a range of a local file (random access only). */
  range(member: ArchiveMember): FileRange | undefined;
  /**
   * For archives that can only be read front to back: one pass that hands each named member's
   * content to `visit`, in archive order, waiting for each visit to finish.
   */
  streamMembers?(names: ReadonlySet<string>, visit: (name: string, content: Readable) => Promise<void>): Promise<void>;
}
