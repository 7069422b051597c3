// The HTML report in a real browser (Debian's chromium driven by playwright-core): a multi-layer
// image made here, with a secret deleted by a later layer and one overwritten by a later layer,
// is scanned by the CLI with its Dockerfile; the page must show the layer timeline, where each
// secret entered and left, filter rows when boxes are clicked, hold no whole secret, and make no
// request. A screenshot is kept in .cache/e2e/outputs/html-report.png for a person to look at.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { LayoutWriter } from "../helpers/oci-fixture.js";
import { makeTar, sha256 } from "../helpers/tar-writer.js";
import { e2eCacheDir } from "./harness/paths.js";
import { runCli, type CliRun } from "../helpers/cli.js";

const CHROMIUM = "/usr/bin/chromium";
const OUTPUTS = join(e2eCacheDir, "outputs");

const SECRETS = {
  awsId: "AKIA4QGP7JYT3PNNWUK2",
  awsKey: "m0ugeWOg7GLqwSBIPt3oILT9RIKTze8E97AJISWX",
  stripe: "sk_live_REAscXV4vpetpGJDHOzkXlfC",
  github: "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",
  npm: "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",
};

const DOCKERFILE = `FROM node:18-alpine
ARG NPM_TOKEN
WORKDIR /app
COPY .env ./
RUN node migrate.js && rm .env
COPY config.json ./
RUN node scrub-config.js
ENV GITHUB_TOKEN=${SECRETS.github}
RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > /root/.npmrc
CMD ["node", "index.js"]
`;

