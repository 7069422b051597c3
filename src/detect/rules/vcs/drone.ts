import type { SecretRule } from "../../types.js";
import { assignment, randomAlphanumericBody } from "./helpers.js";

/** Drone (and Harness CI community) personal tokens: 32 alphanumerics, known by `DRONE_TOKEN`. */
export const droneToken: SecretRule = {
  id: "drone-api-token",
  kind: "drone-api-token",
  title: "Drone CI personal token",
  severity: "high",
  confidence: "medium",
  keywords: ["drone"],
  pattern: assignment(String.raw`drone[_.-]?(?:api[_.-]?|user[_.-]?|access[_.-]?)?token`, "[A-Za-z0-9]{32}"),
  priority: 10,
  check: randomAlphanumericBody(0),
  remediation: "Rotate the token (the Drone user's account page → Rotate token, or drone user update --rotate) and update the CLI configs that use it.",
  docs: "https://docs.drone.io/cli/setup/",
  examples: {
    match: [
      { text: "DRONE_TOKEN=nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP", secret: "nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP" },
      { text: "export DRONE_TOKEN='5hTxPcigSisirbKPiCIBpaOsEpp4ZenN'", secret: "5hTxPcigSisirbKPiCIBpaOsEpp4ZenN" },
      { text: "  drone_token: Dp9ebQWfYNRPoKceFrWLZqIC8XtOi51H", secret: "Dp9ebQWfYNRPoKceFrWLZqIC8XtOi51H" },
      { text: "ENV DRONE_TOKEN nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP", secret: "nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP" },
      { text: '{"drone_api_token":"5hTxPcigSisirbKPiCIBpaOsEpp4ZenN"}', secret: "5hTxPcigSisirbKPiCIBpaOsEpp4ZenN" },
    ],
    noMatch: [
      { text: "DRONE_SERVER=https://drone.example.com", why: "the server address" },
      { text: "DRONE_TOKEN=nDUTki69RkDPAT6SeuFxh5eqU7NoVFx", why: "31 characters" },
      { text: "DRONE_TOKEN=${DRONE_TOKEN}", why: "variable reference" },
      { text: "DRONE_TOKEN=00000000000000000000000000000000", why: "filler" },
      { text: "DRONE_COMMIT_SHA=nDUTki69RkDPAT6SeuFxh5eqU7NoVFxP", why: "not a token variable" },
    ],
  },
};
