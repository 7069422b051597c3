// The CI glue as its hosts run it:
// - the Docker CLI plugin through the real `docker` binary (no daemon: DOCKER_HOST points nowhere);
// - the GitHub Action's composite steps run the way the runner runs them (inputs evaluated into each
//   step's env, `bash --noprofile --norc -eo pipefail`, GITHUB_OUTPUT/GITHUB_WORKSPACE/RUNNER_TEMP),
//   the steps that call other actions checked for shape;
// - the pre-commit hook's entry run on the files its `files` pattern picks, as pre-commit runs it
//   (pre-commit itself cannot be installed here: PyPI is not reachable).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse as parseYaml } from "yaml";
import { repoRoot } from "./harness/paths.js";
import { CLI, DIST } from "../helpers/cli.js";

const exec = promisify(execFile);
const EXAMPLE = join(repoRoot, "examples", "leaky-app.tar");
const EXAMPLE_DOCKERFILE = join(repoRoot, "examples", "leaky-app", "Dockerfile");
/** Whole secrets of the example image: none may reach a log or report. */
const EXAMPLE_SECRETS = ["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", "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", "sk_live_REAscXV4vpetpGJDHOzkXlfC", "m0ugeWOg7GLqwSBIPt3oILT9RIKTze8E97AJISWX"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, maxBuffer: 1 << 26, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number | string; stdout: string; stderr: string };
    assert.equal(typeof e.code, "number", `${cmd} ${args.join(" ")} did not run: ${String(e.code)} ${e.stderr ?? ""}`);
    return { code: e.code as number, stdout: e.stdout, stderr: e.stderr };
  }
}

function assertNoSecret(text: string, where: string): void {
  for (const s of EXAMPLE_SECRETS) assert.ok(!text.includes(s), `${where} holds a whole secret`);
}

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), "dredge-ci-"));
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------- Docker CLI plugin

