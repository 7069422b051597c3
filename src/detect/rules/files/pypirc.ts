import type { SecretRule } from "../../types.js";
import { fileValue } from "./values.js";

/** `password` of an index section in `.pypirc` (twine, setuptools upload). */
export const pypircPassword: SecretRule = {
  id: "pypirc-password",
  kind: "pypirc-password",
  title: "Package index password in .pypirc",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)\.pypirc$/,
  // A `password` line after a `[section]` header (no other section header between them).
  pattern: /^[ \t]*(?<name>password)(?<=^\[[^\]\r\n]{1,64}\][^[]{0,8192})[ \t]*[:=][ \t]*(?<secret>[^\s#;][^\r\n]{0,511}?)[ \t]*\r?$/m,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Revoke the token or change the password on the package index (PyPI: Account settings → API tokens), and give uploads a token through a secret mount or the CI's secret store.",
  docs: "https://packaging.python.org/en/latest/specifications/pypirc/",
  examples: {
    match: [
      { text: "[distutils]\nindex-servers =\n    pypi\n    internal\n\n[internal]\nrepository = https://pypi.corp.example/\nusername = deploy\npassword = Xq7!vR2pLm9#tK4w\n", secret: "Xq7!vR2pLm9#tK4w", path: "/root/.pypirc" },
      { text: "[pypi]\nusername: __token__\npassword: pypi-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Az6\n", secret: "pypi-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Az6", path: "/home/app/.pypirc" },
      { text: "[testpypi]\nrepository=https://test.pypi.org/legacy/\nusername=ci\npassword=hunter2hunter2\n", secret: "hunter2hunter2", path: "/root/.pypirc" },
      { text: "[nexus]\r\nusername = build\r\npassword = 'N3xus-Upl0ad'\r\n", secret: "N3xus-Upl0ad", path: "/builder/.pypirc" },
      { text: "[pypi]\n  username = __token__\n  password = s3cr3t with spaces\n", secret: "s3cr3t with spaces", path: "/root/.pypirc" },
    ],
    noMatch: [
      { text: "[pypi]\nusername = __token__\npassword = <your-pypi-token>\n", why: "placeholder", path: "/root/.pypirc" },
      { text: "[pypi]\nusername = __token__\npassword = ${PYPI_TOKEN}\n", why: "reference", path: "/root/.pypirc" },
      { text: "password = Xq7!vR2pLm9#tK4w\n[pypi]\nusername = x\n", why: "not under a section (reported as generic-password)", path: "/root/.pypirc" },
      { text: "[pypi]\nusername = __token__\n# password = Xq7!vR2pLm9#tK4w\n", why: "commented out (reported as generic-password)", path: "/root/.pypirc" },
      { text: "[pypi]\nusername = __token__\npassword = Xq7!vR2pLm9#tK4w\n", why: "not a .pypirc file (reported as generic-password)", path: "/app/docs/pypirc.example" },
      { text: "[pypi]\nusername = __token__\npassword =\n", why: "empty", path: "/root/.pypirc" },
    ],
  },
};
