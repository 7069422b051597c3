import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import fc from "fast-check";
import { CompiledPattern, DockerIgnore, cleanPath, parseIgnoreFile, type MatchResult } from "../../../src/context/dockerignore.js";
import { validGoPattern } from "../../../src/context/gomatch.js";

const require = createRequire(import.meta.url);
interface Balena {
  add(p: string | string[]): Balena;
  ignores(p: string): boolean;
}
const balena = require("@balena/dockerignore") as (o?: { ignorecase?: boolean }) => Balena;

function ig(...lines: string[]): DockerIgnore {
  const { ignore, errors } = DockerIgnore.parse(lines.join("\n"));
  assert.deepEqual(errors, [], `patterns ${JSON.stringify(lines)} should be valid`);
  return ignore;
}

/** Whether a path is left out when the context is walked top-down (parents first), as BuildKit does. */
function walkExcludes(d: DockerIgnore, path: string): boolean {
  const parts = path.split("/");
  let parent: MatchResult | undefined;
  for (let i = 1; i <= parts.length; i++) parent = d.match(parts.slice(0, i).join("/"), parent);
  return parent!.excluded;
}

// moby's patternmatcher (MatchesOrParentMatches) on one pattern: facts from its test table.
const SINGLE: [pattern: string, path: string, excluded: boolean][] = [
  ["**", "file", true],
  ["**", "file/", true],
  ["**/", "file", true],
  ["**", "dir/file", true],
  ["**/**", "dir/file", true],
  ["dir/**", "dir/file", true],
  ["dir/**", "dir/dir2/file", true],
  ["**/dir", "dir", true],
  ["**/dir", "dir/file", true],
  ["**/dir2/*", "dir/dir2/file", true],
  ["**/dir2/**", "dir/dir2/dir3/file", true],
  ["**file", "file", true],
  ["**file", "dir/file", true],
  ["**/file", "dir/dir/file", true],
  ["**/file*", "dir/dir/file.txt", true],
  ["**/file*.txt", "dir/dir/file.txt", true],
  ["**/**/*.txt", "dir/dir/file.txt", true],
  ["**/**/*.txt2", "dir/dir/file.txt", false],
  ["**/*.txt", "file.txt", true],
  ["a**/*.txt", "a/dir/dir/file.txt", true],
  ["a/*.txt", "a/dir/file.txt", false],
  ["a/*.txt", "a/file.txt", true],
  ["a/*.txt**", "a/file.txt", true],
  ["a[b-d]e", "ae", false],
  ["a[b-d]e", "ace", true],
  ["a[^b-d]e", "aze", true],
  [".*", ".foo", true],
  [".*", "foo", false],
  ["abc.def", "abcdef", false],
  ["abc.def", "abc.def", true],
  ["abc?def", "abcZdef", true],
  ["abc?def", "abcdef", false],
  ["a\\\\", "a\\", true],
  ["**/foo/bar", "foo/bar", true],
  ["**/foo/bar", "dir/dir2/foo/bar", true],
  ["abc/**", "abc", false],
  ["abc/**", "abc/def/ghi", true],
  ["**/.foo", ".foo", true],
  ["**/.foo", "bar.foo", false],
  ["a(b)c/def", "a(b)c/def", true],
  ["a(b)c/def", "a(b)c/xyz", false],
  ["a.|)$(}+{bc", "a.|)$(}+{bc", true],
  ["dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true],
  ["dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true],
];

test("one pattern matches as moby's patternmatcher does (its test table)", () => {
  for (const [pattern, path, want] of SINGLE) {
    assert.equal(ig(pattern).excludes(path), want, `${JSON.stringify(pattern)} on ${JSON.stringify(path)}`);
  }
});

test("* and ? never cross /; a pattern is anchored at the context root", () => {
  const d = ig("*.pem", "te?t");
  assert.equal(d.excludes("server.pem"), true);
  assert.equal(d.excludes("certs/server.pem"), false);
  assert.equal(d.excludes("test"), true);
  assert.equal(d.excludes("dir/test"), false);
  assert.equal(d.excludes("te/t"), false);
  assert.equal(ig(".env").excludes("src/.env"), false);
  assert.equal(ig("**/.env").excludes("src/config/.env"), true);
});

test("a leading / and a trailing / change nothing; .. and . are cleaned", () => {
  for (const p of ["/secrets", "secrets/", "/secrets/", "./secrets", "x/../secrets", "/../secrets"]) {
    const d = ig(p);
    assert.equal(d.excludes("secrets"), true, p);
    assert.equal(d.excludes("secrets/key.pem"), true, p);
    assert.equal(d.excludes("other/secrets"), false, p);
  }
  assert.equal(cleanPath("a/./b/../c/"), "a/c");
  assert.equal(cleanPath("../a"), "../a");
  assert.equal(cleanPath("/.."), "/");
});

test("comments, blank lines, surrounding spaces, CRLF and a BOM are read as Docker reads them", () => {
  const { patterns, errors } = parseIgnoreFile("\uFEFF.env\r\n# a comment\n\n   \n  node_modules  \n #not a comment\n!  keep.txt\n");
  assert.deepEqual(errors, []);
  assert.deepEqual(
    patterns.map((p) => [p.line, p.exclusion ? "!" + p.pattern : p.pattern]),
    [
      [1, ".env"],
      [5, "node_modules"],
      [6, "#not a comment"],
      [7, "!keep.txt"],
    ],
  );
});

test("the last matching pattern wins: ! re-includes, a later pattern excludes again", () => {
  const d = ig("*.md", "!README.md", "README.md");
  assert.equal(d.excludes("CHANGES.md"), true);
  assert.equal(d.excludes("README.md"), true);
  const e = ig("*.md", "!README.md");
  assert.equal(e.excludes("README.md"), false);
  assert.equal(e.match("README.md").decidedBy?.line, 2);
});

test("a directory excluded while a file under it is re-included: the walk enters it and sends the file", () => {
  const d = ig("secrets", "!secrets/public.pem");
  assert.equal(d.mayReincludeUnder("secrets"), true);
  assert.equal(walkExcludes(d, "secrets/public.pem"), false);
  assert.equal(walkExcludes(d, "secrets/private.pem"), true);
  // Without an exception under it, the excluded directory is not entered at all.
  assert.equal(ig("secrets", "!other").mayReincludeUnder("secrets"), false);
  // A wildcard exception may match anywhere: every excluded directory is entered.
  assert.equal(ig("*", "!**/*.go").mayReincludeUnder("vendor"), true);
  assert.equal(walkExcludes(ig("*", "!**/*.go"), "vendor/x/main.go"), false);
});

test("the x-dockerignore-reinclude scenario: * then !src lets src/config/.env through, src/**/*.pem stays out", () => {
  const d = ig("*", "!src", "!package.json", "src/**/*.pem");
  assert.equal(walkExcludes(d, "src/config/.env"), false);
  assert.equal(walkExcludes(d, "src/certs/server.pem"), true);
  assert.equal(walkExcludes(d, "notes/deploy.txt"), true);
  assert.equal(d.mayReincludeUnder("notes"), false);
  assert.equal(walkExcludes(d, "package.json"), false);
  assert.equal(d.match("src/config/.env").decidedBy?.source, "!src");
});

test("character classes and escapes: [a-z], [^…], \\* literal", () => {
  const d = ig("log[0-9].txt", "tmp[^a]", "star\\*");
  assert.equal(d.excludes("log1.txt"), true);
  assert.equal(d.excludes("logx.txt"), false);
  assert.equal(d.excludes("tmpb"), true);
  assert.equal(d.excludes("tmpa"), false);
  assert.equal(d.excludes("star*"), true);
  assert.equal(d.excludes("starx"), false);
});

test("names with - and other punctuation match literally", () => {
  const d = ig("my-secret.txt", "node_modules", "a-*.log", "[a-c]-x");
  assert.equal(d.excludes("my-secret.txt"), true);
  assert.equal(d.excludes("a-1.log"), true);
  assert.equal(d.excludes("b-x"), true);
  assert.equal(d.excludes("d-x"), false);
});

test("matching is case-sensitive, as Docker's", () => {
  assert.equal(ig(".ENV").excludes(".env"), false);
  assert.equal(ig(".env").excludes(".env"), true);
});

test("a lone ! and a pattern Go rejects are errors (docker build fails on them) and are left out", () => {
  const { ignore, errors } = DockerIgnore.parse(".env\n!\nsrc/[\n*.key\n");
  assert.deepEqual(
    errors.map((e) => e.line),
    [2, 3],
  );
  assert.match(errors[0]!.message, /illegal exclusion pattern/);
  assert.equal(ignore.excludes(".env"), true);
  assert.equal(ignore.excludes("a.key"), true);
});

test("walk semantics (MatchesUsingParentResults): a pattern skipped at a directory is not carried to its children", () => {
  // `!d` is skipped at `d` (nothing was excluded yet), so for `d/x` only `d/x` itself is tried against it.
  const d = ig("d/x", "!d");
  assert.equal(walkExcludes(d, "d/x"), true);
  // Without the walk (parents all tried: MatchesOrParentMatches) `!d` re-includes it.
  assert.equal(d.excludes("d/x"), false);
});

// Where @balena/dockerignore (a port of moby 19.03's deprecated Matches) differs from moby's
// patternmatcher today, and what dredge does instead.
test("balena differs from moby: regexp characters in names", () => {
  const b = balena({ ignorecase: false }).add(["a+b", "(x)"]);
  assert.equal(b.ignores("a+b"), false);
  assert.equal(b.ignores("(x)"), false);
  const d = ig("a+b", "(x)");
  assert.equal(d.excludes("a+b"), true);
  assert.equal(d.excludes("(x)"), true);
});

test("balena differs from moby: a leading ** without / is a suffix match", () => {
  assert.equal(balena({ ignorecase: false }).add("**.pem").ignores("certs/server.pem"), false);
  assert.equal(ig("**.pem").excludes("certs/server.pem"), true);
  assert.equal(ig("**.pem").excludes("server.pem"), true);
});

test("balena differs from moby: a lone ! is dropped silently (Docker fails), and it is case-insensitive by default", () => {
  assert.equal(balena().add(["!", ".env"]).ignores(".ENV"), true);
  assert.equal(DockerIgnore.parse("!\n").errors.length, 1);
});

const SEG = fc.constantFrom("a", "b", "ab", ".e", "a.b", "a-b");
const PATH = fc.array(SEG, { minLength: 1, maxLength: 4 }).map((p) => p.join("/"));
const PATTERN = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.constantFrom("a", "b", ".e", "*", "?", "**", "[ab]", "a*", "*b", "?b", "a-b", "[a-c]*"), { minLength: 1, maxLength: 4 }),
    fc.constantFrom("", "/"),
    fc.constantFrom("", "/"),
  )
  .map(([neg, parts, lead, trail]) => (neg ? "!" : "") + lead + parts.join("/") + trail)
  // moby's suffix match (`**x` with no / after **) is a known difference from balena (tested above).
  .filter((p) => !/^!?\/?\*\*[^/]/.test(p));

