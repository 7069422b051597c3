import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseDockerfile, parseDockerfileInstructions } from "../../../src/dockerfile/index.js";
import { CORPUS } from "../../helpers/corpus.js";

/**
 * Corpus files Docker itself would refuse, with why. Each must produce at least
 * one error containing `expect`; every other file must produce none.
 */
const MALFORMED: Readonly<Record<string, { why: string; expect: string }>> = {
  "bridgecrewio__checkov/tests__dockerfile__checks__example_HealthcheckExists__failure__Dockerfile": {
    why: 'checkov fixture: LABEL foo="bar baz has an unterminated quote',
    expect: "matching double-quote",
  },
  "bridgecrewio__checkov/tests__dockerfile__checks__example_HealthcheckExists__success__Dockerfile": {
    why: "checkov fixture: unterminated quote in a LABEL value",
    expect: "matching double-quote",
  },
  "bridgecrewio__checkov/tests__dockerfile__checks__example_UserExists__failure__Dockerfile": {
    why: "checkov fixture: unterminated quote in a LABEL value",
    expect: "matching double-quote",
  },
  "containers__buildah/tests__bud__add-checksum__Containerfile.bad": { why: "buildah negative test: --checksum without value", expect: "missing a value on flag: checksum" },
  "containers__buildah/tests__bud__add-chmod__Dockerfile.bad": { why: "buildah negative test: --chmod without value", expect: "missing a value on flag: chmod" },
  "containers__buildah/tests__bud__add-chown__Dockerfile.bad": { why: "buildah negative test: --chown without value", expect: "missing a value on flag: chown" },
  "containers__buildah/tests__bud__copy-chmod__Dockerfile.bad": { why: "buildah negative test: --chmod without value", expect: "missing a value on flag: chmod" },
  "containers__buildah/tests__bud__copy-chown__Dockerfile.bad": { why: "buildah negative test: --chown without value", expect: "missing a value on flag: chown" },
  "containers__buildah/tests__bud__copy-from__Dockerfile.bad": { why: "buildah negative test: `--from builder` (space, not =)", expect: "missing a value on flag: from" },
  "containers__buildah/tests__bud__copy-multistage-paths__Dockerfile.invalid_from": { why: "buildah negative test: `--from builder`", expect: "missing a value on flag: from" },
  "containers__buildah/tests__bud__base-with-arg__Containerfile": {
    why: "buildah-only: stage names with '/' (platform-arm/v7) are invalid for Docker",
    expect: "invalid name for build stage",
  },
  "containers__buildah/tests__bud__save-stages__Dockerfile.arg-build-stages-and-chained-build-stages": {
    why: "buildah-only: ARG in stage names (AS ${FIRST_STAGE}); Docker does not expand stage names (moby/buildkit#2618)",
    expect: "invalid name for build stage",
  },
  "openshift__imagebuilder/dockerclient__testdata__Dockerfile.target": {
    why: "imagebuilder-only: ARG in a stage name",
    expect: "invalid name for build stage",
  },
  "containers__buildah/tests__bud__buildkit-mount__Dockerfile": { why: "buildah-only mount option `z` (SELinux relabel)", expect: "unexpected key 'z'" },
  "containers__buildah/tests__bud__verify-cleanup__Dockerfile": { why: "buildah-only mount option `z`", expect: "unexpected key 'z'" },
  "containers__buildah/tests__conformance__testdata__Dockerfile.env": {
    why: "ENV name='a\\'b' leaves a single quote open (a backslash does not escape inside single quotes)",
    expect: "matching single-quote",
  },
  "moby__buildkit/frontend__dockerfile__parser__testfiles__env__Dockerfile": {
    why: "BuildKit parser fixture with the same ENV name='a\\'b' (parses, fails when evaluated)",
    expect: "matching single-quote",
  },
  "moby__buildkit/frontend__dockerfile__parser__testfiles-negative__env_no_value__Dockerfile": { why: "BuildKit negative fixture: ENV without value", expect: "ENV must have two arguments" },
  "openshift__imagebuilder/dockerfile__parser__testfiles-negative__env_no_value__Dockerfile": { why: "negative fixture: ENV without value", expect: "ENV must have two arguments" },
  "moby__buildkit/frontend__dockerfile__parser__testfiles__flags__Dockerfile": {
    why: "BuildKit flag-splitting fixture: COPY --user / --doit are not real flags",
    expect: "unknown flag",
  },
  "moby__buildkit/frontend__dockerfile__parser__testfiles__health__Dockerfile": {
    why: "BuildKit fixture: bare HEALTHCHECK, HEALTHCHECK CMD without command, HEALTHCHECK CONNECT",
    expect: "HEALTHCHECK",
  },
  "openshift__imagebuilder/dockerfile__parser__testfiles__health__Dockerfile": { why: "same HEALTHCHECK fixture", expect: "HEALTHCHECK" },
  "openshift__imagebuilder/dockerclient__testdata__Dockerfile.badhealthcheck": { why: "bare HEALTHCHECK", expect: "HEALTHCHECK requires at least one argument" },
  "openshift__imagebuilder/dockerfile__parser__testfiles__escape-nonewline__Dockerfile": { why: "`# escape = ``` (two backticks) is not a valid escape", expect: "invalid escape token" },
  "replicatedhq__dockerfilelint/test__examples__Dockerfile.misc": { why: "linter fixture built to exercise error paths", expect: "no build stage in current context" },
  "replicatedhq__dockerfilelint/test__examples__Dockerfile.shell.fail": { why: "linter fixture: SHELL in shell form", expect: "SHELL requires the arguments to be in JSON form" },
  "microsoft__dotnet-framework-docker/eng__dockerfile-templates__aspnet__Dockerfile": { why: "template ({{...}} syntax), not a Dockerfile", expect: "FROM requires" },
  "microsoft__dotnet-framework-docker/eng__dockerfile-templates__aspnet__Dockerfile.3.5.pre20H2": { why: "template, not a Dockerfile", expect: "FROM requires" },
  "microsoft__dotnet-framework-docker/eng__dockerfile-templates__aspnet__Dockerfile.pre20H2": { why: "template, not a Dockerfile", expect: "FROM requires" },
  "microsoft__dotnet-framework-docker/eng__dockerfile-templates__runtime__Dockerfile": { why: "template, not a Dockerfile", expect: "ENV must have two arguments" },
  "microsoft__dotnet-framework-docker/eng__dockerfile-templates__sdk__Dockerfile": { why: "template, not a Dockerfile", expect: "FROM requires" },
  "microsoft__dotnet-framework-docker/eng__dockerfile-templates__sdk__Dockerfile.ltsc2016": { why: "template, not a Dockerfile", expect: "FROM requires" },
  "microsoft__dotnet-framework-docker/eng__dockerfile-templates__wcf__Dockerfile": { why: "template, not a Dockerfile", expect: "FROM requires" },
};

function corpusFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...corpusFiles(p));
    // Companion .dockerignore files and the top-level MANIFEST.tsv / SOURCES.md are not Dockerfiles.
    else if (!e.name.endsWith(".dockerignore") && dir !== CORPUS) out.push(p);
  }
  return out.sort();
}

const present = existsSync(CORPUS);
const skip = present ? false : `Dockerfile corpus not found at ${CORPUS}`;

test("every Dockerfile of the shared corpus parses without an exception, and without errors unless known to be malformed", { skip }, () => {
  const files = corpusFiles(CORPUS);
  assert.ok(files.length > 100, `expected hundreds of Dockerfiles, found ${files.length}`);
  const unexpected: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const rel = relative(CORPUS, file).split("\\").join("/");
    const text = readFileSync(file, "utf8");
    const m = parseDockerfileInstructions(text, rel);
    for (const d of [...m.errors, ...m.warnings]) {
      assert.ok(d.line >= 1 && d.line <= Math.max(1, m.ast.lineCount), `${rel}: diagnostic line ${d.line} out of range`);
    }
    const known = MALFORMED[rel];
    if (known) {
      seen.add(rel);
      assert.ok(
        m.errors.some((e) => e.message.includes(known.expect)),
        `${rel} (${known.why}) should report "${known.expect}", got ${JSON.stringify(m.errors)}`,
      );
    } else if (m.errors.length > 0) {
      unexpected.push(`${rel}: ${JSON.stringify(m.errors.slice(0, 3))}`);
    }
  }
  assert.deepEqual(unexpected, [], "unexpected errors on well-formed corpus files");
  assert.deepEqual(
    Object.keys(MALFORMED).filter((k) => !seen.has(k)),
    [],
    "known-malformed files missing from the corpus",
  );
});

test("corpus: every argument token of one-line instructions slices back to its raw text", { skip }, () => {
  let checked = 0;
  for (const file of corpusFiles(CORPUS)) {
    const text = readFileSync(file, "utf8");
    const ast = parseDockerfile(text);
    for (const n of ast.instructions) {
      if (n.startLine !== n.endLine) continue;
      for (const t of [...n.args, ...n.words, ...n.flags.map((f) => ({ raw: f.raw, range: f.range }))]) {
        assert.equal(text.slice(t.range.start.offset, t.range.end.offset), t.raw, `${file}:${n.startLine}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 10000);
});

test("corpus throughput: parsing every corpus file 10 times runs at >= 5,000 files/s", { skip }, (t) => {
  const texts = corpusFiles(CORPUS).map((f) => readFileSync(f, "utf8"));
  for (const text of texts) parseDockerfile(text); // warm-up
  const t0 = performance.now();
  for (let r = 0; r < 10; r++) for (const text of texts) parseDockerfile(text);
  const seconds = (performance.now() - t0) / 1000;
  const rate = (texts.length * 10) / seconds;
  t.diagnostic(`parsed ${texts.length * 10} files in ${seconds.toFixed(2)} s: ${Math.round(rate)} files/s`);
  assert.ok(rate >= 5000, `${Math.round(rate)} files/s`);
});
