/**
 * `dredge context`: what `docker build` would send from a directory, which of those files are
 * secrets (by name, or by what the detector finds in them), and which COPY/ADD takes each into
 * which stage.
 */

import { readFile, realpath, stat } from "node:fs/promises";
import { basename, isAbsolute, join, posix, relative, resolve } from "node:path";
import { Detector } from "../detect/engine.js";
import { heldBackReason, pathContext } from "../detect/provenance.js";
import { BUILTIN_RULES } from "../detect/rules/index.js";
import type { RuleHit } from "../detect/types.js";
import { parseDockerfileInstructions, type DockerfileModel } from "../dockerfile/index.js";
import { LayerScanner, MAX_HITS_PER_FILE } from "../scan/layer-scan.js";
import { gitLimits, type GitLimits } from "../git/options.js";
import { readStore, type GitPlace } from "../git/read-store.js";
import { StoreHolder } from "../git/tap.js";
import { DredgeError, errorMessage } from "../util/errors.js";
import { planCopies, type CopyPlan } from "./copies.js";
import { DockerIgnore, cleanPath, type IgnoreError, type IgnorePattern } from "./dockerignore.js";
import { GitIgnore } from "./gitignore.js";
import { describeDotenv, sensitiveByName, type SensitiveName } from "./sensitive.js";
import type { AnalyzeContextOptions, ContextFile, ContextReport } from "./types.js";
import { NODE_IO, readBounded, walkContext, type ContextIo, type DirEntry, type SentEntry, type WalkVisitor } from "./walk.js";

/** Default most bytes of one file scanned. */
export const DEFAULT_MAX_FILE_BYTES = 64 << 20;
/** Bytes of a file kept to judge it by its content (dotenv values, a PEM's blocks). */
const HEAD_BYTES = 64 << 10;
/** Largest Dockerfile or ignore file read. */
const MAX_TEXT_FILE = 4 << 20;
/** Paths under a sensitive directory remembered to match COPY sources against. */
const MAX_DIR_PATHS = 20000;
/** Reasons kept for a sensitive directory (its own, then named files inside). */
const MAX_DIR_REASONS = 12;

