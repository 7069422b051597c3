// Every seed scenario, built by its real builder, scanned by the dredge CLI in all four forms:
// image.expect must be found, image.forbid must not, and no output may hold a secret unless
// --show-secrets was given.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { ensureScenarioImages, FORM_NAMES, type BuiltScenario, type FormName, type ImageExpectation } from "./harness/index.js";
import { e2eCacheDir } from "./harness/paths.js";
import { checkJsonOutput } from "../helpers/json-schema.js";
import { runCli } from "../helpers/cli.js";

const OUTPUTS = join(e2eCacheDir, "outputs");

/** The builders' four forms, and a fifth: the docker save gzipped, as `docker save | gzip` users keep it. */
type Form = FormName | "docker-archive.gz";
const FORMS: Form[] = [...FORM_NAMES, "docker-archive.gz"];
const PREFIX: Record<Form, string> = { "docker-archive": "docker-archive:", "oci-archive": "oci-archive:", oci: "oci:", "oci-zstd": "oci:", "docker-archive.gz": "" };

function pathOf(s: BuiltScenario, form: Form): string {
  if (form !== "docker-archive.gz") return s.forms[form];
  const gz = join(s.dir, "docker-archive.tar.gz");
  if (!existsSync(gz)) writeFileSync(gz, gzipSync(readFileSync(s.forms["docker-archive"]), { level: 1 }));
  return gz;
}

interface JsonLocation {
  status: string;
  path?: string;
  name?: string;
  dockerfile?: { line: number };
  git?: { inHead: boolean };
}
interface JsonFinding {
  rule: string;
  kind: string;
  secret?: string;
  preview: string;
  name?: string;
  locations: JsonLocation[];
}
interface JsonReport {
  version: number;
  targets: { target: string; error?: string; warnings?: string[] }[];
  findings: JsonFinding[];
}

/** Runs the CLI as a user would; keeps stdout and stderr for the leak check. */
async function dredge(args: string[], label: string): Promise<{ stdout: string; code: number }> {
  const { stdout, stderr, code } = await runCli(args);
  writeFileSync(join(OUTPUTS, `${label}.stdout`), stdout);
  writeFileSync(join(OUTPUTS, `${label}.stderr`), stderr);
  checkJsonOutput(args, stdout);
  return { stdout, code };
}

function matches(f: JsonFinding, l: JsonLocation, e: ImageExpectation, withDockerfile: boolean): boolean {
  if (e.status !== undefined && l.status !== e.status) return false;
  if (e.path !== undefined && l.path !== e.path) return false;
  if (e.value !== undefined && !(f.secret ?? "").includes(e.value)) return false;
  if (e.kind !== undefined && !f.kind.includes(e.kind) && !f.rule.includes(e.kind)) return false;
  if (e.name !== undefined && f.name !== e.name && l.name !== e.name) return false;
  if (withDockerfile && e.dockerfile_line !== undefined && l.dockerfile?.line !== e.dockerfile_line) return false;
  if (e.in_head !== undefined && l.git?.inHead !== e.in_head) return false;
  return true;
}

function forbidden(f: JsonFinding, l: JsonLocation, e: ImageExpectation): boolean {
  if (e.path !== undefined && !(l.path === e.path || l.path?.startsWith(e.path + "/"))) return false;
  if (e.value !== undefined && !(f.secret ?? "").includes(e.value)) return false;
  if (e.kind !== undefined && !f.kind.includes(e.kind) && !f.rule.includes(e.kind)) return false;
  if (e.status !== undefined && l.status !== e.status) return false;
  return true;
}

function describe(report: JsonReport): string {
  return report.findings
    .map((f) => `${f.kind} ${f.preview} [${f.locations.map((l) => `${l.status}:${l.path ?? ""}${l.dockerfile ? `@${l.dockerfile.line}` : ""}`).join(", ")}]`)
    .join("\n");
}

