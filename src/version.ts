/** dredge's version, reported by `--version` and in reports. */
export const VERSION = "0.1.0";
