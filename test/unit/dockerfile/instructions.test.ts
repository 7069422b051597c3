import { test } from "node:test";
import assert from "node:assert/strict";
import {
  parseDockerfileInstructions,
  parseMount,
  readCsvRecord,
  type Instruction,
  type DockerfileModel,
} from "../../../src/dockerfile/index.js";

function model(text: string): DockerfileModel {
  const m = parseDockerfileInstructions(text);
  assert.deepEqual(m.errors, [], "no errors expected");
  return m;
}

function kind<K extends Instruction["kind"]>(ins: Instruction | undefined, k: K): Extract<Instruction, { kind: K }> {
  assert.equal(ins?.kind, k);
  return ins as Extract<Instruction, { kind: K }>;
}

test("stages: FROM starts a stage with image, platform and lower-cased AS name; ARGs before FROM are global", () => {
  const m = model("ARG BASE=alpine:3.20\nARG TAG\nFROM --platform=$BUILDPLATFORM ${BASE} AS Build\nRUN make\nFROM scratch\nCOPY --from=build /out /out\n");
  assert.deepEqual(
    m.globalArgs.flatMap((a) => a.args.map((d) => [d.name, d.defaultValue])),
    [
      ["BASE", "alpine:3.20"],
      ["TAG", undefined],
    ],
  );
  assert.equal(m.stages.length, 2);
  const s0 = m.stages[0];
  assert.equal(s0?.name, "build");
  assert.equal(s0?.from.image, "${BASE}");
  assert.equal(s0?.from.platform, "$BUILDPLATFORM");
  assert.deepEqual(
    s0?.instructions.map((i) => i.kind),
    ["RUN"],
  );
  assert.equal(m.stages[1]?.name, undefined);
  assert.equal(kind(m.stages[1]?.instructions[0], "COPY").from, "build");
});

test("FROM errors: wrong argument count and invalid stage names", () => {
  const m = parseDockerfileInstructions("FROM a b\nFROM a AS 1x\n");
  assert.deepEqual(
    m.errors.map((e) => [e.line, e.message.slice(0, 30)]),
    [
      [1, "FROM requires either one or th"],
      [2, 'invalid name for build stage: '],
    ],
  );
});

test("an instruction before the first FROM (other than ARG) is an error", () => {
  const m = parseDockerfileInstructions("RUN x\nFROM a\n");
  assert.deepEqual(m.errors, [{ line: 1, column: 1, message: "no build stage in current context" }]);
});

test("ARG: several names, defaults with quotes removed, and references", () => {
  const m = model('FROM a\nARG A B="x y" C=${A:-z}\n');
  const arg = kind(m.stages[0]?.instructions[0], "ARG");
  assert.deepEqual(
    arg.args.map((d) => [d.name, d.defaultValue, d.rawDefault, d.references]),
    [
      ["A", undefined, undefined, []],
      ["B", "x y", '"x y"', []],
      ["C", "${A:-z}", "${A:-z}", ["A"]],
    ],
  );
});

test("ENV: K=V pairs with quotes/escapes processed and references listed; legacy form flagged", () => {
  const m = model("FROM a\nENV A=\"quoted value\" B=x\\ y C='$NOT' D=$HOME/bin\nENV LEGACY some value here\n");
  const env = kind(m.stages[0]?.instructions[0], "ENV");
  assert.deepEqual(
    env.pairs.map((p) => [p.key, p.value, p.references]),
    [
      ["A", "quoted value", []],
      ["B", "x y", []],
      ["C", "$NOT", []],
      ["D", "$HOME/bin", ["HOME"]],
    ],
  );
  assert.equal(env.legacyForm, false);
  const legacy = kind(m.stages[0]?.instructions[1], "ENV");
  assert.equal(legacy.legacyForm, true);
  assert.deepEqual(
    legacy.pairs.map((p) => [p.key, p.value]),
    [["LEGACY", "some value here"]],
  );
});

test("LABEL pairs, including quoted keys", () => {
  const m = model('FROM a\nLABEL "org.opencontainers.image.title"="dredge" version=1\n');
  const label = kind(m.stages[0]?.instructions[0], "LABEL");
  assert.deepEqual(
    label.pairs.map((p) => [p.key, p.value]),
    [
      ["org.opencontainers.image.title", "dredge"],
      ["version", "1"],
    ],
  );
});