/** The relative path of `abs` under `dir`, `/`-separated, or undefined when it is not inside. */
function inside(dir: string, abs: string): string | undefined {
  const rel = relative(dir, abs);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split("\\").join("/") : undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function readText(path: string, what: string): Promise<string> {
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new DredgeError("not-a-file", `${what} ${path} is not a file`);
    if (st.size > MAX_TEXT_FILE) throw new DredgeError("too-large", `${what} ${path} is larger than ${MAX_TEXT_FILE >> 20} MiB`);
    return await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof DredgeError) throw err;
    throw new DredgeError("not-found", `cannot read ${what} ${path}: ${errorMessage(err)}`);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function hitReason(hits: readonly RuleHit[]): string {
  const values = new Set(hits.map((h) => h.secret));
  const kinds = [...new Set(hits.map((h) => h.kind))];
  const shown = kinds.slice(0, 5).join(", ") + (kinds.length > 5 ? ", …" : "");
  return `holds ${plural(values.size, "secret")} (${shown})`;
}

function mib(n: number): string {
  return `${(n / (1 << 20)).toFixed(n >= 10 << 20 ? 0 : 1)} MiB`;
}

interface LocatedDockerfile {
  abs: string;
  /** As shown in output: relative to the context when inside it, else as given. */
  name: string;
  model: DockerfileModel;
}

/** The Dockerfile: given (relative to the working directory, as `docker build -f`), else the context's `Dockerfile` or `Containerfile`. */
async function locateDockerfile(dir: string, given: string | undefined): Promise<LocatedDockerfile | undefined> {
  let abs: string | undefined;
  if (given !== undefined) abs = resolve(given);
  else {
    for (const name of ["Dockerfile", "Containerfile"]) {
      if (await isFile(join(dir, name))) {
        abs = join(dir, name);
        break;
      }
    }
  }
  if (abs === undefined) return undefined;
  const name = inside(dir, abs) ?? given ?? abs;
  return { abs, name, model: parseDockerfileInstructions(await readText(abs, "Dockerfile"), name) };
}

interface LocatedIgnore {
  abs: string;
  name: string;
  ignore: DockerIgnore;
  errors: IgnoreError[];
}

/** The ignore file Docker uses: BuildKit reads `<Dockerfile>.dockerignore` next to the Dockerfile first, then the context's `.dockerignore`. */
async function locateIgnore(dir: string, dockerfile: string | undefined, notes: string[]): Promise<LocatedIgnore | undefined> {
  const root = join(dir, ".dockerignore");
  const specific = dockerfile !== undefined ? `${dockerfile}.dockerignore` : undefined;
  let abs: string | undefined;
  if (specific !== undefined && (await isFile(specific))) {
    abs = specific;
    notes.push(
      (await isFile(root))
        ? `${basename(specific)} is used (BuildKit reads it before .dockerignore); the legacy builder (DOCKER_BUILDKIT=0) reads only .dockerignore, which this report does not apply`
        : `${basename(specific)} applies with BuildKit; the legacy builder (DOCKER_BUILDKIT=0) reads only .dockerignore, which does not exist: it sends everything`,
    );
  } else if (await isFile(root)) abs = root;
  if (abs === undefined) {
    if (await isFile(join(dir, ".containerignore"))) notes.push("there is a .containerignore but no .dockerignore: podman and buildah read it, Docker does not (it sends everything)");
    return undefined;
  }
  const { ignore, errors } = DockerIgnore.parse(await readText(abs, "ignore file"));
  return { abs, name: inside(dir, abs) ?? abs, ignore, errors };
}

/** A sensitive file or directory while the walk goes on. */
interface Collected {
  path: string;
  directory: boolean;
  name?: SensitiveName;
  reasons: string[];
  hits: RuleHit[];
  hitFiles: string[];
  /** A `.git` directory: where in its history each hit is (same order as hits; none for its plain files). */
  gitPlaces?: (GitPlace | undefined)[];
  /** Directories: sent itself (else only something under it may be). */
  sent: boolean;
  /** Directories: sent paths under it. */
  paths: string[];
  reincludedBy?: IgnorePattern;
}

/** Receives the walk: counts what is sent, scans files, keeps the sensitive ones. */
class Collector implements WalkVisitor {
  sentFiles = 0;
  readonly collected: Collected[] = [];
  readonly symlinks = new Map<string, string>();
  readonly gitRules = new GitIgnore();
  private readonly scanner: LayerScanner;
  /** Directories entered, each with the sensitive directory it opens, if any. */
  private readonly stack: { dir: DirEntry; container?: Collected }[] = [];
  /** Files of the `.git` stores the build would send, read as stores when the walk leaves them (undefined: not read). */
  private readonly gitStores: StoreHolder | undefined;

  constructor(
    private readonly detector: Detector,
    private readonly io: ContextIo,
    private readonly maxBytes: number,
    private readonly warnings: string[],
    private readonly git: GitLimits | undefined,
  ) {
    this.scanner = new LayerScanner(detector, 0);
    this.gitStores = git ? new StoreHolder(git.maxStoreBytes, (m) => warnings.push(m)) : undefined;
  }

  /** The sensitive directory the walk is inside, if any. */
  private container(): Collected | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i]!.container) return this.stack[i]!.container;
    return undefined;
  }

  enterDir(d: DirEntry): void {
    const name = this.container() ? undefined : sensitiveByName(d.path, true);
    if (!name) {
      this.stack.push({ dir: d });
      return;
    }
    this.stack.push({ dir: d, container: { path: d.path, directory: true, name, reasons: [name.reason], hits: [], hitFiles: [], sent: d.sent, paths: [] } });
  }

  leaveDir(): void {
    const c = this.stack.pop()?.container;
    if (!c || !(c.sent || c.paths.length > 0)) return;
    if (c.name?.kind === "git-directory") this.readGitHistory(c);
    if (c.hits.length) c.reasons.push(hitReason(c.hits));
    this.collected.push(c);
  }

  async gitignore(dir: string, abs: string): Promise<void> {
    try {
      this.gitRules.addFile(dir, await readFile(abs, "utf8"));
    } catch {
      // An unreadable .gitignore only loses the .gitignore note.
    }
  }

  async entry(e: SentEntry): Promise<void> {
    this.sentFiles++;
    const c = this.container();
    if (e.type === "symlink") {
      this.symlinks.set(e.path, e.linkTarget ?? "");
      if (!c && sensitiveByName(e.path, false)) this.warnings.push(`${e.path} is a symlink (to ${e.linkTarget ?? "?"}): Docker sends the link, never the file it points to`);
      return;
    }
    if (c) return this.entryInside(c, e);
    if (e.type !== "file" || e.forced) return;
    const name = sensitiveByName(e.path, false);
    const { hits, head, outcome } = await this.scanFile(e, name !== undefined);
    const readable = outcome.error === undefined;
    const confirmed = name !== undefined && (!name.confirm || !readable || outcome.bytes === 0 || name.confirm(head));
    if (!confirmed && hits.length === 0) return;
    const reasons: string[] = [];
    if (confirmed) {
      let reason = name.kind === "dotenv-file" && readable ? describeDotenv(head) : name.reason;
      if (!readable) reason += ` (could not be read: ${outcome.error})`;
      else if (outcome.bytes === 0) reason += " (empty)";
      reasons.push(reason);
    }
    if (hits.length) reasons.push(hitReason(hits));
    const f: Collected = { path: e.path, directory: false, reasons, hits, hitFiles: [], sent: true, paths: [] };
    if (confirmed) f.name = name;
    if (e.decidedBy?.exclusion) f.reincludedBy = e.decidedBy;
    this.collected.push(f);
  }

  /** A file inside a sensitive directory: part of it (named in its reasons, hits added to it). */
  private async entryInside(c: Collected, e: SentEntry): Promise<void> {
    if (c.paths.length < MAX_DIR_PATHS) c.paths.push(e.path);
    if (e.type !== "file") return;
    const inner = e.path.slice(c.path.length + 1);
    const named = sensitiveByName(e.path, false);
    if (named && c.reasons.length < MAX_DIR_REASONS) c.reasons.push(`${inner}: ${named.reason}`);
    // A git store's objects are compressed: its config (remote URLs) is what reads as text; its history is read as a store.
    if (c.name?.kind === "git-directory") {
      await this.holdGitFile(e);
      if (inner !== "config") return;
    }
    for (const h of (await this.scanFile(e)).hits) {
      c.hits.push(h);
      c.hitFiles.push(e.path);
      c.gitPlaces?.push(undefined);
    }
  }

  /** Keeps a file of a `.git` store in memory (within the budget) for reading the store's history. */
  private async holdGitFile(e: SentEntry): Promise<void> {
    const room = this.gitStores?.take(e.path, e.size);
    if (!room) return;
    let fill = 0;
    const outcome = await readBounded(this.io, e.abs, room.buffer.length, (chunk) => {
      chunk.copy(room.buffer, fill);
      fill += chunk.length;
    });
    if (outcome.error !== undefined) this.warnings.push(`${e.path}: cannot be read (${outcome.error}); docker build fails on an unreadable file unless the ignore file excludes it`);
    room.keep(room.buffer.subarray(0, fill));
  }

  /** Reads the stores held under a `.git` directory the walk leaves: their history's secrets become its hits. */
  private readGitHistory(c: Collected): void {
    if (!this.gitStores) return;
    for (const [root, store] of this.gitStores.stores) {
      if (root !== c.path && !root.startsWith(c.path + "/")) continue;
      this.gitStores.stores.delete(root);
      const { hits, notes } = readStore(store, this.detector, 0, this.git!);
      this.warnings.push(...notes);
      c.gitPlaces ??= c.hits.map(() => undefined);
      for (const h of hits) {
        c.hits.push(h.hit);
        c.hitFiles.push(root);
        c.gitPlaces.push(h.git);
      }
    }
  }

  /** Scans a file: its hits, the start of its content (when asked for), and how the read went. */
  private async scanFile(e: SentEntry, keepHead = false) {
    const scanner = this.scanner;
    scanner.entry({ path: "/" + e.path, type: "file", size: e.size, mode: 0o644 });
    const head: Buffer[] = [];
    let kept = keepHead ? 0 : HEAD_BYTES;
    const outcome = await readBounded(this.io, e.abs, this.maxBytes, (chunk) => {
      if (kept < HEAD_BYTES) {
        const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - kept));
        head.push(part);
        kept += part.length;
      }
      scanner.data(chunk);
    });
    scanner.entryEnd();
    const hits = scanner.hits.splice(0).map((h) => h.hit);
    for (const [path, n] of scanner.truncated.splice(0)) this.warnings.push(`${path.slice(1)}: more than ${MAX_HITS_PER_FILE} secrets; ${n} left out`);
    // The scanner also records what each file adds to a layer's filesystem; nothing to keep here.
    scanner.facts.written.clear();
    scanner.facts.nonDirectories.clear();
    if (outcome.error !== undefined) {
      this.warnings.push(`${e.path}: cannot be read (${outcome.error}); docker build fails on an unreadable file unless the ignore file excludes it`);
    } else if (outcome.truncated) {
      this.warnings.push(`${e.path}: only the first ${mib(this.maxBytes)} of ${mib(e.size)} were scanned`);
    }
    return { hits, head: Buffer.concat(head).toString("utf8"), outcome };
  }
}

