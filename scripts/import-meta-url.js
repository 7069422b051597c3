// Injected into the CommonJS bundle (scripts/bundle-cli.mjs): `import.meta.url` of the code in
// it is the bundle's own file, so paths next to it (the layer worker) resolve as they did.
import { pathToFileURL } from "node:url";

export const importMetaUrl = pathToFileURL(__filename).href;