test("RUN: mounts become structured objects; secret ids and paths get Docker's defaults", () => {
  const m = model(
    'FROM a\nRUN --mount=type=secret,id=npm,target=/root/.npmrc,required=true --mount=type=secret,src=aws --mount=type=cache,dst=/var/cache --mount="type=bind,source=.,destination=/src,rw" --network=none make\n',
  );
  const run = kind(m.stages[0]?.instructions[0], "RUN");
  assert.equal(run.mounts.length, 4);
  const [secret, secret2, cache, bind] = run.mounts;
  assert.deepEqual(
    [secret?.type, secret?.id, secret?.target, secret?.required, secret?.secretId, secret?.secretPath, secret?.readonly],
    ["secret", "npm", "/root/.npmrc", true, "npm", "/root/.npmrc", true],
  );
  assert.deepEqual([secret2?.source, secret2?.secretId, secret2?.secretPath], ["aws", "aws", "/run/secrets/aws"]);
  assert.deepEqual([cache?.type, cache?.target, cache?.readonly], ["cache", "/var/cache", false]);
  assert.deepEqual([bind?.type, bind?.source, bind?.target, bind?.readonly], ["bind", ".", "/src", false]);
  assert.equal(run.network, "none");
  assert.deepEqual(run.command, { form: "shell", command: "make", token: run.node.args[0] });
});