test("agrees with @balena/dockerignore (case-sensitive) where both port the same rules (property)", () => {
  fc.assert(
    fc.property(fc.array(PATTERN, { minLength: 1, maxLength: 4 }), PATH, (lines, path) => {
      const ours = DockerIgnore.parse(lines.join("\n")).ignore.excludes(path);
      const theirs = balena({ ignorecase: false }).add(lines).ignores(path);
      assert.equal(ours, theirs, `${JSON.stringify(lines)} on ${path}`);
    }),
    { numRuns: 4000 },
  );
});

test("arbitrary .dockerignore text and paths never throw (property)", () => {
  const text = fc.string({ unit: fc.constantFrom("a", "/", "*", "?", "[", "]", "^", "!", "\\", "#", " ", "\n", "\r", ".", "(", "+", "{", "☺", "\uFEFF", "-"), maxLength: 80 });
  const path = fc.string({ unit: fc.constantFrom("a", "b", "/", ".", "*", "[", "☺", "\\"), maxLength: 30 });
  fc.assert(
    fc.property(text, path, (t, p) => {
      const { ignore } = DockerIgnore.parse(t);
      ignore.excludes(p);
      walkExcludes(ignore, cleanPath(p).replace(/^\/+/, "") || "x");
      ignore.mayReincludeUnder(p);
    }),
    { numRuns: 3000 },
  );
});

/**
 * A class range written high to low (`[z-a]`, `[!- ]`): Go's filepath.Match accepts it (moby's
 * validation), but moby's matcher then compiles the pattern with Go's regexp, which rejects it,
 * and the build fails: "invalid" is then the right reading.
 */
function hasReversedRange(p: string): boolean {
  for (const m of p.matchAll(/\[\^?([^\]]*)\]/g)) {
    const body = m[1]!;
    for (let i = 1; i + 1 < body.length; i++) if (body[i] === "-" && body[i - 1]! > body[i + 1]!) return true;
  }
  return false;
}

test("every pattern Go accepts compiles (printable ASCII, no escapes), and a plain one matches itself (property)", () => {
  const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)).filter((c) => c !== "\\");
  fc.assert(
    fc.property(fc.string({ unit: printable, minLength: 1, maxLength: 20 }), (p) => {
      if (!validGoPattern(p) || hasReversedRange(p)) return;
      const c = new CompiledPattern({ line: 0, source: p, pattern: p, exclusion: false });
      assert.notEqual(c.type, "invalid", p);
      if (!/[*?[\]]/.test(p)) assert.equal(c.matches(p), true, p);
    }),
    { numRuns: 5000 },
  );
});
