import type { RuleHit } from "../detect/types.js";
import type { GitReadOptions } from "../git/options.js";
import type { GitPlace } from "../git/read-store.js";
import type { Detector } from "../detect/engine.js";
import type { IgnorePattern } from "./dockerignore.js";
import type { ContextIo } from "./walk.js";

/** A COPY/ADD instruction that takes a file from the build context into a stage. */
export interface CopyRef {
  /** The Dockerfile as named in output (relative to the context when inside it). */
  file: string;
  line: number;
  column?: number;
  /** Stage name, or its index as text when it has none. */
  stage: string;
  stageIndex: number;
  instruction: "COPY" | "ADD";
  /** Destination in the stage's filesystem, made absolute with the WORKDIR in effect. */
  dest: string;
  /** Whether the stage's content reaches the target's image (`--target`, else the last stage). */
  reachesTarget?: boolean;
}

/** A build-context file (or directory) that is a secret by its name or holds secrets. */
export interface ContextFile {
  /** Relative to the context dir, `/`-separated; a directory such as `.git` ends without `/`. */
  path: string;
  /** True for a sensitive directory reported as a whole (`.git`, `.aws`, `.ssh`…). */
  directory: boolean;
  /** Why it is sensitive, in words (never a secret). */
  reasons: string[];
  /** Detection-engine hits in its content (secret values inside: never print them). */
  hits: RuleHit[];
  /** For a directory: the file inside it each hit is in, same order as `hits`. */
  hitFiles?: string[];
  /** For a `.git` directory: where in its history each hit is, same order as `hits` (undefined for a hit in a plain file such as its config). */
  gitPlaces?: (GitPlace | undefined)[];
  /** COPY/ADD instructions (from the build context, no --from) whose sources select it. */
  copiedBy: CopyRef[];
  /** Finding kind when it is sensitive by name (`dotenv-file`, `git-directory`…). */
  kind?: string;
  /** Private key or cloud credential by its name: critical once copied. */
  critical?: boolean;
  /** The `!` pattern of the ignore file that lets it through, when one does. */
  reincludedBy?: IgnorePattern;
  /** Why it is held back as low confidence (a dependency's test data or docs, a published test key), as the image scan does. */
  heldBack?: string;
}

/** What `docker build` would send from a directory, and which sensitive files it would copy. */
export interface ContextReport {
  /** Absolute context dir. */
  dir: string;
  /** The Dockerfile used to find COPY/ADD (absolute), when one was found. */
  dockerfile?: string;
  /** `.dockerignore` or `<Dockerfile>.dockerignore` (relative to the context when inside it) actually used. */
  ignoreFile?: string;
  /** Files (non-directories) the build would send. */
  sentFiles: number;
  sensitive: ContextFile[];
  /** Paths `.gitignore` excludes but the ignore file lets through (sent!). */
  gitignoreOnly: string[];
  /** Lines to add to the ignore file so that no sensitive file is sent. */
  ignoreSuggestions: string[];
  /** Problems read past and things a person should know (not the ignore-file errors: see ignoreErrors). */
  warnings: string[];
  /** Ignore-file lines Docker refuses (the build fails on them; they are left out here). */
  ignoreErrors: { line: number; message: string }[];
}

/** Options of analyzeContext. */
export interface AnalyzeContextOptions {
  /** The build context directory. */
  dir: string;
  /** The Dockerfile (default: `Dockerfile`, else `Containerfile`, in the context). */
  dockerfile?: string;
  /** The detection engine (default: the built-in rules). */
  detector?: Detector;
  /** `--build-arg` values, for ARGs in COPY/ADD sources. */
  buildArgs?: Record<string, string>;
  /** The stage built (`--target`; default the last). */
  target?: string;
  /** Most bytes of one file handed to the detector (default 64 MiB); the rest is not scanned, with a warning. */
  maxFileBytes?: number;
  /** File-system access (tests replace it to simulate errors). */
  io?: ContextIo;
  /** How far a `.git` directory the build would send is read as a store (its history); `false`: not read. */
  git?: GitReadOptions | false;
}