const built: BuiltScenario[] = await ensureScenarioImages();
rmSync(OUTPUTS, { recursive: true, force: true });
mkdirSync(OUTPUTS, { recursive: true });

for (const s of built) {
  const image = s.scenario.image ?? { expect: [], forbid: [] };
  const dockerfile = join(s.scenarioDir, "context", "Dockerfile");
  for (const form of FORMS) {
    test(`${s.name} [${form}]: image.expect found, image.forbid absent`, async () => {
      const target = PREFIX[form] + pathOf(s, form);
      const withDockerfile = form === "docker-archive" || form === "docker-archive.gz";
      const args = ["scan", target, "--format", "json", "--show-secrets", "--fail-on", "none"];
      if (withDockerfile) args.push("--dockerfile", dockerfile);
      const { stdout, code } = await dredge(args, `${s.name}.${form}.show`);
      assert.equal(code, 0, `exit code with --fail-on none`);
      const report = JSON.parse(stdout) as JsonReport;
      assert.equal(report.version, 1);
      assert.equal(report.targets.length, 1);
      assert.equal(report.targets[0]!.error, undefined, report.targets[0]!.error);
      assert.deepEqual(report.targets[0]!.warnings ?? [], [], "a clean build reads without warnings");
      for (const e of image.expect ?? []) {
        const ok = report.findings.some((f) => f.locations.some((l) => matches(f, l, e, withDockerfile)));
        assert.ok(ok, `expected ${JSON.stringify(e)}\nfound:\n${describe(report)}`);
      }
      const exact = (s.scenario as { exact_values?: Record<string, string> }).exact_values ?? {};
      for (const [name, value] of Object.entries(exact)) {
        const named = report.findings.filter((f) => f.name === name);
        assert.deepEqual(named.map((f) => f.secret), [value], `the finding named ${name} holds exactly ${JSON.stringify(value)}`);
      }
      for (const e of image.forbid ?? []) {
        const bad = report.findings.filter((f) => f.locations.some((l) => forbidden(f, l, e)));
        assert.deepEqual(bad.map((f) => f.preview), [], `forbidden ${JSON.stringify(e)}\nfound:\n${describe(report)}`);
      }
      // No false finding: every value reported is one of the scenario's own secrets (or a piece of one).
      const given = Object.values(s.scenario.build.args ?? {}).concat(Object.values(s.scenario.build.secrets ?? {}).flatMap((x) => ("value" in x ? [x.value] : [])));
      const own = [...s.secrets, ...given].filter((v) => v.length >= 3);
      const strangers = report.findings.filter((f) => !own.some((v) => v.includes(f.secret!) || f.secret!.includes(v)));
      assert.deepEqual(strangers.map((f) => `${f.rule}: ${f.preview}`), [], `findings that are none of the scenario's secrets\nfound:\n${describe(report)}`);
      // The exit code follows --fail-on: findings at high or above give 1, none give 0.
      const redacted = await dredge(["scan", target, "--format", "text"], `${s.name}.${form}.text`);
      const high = report.findings.some((f) => ["critical", "high"].includes((f as unknown as { severity: string }).severity));
      assert.equal(redacted.code, high ? 1 : 0, "exit code with the default --fail-on high");
      await dredge(["scan", target, "--format", "json"], `${s.name}.${form}.json`);
    });
  }
}

test("nothing dredge printed without --show-secrets holds a scenario secret of 8 characters or more", () => {
  const secrets = [...new Set(built.flatMap((s) => s.secrets).filter((v) => v.length >= 8))];
  assert.ok(secrets.length >= 10, `the scenarios give ${secrets.length} secrets to look for`);
  const files = readdirSync(OUTPUTS).filter((f) => !f.includes(".show."));
  assert.ok(files.length >= built.length * FORMS.length * 2);
  const leaks: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(OUTPUTS, file), "utf8");
    for (const v of secrets) if (text.includes(v)) leaks.push(`${file}: ${v.slice(0, 6)}…`);
  }
  assert.deepEqual(leaks, []);
});
