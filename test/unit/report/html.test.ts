import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Secret } from "../../../src/detect/redact.js";
import { SEVERITIES } from "../../../src/detect/types.js";
import type { Finding, Location, ScanResult } from "../../../src/findings/types.js";
import { formatHtml, readDockerfiles } from "../../../src/report/html.js";
import { escapeHtml, safeHref } from "../../../src/report/html/escape.js";
import { instructionOf } from "../../../src/report/html/parts.js";
import { redactKeepingLines } from "../../../src/report/html/source.js";
import { layersOf } from "../../../src/report/html/timeline.js";

const WHEN = new Date("2026-01-02T03:04:05Z");

function finding(over: Partial<Finding> & { value: string; locations: Location[] }): Finding {
  const { value, ...rest } = over;
  return {
    rule: "npm-token",
    kind: "npm-access-token",
    title: "npm access token",
    severity: "critical",
    confidence: "high",
    fingerprint: "0123456789abcdef0123456789abcdef",
    secret: new Secret(value),
    ...rest,
  };
}

const NPM = "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";
const AWS = "m0ugeWOg7GLqwSBIPt3oILT9RIKTze8E97AJISWX";

function imageResult(): ScanResult {
  const t = "oci:img";
  const layerList = [
    { index: 0, digest: "sha256:" + "a".repeat(64), createdBy: "/bin/sh -c #(nop) ADD file:x in / " },
    { index: 1, digest: "sha256:" + "b".repeat(64), createdBy: "COPY .env /app/ # buildkit" },
    { index: 2, digest: "sha256:" + "c".repeat(64), createdBy: `|1 NPM_TOKEN=${NPM} /bin/sh -c rm /app/.env` },
  ];
  return {
    version: 1,
    targets: [{ target: t, digest: "sha256:" + "d".repeat(64), warnings: [], layers: 3, layerList }],
    findings: [
      finding({
        value: AWS,
        rule: "aws-secret-access-key",
        kind: "aws-secret-access-key",
        title: "AWS secret access key",
        locations: [{ target: t, status: "deleted", path: "/app/.env", layer: layerList[1]!, removedBy: layerList[2]!, dockerfile: { file: "Dockerfile", line: 3 } }],
      }),
      finding({
        value: NPM,
        severity: "high",
        name: "NPM_TOKEN",
        locations: [{ target: t, status: "history", name: "NPM_TOKEN", history: { index: 5, createdBy: layerList[2]!.createdBy } }],
      }),
    ],
  };
}

