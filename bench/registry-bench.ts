// Registry bench: the bench image (bench/make-image.ts, ~650 MB uncompressed, gzip layers) pushed with
// skopeo to a local docker-registry, then scanned from the registry and from its OCI layout, each in its
// own process, interleaved, a few runs. Prints the ratio registry / layout (goal ≤ 1.2 on loopback) and
// peak RSS.   node dist/bench/registry-bench.js        (BENCH_RUNS=N, default 3)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { scan } from "../src/scan/index.js";
import { pushWithSkopeo, startRegistry } from "../test/e2e/harness/registry.js";
import { ensureBenchImage, PLANTED } from "./make-image.js";
import { median } from "./runs.js";

interface Measurement {
  mode: string;
  seconds: number;
  /** CPU seconds of the scan process (user + system): what the scan costs, whatever the machine's load. */
  cpuSeconds: number;
  /** CPU seconds the registry process spent meanwhile (registry runs only). */
  serverCpuSeconds?: number;
  maxRssMiB: number;
  findings: number;
  kinds: string[];
  warnings: string[];
  errors: string[];
}

const here = fileURLToPath(import.meta.url);
const repo = join(dirname(here), "..", "..");

/** One scan in this (child) process: prints its measurement as JSON. */
async function measure(mode: string, target: string): Promise<void> {
  const started = process.hrtime.bigint();
  const result = await scan([target], mode === "registry" ? { registry: { insecure: true } } : {});
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage();
  const m: Measurement = {
    mode,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    findings: result.findings.length,
    kinds: result.findings.map((f) => f.kind).sort(),
    warnings: result.targets.flatMap((t) => t.warnings),
    errors: result.targets.flatMap((t) => (t.error ? [t.error] : [])),
  };
  process.stdout.write(JSON.stringify(m) + "\n");
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function run(mode: string, target: string, serverPid?: number): Measurement {
  const before = serverPid ? processCpuSeconds(serverPid) : 0;
  const m = JSON.parse(execFileSync(process.execPath, [here, "--measure", mode, target], { maxBuffer: 1 << 24 }).toString()) as Measurement;
  if (serverPid) m.serverCpuSeconds = processCpuSeconds(serverPid) - before;
  return m;
}

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  console.log("registry bench: building the bench image (cached after the first run)…");
  const image = ensureBenchImage(join(repo, ".cache", "bench"));
  const mb = image.uncompressedBytes / 1e6;
  const registry = await startRegistry();
  try {
    const pushStarted = Date.now();
    await pushWithSkopeo(image.layout, `${registry.host}/bench/image:1`);
    console.log(`image: ${image.layers.length} gzip layers, ${mb.toFixed(0)} MB uncompressed; pushed to docker-registry at ${registry.host} in ${((Date.now() - pushStarted) / 1000).toFixed(1)} s`);
    const layout: Measurement[] = [];
    const remote: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so both see the same page cache and machine load.
      layout.push(run("layout", `oci:${image.layout}`));
      remote.push(run("registry", `registry:${registry.host}/bench/image:1`, registry.pid));
    }
    const fromLayout = median(layout.map((m) => m.seconds));
    const fromRegistry = median(remote.map((m) => m.seconds));
    const last = remote[remote.length - 1]!;
    console.log("");
    const cpu = (ms: Measurement[]) => median(ms.map((m) => m.cpuSeconds)).toFixed(2);
    console.log(`dredge scan from the OCI layout:  ${fromLayout.toFixed(2)} s  ${(mb / fromLayout).toFixed(0)} MB/s  CPU ${cpu(layout)} s  peak RSS ${median(layout.map((m) => m.maxRssMiB)).toFixed(0)} MiB`);
    console.log(`dredge scan from the registry:    ${fromRegistry.toFixed(2)} s  ${(mb / fromRegistry).toFixed(0)} MB/s  CPU ${cpu(remote)} s (+ registry ${median(remote.map((m) => m.serverCpuSeconds ?? 0)).toFixed(2)} s)  peak RSS ${median(remote.map((m) => m.maxRssMiB)).toFixed(0)} MiB`);
    console.log(`ratio registry / layout: ${(fromRegistry / fromLayout).toFixed(2)}×   (goal ≤ 1.2× on loopback)   median of ${runs}`);
    const same = JSON.stringify(last.kinds) === JSON.stringify(layout[layout.length - 1]!.kinds);
    console.log(`findings: ${last.findings} (${last.kinds.join(", ")}); same as from the layout: ${same ? "yes" : "NO"}; warnings: ${last.warnings.length}; errors: ${last.errors.join("; ") || "none"}`);
    if (!same || last.errors.length || last.findings < PLANTED.length) process.exitCode = 1;
  } finally {
    registry.stop();
  }
}

if (process.argv[2] === "--measure") await measure(process.argv[3]!, process.argv[4]!);
else await main();
