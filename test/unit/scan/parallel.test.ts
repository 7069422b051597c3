import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scan } from "../../../src/scan/index.js";
import { toJsonObject } from "../../../src/report/json.js";
import { LayoutWriter } from "../../helpers/oci-fixture.js";
import { makeTar, sha256 } from "../../helpers/tar-writer.js";

test("layers scanned in worker threads give exactly the result of an in-thread scan", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dredge-par-"));
  try {
    const big = Buffer.alloc(34 << 20, 0x20);
    const l0 = makeTar([
      { name: "pad0", data: big },
      { name: "app/.env", data: "GITHUB_TOKEN=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\nDB_PASSWORD=foo\n" },
      { name: "root/.npmrc", data: "//r/:_authToken=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\n" },
    ]);
    const l1 = makeTar([
      { name: "pad1", data: big },
      { name: "app/.wh..env" },
      { name: "secret.txt", data: "foo\n" },
    ]);
    const w = new LayoutWriter(dir);
    const m = await w.image(
      {
        layers: [l0, l1],
        config: {
          history: [
            { created_by: "COPY . . # buildkit" },
            { created_by: "ARG MY_SECRET", empty_layer: true },
            { created_by: "RUN |1 MY_SECRET=foo /bin/sh -c echo $MY_SECRET > /secret.txt && rm /app/.env # buildkit" },
          ],
        },
      },
      [sha256(l0), sha256(l1)],
    );
    await w.index([m]);
    const inThread = toJsonObject(await scan([`oci:${dir}`], { threads: 1 }), { showSecrets: true });
    const parallel = toJsonObject(await scan([`oci:${dir}`], { threads: 2 }), { showSecrets: true });
    assert.deepEqual(parallel, inThread);
    const kinds = (inThread.findings as { kind: string }[]).map((f) => f.kind).sort();
    assert.deepEqual(kinds, ["dotenv-secret", "github-personal-access-token", "npm-access-token"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
