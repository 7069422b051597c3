// Real git repositories for the tests, made with the `git` binary at test time, and their
// stores read into memory the way the layer tap holds them.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Detector } from "../../../src/detect/engine.js";
import { BUILTIN_RULES } from "../../../src/detect/rules/index.js";
import { gitLimits, type GitReadOptions } from "../../../src/git/options.js";
import { readStore, type HeldStore, type StoreReading } from "../../../src/git/read-store.js";
import { storePathOf } from "../../../src/git/store-path.js";
import type { TarSpec } from "../../helpers/tar-writer.js";

/** A fixed environment: no user or system config, fixed identity, dates given per commit. */
function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "dev",
    GIT_AUTHOR_EMAIL: "dev@example.com",
    GIT_COMMITTER_NAME: "dev",
    GIT_COMMITTER_EMAIL: "dev@example.com",
    ...extra,
  };
}

export class Repo {
  readonly dir: string;
  private clock = 1_700_000_000;

  constructor(opts: { bare?: boolean; args?: string[] } = {}) {
    this.dir = mkdtempSync(join(tmpdir(), "dredge-git-"));
    this.git("init", "-q", "-b", "main", ...(opts.bare ? ["--bare"] : []), ...(opts.args ?? []), ".");
  }

  get gitDir(): string {
    return this.git("rev-parse", "--absolute-git-dir").trim();
  }

  /** Runs git in the repository; stdout as text (or bytes with `raw`). */
  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, env: gitEnv(), maxBuffer: 1 << 30 }).toString("utf8");
  }

  /** Runs git with extra environment variables (fixed dates). */
  gitWith(env: Record<string, string>, ...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, env: gitEnv(env) }).toString("utf8");
  }

  gitRaw(args: string[], input?: Buffer | string): Buffer {
    return execFileSync("git", args, { cwd: this.dir, env: gitEnv(), maxBuffer: 1 << 30, ...(input !== undefined ? { input } : {}) });
  }

  /** Commits the work tree with a date one minute after the last; returns the commit id. */
  commit(message: string): string {
    this.clock += 60;
    const date = `${this.clock} +0000`;
    execFileSync("git", ["add", "-A"], { cwd: this.dir, env: gitEnv() });
    execFileSync("git", ["commit", "-q", "--allow-empty", "-m", message], { cwd: this.dir, env: gitEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }) });
    return this.git("rev-parse", "HEAD").trim();
  }

  /** Every object of the store as `git cat-file --batch-all-objects --batch` gives it: id → type and content. */
  allObjects(): Map<string, { type: string; data: Buffer }> {
    const out = this.gitRaw(["cat-file", "--batch-all-objects", "--batch"]);
    const objects = new Map<string, { type: string; data: Buffer }>();
    let pos = 0;
    while (pos < out.length) {
      const nl = out.indexOf(0x0a, pos);
      const [id, type, size] = out.toString("latin1", pos, nl).split(" ");
      const start = nl + 1;
      objects.set(id!, { type: type!, data: out.subarray(start, start + Number(size)) });
      pos = start + Number(size) + 1;
    }
    return objects;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The store files of a `.git` directory, held as the tap holds them, under `root` (its path in an image). */
export function holdStore(gitDir: string, root = "/app/.git"): HeldStore {
  const store: HeldStore = { root, files: new Map() };
  const walk = (abs: string, rel: string): void => {
    for (const name of readdirSync(abs)) {
      const a = join(abs, name);
      const r = `${rel}/${name}`;
      if (statSync(a).isDirectory()) walk(a, r);
      else {
        const at = storePathOf(root + r);
        if (at?.root === root) store.files.set(at.rel, { path: root + r, bytes: readFileSync(a) });
      }
    }
  };
  walk(gitDir, "");
  return store;
}

let detector: Detector | undefined;

/** The built-in detector (built once for all tests). */
export function builtinDetector(): Detector {
  return (detector ??= new Detector(BUILTIN_RULES));
}

/** Reads a held store with the built-in rules. */
export function read(store: HeldStore, options: GitReadOptions = {}): StoreReading {
  return readStore(store, builtinDetector(), 0, gitLimits(options));
}

/** The hits of a reading whose secret is `secret`. */
export function hitsOf(reading: StoreReading, secret: string): StoreReading["hits"] {
  return reading.hits.filter((h) => h.hit.secret === secret);
}

/** Every file under `dir` as tar members under `prefix`. */
export function members(dir: string, prefix: string): TarSpec[] {
  const out: TarSpec[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs).sort()) {
      const a = join(abs, name);
      const rel = `${prefix}/${relative(dir, a)}`;
      if (statSync(a).isDirectory()) {
        out.push({ name: rel + "/", type: "dir" });
        walk(a);
      } else out.push({ name: rel, data: readFileSync(a) });
    }
  };
  walk(dir);
  return out;
}
