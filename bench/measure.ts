import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { scan } from "../src/scan/index.js";

/** One measurement in its own process, so peak RSS is its own: prints JSON on stdout. */
async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  const started = process.hrtime.bigint();
  let extra: Record<string, unknown> = {};
  if (mode === "floor") {
    // The floor: the same layer blobs merely decompressed by tuned node zlib (256 KiB chunks, 1 MiB reads).
    let bytes = 0;
    for (const blob of args) {
      await new Promise<void>((resolve, reject) => {
        const gunzip = createGunzip({ chunkSize: 256 * 1024 });
        gunzip.on("data", (c: Buffer) => (bytes += c.length));
        gunzip.on("end", resolve);
        gunzip.on("error", reject);
        createReadStream(blob, { highWaterMark: 1 << 20 }).on("error", reject).pipe(gunzip);
      });
    }
    extra = { bytes };
  } else if (mode === "scan" || mode === "scan-2") {
    // scan-2: layers in two worker threads, for comparison with the default.
    const result = await scan([`oci:${args[0]}`], mode === "scan-2" ? { threads: 2 } : {});
    extra = { findings: result.findings.length, kinds: result.findings.map((f) => f.kind).sort(), warnings: result.targets.flatMap((t) => t.warnings) };
  } else if (mode === "scan-many") {
    // scan-many CACHE_DIR|none THREADS LAYOUT…: one run over several images, as `dredge scan a b c` does.
    const [cacheDir, threads, ...layouts] = args;
    const result = await scan(
      layouts.map((l) => `oci:${l}`),
      { threads: Number(threads), ...(cacheDir && cacheDir !== "none" ? { cacheDir } : {}) },
    );
    extra = { findings: result.findings.length, locations: result.findings.reduce((n, f) => n + f.locations.length, 0), warnings: result.targets.flatMap((t) => t.warnings) };
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ mode, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, ...extra }) + "\n");
}

await main();