/** Debian's chromium, installed when missing (as scripts/setup.sh does). */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args: string[]) => execFileSync(sudo.length ? "sudo" : args[0]!, sudo.length ? args : args.slice(1), { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  run(["apt-get", "update"]);
  run(["apt-get", "install", "-y", "chromium"]);
  assert.ok(existsSync(CHROMIUM), `apt-get install chromium did not give ${CHROMIUM}`);
}

/**
 * A six-layer image as the legacy builder makes it from DOCKERFILE: `.env` (AWS keys) copied in
 * layer 1 and whited out in layer 2; `config.json` (a Stripe key) copied in layer 3 and replaced
 * in layer 4; `.npmrc` (the npm token) written in layer 5 and still there; the GitHub token in
 * the config's Env and the npm token in the RUN entries' build args.
 */
async function buildImage(dir: string): Promise<string> {
  const layers = [
    makeTar([{ name: "etc/", type: "dir" }, { name: "etc/os-release", data: 'NAME="Alpine Linux"\nID=alpine\n' }, { name: "bin/", type: "dir" }, { name: "bin/busybox", data: "\x7fELF stand-in" }]),
    makeTar([{ name: "app/", type: "dir" }, { name: "app/.env", data: `AWS_ACCESS_KEY_ID=${SECRETS.awsId}\nAWS_SECRET_ACCESS_KEY=${SECRETS.awsKey}\n` }]),
    makeTar([{ name: "app/", type: "dir" }, { name: "app/.wh..env" }]),
    makeTar([{ name: "app/config.json", data: JSON.stringify({ port: 8080, stripe: { secretKey: SECRETS.stripe } }, null, 2) }]),
    makeTar([{ name: "app/config.json", data: JSON.stringify({ port: 8080 }, null, 2) }]),
    makeTar([{ name: "root/", type: "dir" }, { name: "root/.npmrc", data: `//registry.npmjs.org/:_authToken=${SECRETS.npm}\n` }]),
  ];
  const arg = `|1 NPM_TOKEN=${SECRETS.npm} /bin/sh -c`;
  const history = [
    { created_by: "/bin/sh -c #(nop) ADD file:4a5b1f0e9c in / " },
    { created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', empty_layer: true },
    { created_by: "/bin/sh -c #(nop)  ARG NPM_TOKEN", empty_layer: true },
    { created_by: "/bin/sh -c #(nop) WORKDIR /app", empty_layer: true },
    { created_by: "/bin/sh -c #(nop) COPY file:aa11bb22cc33 in ./ " },
    { created_by: `${arg} node migrate.js && rm .env` },
    { created_by: "/bin/sh -c #(nop) COPY file:dd44ee55ff66 in ./ " },
    { created_by: `${arg} node scrub-config.js` },
    { created_by: `/bin/sh -c #(nop)  ENV GITHUB_TOKEN=${SECRETS.github}`, empty_layer: true },
    { created_by: `${arg} echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > /root/.npmrc` },
    { created_by: '/bin/sh -c #(nop)  CMD ["node" "index.js"]', empty_layer: true },
  ];
  const layout = join(dir, "layout");
  const w = new LayoutWriter(layout);
  const desc = await w.image(
    { layers, refName: "leaky:timeline", config: { config: { Env: ["PATH=/usr/local/bin:/usr/bin:/bin", `GITHUB_TOKEN=${SECRETS.github}`], Cmd: ["node", "index.js"] }, history } },
    layers.map((l) => sha256(l)),
  );
  await w.index([desc]);
  return layout;
}

function dredge(args: string[], cwd: string): Promise<CliRun> {
  return runCli(args, { cwd });
}

let dir: string;
let browser: Browser;
const requests: string[] = [];
const problems: string[] = [];

async function openReport(file: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  return page;
}

before(async () => {
  ensureChromium();
  dir = mkdtempSync(join(tmpdir(), "dredge-html-"));
  mkdirSync(OUTPUTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ["--no-sandbox"] : [] });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a scan's HTML report shows the layer timeline, where each secret entered and left, and filters rows", async () => {
  const layout = await buildImage(dir);
  writeFileSync(join(dir, "Dockerfile"), DOCKERFILE);
  const report = join(dir, "scan.html");
  const r = await dredge(["scan", `oci:${layout}`, "--dockerfile", "Dockerfile", "--format", "html", "-o", report], dir);
  assert.equal(r.code, 1, `critical findings exit 1: ${r.stderr}`);
  assert.equal(r.stdout, "");
  const html = readFileSync(report, "utf8");
  for (const [name, value] of Object.entries(SECRETS)) assert.ok(!html.includes(value), `the file holds the whole ${name} secret`);

  requests.length = 0;
  problems.length = 0;
  const page = await openReport(report);

  // The timeline: one row per layer, oldest first, with its digest and instruction.
  const rows = page.locator("table.timeline tbody tr");
  assert.equal(await rows.count(), 6);
  const rowText = async (i: number) => (await rows.nth(i).innerText()).replace(/\s+/g, " ");
  assert.match(await rowText(0), /^0 sha256:[0-9a-f]{12} ADD file:4a5b1f0e9c in \//);
  assert.match(await rowText(2), /RUN node migrate\.js && rm \.env/);
  assert.match(await rowText(4), /node scrub-config\.js/);
  // Where each secret entered, and the layer that "deleted" or replaced it.
  assert.match(await rowText(1), /aws-access-key-id entered: \/app\/\.env \(deleted in layer 2\)/);
  assert.match(await rowText(2), /\/app\/\.env deleted here — but still in layer 1's blob/);
  assert.match(await rowText(3), /stripe-secret-key entered: \/app\/config\.json \(replaced in layer 4\)/);
  assert.match(await rowText(4), /\/app\/config\.json replaced here — but still in layer 3's blob/);
  assert.match(await rowText(5), /npm-access-token entered: \/root\/\.npmrc \(still in the final filesystem\)/);
  assert.match(await rowText(5), /npm-access-token NPM_TOKEN recorded in this instruction's history/);
  // Lanes: one per file location, drawn from entry to removal (or into the final filesystem).
  assert.equal(await page.locator("table.timeline thead th.lane").count(), 4);
  assert.equal(await page.locator("table.timeline td.lane.s-deleted.end").count(), 2);
  assert.equal(await page.locator("table.timeline td.lane.s-overwritten.end").count(), 1);
  assert.equal(await page.locator("table.timeline tfoot td.lane.s-present").count(), 1);

  // History and config beside the timeline; the Dockerfile beside them, the lines findings point to highlighted.
  const side = (await page.locator("aside").first().innerText()).replace(/\s+/g, " ");
  assert.match(side, /config Env\.GITHUB_TOKEN/);
  assert.match(side, /history entry 8 GITHUB_TOKEN/);
  const highlighted = await page.locator("pre.src .ln.hl .no").allInnerTexts();
  for (const line of ["4", "5", "6", "7", "8", "9"]) assert.ok(highlighted.includes(line), `Dockerfile line ${line} highlighted (got ${highlighted.join(",")})`);
  assert.ok(!highlighted.includes("1"), "FROM is not highlighted");
  assert.match(await page.locator("pre.src .ln.hl").filter({ hasText: "COPY .env" }).innerText(), /aws-access-key-id/);
  assert.match(await page.locator("pre.src").innerText(), /ENV GITHUB_TOKEN=ghp_0l…q8l/);

  // Findings: redacted previews, statuses explained.
  const cards = page.locator("article.finding");
  assert.equal(await cards.count(), 5);
  const aws = cards.filter({ hasText: "aws-secret-access-key" });
  assert.match(await aws.innerText(), /removed in layer 2, but still in layer 1's blob/);
  const stripe = cards.filter({ hasText: "stripe-secret-key" });
  assert.match(await stripe.innerText(), /sk_liv…fC/);
  assert.match(await stripe.innerText(), /replaced in layer 4, but the old version is still in layer 3's blob/);

  // Filters: unticking "deleted" hides the deleted-only findings and their timeline events; ticking brings them back.
  const visibleCards = async () => {
    let n = 0;
    for (let i = 0; i < (await cards.count()); i++) if (await cards.nth(i).isVisible()) n++;
    return n;
  };
  assert.equal(await visibleCards(), 5);
  await page.uncheck('input[data-filter="status"][value="deleted"]');
  assert.equal(await aws.isVisible(), false);
  assert.equal(await page.locator("li.ev-gone").first().isVisible(), false);
  assert.equal(await visibleCards(), 3);
  assert.equal(await page.locator("#shown-count").innerText(), "3 of 5 shown");
  await page.check('input[data-filter="status"][value="deleted"]');
  assert.equal(await aws.isVisible(), true);
  assert.equal(await page.locator("li.ev-gone").first().isVisible(), true);
  // Severity: the AWS key id is high, the rest critical.
  await page.uncheck('input[data-filter="sev"][value="critical"]');
  assert.equal(await visibleCards(), 1);
  assert.match(await cards.filter({ visible: true }).first().innerText(), /aws-access-key-id/);
  // A Dockerfile line whose findings are all filtered out loses its highlight.
  assert.equal(await page.locator("pre.src .ln.hl.empty").filter({ hasText: "COPY config.json" }).count(), 1);
  await page.check('input[data-filter="sev"][value="critical"]');
  assert.equal(await visibleCards(), 5);

  // No whole secret anywhere in the DOM, no request but the page itself, no script error, no CSP violation.
  const dom = String(await page.evaluate("document.documentElement.outerHTML"));
  for (const [name, value] of Object.entries(SECRETS)) assert.ok(!dom.includes(value), `the DOM holds the whole ${name} secret`);
  assert.deepEqual([...new Set(requests)], [pathToFileURL(report).href]);
  assert.deepEqual(problems, []);
  assert.equal(await page.locator("script").count(), 1);

  await page.screenshot({ path: join(OUTPUTS, "html-report.png"), fullPage: true });
  await page.close();
});

test("--show-secrets puts the whole values in the report, marked as such", async () => {
  const layout = join(dir, "layout");
  const report = join(dir, "shown.html");
  const r = await dredge(["scan", `oci:${layout}`, "--format", "html", "--show-secrets", "-o", report], dir);
  assert.equal(r.code, 1);
  const page = await openReport(report);
  const text = await page.locator("body").innerText();
  assert.ok(text.includes(SECRETS.stripe) && text.includes(SECRETS.awsKey));
  assert.match(text, /full secret values shown/);
  await page.close();
});

test("a lint report is a table by file and line beside the highlighted Dockerfile", async () => {
  const project = join(dir, "lint");
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "Dockerfile"), DOCKERFILE);
  writeFileSync(join(project, ".env"), `AWS_ACCESS_KEY_ID=${SECRETS.awsId}\nAWS_SECRET_ACCESS_KEY=${SECRETS.awsKey}\n`);
  writeFileSync(join(project, "config.json"), "{}\n");
  const report = join(dir, "lint.html");
  const r = await dredge(["lint", "Dockerfile", "--format", "html", "-o", report], project);
  assert.equal(r.code, 1, r.stderr);
  problems.length = 0;
  requests.length = 0;
  const page = await openReport(report);
  const rows = page.locator("table.plain tbody tr");
  assert.ok((await rows.count()) >= 3, "lint finds the ENV token, the ARG written to a file and the copied .env");
  const lines = (await page.locator("table.plain").innerText()).replace(/\s+/g, " ");
  assert.match(lines, /Dockerfile:8/);
  assert.match(lines, /Dockerfile:9/);
  assert.ok(await page.locator("pre.src .ln.hl").count() >= 2);
  const dom = String(await page.evaluate("document.documentElement.outerHTML"));
  for (const [name, value] of Object.entries(SECRETS)) assert.ok(!dom.includes(value), `the lint report's DOM holds the whole ${name} secret`);
  assert.deepEqual(problems, []);
  assert.deepEqual([...new Set(requests)], [pathToFileURL(report).href]);
  await page.screenshot({ path: join(OUTPUTS, "html-report-lint.png"), fullPage: true });
  await page.close();
});
