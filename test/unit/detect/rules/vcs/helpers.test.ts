import { test } from "node:test";
import assert from "node:assert/strict";
import { assignment, hasMixedAlphanumerics, isRandomLooking } from "../../../../../src/detect/rules/vcs/helpers.js";

test("isRandomLooking keeps random bodies and drops masks, runs, sequences and documentation words", () => {
  for (const body of ["EM1syqKSZMcxAioPJxKm", "741ae63e772efae6e1a6bdef4e9a91bd6c297c3e", "a5bd8816-0ccd-438e-abac-2f368755f018"]) {
    assert.ok(isRandomLooking(body), body);
  }
  for (const body of ["xxxxxxxxxxxxxxxxxxxx", "aaaaaaaaaabbbbbbbbbb", "1234567890abcdefghij", "zyxwvutsrqponm", "EXAMPLEtokenEXAMPLE1", "<your-token>", "${GITLAB_TOKEN}", "ab12...cd34"]) {
    assert.equal(isRandomLooking(body), false, body);
  }
});

test("hasMixedAlphanumerics tells random alphanumerics from camel-case words", () => {
  assert.ok(hasMixedAlphanumerics("nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP"));
  assert.equal(hasMixedAlphanumerics("varianceEstimatorForSensorFusion"), false);
});

test("assignment finds a value given to a provider-named variable in every usual syntax", () => {
  const re = assignment("circle[_-]?token", "[0-9a-f]{8}");
  for (const text of ["CIRCLE_TOKEN=1a2b3c4d", "export MY_CIRCLE_TOKEN='1a2b3c4d'", "circle_token: 1a2b3c4d", '{"circle-token": "1a2b3c4d"}', "ENV CIRCLE_TOKEN 1a2b3c4d", "CIRCLE_TOKEN_PROD=1a2b3c4d", '{\\"CIRCLE_TOKEN\\": \\"1a2b3c4d\\"}']) {
    assert.equal(re.exec(text)?.groups?.secret, "1a2b3c4d", text);
  }
  for (const text of ["CIRCLE_TOKEN_SHA=1a2b3c4d", "CIRCLE_TOKEN=1a2b3c4d5", "XCIRCLE_TOKENS=1a2b3c4d", "CIRCLE_TOKEN=1a2b3c4d-x"]) {
    assert.equal(re.exec(text), null, text);
  }
  assert.equal(assignment("circle[_-]?token", "[0-9a-f]{8}", false).exec("ENV CIRCLE_TOKEN 1a2b3c4d"), null);
});
