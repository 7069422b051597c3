import { test } from "node:test";
import assert from "node:assert/strict";
import { REGISTRY_DEFAULTS, resolveRegistryOptions } from "../../../../src/sources/registry/options.js";

test("defaults: HTTPS with verification, connect 30 s, idle 60 s, 4 retries", () => {
  const o = resolveRegistryOptions();
  assert.deepEqual(o, { ...REGISTRY_DEFAULTS });
});

test("a host's settings (the config file) apply to that registry only; flags win over them", () => {
  const hostSettings = (registry: string) => (registry === "localhost:5000" ? { insecure: true, timeoutMs: 5000 } : {});
  const local = resolveRegistryOptions({ hostSettings }, "localhost:5000");
  assert.equal(local.insecure, true);
  assert.equal(local.idleTimeoutMs, 5000);
  assert.equal(local.connectTimeoutMs, 5000, "a host's timeout bounds its connect time too");
  const other = resolveRegistryOptions({ hostSettings }, "registry.example.com");
  assert.equal(other.insecure, false);
  assert.equal(other.idleTimeoutMs, REGISTRY_DEFAULTS.idleTimeoutMs);
  const flagged = resolveRegistryOptions({ hostSettings, idleTimeoutMs: 1000, connectTimeoutMs: 1000 }, "localhost:5000");
  assert.equal(flagged.idleTimeoutMs, 1000);
  assert.equal(flagged.connectTimeoutMs, 1000);
  assert.equal(resolveRegistryOptions({ insecure: true, hostSettings }, "registry.example.com").insecure, true);
});
