// Prints `publicKeyHash` entries for the private keys a scan finds in the given targets, for the
// list of published test keys (src/detect/public-test-keys.ts): `node dist/tools/public-key-hashes.js dir:/rootfs`.
import { publicKeyHash } from "../src/detect/provenance.js";
import { keyStoreDigest } from "../src/detect/structure/keystore.js";
import { scan } from "../src/scan/index.js";

const result = await scan(process.argv.slice(2), { threads: 1 });
for (const f of result.findings) {
  if (!/private-key|keystore/.test(f.kind)) continue;
  const paths = f.locations.map((l) => ("path" in l ? l.path : l.status));
  console.log(`  ["${keyStoreDigest(f.secret.reveal()) ?? publicKeyHash(f.secret.reveal())}", ""], // ${paths.slice(0, 3).join(" ")}`);
}
