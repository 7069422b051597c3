// A repository of 200 commits of code and config changes, made with `git fast-import`: a GitHub
// token in config/settings.json from commit 50 to 119 (the file edited every 10 commits meanwhile,
// so packs store it as deltas), an AWS key in deploy/keys.py from commit 10 on (edited, kept).
import { Repo } from "./repo.js";

export const TOKEN = "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";
export const AWS_KEY = "AKIAZON5RNXXRBWA7VYB";
export const COMMITS = 200;

function settings(i: number): string {
  const lines = ["{"];
  for (let k = 0; k < 40; k++) lines.push(`  "option_${k}": "value ${k} set at ${Math.floor(i / 10) * 10}",`);
  if (i >= 50 && i < 120) lines.push(`  "github_token": "${TOKEN}",`);
  lines.push(`  "version": ${Math.floor(i / 10)}`, "}");
  return lines.join("\n") + "\n";
}

function app(i: number): string {
  const out: string[] = [];
  for (let f = 0; f <= i; f++) out.push(`export function feature${f}(x) {\n  return x * ${f} + ${(f * 7919) % 1000};\n}\n`);
  return out.join("\n");
}

function keys(i: number): string {
  return `AWS_ACCESS_KEY_ID = "${AWS_KEY}"\nREGION = "${i >= 150 ? "us-east-1" : i >= 30 ? "eu-west-1" : "eu-central-1"}"\n`;
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/** Makes the repository; returns it and its commit ids, oldest first (index i = commit i, from 1). */
export function makeHistoryRepo(): { repo: Repo; commits: string[] } {
  const repo = new Repo();
  const parts: string[] = [];
  let prevSettings = "";
  let prevKeys = "";
  for (let i = 1; i <= COMMITS; i++) {
    parts.push(`commit refs/heads/main\nmark :${i}\ncommitter dev <dev@example.com> ${1_700_000_000 + i * 60} +0000\n`);
    parts.push(data(`change ${i}`));
    if (i > 1) parts.push(`from :${i - 1}\n`);
    parts.push(`M 100644 inline src/app.js\n${data(app(i))}`);
    const s = settings(i);
    if (s !== prevSettings) parts.push(`M 100644 inline config/settings.json\n${data(s)}`);
    prevSettings = s;
    if (i >= 10) {
      const k = keys(i);
      if (k !== prevKeys) parts.push(`M 100644 inline deploy/keys.py\n${data(k)}`);
      prevKeys = k;
    }
    if (i % 25 === 0) parts.push(`M 100644 inline docs/notes-${i}.md\n${data(`# Notes ${i}\n\nNothing secret here.\n`)}`);
    parts.push("\n");
  }
  repo.gitRaw(["fast-import", "--quiet"], parts.join(""));
  repo.git("symbolic-ref", "HEAD", "refs/heads/main");
  const commits = ["", ...repo.git("rev-list", "--reverse", "main").trim().split("\n")];
  return { repo, commits };
}