test("the image timeline has a row per layer with its instruction, and marks where a secret entered and was deleted", () => {
  const html = formatHtml(imageResult(), { showSecrets: false, generatedAt: WHEN });
  const rows = html.split(/<tr[^>]* id="t0-layer-/).slice(1);
  assert.equal(rows.length, 3);
  assert.match(rows[0]!, /ADD file:x in \//);
  assert.match(rows[1]!, /COPY \.env \/app\//);
  assert.match(rows[1]!, /aws-secret-access-key<\/b> entered: <span class="mono">\/app\/\.env<\/span>.*deleted in layer 2/);
  assert.match(rows[2]!, /RUN rm \/app\/\.env {4}\(build args: NPM_TOKEN=npm_u3…2Pn\)/);
  assert.match(rows[2]!, /\/app\/\.env<\/span> deleted here.*still in layer 1's blob/);
  assert.match(rows[2]!, /npm-access-token<\/b> <span class="mono">NPM_TOKEN<\/span> recorded in this instruction's history/);
  assert.ok(!html.includes(NPM) && !html.includes(AWS));
});

test("without the scan's layer list the timeline is drawn from the layers the locations name", () => {
  const r = imageResult();
  delete r.targets[0]!.layerList;
  const layers = layersOf(r.targets[0]!, []);
  assert.deepEqual(layers, [{ index: 0 }, { index: 1 }, { index: 2 }]);
  const html = formatHtml(r, { showSecrets: false, generatedAt: WHEN });
  assert.equal(html.split(/<tr[^>]* id="t0-layer-/).length - 1, 3);
  assert.match(html, /instruction not recorded/);
});

test("a target that could not be read shows its error, not an empty table", () => {
  const html = formatHtml({ version: 1, targets: [{ target: "missing.tar", error: "cannot open missing.tar: ENOENT", warnings: [] }], findings: [] }, { showSecrets: false, generatedAt: WHEN });
  assert.match(html, /<li class="error">error: cannot open missing\.tar: ENOENT<\/li>/);
  assert.ok(!html.includes("<table"));
  assert.match(html, /<b>no secrets<\/b> in 1 target/);
});

test("a result that claims millions of layers draws at most 10,000 rows", () => {
  assert.equal(layersOf({ target: "x", warnings: [], layers: 50_000_000 }, []).length, 10_000);
});

test("--show-secrets shows whole values and says so; otherwise only previews", () => {
  const shown = formatHtml(imageResult(), { showSecrets: true, generatedAt: WHEN });
  assert.ok(shown.includes(`<code class="secret">${AWS}</code>`));
  assert.match(shown, /full secret values shown/);
  const hidden = formatHtml(imageResult(), { showSecrets: false, generatedAt: WHEN });
  assert.ok(hidden.includes("m0ugeW…SWX"));
});

test("the Dockerfile is shown with the lines findings point to highlighted and its secrets redacted", () => {
  const dockerfile = `FROM alpine\nARG NPM_TOKEN=${NPM}\nCOPY .env /app/\nRUN rm /app/.env\n`;
  const html = formatHtml(imageResult(), { showSecrets: false, generatedAt: WHEN, dockerfiles: new Map([["Dockerfile", dockerfile]]) });
  assert.match(html, /<span class="ln hl" id="t0-d0-L3" data-group><span class="no">3<\/span>COPY \.env \/app\/<span class="chips"><a href="#t0-f0"/);
  assert.match(html, /<span class="ln" id="t0-d0-L2"><span class="no">2<\/span>ARG NPM_TOKEN=npm_u3…2Pn<\/span>/);
  assert.match(html, /href="#t0-d0-L3"/, "the finding links to its Dockerfile line");
  assert.ok(!html.includes(NPM));
});

test("redacting a secret that spans lines keeps the line count, so line numbers still match the file", () => {
  const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----";
  const text = `FROM alpine\nRUN cat > /k <<EOF\n${key}\nEOF\nRUN true\n`;
  const out = redactKeepingLines(text, [key]);
  assert.equal(out.split("\n").length, text.split("\n").length);
  assert.ok(!out.includes("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"));
  assert.equal(out.split("\n")[6], "RUN true");
});

test("lint and context results are a table by file and line", () => {
  const t = "Dockerfile";
  const result: ScanResult = {
    version: 1,
    targets: [{ target: t, warnings: [] }],
    findings: [
      finding({ value: NPM, message: "secret value in ENV NPM_TOKEN", scope: "final", locations: [{ target: t, status: "dockerfile", dockerfile: { file: t, line: 4, stage: "build" }, instruction: "ENV", name: "NPM_TOKEN" }] }),
      finding({ value: "context:.env", severity: "high", rule: "sensitive-file", kind: "dotenv", title: "dotenv file", locations: [{ target: t, status: "context", path: ".env", copiedBy: [{ file: t, line: 2 }] }] }),
    ],
  };
  const html = formatHtml(result, { showSecrets: false, generatedAt: WHEN });
  assert.match(html, /<table class="plain">/);
  assert.ok(!html.includes('<table class="timeline">'));
  const rows = html.split("<tr id=").slice(1);
  assert.equal(rows.length, 2);
  assert.match(rows[0]!, /context file|\.env/);
  assert.match(rows[1]!, /Dockerfile:4.*stage build.*ENV/);
  assert.match(rows[1]!, /secret value in ENV NPM_TOKEN/);
});

test("held-back findings are hidden until their box is ticked, or shown from the start with all", () => {
  const r = imageResult();
  r.findings[0]!.heldBack = "in a test suite";
  const html = formatHtml(r, { showSecrets: false, generatedAt: WHEN });
  assert.match(html, /data-filter="held" value="held"> held back <span class="count">1<\/span>/);
  assert.match(html, /<article class="finding sevb-critical" id="t0-f0" data-entry data-sev="critical" data-status="deleted" data-held="1">/);
  assert.match(formatHtml(r, { showSecrets: false, all: true, generatedAt: WHEN }), /data-filter="held" value="held" checked>/);
});

test("the Content-Security-Policy allows only the page's own style and script, by hash", () => {
  const html = formatHtml(imageResult(), { showSecrets: false, generatedAt: WHEN });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
  const hash = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
  assert.equal(csp, `default-src 'none'; script-src ${hash(script)}; style-src ${hash(style)}; base-uri 'none'; form-action 'none'`);
  assert.ok(!/https?:\/\/(?!docs\.)/.test(html.replace(/<a href="https:[^"]+"/g, "")), "no URL the page would load");
});

test("escapeHtml escapes markup and quotes; safeHref takes only http(s) links", () => {
  assert.equal(escapeHtml(`<a href="x" onclick='y'>&</a>`), "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  assert.equal(escapeHtml("a\u0000b\u001bc\td\ne"), "a\ufffdb\ufffdc\td\ne");
  assert.equal(safeHref("javascript:alert(1)"), undefined);
  assert.equal(safeHref("data:text/html,<script>"), undefined);
  assert.equal(safeHref('https://x.example/"onmouseover=1'), undefined);
  assert.equal(safeHref("https://docs.npmjs.com/revoking-access-tokens"), "https://docs.npmjs.com/revoking-access-tokens");
});

test("history created_by reads as the instruction, build args kept", () => {
  assert.equal(instructionOf("/bin/sh -c #(nop)  ENV A=b"), "ENV A=b");
  assert.equal(instructionOf("/bin/sh -c apk add git"), "RUN apk add git");
  assert.equal(instructionOf("RUN /bin/sh -c make # buildkit"), "RUN /bin/sh -c make");
  assert.equal(instructionOf("|2 A=1 B=two words /bin/sh -c make"), "RUN make    (build args: A=1 B=two words)");
  assert.equal(instructionOf("|0 /bin/sh -c make"), "RUN make");
});

test("readDockerfiles reads the Dockerfiles locations name, relative to the working directory or the context, and skips what it cannot show", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-html-src-"));
  try {
    mkdirSync(join(dir, "ctx"));
    writeFileSync(join(dir, "Dockerfile"), "FROM a\n");
    writeFileSync(join(dir, "ctx", "Containerfile"), "FROM b\n");
    writeFileSync(join(dir, "big.Dockerfile"), "#".repeat((1 << 20) + 1));
    mkdirSync(join(dir, "dir.Dockerfile"));
    const loc = (target: string, file: string): Location => ({ target, status: "dockerfile", dockerfile: { file, line: 1 } });
    const result: ScanResult = {
      version: 1,
      targets: [],
      findings: [
        finding({ value: NPM, locations: [loc("Dockerfile", "Dockerfile"), loc("x", "big.Dockerfile"), loc("x", "dir.Dockerfile"), loc("x", "missing")] }),
        finding({ value: AWS, locations: [{ target: "context:ctx", status: "context", path: ".env", copiedBy: [{ file: "Containerfile", line: 2 }] }] }),
      ],
    };
    const files = await readDockerfiles(result, dir);
    assert.deepEqual([...files.entries()].sort(), [
      ["Containerfile", "FROM b\n"],
      ["Dockerfile", "FROM a\n"],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- hostile input: every string field of a result, through every section ----

const HOSTILE = ["<script>alert(1)</script>", "</style><x-evil>", `"><x-evil a="`, `'><x-evil a='`, "</textarea><x-evil>", "<!--", "]]>", "javascript:alert(1)", "\u2028\u2029", "&lt;x-evil&gt;", "</pre></table><x-evil>", "\u0000\r\n"];
const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 12 }), fc.array(fc.constantFrom(...HOSTILE, "a", " ", "\n"), { maxLength: 4 }).map((a) => a.join("")));
/** A secret that cannot turn up by chance elsewhere in the page, with hostile text inside. */
const secretValue = fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{16}$/), hostile).map(([a, h]) => `SECRET${a}${h}${a}`);
const severity = fc.constantFrom(...SEVERITIES);
const layerRef = fc.record({ index: fc.nat({ max: 6 }), digest: fc.option(hostile, { nil: undefined }), createdBy: fc.option(hostile, { nil: undefined }) }, { requiredKeys: ["index"] });
const dfRef = fc.record({ file: hostile, line: fc.integer({ min: -1, max: 12 }), column: fc.option(fc.nat(), { nil: undefined }), stage: fc.option(hostile, { nil: undefined }) }, { requiredKeys: ["file", "line"] });

function locationArb(target: string): fc.Arbitrary<Location> {
  const base = { target: fc.constant(target), name: fc.option(hostile, { nil: undefined }), dockerfile: fc.option(dfRef, { nil: undefined }) };
  return fc.oneof(
    fc.record({
      ...base,
      status: fc.constantFrom("present" as const, "deleted" as const, "overwritten" as const),
      path: hostile,
      layer: layerRef,
      removedBy: fc.option(layerRef, { nil: undefined }),
      inner: fc.option(fc.array(hostile, { maxLength: 2 }), { nil: undefined }),
      git: fc.option(fc.record({ commits: fc.array(hostile, { maxLength: 2 }), path: hostile, inHead: fc.boolean() }), { nil: undefined }),
    }),
    fc.record({ ...base, status: fc.constant("history" as const), history: fc.record({ index: fc.nat(), createdBy: hostile }) }),
    fc.record({ ...base, status: fc.constant("config" as const), config: fc.record({ field: hostile, key: fc.option(hostile, { nil: undefined }) }) }),
    fc.record({ ...base, status: fc.constant("dockerfile" as const), dockerfile: dfRef, instruction: fc.option(hostile, { nil: undefined }) }),
    fc.record({ ...base, status: fc.constant("context" as const), path: hostile, copiedBy: fc.option(fc.array(dfRef, { maxLength: 2 }), { nil: undefined }) }),
  ) as fc.Arbitrary<Location>;
}

const resultArb: fc.Arbitrary<{ result: ScanResult; secrets: string[]; dockerfiles: Map<string, string> }> = fc
  .array(hostile, { minLength: 1, maxLength: 3 })
  .chain((targets) =>
    fc.record({
      targets: fc.constant(targets),
      meta: fc.array(
        fc.record({ digest: fc.option(hostile, { nil: undefined }), tags: fc.option(fc.array(hostile, { maxLength: 2 }), { nil: undefined }), error: fc.option(hostile, { nil: undefined }), warnings: fc.array(hostile, { maxLength: 2 }), layers: fc.option(fc.nat({ max: 8 }), { nil: undefined }), layerList: fc.option(fc.array(layerRef, { maxLength: 4 }), { nil: undefined }) }),
        { minLength: targets.length, maxLength: targets.length },
      ),
      findings: fc.array(
        fc.record({
          value: secretValue,
          rule: hostile,
          kind: hostile,
          title: hostile,
          severity,
          fingerprint: hostile,
          name: fc.option(hostile, { nil: undefined }),
          remediation: fc.option(hostile, { nil: undefined }),
          docs: fc.option(fc.oneof(hostile, fc.constant("https://example.com/a?b=<x-evil>")), { nil: undefined }),
          heldBack: fc.option(hostile, { nil: undefined }),
          message: fc.option(hostile, { nil: undefined }),
          locations: fc.array(fc.constantFrom(...targets).chain(locationArb), { minLength: 1, maxLength: 4 }),
        }),
        { maxLength: 4 },
      ),
      dockerfileText: hostile,
    }),
  )
  .map(({ targets, meta, findings, dockerfileText }) => {
    const secrets = findings.map((f) => f.value);
    const fs = findings.map((f) => {
      // The secrets also turn up in free text: history, warnings, messages, the Dockerfile.
      const withSecret = (s: string | undefined) => (s === undefined ? undefined : `${s}${f.value}`);
      return finding({ ...f, confidence: "high", message: withSecret(f.message), locations: f.locations.map((l) => (l.status === "history" ? { ...l, history: { ...l.history, createdBy: `${l.history.createdBy} ${f.value}` } } : l)) });
    });
    const result: ScanResult = {
      version: 1,
      targets: targets.map((target, i) => {
        const m = meta[i]!;
        return { target, warnings: [...m.warnings, `warning ${secrets[0] ?? ""}`], ...(m.digest !== undefined ? { digest: m.digest } : {}), ...(m.tags ? { tags: m.tags } : {}), ...(m.error !== undefined ? { error: m.error } : {}), ...(m.layers !== undefined ? { layers: m.layers } : {}), ...(m.layerList ? { layerList: m.layerList } : {}) };
      }),
      findings: fs,
    };
    const dockerfiles = new Map<string, string>();
    for (const f of fs) for (const l of f.locations) if (l.dockerfile) dockerfiles.set(l.dockerfile.file, `${dockerfileText}\n${secrets.join("\n")}\nRUN x`);
    return { result, secrets, dockerfiles };
  });

const TAGS = new Set(["html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "div", "span", "b", "nav", "fieldset", "legend", "label", "input", "main", "section", "ul", "li", "aside", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "p", "a", "code", "details", "summary", "br", "article", "pre", "footer", "script"]);
const ATTRS = /^(class|id|href|title|type|value|checked|lang|charset|http-equiv|content|name|aria-label|rel|target|data-[a-z]+)$/;

/** Every `<` outside the style and script starts one of the report's own tags, with only its own attributes. */
function assertOnlyOwnMarkup(html: string): void {
  const body = html.replace(/<style>[\s\S]*?<\/style>/, "<style></style>").replace(/<script>[\s\S]*?<\/script>/, "<script></script>");
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.equal((html.match(/<\/script/gi) ?? []).length, 1);
  assert.equal((html.match(/<\/style/gi) ?? []).length, 1);
  for (const m of body.matchAll(/<(\/?)([^\s>/]*)([^>]*)>/g)) {
    const [, , tag, attrs] = m;
    if (tag === "!DOCTYPE") continue;
    assert.ok(TAGS.has(tag!), `unexpected tag <${tag}>`);
    // Attribute values are double-quoted and escaped, so no `"` or `<` can be inside one.
    for (const a of attrs!.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
      assert.match(a[1]!, ATTRS, `unexpected attribute ${a[1]} on <${tag}>`);
      assert.ok(!(a[2] ?? "").includes("<"));
      if (a[1] === "href") assert.match(a[2]!, /^(#[A-Za-z0-9-]+|https?:\/\/[^\s]+)$/);
    }
  }
  assert.ok(!body.includes("<x-evil"), "an injected element");
}

test("hostile strings in every field stay text: no injected markup, attributes or script; no whole secret (fast-check)", () => {
  fc.assert(
    fc.property(resultArb, fc.boolean(), ({ result, secrets, dockerfiles }, all) => {
      const html = formatHtml(result, { showSecrets: false, all, dockerfiles, generatedAt: WHEN });
      assertOnlyOwnMarkup(html);
      for (const s of secrets) {
        assert.ok(!html.includes(s), "a whole secret in the page");
        assert.ok(!html.includes(escapeHtml(s)), "a whole secret, escaped, in the page");
      }
    }),
    { numRuns: 300 },
  );
});

test("with --show-secrets hostile secrets are shown escaped, still as text", () => {
  fc.assert(
    fc.property(resultArb, ({ result, dockerfiles }) => {
      assertOnlyOwnMarkup(formatHtml(result, { showSecrets: true, dockerfiles, generatedAt: WHEN }));
    }),
    { numRuns: 100 },
  );
});
