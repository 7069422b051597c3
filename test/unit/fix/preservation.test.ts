import { test } from "node:test";
import assert from "node:assert/strict";
import { plan } from "./helpers.js";

test("comments, blank lines, heredocs and other instructions are kept byte for byte", () => {
  const before =
    "# syntax=docker/dockerfile:1\n\n# Build the app\nFROM alpine   AS   final\n# the token:\nARG MY_SECRET\n\n" +
    "COPY <<EOF /etc/motd\nhello $USER\nEOF\n" +
    "RUN apk add curl && \\\n    # a comment inside the RUN\n    curl -u \"user:$MY_SECRET\" https://example.com   \n" +
    "RUN <<SCRIPT\nset -e\necho done\nSCRIPT\nCMD [\"sh\"]  # trailing\n";
  const p = plan(before);
  assert.equal(
    p.after,
    "# syntax=docker/dockerfile:1\n\n# Build the app\nFROM alpine   AS   final\n# the token:\n\n" +
      "COPY <<EOF /etc/motd\nhello $USER\nEOF\n" +
      "RUN --mount=type=secret,id=MY_SECRET,target=/run/secrets/MY_SECRET \\\n    apk add curl && \\\n    # a comment inside the RUN\n" +
      '    curl -u "user:$(cat /run/secrets/MY_SECRET)" https://example.com   \n' +
      "RUN <<SCRIPT\nset -e\necho done\nSCRIPT\nCMD [\"sh\"]  # trailing\n",
  );
});

test("CRLF line ends stay CRLF, new lines included", () => {
  const p = plan('FROM alpine\r\nARG MY_SECRET\r\nRUN curl -u "user:$MY_SECRET" https://example.com\r\n');
  assert.equal(p.after, 'FROM alpine\r\nRUN --mount=type=secret,id=MY_SECRET,target=/run/secrets/MY_SECRET \\\r\n    curl -u "user:$(cat /run/secrets/MY_SECRET)" https://example.com\r\n');
});

test("the escape directive's character continues the new lines", () => {
  const p = plan('# escape=`\nFROM alpine\nARG MY_SECRET\nRUN curl -u "user:$MY_SECRET" `\n  https://example.com\n');
  assert.equal(p.after, '# escape=`\nFROM alpine\nRUN --mount=type=secret,id=MY_SECRET,target=/run/secrets/MY_SECRET `\n  curl -u "user:$(cat /run/secrets/MY_SECRET)" `\n  https://example.com\n');
});

test("a Dockerfile with nothing to fix is returned byte for byte, and fixing twice is fixing once", () => {
  const clean = "FROM node:18\r\n# ok\r\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\r\n";
  assert.equal(plan(clean).after, clean);
  const once = plan('FROM node:18\nARG NPM_TOKEN\nRUN npm set "//r/:_authToken=$NPM_TOKEN"\nRUN npm ci\n').after;
  assert.equal(plan(once).after, once);
});
