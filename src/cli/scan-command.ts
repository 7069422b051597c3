import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import { registrySettings } from "../config/registry.js";
import type { DredgeConfig } from "../config/types.js";
import { scan } from "../scan/index.js";
import { parsePlatform } from "../sources/platform.js";
import { parseFailOn } from "./exit.js";
import { baselineOption, formatOption, printReport, writeBaselineOption, type ReportFormat } from "./output.js";
import { looksLikeRegistryReference, parseReference, type RegistryOptions } from "../sources/registry/index.js";
import { UsageError } from "../util/errors.js";
import { ProgressLine } from "./progress.js";
import { defaultCacheDir } from "../cache/dir.js";
import type { Image } from "../image/types.js";
import { archiveOptions } from "../archives/options.js";

interface ScanFlags {
  format: ReportFormat;
  output?: string;
  showSecrets?: boolean;
  failOn?: string;
  platform?: string;
  dockerfile?: string;
  target?: string;
  progress: boolean;
  color?: boolean;
  config?: string;
  all?: boolean;
  username?: string;
  passwordStdin?: boolean;
  insecure?: boolean;
  timeout?: string;
  quiet?: boolean;
  /** A directory, or false with `--no-cache`. */
  cache: boolean;
  cacheDir?: string;
  archiveDepth?: string;
  archiveMemory?: string;
  threads?: string;
}

async function runScan(targets: string[], flags: ScanFlags): Promise<number> {
  const platform = flags.platform ? parsePlatform(flags.platform) : undefined;
  const progress = flags.progress && !flags.quiet && process.stderr.isTTY ? new ProgressLine(process.stderr) : undefined;
  const config = await loadConfig(flags.config);
  const registry = await registryOptions(flags, targets, config);
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? "high");
  const archives = archiveOptions(flags.archiveDepth, flags.archiveMemory);
  const threads = flags.threads === undefined ? undefined : Number(flags.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
    throw new UsageError(`--threads takes a whole number from 1 to 64 (got ${JSON.stringify(flags.threads!.slice(0, 40))})`);
  }
  const result = await scan(targets, {
    ...archives,
    ...(config.rules ? { userRules: config.rules } : {}),
    ...(config.fingerprintSalt ? { fingerprintSalt: config.fingerprintSalt } : {}),
    ...(platform ? { platform } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(registry ? { registry } : {}),
    ...(flags.dockerfile ? { dockerfile: flags.dockerfile } : {}),
    ...(flags.target ? { target: flags.target } : {}),
    ...(flags.cache ? { cacheDir: flags.cacheDir ?? config.cacheDir ?? defaultCacheDir(), cacheRead: !flags.showSecrets } : {}),
    ...(progress ? { onLayer: (img: Image) => progress.onLayer(img), onLayerDone: (img: Image, i: number, d: { bytes: number; cached: boolean }) => progress.onLayerDone(img, i, d) } : {}),
  });
  progress?.clear();
  return printReport(result, flags, failOn, config);
}

/** Reads all of stdin (the password of `--password-stdin`). */
async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

/** The registries the targets name (`registry:` references, and host-qualified ones). */
function registriesNamed(targets: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of targets) {
    const text = t.startsWith("registry:") ? t.slice("registry:".length) : looksLikeRegistryReference(t) ? t : undefined;
    if (text === undefined) continue;
    try {
      out.add(parseReference(text).registry);
    } catch {
      // Reported when the target is scanned.
    }
  }
  return out;
}

