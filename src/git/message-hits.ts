/**
 * Secrets in commit and tag messages: each commit and annotated tag the store reader parses is
 * handed to the detector the way a blob is (through a ContentScanner, the rules seeing the path
 * `(commit message)` or `(tag message)`), and the hits are kept as one place per (rule, secret,
 * kind) with the commits whose message holds it, newest first.
 */

import type { Detector } from "../detect/engine.js";
import type { RuleHit } from "../detect/types.js";
import { ContentScanner, MAX_HITS_PER_FILE } from "../scan/layer-scan.js";
import { capCommits } from "./history.js";
import { MESSAGE_PATHS, forEachMessagePart, type MessageKind } from "./message.js";
import type { TagInfo } from "./objects.js";
import type { GitFileHit } from "./read-store.js";

/** Bytes handed to the scanner at once: a message with too many hits stops between two slices. */
const SLICE = 1 << 20;
/** Tags followed from a tag to what it finally names (as HEAD is peeled). */
const MAX_TAG_HOPS = 16;

interface MessagePlace {
  /** The store file that holds the first object seen with it (its fate is the hit's status). */
  file: string;
  hit: RuleHit;
  kind: MessageKind;
  /** Commit ids (commit messages) or tag ids (tag messages) whose text holds the secret. */
  ids: Set<string>;
}

/** What the store reader knows at the end that places a message hit in history. */
export interface MessageContext {
  /** Annotated tags by id. */
  tags: ReadonlyMap<string, TagInfo>;
  /** HEAD's commit (peeled), when known. */
  head: string | undefined;
  /** Position of each commit, newest first. */
  rank(): ReadonlyMap<string, number>;
  /** Commits named per place (the newest, and the oldest last). */
  maxCommits: number;
}

export class MessageFinder {
  private readonly places = new Map<string, MessagePlace>();
  private readonly scanner: ContentScanner;
  /** Hits in the object being scanned. */
  private hitsHere = 0;
  private current: { id: string; kind: MessageKind; file: string } | undefined;
  /** Hits not kept: over MAX_HITS_PER_FILE in one message, or new secrets once that many are kept. */
  private dropped = 0;
  /** Messages whose end was not scanned because they had too many hits. */
  private cut = 0;

  constructor(detector: Detector, layer: number) {
    this.scanner = new ContentScanner(detector, layer, (hit) => this.add(hit));
  }

  /** Scans the text of a commit or tag object (its id, and the store file holding it). */
  scan(id: string, kind: MessageKind, data: Buffer, file: string): void {
    this.current = { id, kind, file };
    this.hitsHere = 0;
    this.scanner.reset(MESSAGE_PATHS[kind]);
    let stopped = false;
    forEachMessagePart(data, kind, (text) => {
      for (let at = 0; at < text.length && !stopped; at += SLICE) {
        this.scanner.data(text.subarray(at, at + SLICE));
        stopped = this.hitsHere > MAX_HITS_PER_FILE;
      }
    });
    this.scanner.end();
    if (stopped) this.cut++;
    this.current = undefined;
  }

  private add(hit: RuleHit): void {
    const at = this.current!;
    if (++this.hitsHere > MAX_HITS_PER_FILE) {
      this.dropped++;
      return;
    }
    const key = `${hit.ruleId}\0${hit.secret}\0${at.kind}`;
    const place = this.places.get(key);
    if (place) place.ids.add(at.id);
    else if (this.places.size < MAX_HITS_PER_FILE) this.places.set(key, { file: at.file, hit, kind: at.kind, ids: new Set([at.id]) });
    else this.dropped++;
  }

  /** What was left out, in words (never a secret). */
  notes(root: string): string[] {
    const out: string[] = [];
    if (this.cut) out.push(`${root}: commit or tag messages with more than ${MAX_HITS_PER_FILE} secrets, the rest of each not scanned: ${this.cut}`);
    if (this.dropped) out.push(`${root}: ${this.dropped} more matches in commit and tag messages not reported (at most ${MAX_HITS_PER_FILE})`);
    return out;
  }

  /**
   * The hits, placed: `git.path` is `(commit message)` or `(tag message)`; `git.commits` the
   * commits whose message holds the secret, or for a tag the commit it names (peeled through
   * tags), else the tag's own id; `inHead` whether HEAD's commit message holds the secret.
   */
  hits(ctx: MessageContext): GitFileHit[] {
    if (this.places.size === 0) return [];
    const rank = ctx.rank();
    const order = (a: string, b: string): number => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
    const headSecrets = new Set<string>();
    if (ctx.head !== undefined) for (const p of this.places.values()) if (p.kind === "commit" && p.ids.has(ctx.head)) headSecrets.add(p.hit.secret);
    const out: GitFileHit[] = [];
    for (const p of this.places.values()) {
      const ids = p.kind === "commit" ? [...p.ids] : [...new Set([...p.ids].map((tag) => tagTarget(tag, ctx.tags)))];
      const commits = capCommits(ids.sort(order), ctx.maxCommits);
      out.push({ file: p.file, hit: p.hit, git: { commits, path: MESSAGE_PATHS[p.kind], inHead: p.kind === "commit" && headSecrets.has(p.hit.secret) } });
    }
    return out;
  }
}

/** The commit a tag names, through tags of tags; the tag's own id when it names no commit (or one this store lacks the tags to reach). */
export function tagTarget(tag: string, tags: ReadonlyMap<string, TagInfo>): string {
  let info = tags.get(tag);
  for (let hop = 0; info?.type === "tag" && hop < MAX_TAG_HOPS; hop++) info = tags.get(info.object);
  return info?.type === "commit" ? info.object : tag;
}
