import { KeywordAutomaton } from "./prefilter.js";
import type { RuleHit, ScanContext, SecretRule } from "./types.js";

/** How far back from a keyword to look for the start of a match (the start of its line, at most this). */
const MAX_BACK = 512;
/** How far forward from a keyword a single-line match may reach. */
const MAX_LINE_REACH = 4096;

interface CompiledRule {
  rule: SecretRule;
  pattern: RegExp;
  /** For binaries: the pattern without its boundaries (rules whose check verifies a checksum). */
  relaxed?: RegExp;
}

/** A trailing negative lookahead `(?!…)` at the end of a pattern's source (its right-hand boundary). */
const TRAILING_BOUNDARY = /\(\?!(?:[^()\\]|\\.|\[(?:[^\]\\]|\\.)*\])*\)$/;
/** A leading negative lookbehind `(?<!…)` at the start of a pattern's source (its left-hand boundary). */
const LEADING_BOUNDARY = /^\(\?<!(?:[^()\\]|\\.|\[(?:[^\]\\]|\\.)*\])*\)/;

/**
 * Compiles a rule's pattern with the global flag. A pattern that is not a built-in RegExp (a
 * user rule's RE2 object) is rebuilt by its own constructor, so it keeps its linear-time engine.
 */
function compile(pattern: RegExp, source = pattern.source): RegExp {
  const flags = withGlobal(pattern.flags);
  if (Object.getPrototypeOf(pattern) !== RegExp.prototype) {
    const Ctor = pattern.constructor as new (source: string, flags: string) => RegExp;
    return new Ctor(source, flags);
  }
  return new RegExp(source, flags);
}

function compileRule(rule: SecretRule): CompiledRule {
  const compiled: CompiledRule = { rule, pattern: compile(rule.pattern) };
  if (rule.verified) {
    const relaxed = rule.pattern.source.replace(TRAILING_BOUNDARY, "").replace(LEADING_BOUNDARY, "");
    if (relaxed !== rule.pattern.source) compiled.relaxed = compile(rule.pattern, relaxed);
  }
  return compiled;
}

/** A region of a buffer some rule must be run on. */
interface Region {
  start: number;
  end: number;
}

/**
 * Runs secret rules over bytes. One keyword pass picks the rules and regions to try; a rule's
 * regex runs only on the lines around its keywords, so cost grows with hits, not with rules.
 */
export class Detector {
  private readonly automaton: KeywordAutomaton;
  /** keyword id → indexes of rules that listed it. */
  private readonly keywordRules: number[][];
  private readonly rules: CompiledRule[];
  private readonly pathRules: number[];
  /** rule id → priority, to keep one hit per span. */
  private readonly priority = new Map<string, number>();

  constructor(rules: readonly SecretRule[]) {
    this.rules = rules.map(compileRule);
    const keywords: string[] = [];
    const index = new Map<string, number>();
    this.keywordRules = [];
    this.pathRules = [];
    for (const rule of rules) this.priority.set(rule.id, rule.priority);
    rules.forEach((rule, ri) => {
      if (rule.paths) this.pathRules.push(ri);
      for (const kw of rule.keywords) {
        const key = kw.toLowerCase();
        let id = index.get(key);
        if (id === undefined) {
          id = keywords.length;
          index.set(key, id);
          keywords.push(key);
          this.keywordRules.push([]);
        }
        this.keywordRules[id]!.push(ri);
      }
    });
    this.automaton = new KeywordAutomaton(keywords);
  }

  /** The rules this detector runs. */
  get ruleList(): readonly SecretRule[] {
    return this.rules.map((r) => r.rule);
  }

