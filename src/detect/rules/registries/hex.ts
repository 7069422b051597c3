import type { SecretRule } from "../../types.js";
import { assignment, randomBody } from "../vcs/helpers.js";

/** Hex.pm (Elixir/Erlang) API keys: 32 hex, known by `HEX_API_KEY`. */
export const hexApiKey: SecretRule = {
  id: "hex-api-key",
  kind: "hex-api-key",
  title: "Hex.pm API key",
  severity: "critical",
  confidence: "medium",
  keywords: ["hex_api_key", "hex-api-key", "hexapikey", "hexpm"],
  pattern: assignment(String.raw`hex[_.-]?api[_.-]?key|hexpm[_.-]?(?:api[_.-]?)?(?:key|token)`, "[0-9a-f]{32}"),
  priority: 10,
  check: randomBody(0),
  remediation: "Revoke the key (mix hex.user key revoke NAME, or hex.pm → Dashboard → Keys) and check the packages for releases you did not make.",
  docs: "https://hex.pm/docs/publish",
  examples: {
    match: [
      { text: "HEX_API_KEY=4e9cf172c7440b1ea3d6ace8531b863e", secret: "4e9cf172c7440b1ea3d6ace8531b863e" },
      { text: "  HEX_API_KEY: b4b7c0d4e757b73997ccba1c791ed12f", secret: "b4b7c0d4e757b73997ccba1c791ed12f" },
      { text: "ENV HEX_API_KEY 1ebbad928bd70c4bcad634b922ba797b", secret: "1ebbad928bd70c4bcad634b922ba797b" },
      { text: '{"hexpm_key": "4e9cf172c7440b1ea3d6ace8531b863e"}', secret: "4e9cf172c7440b1ea3d6ace8531b863e" },
      { text: "|1 HEX_API_KEY=b4b7c0d4e757b73997ccba1c791ed12f /bin/sh -c mix hex.publish --yes", secret: "b4b7c0d4e757b73997ccba1c791ed12f" },
    ],
    noMatch: [
      { text: "HEX_API_KEY=${{ secrets.HEX_API_KEY }}", why: "a reference to a secret" },
      { text: "HEX_API_KEY=4e9cf172c7440b1ea3d6ace8531b863", why: "31 characters" },
      { text: "HEX_API_KEY=00000000000000000000000000000000", why: "filler" },
      { text: "HEX_MIRROR=https://repo.hex.pm", why: "a mirror address" },
      { text: "hex_key = 4e9cf172c7440b1ea3d6ace8531b863e", why: "a hex-encoded key of anything, not Hex.pm" },
    ],
  },
};
