import type { Image } from "../image/types.js";
import type { ArchiveFiles } from "./archive-files.js";
import { ArchiveBlobStore, DirectoryBlobStore } from "./blob-store.js";
import { imagesFromLayout, type LayoutSelection } from "./oci-layout.js";

/** Images of an OCI image layout directory. */
export function ociDirectoryImages(path: string, target: string, sel: LayoutSelection): Promise<Image[]> {
  return imagesFromLayout(new DirectoryBlobStore(path), target, sel);
}

/** Images of a tar of an OCI image layout (`skopeo copy … oci-archive:`, `buildah push … oci-archive:`). */
export function ociArchiveImages(archive: ArchiveFiles, target: string, sel: LayoutSelection): Promise<Image[]> {
  return imagesFromLayout(new ArchiveBlobStore(archive.path, archive), target, sel);
}