  /**
   * Finds secrets in `buf[0, end)`. Hits starting at or after `limit` are left out (the caller
   * scans that tail again with more bytes after it).
   */
  scan(buf: Buffer, ctx: ScanContext, end = buf.length, limit = end): RuleHit[] {
    const regions = new Map<number, Region[]>();
    const add = (ri: number, r: Region) => {
      const list = regions.get(ri);
      if (!list) regions.set(ri, [r]);
      else {
        const last = list[list.length - 1]!;
        if (r.start <= last.end) last.end = Math.max(last.end, r.end);
        else list.push(r);
      }
    };
    const lengths = this.automaton.lengths;
    // In a binary, a "line" is a printable string: any control byte ends it (as `strings` reads a binary).
    const startOf = ctx.binary ? stringStart : lineStart;
    const endOf = ctx.binary ? stringEnd : lineEnd;
    // Per scan: whether each path-limited rule applies, and the line of the last keyword hit
    // (several hits on one line, and several rules per hit, share one look for its bounds).
    const pathOk = new Map<number, boolean>();
    let lineFrom = -1;
    let lineTo = -1;
    // Only a line that really ends at lineTo (not cut at MAX_LINE_REACH) may be shared.
    let lineClosed = false;
    this.automaton.scan(
      buf,
      (id, hitEnd) => {
        const hitStart = hitEnd - lengths[id]!;
        if (!lineClosed || hitStart < lineFrom || hitEnd > lineTo) {
          lineFrom = startOf(buf, hitStart);
          lineTo = endOf(buf, hitEnd, end);
          lineClosed = lineTo < Math.min(end, hitEnd + MAX_LINE_REACH);
        }
        for (const ri of this.keywordRules[id]!) {
          const rule = this.rules[ri]!.rule;
          if (rule.paths) {
            let ok = pathOk.get(ri);
            if (ok === undefined) pathOk.set(ri, (ok = ctx.path !== undefined && rule.paths.test(ctx.path)));
            if (!ok) continue;
          }
          add(ri, { start: lineFrom, end: rule.reach ? Math.min(end, hitEnd + rule.reach) : lineTo });
        }
      },
      0,
      end,
    );
    if (ctx.path) {
      for (const ri of this.pathRules) {
        const rule = this.rules[ri]!.rule;
        if (rule.keywords.length === 0 && rule.paths!.test(ctx.path)) regions.set(ri, [{ start: 0, end }]);
      }
    }
    const hits: RuleHit[] = [];
    // Rules whose keywords meet on one line read the same text: decode it once.
    const texts = new Map<number, string>();
    for (const [ri, list] of regions) {
      const compiled = this.rules[ri]!;
      const rule = compiled.rule;
      const pattern = ctx.binary && compiled.relaxed ? compiled.relaxed : compiled.pattern;
      for (const region of list) {
        const key = region.start * 0x100000000 + region.end;
        let text = texts.get(key);
        if (text === undefined) texts.set(key, (text = buf.toString("latin1", region.start, region.end)));
        if (rule.requires && !text.includes(rule.requires)) continue;
        pattern.lastIndex = 0;
        for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
          if (m[0].length === 0) pattern.lastIndex++;
          const groups = m.groups ?? {};
          const raw = groups.secret;
          if (raw === undefined || raw === "") continue;
          const at = m.index + m[0].indexOf(raw);
          const start = region.start + at;
          if (start >= limit) continue;
          let hit: RuleHit | undefined = {
            ruleId: rule.id,
            kind: rule.kind,
            secret: Buffer.from(raw, "latin1").toString("utf8"),
            start,
            end: start + raw.length,
            severity: rule.severity,
            confidence: rule.confidence,
          };
          if (groups.name) hit.name = groups.name;
          if (rule.check) hit = rule.check(hit, groups, ctx, lineAround(text, m.index));
          if (hit) hits.push(hit);
        }
      }
    }
    return hits.length > 1 ? onePerSpan(hits, this.priority) : hits;
  }

  /** Finds secrets in a string (config values, history lines). */
  scanText(text: string, ctx: ScanContext = {}): RuleHit[] {
    return this.scan(Buffer.from(text, "utf8"), ctx);
  }
}

/**
 * One hit per span of bytes: when several rules report the same bytes (a provider rule and a
 * generic one), the preferred rule's (lowest priority number) stands.
 */
function onePerSpan(hits: RuleHit[], priority: ReadonlyMap<string, number>): RuleHit[] {
  const best = new Map<string, RuleHit>();
  for (const h of hits) {
    const key = `${h.start}:${h.end}`;
    const prev = best.get(key);
    if (!prev || (priority.get(h.ruleId) ?? 50) < (priority.get(prev.ruleId) ?? 50)) best.set(key, h);
  }
  return best.size === hits.length ? hits : [...best.values()];
}

/** The line of `text` holding `index` (for rules that judge a match by its line). */
function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf("\n", index) + 1;
  const end = text.indexOf("\n", index);
  return text.slice(start, end < 0 ? text.length : end);
}

function withGlobal(flags: string): string {
  return flags.includes("g") ? flags : flags + "g";
}

function lineStart(buf: Buffer, pos: number): number {
  const floor = Math.max(0, pos - MAX_BACK);
  for (let i = pos - 1; i >= floor; i--) if (buf[i] === 0x0a) return i + 1;
  return floor;
}

function lineEnd(buf: Buffer, pos: number, end: number): number {
  const ceil = Math.min(end, pos + MAX_LINE_REACH);
  const nl = buf.subarray(pos, ceil).indexOf(0x0a);
  return nl < 0 ? ceil : pos + nl;
}

/** True for bytes that end a printable string in a binary: control bytes but tab, and DEL. */
function isStringEnd(b: number): boolean {
  return (b < 0x20 && b !== 0x09) || b === 0x7f;
}

function stringStart(buf: Buffer, pos: number): number {
  const floor = Math.max(0, pos - MAX_BACK);
  for (let i = pos - 1; i >= floor; i--) if (isStringEnd(buf[i]!)) return i + 1;
  return floor;
}

function stringEnd(buf: Buffer, pos: number, end: number): number {
  const ceil = Math.min(end, pos + MAX_LINE_REACH);
  for (let i = pos; i < ceil; i++) if (isStringEnd(buf[i]!)) return i;
  return ceil;
}
