/**
 * Reads one `.git` store held in memory: every blob in it scanned once by the detector (named by
 * the path a commit gives it, so file rules apply), then, for blobs with secrets, the commits and
 * paths where each entered history and whether HEAD's tree still has the secret. The text of
 * every commit and annotated tag (message, author, committer, tagger) is scanned too.
 */

import type { Detector } from "../detect/engine.js";
import type { RuleHit } from "../detect/types.js";
import { ContentScanner } from "../scan/layer-scan.js";
import { History, capCommits, idKey } from "./history.js";
import { stagedPaths } from "./index-file.js";
import { MessageFinder } from "./message-hits.js";
import { parseCommit, parseTag, type CommitInfo, type ObjectType, type TagInfo } from "./objects.js";
import { ObjectDatabase, type HeldFile } from "./odb.js";
import { GitFormatError, WorkBudget, type GitLimits } from "./options.js";
import { readRefs } from "./refs.js";

/** A store's files, by path relative to the store (`objects/pack/pack-….pack`, `HEAD`, `refs/heads/main`…). */
export interface HeldStore {
  /** The store's own path: `/app/.git` in an image, `.git` in a build context. */
  root: string;
  files: Map<string, HeldFile>;
}

/** Where in history a secret is. */
export interface GitPlace {
  /** Commits that brought a version of the file holding the secret in at `path` (it is there and in none of their parents), newest first (full ids). */
  commits: string[];
  /**
   * The file's path in the repository; a blob no commit or staging entry names is given by its id.
   * `(commit message)` / `(tag message)` for a secret in a commit's or tag's text (`commits` are
   * then the commits whose message holds it, or the commit the tag names).
   */
  path: string;
  /** Whether HEAD's tree still holds the secret (the value, in any file); for a message, whether HEAD's commit message does. */
  inHead: boolean;
}

/** A rule hit in a store, with the store file that holds the object. */
export interface GitFileHit {
  file: string;
  hit: RuleHit;
  git: GitPlace;
}

export interface StoreReading {
  hits: GitFileHit[];
  /** What could not be read, in words (never a secret). */
  notes: string[];
}

const LOOSE = /^objects\/([0-9a-f]{2})\/([0-9a-f]{38}|[0-9a-f]{62})$/;
const PACK = /^objects\/pack\/(pack-[0-9a-zA-Z_-]+)\.(pack|idx)$/;
const METADATA: ReadonlySet<ObjectType> = new Set(["commit", "tree", "tag"]);
const BLOBS: ReadonlySet<ObjectType> = new Set(["blob"]);

/** The object id length in bytes: SHA-256 stores say so in their config (`objectformat = sha256`). */
function hashLenOf(store: HeldStore): number {
  const config = store.files.get("config")?.bytes.toString("latin1") ?? "";
  if (/^\s*objectformat\s*=\s*sha256\s*$/im.test(config)) return 32;
  for (const rel of store.files.keys()) {
    const m = LOOSE.exec(rel);
    if (m) return m[2]!.length === 62 ? 32 : 20;
  }
  return 20;
}