/** Registry options from `--username`, `--password-stdin`, `--insecure`, `--timeout` and the config; undefined when none is given. */
async function registryOptions(flags: ScanFlags, targets: string[], config: DredgeConfig): Promise<RegistryOptions | undefined> {
  const o: RegistryOptions = {};
  // `.dredge.yaml` `registry:` per host (insecure, timeouts); the flags below win over it.
  if (config.registry) o.hostSettings = (host) => registrySettings(config, host);
  if (flags.passwordStdin && !flags.username) throw new UsageError("--password-stdin needs --username");
  if (flags.username && !flags.passwordStdin) throw new UsageError("--username needs --password-stdin (a password on the command line would show in the process list and shell history)");
  if (flags.username) {
    // Credentials go to one registry only: never to a second one the same run names.
    const registries = [...registriesNamed(targets)];
    if (registries.length > 1) throw new UsageError(`--username is for one registry, but the targets name ${registries.join(", ")}; use docker login for each instead`);
    // As `docker login --password-stdin`: one trailing newline is not part of the password.
    const password = (await readStdin()).replace(/\r?\n$/, "");
    if (!password) throw new UsageError("--password-stdin: standard input is empty");
    o.login = { username: flags.username, password, ...(registries[0] ? { registry: registries[0] } : {}) };
  }
  if (flags.insecure) o.insecure = true;
  if (flags.timeout !== undefined) {
    const seconds = Number(flags.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) throw new UsageError(`--timeout must be a number of seconds, more than 0 (got ${JSON.stringify(flags.timeout)})`);
    o.connectTimeoutMs = o.idleTimeoutMs = Math.round(seconds * 1000);
  }
  return Object.keys(o).length ? o : undefined;
}

/** `dredge scan TARGETS…`. */
export function registerScanCommand(cmd: Command): void {
  cmd
    .command("scan")
    .description("scan images: docker-archive:FILE, oci:DIR, oci-archive:FILE, dir:ROOTFS, registry:HOST/REPO[:TAG|@DIGEST], docker:NAME, podman:NAME (or a path, a host-qualified reference, or an image of the local Docker engine, auto-detected)")
    .argument("<targets...>", "images to scan")
    .addOption(formatOption())
    .addOption(baselineOption())
    .addOption(writeBaselineOption())
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--show-secrets", "print whole secret values (default: redacted previews)")
    .option("--fail-on <severity>", "exit 1 when a finding is at or above this severity (critical|high|medium|low|info|none; default: failOn in .dredge.yaml, else high)")
    .option("--platform <os/arch[/variant]>", "platform to pick from multi-platform images (default linux/amd64)")
    .option("--dockerfile <file>", "the Dockerfile the image was built from: findings name its lines")
    .option("--target <stage>", "the stage that was built (with --dockerfile; default the last)")
    .option("--config <file>", "config file (default: .dredge.yaml in the working directory or the nearest directory above it)")
    .option("--all", "also show (and fail on) findings held back as low confidence: test data, docs, published test keys")
    .option("--no-progress", "no progress line on stderr")
    .option("--username <name>", "registry user name (with --password-stdin; default: the credentials of docker login)")
    .option("--password-stdin", "read the registry password or token from standard input")
    .option("--insecure", "plain HTTP, or HTTPS without certificate checks, for the registry the reference names (only it)")
    .option("--timeout <seconds>", "registry connect and idle timeout (default: connect 30, idle 60)")
    .option("-q, --quiet", "nothing on stderr but errors (no progress line)")
    .option("--cache-dir <dir>", "layer-result cache (default $DREDGE_CACHE_DIR, $XDG_CACHE_HOME/dredge or ~/.cache/dredge): holds fingerprints, previews and places, never secret values")
    .option("--no-cache", "scan every layer, neither reading nor writing the layer cache")
    .option("--archive-depth <n>", "archives opened inside each other: 3 reads app.tar.gz → shop.war → app.jar → its files (default 3; 0: archives are not opened)")
    .option("--threads <n>", "worker threads scanning layers in parallel (default: 1 under 4 cores, where inflate already uses the second; else half the cores, at most 4)")
    .option("--archive-memory <bytes>", "zip bytes held in memory per layer to read zips by their central directory; larger ones are read front to back (default 64M)")
    .option("--color", "force colour")
    .option("--no-color", "no colour")
    .exitOverride()
    .action(async (targets: string[], flags: ScanFlags) => {
      process.exitCode = await runScan(targets, flags);
    });
}
