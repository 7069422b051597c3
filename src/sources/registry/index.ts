// The registry source: an image from a registry's distribution API, layers streamed into the scanner.
export { registryImages, type RegistrySourceOptions } from "./image.js";
export type { RegistryHostSettings, RegistryLogin, RegistryOptions } from "./options.js";
export { looksLikeRegistryReference, parseReference, formatReference, type RegistryReference } from "./reference.js";