test("mount CSV follows Go csv rules: quoted fields may hold commas; bare quotes are errors", () => {
  assert.deepEqual(readCsvRecord('type=bind,"target=/a,b",ro').fields, ["type=bind", "target=/a,b", "ro"]);
  assert.deepEqual(readCsvRecord('"a""b",c').fields, ['a"b', "c"]);
  assert.match(readCsvRecord('target="/a b"').error ?? "", /bare "/);
  assert.deepEqual(parseMount('type=bind,"target=/a,b",ro').mount.target, "/a,b");
  assert.deepEqual(parseMount("type=secret,id=x,env=TOKEN").mount.secretPath, undefined);
  assert.deepEqual(parseMount("type=secret,target=/run/secrets/token").mount.secretId, "token");
});

test("mount errors are reported at the flag", () => {
  const m = parseDockerfileInstructions("FROM a\nRUN --mount=type=nfs,target=/x --mount=type=bind,z true\n");
  assert.deepEqual(
    m.errors.map((e) => [e.line, e.column, e.message]),
    [
      [2, 5, 'unsupported mount type "nfs"'],
      [2, 32, "unexpected key 'z' in 'z'"],
    ],
  );
});

test("RUN exec form, heredoc scripts and heredoc inputs", () => {
  const m = model('FROM a\nRUN ["echo", "hi"]\nRUN <<EOF\nset -e\nEOF\nRUN python3 <<-PY\n\tprint(1)\n\tPY\n');
  const [exec, script, input] = m.stages[0]?.instructions ?? [];
  assert.deepEqual(kind(exec, "RUN").command, { form: "exec", args: ["echo", "hi"], tokens: exec?.node.args });
  assert.equal(kind(script, "RUN").heredocIsScript, true);
  assert.equal(kind(script, "RUN").heredocs[0]?.content, "set -e\n");
  assert.equal(kind(input, "RUN").heredocIsScript, false);
  assert.equal(kind(input, "RUN").heredocs[0]?.content, "print(1)\n");
});

test("COPY/ADD: sources, destination, options and heredoc sources", () => {
  const m = model(
    "FROM a\nCOPY --from=build --chown=app:app --chmod=0755 --link --parents --exclude=*.md --exclude=*.txt src/ lib/ /app/\nCOPY <<EOF <<-CONF /etc/\nhello\nEOF\n\tk=v\n\tCONF\nADD --checksum=sha256:abc --keep-git-dir=true https://example.com/x.git /x\n",
  );
  const [copy, here, add] = m.stages[0]?.instructions ?? [];
  const c = kind(copy, "COPY");
  assert.deepEqual(
    c.sources.map((s) => s.path),
    ["src/", "lib/"],
  );
  assert.deepEqual([c.destination, c.from, c.chown, c.chmod, c.link, c.parents, c.exclude], ["/app/", "build", "app:app", "0755", true, true, ["*.md", "*.txt"]]);
  const h = kind(here, "COPY");
  assert.deepEqual(
    h.sources.map((s) => [s.path, s.heredoc?.content]),
    [
      ["EOF", "hello\n"],
      ["CONF", "k=v\n"],
    ],
  );
  const a = kind(add, "ADD");
  assert.deepEqual([a.checksum, a.keepGitDir, a.sources[0]?.path, a.destination], ["sha256:abc", true, "https://example.com/x.git", "/x"]);
});

test("COPY/ADD errors: missing destination, heredoc destination, unknown or valueless flags", () => {
  const m = parseDockerfileInstructions("FROM a\nCOPY onlyone\nCOPY a <<EOF\nx\nEOF\nCOPY --from a b\nADD --from=x a b\nCOPY --link=maybe a b\n");
  assert.deepEqual(
    m.errors.map((e) => [e.line, e.message]),
    [
      [2, "COPY requires at least two arguments, but only one was provided. Destination could not be determined"],
      [3, "COPY cannot accept a heredoc as a destination"],
      [6, "missing a value on flag: from"],
      [7, "unknown flag: from"],
      [8, "expecting boolean value for flag link, not: maybe"],
    ],
  );
});

test("USER, WORKDIR, EXPOSE, VOLUME, STOPSIGNAL, SHELL, CMD, ENTRYPOINT, MAINTAINER", () => {
  const m = model(
    'FROM a\nUSER app:staff\nWORKDIR /my app\nEXPOSE 80 443/tcp 53/UDP 8000-8010\nVOLUME ["/data", "/logs"]\nSTOPSIGNAL SIGTERM\nSHELL ["bash", "-eo", "pipefail", "-c"]\nCMD npm start\nENTRYPOINT []\nMAINTAINER me <me@example.com>\n',
  );
  const ins = m.stages[0]?.instructions ?? [];
  const user = kind(ins[0], "USER");
  assert.deepEqual([user.user, user.group], ["app", "staff"]);
  assert.equal(kind(ins[1], "WORKDIR").path, "/my app");
  assert.deepEqual(
    kind(ins[2], "EXPOSE").ports.map((p) => [p.port, p.protocol]),
    [
      ["80", undefined],
      ["443", "tcp"],
      ["53", "udp"],
      ["8000-8010", undefined],
    ],
  );
  assert.deepEqual(kind(ins[3], "VOLUME").paths, ["/data", "/logs"]);
  assert.equal(kind(ins[4], "STOPSIGNAL").signal, "SIGTERM");
  assert.deepEqual(kind(ins[5], "SHELL").shell, ["bash", "-eo", "pipefail", "-c"]);
  assert.deepEqual(kind(ins[6], "CMD").command, { form: "shell", command: "npm start", token: ins[6]?.node.args[0] });
  assert.deepEqual(kind(ins[7], "ENTRYPOINT").command, { form: "exec", args: [], tokens: [] });
  assert.equal(kind(ins[8], "MAINTAINER").maintainer, "me <me@example.com>");
});

test("SHELL must be JSON; USER/WORKDIR need an argument; flags are rejected where Docker rejects them", () => {
  const m = parseDockerfileInstructions("FROM a\nSHELL bash -c\nUSER\nWORKDIR\nENV --x=1 A=b\n");
  assert.deepEqual(
    m.errors.map((e) => [e.line, e.message]),
    [
      [2, "SHELL requires the arguments to be in JSON form"],
      [3, "USER requires exactly one argument"],
      [4, "WORKDIR requires exactly one argument"],
      [5, "unknown flag: x"],
    ],
  );
});

test("HEALTHCHECK: NONE, CMD with options, and its errors", () => {
  const m = parseDockerfileInstructions(
    'FROM a\nHEALTHCHECK NONE\nHEALTHCHECK --interval=30s --timeout=5s --start-period=1m --start-interval=2s --retries=3 CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD ["/check"]\nHEALTHCHECK --interval=soon CMD x\nHEALTHCHECK PING x\nHEALTHCHECK CMD\n',
  );
  const ins = m.stages[0]?.instructions ?? [];
  assert.equal(kind(ins[0], "HEALTHCHECK").type, "NONE");
  const hc = kind(ins[1], "HEALTHCHECK");
  assert.deepEqual(
    [hc.type, hc.interval, hc.timeout, hc.startPeriod, hc.startInterval, hc.retries],
    ["CMD", "30s", "5s", "1m", "2s", 3],
  );
  assert.deepEqual(hc.command, { form: "shell", command: "curl -f http://localhost/ || exit 1", token: ins[1]?.node.args[1] });
  assert.deepEqual(kind(ins[2], "HEALTHCHECK").command?.form, "exec");
  assert.deepEqual(
    m.errors.map((e) => [e.line, e.message]),
    [
      [5, 'time: invalid duration "soon"'],
      [6, 'Unknown type "PING" in HEALTHCHECK (try CMD)'],
      [7, "Missing command after HEALTHCHECK CMD"],
    ],
  );
});

test("ONBUILD wraps a typed instruction; forbidden triggers are errors", () => {
  const m = parseDockerfileInstructions("FROM a\nONBUILD COPY --from=x . /app\nONBUILD FROM b\nONBUILD ONBUILD RUN x\n");
  const ob = kind(m.stages[0]?.instructions[0], "ONBUILD");
  const trig = kind(ob.trigger, "COPY");
  assert.equal(trig.from, "x");
  assert.deepEqual(
    m.errors.map((e) => [e.line, e.message]),
    [
      [3, "FROM isn't allowed as an ONBUILD trigger"],
      [4, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"],
    ],
  );
});

test("an unknown instruction is typed as UNKNOWN with a warning, not an error", () => {
  const m = parseDockerfileInstructions("FROM a\nFETCH x\n");
  assert.deepEqual(m.errors, []);
  assert.equal(kind(m.stages[0]?.instructions[0], "UNKNOWN").keyword, "FETCH");
  assert.equal(m.warnings.length, 1);
});
