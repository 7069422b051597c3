import type { SecretRule } from "../../types.js";
import { parseMacaroonV2 } from "./macaroon.js";

const P1 =
  "pypi-AgEIcHlwaS5vcmcCOHsibm9uY2UiOiJiZWVhNTczNDM5NDNiZWQxNjM0MzE2YzIyNTJkM2NiYyIsInZlcnNpb24iOjF9AAIieyJwZXJtaXNzaW9ucyI6InVzZXIiLCJ2ZXJzaW9uIjoxfQAABiDoRAJc3fyqWoPgqKx_djC99BmqgiUgk3Xx56KmkIcgjw";
const P2 =
  "pypi-AgEIcHlwaS5vcmcCOHsibm9uY2UiOiI4ZjY1ZTZkZTIwYTg4MzY1ZWE3YjY5MWNlYWM2OTM4OCIsInZlcnNpb24iOjF9AAIieyJwZXJtaXNzaW9ucyI6InVzZXIiLCJ2ZXJzaW9uIjoxfQAABiDEmN0hqHryqlnntJ0_X0AvZ9Od4HdHMur8G5oQ0k5WMg";
const T1 =
  "pypi-AgENdGVzdC5weXBpLm9yZwI4eyJub25jZSI6Ijg1MzA2NWI5YzU5YjdlYmFlOGVkMDQ1Y2RiNDc1NmRjIiwidmVyc2lvbiI6MX0AAiJ7InBlcm1pc3Npb25zIjoidXNlciIsInZlcnNpb24iOjF9AAAGILBCWzM9LgtBcXUdM7E2-XXgFl_JgPNbaCuQ2dxeDwGv";

/**
 * PyPI API tokens: `pypi-` and a base64url version-2 macaroon whose location is `pypi.org`
 * (or `test.pypi.org`: reported as a TestPyPI token, medium severity). The macaroon must parse.
 */
export const pypiToken: SecretRule = {
  id: "pypi-api-token",
  kind: "pypi-api-token",
  title: "PyPI API token",
  severity: "critical",
  confidence: "high",
  keywords: ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{40,2000}={0,2})(?![A-Za-z0-9_=-])/,
  priority: 10,
  check: (hit) => {
    const macaroon = parseMacaroonV2(Buffer.from(hit.secret.slice(5), "base64url"));
    if (macaroon?.location === "pypi.org") return hit;
    if (macaroon?.location === "test.pypi.org") return { ...hit, kind: "pypi-test-api-token", severity: "medium" };
    return undefined;
  },
  remediation: "Remove the token (pypi.org → Account settings → API tokens → Remove) and check the projects' release history for uploads you did not make.",
  docs: "https://pypi.org/help/#apitoken",
  examples: {
    match: [
      { text: `[pypi]\n  username = __token__\n  password = ${P1}`, secret: P1, path: "/root/.pypirc" },
      { text: `TWINE_PASSWORD=${P2}`, secret: P2 },
      { text: `UV_PUBLISH_TOKEN='${P1}'`, secret: P1 },
      { text: `poetry config pypi-token.testpypi ${T1}`, secret: T1 },
      { text: `|1 PYPI_TOKEN=${P2} /bin/sh -c twine upload dist/*`, secret: P2 },
      { text: `{"password": "${T1}"}`, secret: T1 },
    ],
    noMatch: [
      { text: `TWINE_PASSWORD=${P1.slice(0, -4)}`, why: "truncated: the signature is cut short" },
      { text: `TWINE_PASSWORD=${P1}AAAA`, why: "bytes after the signature" },
      { text: "TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmcxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask after the prefix" },
      { text: "password = pypi-AgEIcHlwaS5vcmc...", why: "elided (documentation)" },
      { text: "TWINE_PASSWORD=pypi-<your-token>", why: "template" },
      { text: `TWINE_PASSWORD=${P1.replace("AgEIcHlwaS5vcmc", "AgEIcHlwaS5jb20")}`, why: "another location (pypi.com)" },
    ],
  },
};