test("docker dredge: the real docker CLI lists the plugin and runs scans through it, with no daemon", async () => {
  const dockerConfig = join(tmp, "docker-config");
  // No daemon anywhere: a plugin command must not need one.
  const env = { ...process.env, DOCKER_CONFIG: dockerConfig, DOCKER_HOST: `unix://${join(tmp, "no-daemon.sock")}`, NO_COLOR: "1" };
  const docker = (...args: string[]) => run("docker", args, { env, cwd: tmp });

  const installed = await run(process.execPath, [CLI, "install-docker-plugin"], { env });
  assert.equal(installed.code, 0, installed.stderr);
  const plugin = join(dockerConfig, "cli-plugins", "docker-dredge");
  assert.match(installed.stdout, new RegExp(`installed ${plugin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  assert.equal(statSync(plugin).mode & 0o777, 0o755);

  const meta = await run(plugin, ["docker-cli-plugin-metadata"]);
  assert.deepEqual(JSON.parse(meta.stdout), {
    SchemaVersion: "0.1.0",
    Vendor: "dredge",
    Version: JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version,
    ShortDescription: "Find secrets in image layers, history and config, and in Dockerfiles",
    URL: "https://www.npmjs.com/package/dredge",
  });

  const help = await docker("--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^\s+dredge\*\s+Find secrets in image layers, history and config, and in Dockerfiles$/m);
  // docker info lists client plugins before it fails to reach the (absent) daemon: Docker 23+ on
  // three lines (description, Version, Path), older CLIs as "description (vendor, version)".
  const info = await docker("info");
  assert.match(info.stdout, /dredge: Find secrets in image layers, history and config, and in Dockerfiles \(dredge(?:\)\n\s+Version:\s+\d+\.\d+\.\d+\n\s+Path:\s+.*docker-dredge|, v?\d+\.\d+\.\d+\))/);

  const pluginHelp = await docker("dredge", "--help");
  assert.equal(pluginHelp.code, 0, pluginHelp.stderr);
  assert.match(pluginHelp.stdout, /Usage: dredge/);
  assert.match(pluginHelp.stdout, /scan \[options\] <targets\.\.\.>/);

  const scan = await docker("dredge", "scan", EXAMPLE);
  assert.equal(scan.code, 1, scan.stderr);
  assert.match(scan.stdout, /npm-access-token/);
  assert.match(scan.stdout, /deleted/);
  assertNoSecret(scan.stdout + scan.stderr, "docker dredge scan");
  assert.equal((await docker("dredge", "scan", "--fail-on", "none", EXAMPLE)).code, 0);
  const json = await docker("dredge", "scan", "--format", "json", EXAMPLE);
  assert.equal(JSON.parse(json.stdout).version, 1);
  const missing = await docker("dredge", "scan", join(tmp, "no-such-image.tar"));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr + missing.stdout, /no-such-image\.tar/);
  // Arguments reach dredge as given: spaces and quotes are not re-split by the plugin script.
  const spaced = join(tmp, "my image's dir");
  mkdirSync(spaced);
  copyFileSync(EXAMPLE, join(spaced, "app.tar"));
  assert.equal((await docker("dredge", "scan", join(spaced, "app.tar"))).code, 1);
});

test("install-docker-plugin replaces its own plugin, refuses a foreign one unless --force, and takes --dir", async () => {
  const dir = join(tmp, "plugins");
  const first = await run(process.execPath, [CLI, "install-docker-plugin", "--dir", dir]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal((await run(process.execPath, [CLI, "install-docker-plugin", "--dir", dir])).code, 0);
  writeFileSync(join(dir, "docker-dredge"), "#!/bin/sh\necho someone else's\n", { mode: 0o755 });
  const refused = await run(process.execPath, [CLI, "install-docker-plugin", "--dir", dir]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /exists and was not written by dredge; pass --force/);
  assert.match(readFileSync(join(dir, "docker-dredge"), "utf8"), /someone else's/);
  assert.equal((await run(process.execPath, [CLI, "install-docker-plugin", "--dir", dir, "--force"])).code, 0);
  assert.match(readFileSync(join(dir, "docker-dredge"), "utf8"), /install-docker-plugin/);
});

// ---------------------------------------------------------------- GitHub Action

interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
}
interface ActionYaml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

interface JobResult {
  /** The exit code of the step that failed the job, or 0. */
  code: number;
  failedStep?: string;
  log: string;
  outputs: Record<string, string>;
  stepOutputs: Record<string, Record<string, string>>;
  usesSteps: ActionStep[];
}

/** `name=value` lines and `name<<DELIM` blocks, as the runner reads GITHUB_OUTPUT. */
function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]!);
      out[heredoc[1]!] = body.join("\n");
    } else if (line.includes("=")) out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
  }
  return out;
}

/**
 * Runs a composite action's `run` steps as the runner does: `${{ … }}` in env/with/outputs evaluated
 * (the contexts a composite action may use here: inputs, github.action_path, github.workspace,
 * runner.temp, steps.ID.outputs.NAME), each script through `bash --noprofile --norc -eo pipefail`,
 * GITHUB_OUTPUT read after each step. Steps that call another action are collected, not run.
 */
async function runComposite(actionDir: string, workspace: string, given: Record<string, string>): Promise<JobResult> {
  const action = parseYaml(readFileSync(join(actionDir, "action.yml"), "utf8")) as ActionYaml;
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = given[name] ?? spec.default ?? "";
    if (spec.required) assert.ok(given[name] !== undefined, `input ${name} is required`);
    inputs[name] = value;
  }
  const runnerTemp = mkdtempSync(join(tmp, "runner-temp-"));
  const stepOutputs: Record<string, Record<string, string>> = {};
  const evaluate = (text: string): string =>
    text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
      let m: RegExpExecArray | null;
      if ((m = /^inputs\.([\w-]+)$/.exec(expr))) return inputs[m[1]!] ?? "";
      if (expr === "github.action_path") return actionDir;
      if (expr === "github.workspace") return workspace;
      if (expr === "runner.temp") return runnerTemp;
      if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr))) return stepOutputs[m[1]!]?.[m[2]!] ?? "";
      throw new Error(`this runner stand-in does not evaluate \${{ ${expr} }}`);
    });
  const result: JobResult = { code: 0, log: "", outputs: {}, stepOutputs, usesSteps: [] };
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.uses) {
      result.usesSteps.push(step);
      continue;
    }
    if (result.code !== 0) break; // later steps have the default `if: success()`
    assert.equal(step.shell, "bash", `step ${step.name}: composite run steps must name their shell`);
    assert.ok(!step.run!.includes("${{"), `step ${step.name}: inputs must reach the script through env, not be pasted into it`);
    const script = join(runnerTemp, `step-${i}.sh`);
    writeFileSync(script, step.run!);
    const outputFile = join(runnerTemp, `output-${i}`);
    writeFileSync(outputFile, "");
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_ENV: join(runnerTemp, `env-${i}`),
      GITHUB_STEP_SUMMARY: join(runnerTemp, `summary-${i}`),
      RUNNER_TEMP: runnerTemp,
      RUNNER_OS: "Linux",
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = evaluate(String(v));
    const r = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: workspace, env });
    result.log += `## ${step.name}\n${r.stdout}${r.stderr}`;
    if (step.id) stepOutputs[step.id] = parseOutputFile(readFileSync(outputFile, "utf8"));
    if (r.code !== 0) {
      result.code = r.code;
      result.failedStep = step.name;
    }
  }
  for (const [name, spec] of Object.entries(action.outputs)) result.outputs[name] = evaluate(spec.value);
  return result;
}

/** The action's folder as a workflow checks it out, with this build's dist (so the install step has nothing to build). */
function actionCheckout(): string {
  const dir = join(tmp, "action");
  if (!existsSync(dir)) {
    mkdirSync(dir);
    copyFileSync(join(repoRoot, "action.yml"), join(dir, "action.yml"));
    symlinkSync(DIST, join(dir, "dist"));
  }
  return dir;
}

function workspaceWithImage(): string {
  const ws = mkdtempSync(join(tmp, "workspace-"));
  copyFileSync(EXAMPLE, join(ws, "app.tar"));
  copyFileSync(EXAMPLE_DOCKERFILE, join(ws, "Dockerfile"));
  return ws;
}

test("action.yml: a composite action with the inputs, outputs and steps CI users expect", () => {
  const action = parseYaml(readFileSync(join(repoRoot, "action.yml"), "utf8")) as ActionYaml;
  assert.equal(action.runs.using, "composite");
  assert.equal(action.inputs.image?.required, true);
  assert.equal(action.inputs["fail-on"]?.default, "high");
  assert.equal(action.inputs.format?.default, "text");
  assert.ok(action.inputs.dockerfile);
  assert.deepEqual(Object.keys(action.outputs).sort(), ["exit-code", "report", "sarif"]);
  const steps = action.runs.steps;
  const setup = steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
  assert.ok(setup, "sets up Node");
  assert.equal(setup.with?.["node-version"], "${{ inputs.node-version }}");
  assert.ok(steps.indexOf(setup) < steps.findIndex((s) => s.run), "Node is set up before dredge runs");
  const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
  assert.ok(upload, "uploads SARIF");
  assert.match(upload.uses!, /@v3$/);
  assert.equal(upload.with?.sarif_file, "${{ steps.scan.outputs.sarif }}");
  assert.match(upload.if ?? "", /always\(\)/, "the SARIF is uploaded even when the scan found secrets");
  const gate = steps[steps.length - 1]!;
  assert.ok(steps.indexOf(upload) < steps.indexOf(gate) && gate.run, "the job fails after the upload, not before");
});

test("the action's steps, run as the runner runs them on an image with secrets: SARIF written, report in the log, job failed by fail-on", async () => {
  const ws = workspaceWithImage();
  const job = await runComposite(actionCheckout(), ws, { image: "app.tar", dockerfile: "Dockerfile", "fail-on": "high", format: "text" });
  assert.equal(job.failedStep, "Gate on fail-on", job.log);
  assert.equal(job.code, 1);
  assert.equal(job.outputs["exit-code"], "1");
  const sarif = JSON.parse(readFileSync(job.outputs.sarif!, "utf8"));
  assert.equal(sarif.version, "2.1.0");
  assert.ok(sarif.runs[0].results.length >= 4, "the findings are results");
  assert.match(readFileSync(job.outputs.report!, "utf8"), /npm-access-token/);
  assert.match(job.log, /npm-access-token/);
  assert.match(job.log, /::error title=dredge::secrets at or above high found in app\.tar/);
  assertNoSecret(job.log, "the job log");
  assertNoSecret(readFileSync(job.outputs.sarif!, "utf8"), "the SARIF");
  assert.deepEqual(
    job.usesSteps.map((s) => s.uses!.replace(/@.*/, "")),
    ["actions/setup-node", "github/codeql-action/upload-sarif"],
  );
});

test("the action passes with fail-on none, keeps an HTML report, and fails at the scan on an unreadable image", async () => {
  const ws = workspaceWithImage();
  const pass = await runComposite(actionCheckout(), ws, { image: "app.tar", "fail-on": "none", format: "html" });
  assert.equal(pass.code, 0, pass.log);
  assert.equal(pass.outputs["exit-code"], "0");
  assert.match(readFileSync(pass.outputs.report!, "utf8"), /^<!DOCTYPE html>/);
  assert.ok(existsSync(pass.outputs.sarif!));

  const several = await runComposite(actionCheckout(), ws, { image: "app.tar\n  docker-archive:app.tar \n", "fail-on": "critical" });
  assert.equal(several.code, 1, several.log);

  const broken = await runComposite(actionCheckout(), ws, { image: "missing.tar" });
  assert.equal(broken.failedStep, "Scan");
  assert.equal(broken.code, 2);
  assert.equal(broken.outputs["exit-code"], "2");
  assert.equal(broken.outputs.sarif, "", "no SARIF to upload");
  assert.match(broken.log, /::error title=dredge::the scan failed/);

  const badFormat = await runComposite(actionCheckout(), ws, { image: "app.tar", format: "xml" });
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.log, /format must be text, json, html or sarif/);
});

// ---------------------------------------------------------------- pre-commit

interface HookYaml {
  id: string;
  entry: string;
  language: string;
  files: string;
  exclude?: string;
  pass_filenames?: boolean;
}

test(".pre-commit-hooks.yaml: dredge-lint picks Dockerfiles by name and its entry fails a leaky one, as pre-commit runs it", async () => {
  const hooks = parseYaml(readFileSync(join(repoRoot, ".pre-commit-hooks.yaml"), "utf8")) as HookYaml[];
  const hook = hooks.find((h) => h.id === "dredge-lint");
  assert.ok(hook);
  assert.equal(hook.language, "node");
  assert.notEqual(hook.pass_filenames, false);
  // pre-commit matches `files`/`exclude` with Python's re.search; these patterns mean the same in JavaScript.
  const files = new RegExp(hook.files);
  const exclude = hook.exclude ? new RegExp(hook.exclude) : undefined;
  const picks = (p: string) => files.test(p) && !exclude?.test(p);
  for (const p of ["Dockerfile", "svc/Dockerfile", "Dockerfile.prod", "docker/app.Dockerfile", "Containerfile", "build/x.dockerfile", "dockerfile"]) assert.ok(picks(p), `picks ${p}`);
  for (const p of ["README.md", "Dockerfile.md", "docs/Dockerfile.txt", "dockerfiles/readme", "src/Dockerfile-helper.ts", "MyDockerfileParser.java"]) assert.ok(!picks(p), `leaves ${p}`);

  // A repository with a leaky and a clean Dockerfile; pre-commit runs `entry` + the staged files that match, from the repo root.
  const repo = join(tmp, "repo");
  mkdirSync(join(repo, "svc"), { recursive: true });
  mkdirSync(join(repo, "web"), { recursive: true });
  writeFileSync(join(repo, "svc", "Dockerfile"), "FROM alpine:3.20\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > /root/.npmrc && npm ci\n");
  writeFileSync(join(repo, "web", "Dockerfile"), "FROM nginx:1.27\nCOPY index.html /usr/share/nginx/html/\n");
  writeFileSync(join(repo, "web", "index.html"), "<p>hi</p>\n");
  writeFileSync(join(repo, "README.md"), "# repo\n");
  execFileSync("git", ["init", "-q", repo]);
  execFileSync("git", ["-C", repo, "add", "-A"]);
  const staged = execFileSync("git", ["-C", repo, "diff", "--cached", "--name-only"], { encoding: "utf8" }).split("\n").filter(Boolean);
  const chosen = staged.filter(picks);
  assert.deepEqual(chosen.sort(), ["svc/Dockerfile", "web/Dockerfile"]);

  // `language: node` puts the package's bin on PATH: `dredge` runs this build's CLI.
  const bin = join(tmp, "hook-bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "dredge"), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`, { mode: 0o755 });
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: "1" };
  const [cmd, ...args] = hook.entry.split(/\s+/);
  const leaky = await run(cmd!, [...args, ...chosen], { cwd: repo, env });
  assert.equal(leaky.code, 1, leaky.stderr);
  assert.match(leaky.stdout, /svc\/Dockerfile/);
  assert.match(leaky.stdout, /NPM_TOKEN/);
  const clean = await run(cmd!, [...args, "web/Dockerfile"], { cwd: repo, env });
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
});