/**
 * Analyses a build context: the ignore file Docker would use, the files it would send, the
 * sensitive ones among them (by name or content), which COPY/ADD of the Dockerfile copies each
 * into which stage, and the ones `.gitignore` hides but the ignore file lets through.
 */
export async function analyzeContext(opts: AnalyzeContextOptions): Promise<ContextReport> {
  const io = opts.io ?? NODE_IO;
  let dir: string;
  try {
    dir = await realpath(resolve(opts.dir));
  } catch (err) {
    throw new DredgeError("not-found", `${opts.dir}: ${errorMessage(err)}`);
  }
  if (!(await stat(dir)).isDirectory()) throw new DredgeError("not-a-directory", `${opts.dir} is not a directory`);
  const warnings: string[] = [];
  const report: ContextReport = { dir, sentFiles: 0, sensitive: [], gitignoreOnly: [], ignoreSuggestions: [], warnings, ignoreErrors: [] };

  const dockerfile = await locateDockerfile(dir, opts.dockerfile);
  if (dockerfile) {
    report.dockerfile = dockerfile.abs;
    for (const e of dockerfile.model.errors.slice(0, 5)) warnings.push(`${dockerfile.name}:${e.line}: ${e.message}`);
  } else {
    warnings.push("no Dockerfile in the context (give one with --file): cannot tell which files COPY/ADD take, so every sensitive file is reported as sent only");
  }
  const ignore = await locateIgnore(dir, dockerfile?.abs, warnings);
  if (ignore) {
    report.ignoreFile = ignore.name;
    report.ignoreErrors = ignore.errors;
  }
  // Docker sends the Dockerfile and the ignore file even when the ignore file excludes them (COPY cannot take them then).
  const always = new Set<string>();
  for (const abs of [dockerfile?.abs, ignore?.abs]) {
    const rel = abs !== undefined ? inside(dir, abs) : undefined;
    if (rel !== undefined) always.add(rel);
  }
  const notCopyable = new Set([...always].filter((p) => ignore?.ignore.excludes(p)));

  const git = opts.git === false ? undefined : gitLimits(opts.git);
  const collector = new Collector(opts.detector ?? new Detector(BUILTIN_RULES), io, opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, warnings, git);
  await walkContext({ root: dir, ...(ignore ? { ignore: ignore.ignore } : {}), alwaysSent: always, io, warn: (m) => warnings.push(m) }, collector);
  report.sentFiles = collector.sentFiles;

  let copies: CopyPlan | undefined;
  if (dockerfile && dockerfile.model.stages.length) {
    copies = planCopies(dockerfile.model, {
      file: dockerfile.name,
      ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}),
      ...(opts.target !== undefined ? { target: opts.target } : {}),
      resolveLink: (p) => resolveLink(collector.symlinks, p),
    });
    warnings.push(...copies.warnings);
  }
  try {
    collector.gitRules.addExclude(await readFile(join(dir, ".git", "info", "exclude"), "utf8"));
  } catch {
    // No exclude file.
  }

  const collected = [...collector.collected].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const c of collected) {
    const candidates = (c.directory ? [c.path, ...c.paths] : [c.path]).filter((p) => !notCopyable.has(p));
    const copiedBy = copies ? copies.selectors.filter((s) => candidates.some((p) => s.selects(p))).map((s) => ({ ...s.ref })) : [];
    const file: ContextFile = { path: c.path, directory: c.directory, reasons: c.reasons, hits: c.hits, copiedBy };
    if (c.directory && c.hitFiles.length) file.hitFiles = c.hitFiles;
    if (c.gitPlaces?.some((g) => g !== undefined)) file.gitPlaces = c.gitPlaces;
    if (c.name) {
      file.kind = c.name.kind;
      if (c.name.class === "key") file.critical = true;
    }
    if (c.reincludedBy) file.reincludedBy = c.reincludedBy;
    const held = heldBackOf(file);
    if (held) file.heldBack = held;
    report.sensitive.push(file);
    // A dependency's test data is listed, but not worth a line in the ignore file.
    if (held) continue;
    const git = c.path === ".git" || c.path.endsWith("/.git");
    if (!git && !collector.gitRules.empty && collector.gitRules.ignores(c.path, c.directory)) report.gitignoreOnly.push(c.path);
    report.ignoreSuggestions.push(c.path.startsWith("!") || c.path.startsWith("#") ? "/" + c.path : c.path);
  }
  return report;
}

/**
 * Why a file is test data or documentation of a dependency (as the image scan holds such
 * matches back): every hit in it is, or, with no hits, its path is. Undefined when it stands.
 */
function heldBackOf(f: ContextFile): string | undefined {
  if (f.hits.length === 0) {
    const ctx = pathContext("/" + f.path);
    return ctx ? `in ${ctx}` : undefined;
  }
  let first: string | undefined;
  for (const [i, h] of f.hits.entries()) {
    const git = f.gitPlaces?.[i];
    const reason = heldBackReason("/" + (f.hitFiles?.[i] ?? f.path) + (git ? `/${git.path}` : ""), h.secret);
    if (!reason) return undefined;
    first ??= reason;
  }
  return first;
}

/** Where a symlink in the context leads, resolved inside the context as BuildKit does (absolute targets from the context root). */
function resolveLink(links: ReadonlyMap<string, string>, path: string): string | undefined {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    const target = links.get(p);
    if (target === undefined) return hops === 0 ? undefined : p;
    p = cleanPath(target.startsWith("/") ? target : "/" + posix.dirname(p) + "/" + target).slice(1);
  }
  return undefined;
}
