import { emptyConfig, type Image } from "../image/types.js";

/** An unpacked root filesystem: one layer, no config or history; every file is `present`. */
export function directoryImage(path: string, target: string): Image {
  return {
    target,
    tags: [],
    config: emptyConfig(),
    layers: [{ kind: "directory", index: 0, root: path, where: path }],
    warnings: [],
  };
}
