import type { Image } from "../image/types.js";
import { TarFileIndex } from "../layers/tar/index-file.js";
import { DirectoryBlobStore, TarBlobStore } from "./blob-store.js";
import { imagesFromLayout, type LayoutSelection } from "./oci-layout.js";

/** Images of an OCI image layout directory. */
export function ociDirectoryImages(path: string, target: string, sel: LayoutSelection): Promise<Image[]> {
  return imagesFromLayout(new DirectoryBlobStore(path), target, sel);
}

/** Images of a tar of an OCI image layout (`skopeo copy … oci-archive:`, `buildah push … oci-archive:`). */
export async function ociArchiveImages(path: string, target: string, sel: LayoutSelection): Promise<Image[]> {
  const index = await TarFileIndex.open(path);
  return imagesFromLayout(new TarBlobStore(path, index), target, sel);
}