/** Reads a store and scans every blob in it; never throws on what the store holds. */
export function readStore(store: HeldStore, detector: Detector, layer: number, limits: GitLimits): StoreReading {
  const notes: string[] = [];
  const hashLen = hashLenOf(store);
  const hexLen = hashLen * 2;
  const budget = new WorkBudget(limits);

  const packs: { pack: HeldFile; idx: HeldFile }[] = [];
  const loose = new Map<string, HeldFile>();
  const refFiles = new Map<string, Buffer>();
  const byPack = new Map<string, { pack?: HeldFile; idx?: HeldFile }>();
  for (const [rel, file] of store.files) {
    const l = LOOSE.exec(rel);
    if (l) {
      if (l[1]!.length + l[2]!.length === hexLen) loose.set(l[1]! + l[2]!, file);
      continue;
    }
    const p = PACK.exec(rel);
    if (p) {
      const pair = byPack.get(p[1]!) ?? {};
      pair[p[2] as "pack" | "idx"] = file;
      byPack.set(p[1]!, pair);
      continue;
    }
    if (rel === "HEAD" || rel === "packed-refs" || rel.startsWith("refs/") || rel.startsWith("logs/") || /^[A-Z_]+HEAD$/.test(rel)) refFiles.set(rel, file.bytes);
  }
  for (const [name, pair] of [...byPack].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (pair.pack && pair.idx) packs.push({ pack: pair.pack, idx: pair.idx });
    else if (pair.pack) notes.push(`${pair.pack.path}: no ${name}.idx beside it, so its objects were not read`);
  }
  if (packs.length === 0 && loose.size === 0) return { hits: [], notes };

  const odb = new ObjectDatabase(packs, loose, hashLen, budget);
  const refs = readRefs(refFiles, hexLen);

  // Commits and trees first: they name the blobs.
  const commits = new Map<string, CommitInfo>();
  const trees = new Map<string, Buffer>();
  const tags = new Map<string, TagInfo>();
  const messages = new MessageFinder(detector, layer);
  let metadataBytes = 0;
  let malformed = 0;
  odb.forEach(METADATA, (id, obj, file) => {
    // The text is scanned while the object is at hand (also a malformed one: git shows its message).
    if (obj.type === "commit" || obj.type === "tag") messages.scan(id, obj.type, obj.data, file);
    try {
      if (obj.type === "commit") commits.set(id, parseCommit(obj.data, hexLen));
      else if (obj.type === "tag") tags.set(id, parseTag(obj.data, hexLen));
      else if (metadataBytes + obj.data.length <= limits.maxMetadataBytes) {
        trees.set(idKey(id), obj.data);
        metadataBytes += obj.data.length;
      }
    } catch (err) {
      if (!(err instanceof GitFormatError)) throw err;
      malformed++;
    }
  });
  // Trees over the metadata budget are read again from the store when the walk needs them.
  const readTree = (key: string): Buffer | null | undefined => {
    const kept = trees.get(key);
    if (kept) return kept;
    const id = Buffer.from(key, "latin1").toString("hex");
    if (odb.fileOf(id) === undefined) return undefined;
    const obj = odb.read(id);
    return obj?.type === "tree" ? obj.data : null;
  };
  const history = new History(commits, readTree, hashLen);
  const names = history.nameBlobs();
  const staged = readStaged(store, hashLen, notes);

  // Every blob once, named for the rules.
  const found = new Map<string, { file: string; hits: RuleHit[] }>();
  let current: RuleHit[] = [];
  const scanner = new ContentScanner(detector, layer, (hit) => current.push(hit));
  odb.forEach(BLOBS, (id, obj, file) => {
    if (obj.data.length === 0) return;
    current = [];
    scanner.reset(names.get(idKey(id)) ?? staged.get(id)?.[0] ?? id);
    scanner.data(obj.data);
    scanner.end();
    if (current.length) found.set(id, { file, hits: current });
  });

  notes.push(...odb.notes());
  if (malformed) notes.push(`${store.root}: ${malformed} commits, trees or tags are malformed`);
  if (history.badTrees.size && !budget.exhausted) notes.push(`${store.root}: ${history.badTrees.size} trees could not be read`);
  if (budget.exhausted) notes.push(`${store.root}: stopped at the limit of ${budget.exhausted}; the rest of the store was not scanned`);
  notes.push(...messages.notes(store.root));

  let head = refs.head;
  for (let hop = 0; head !== undefined && tags.has(head) && hop < 16; hop++) head = tags.get(head)!.object;
  let rank: Map<string, number> | undefined;
  const rankOf = (): Map<string, number> => (rank ??= new Map(history.order().map((id, i) => [id, i])));
  const hits = found.size ? placeBlobHits(found, history, staged, head, rankOf(), limits) : [];
  hits.push(...messages.hits({ tags, head, rank: rankOf, maxCommits: limits.maxCommitsPerPath }));
  return { hits, notes };
}

/** Places the hits of blobs: one per (rule, secret, path), with the commits that brought the secret in there. */
function placeBlobHits(
  found: Map<string, { file: string; hits: RuleHit[] }>,
  history: History,
  staged: Map<string, string[]>,
  head: string | undefined,
  rank: Map<string, number>,
  limits: GitLimits,
): GitFileHit[] {
  const { byBlob, inHead: headBlobs } = history.placements(new Set([...found.keys()].map(idKey)), head);
  const headSecrets = new Set<string>();
  for (const [id, f] of found) if (headBlobs.has(idKey(id))) for (const h of f.hits) headSecrets.add(h.secret);

  // One hit per (rule, secret, path): the versions of a file that kept a secret are one place, with the commits of each version.
  const merged = new Map<string, { file: string; hit: RuleHit; path: string; commits: Set<string> }>();
  for (const [id, { file, hits: blobHits }] of found) {
    let places: [string, string[]][] = [...(byBlob.get(idKey(id)) ?? [])];
    if (places.length === 0) places = (staged.get(id) ?? [id]).map((p) => [p, []]);
    for (const [path, commitIds] of places.slice(0, limits.maxPathsPerBlob)) {
      for (const hit of blobHits) {
        const key = `${hit.ruleId}\0${hit.secret}\0${path}`;
        const m = merged.get(key);
        if (m) for (const c of commitIds) m.commits.add(c);
        else merged.set(key, { file, hit, path, commits: new Set(commitIds) });
      }
    }
  }
  const hits: GitFileHit[] = [];
  for (const { file, hit, path, commits } of merged.values()) {
    const newestFirst = [...commits].sort((a, b) => rank.get(a)! - rank.get(b)!);
    hits.push({ file, hit, git: { commits: capCommits(newestFirst, limits.maxCommitsPerPath), path, inHead: headSecrets.has(hit.secret) } });
  }
  return hits;
}

/** Staged paths from the index, when the store has one (a bad index is a note, not a failure). */
function readStaged(store: HeldStore, hashLen: number, notes: string[]): Map<string, string[]> {
  const index = store.files.get("index");
  if (!index) return new Map();
  try {
    return stagedPaths(index.bytes, hashLen);
  } catch (err) {
    notes.push(`${index.path}: not read (${err instanceof Error ? err.message : String(err)})`);
    return new Map();
  }
}
