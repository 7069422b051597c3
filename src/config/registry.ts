/** The registry options of `.dredge.yaml` for one host, as the registry source reads them. */

import type { DredgeConfig } from "./types.js";

/** Options for one registry host; times in milliseconds. */
export interface RegistrySettings {
  insecure: boolean;
  timeoutMs?: number;
  connectTimeoutMs?: number;
}

/**
 * The settings for `host` (`registry.example.com` or `localhost:5000`): its `registry.hosts`
 * entry (by `host:port`, else by the bare host name) over the registry-wide `timeout` and
 * `connectTimeout`. Command-line flags, when given, override these in the caller.
 */
export function registrySettings(config: DredgeConfig, host: string): RegistrySettings {
  const hosts = config.registry?.hosts ?? {};
  const lower = host.toLowerCase();
  const bare = lower.replace(/:\d+$/, "");
  const entry = Object.entries(hosts).find(([h]) => h.toLowerCase() === lower)?.[1] ?? Object.entries(hosts).find(([h]) => h.toLowerCase() === bare)?.[1] ?? {};
  const timeout = entry.timeout ?? config.registry?.timeout;
  const connectTimeout = entry.connectTimeout ?? config.registry?.connectTimeout;
  const out: RegistrySettings = { insecure: entry.insecure ?? false };
  if (timeout !== undefined) out.timeoutMs = Math.round(timeout * 1000);
  if (connectTimeout !== undefined) out.connectTimeoutMs = Math.round(connectTimeout * 1000);
  return out;
}
