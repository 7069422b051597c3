import { homedir } from "node:os";
import { join } from "node:path";

/** Where dredge keeps its cache unless told: `$DREDGE_CACHE_DIR`, `$XDG_CACHE_HOME/dredge`, `~/.cache/dredge`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DREDGE_CACHE_DIR) return env.DREDGE_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "dredge");
  return join(homedir(), ".cache", "dredge");
}
