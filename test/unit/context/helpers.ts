import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Fake secrets in their real formats (made up here; none works anywhere). */
export const FAKE = {
  awsKeyId: "AKIAQX7RZ2MB4NTV6K5D",
  awsSecret: "tD8pW2mVq9Lx4Rz7Nc1Hb6Jf3Gk5Ys0Ea8Uo2Wi",
  github: "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",
  password: "Vq3!xTz9Lm2Rw8Kp",
};

/** A temporary directory with these files (paths `/`-separated, parents made); removed after `fn`. */
export async function withFiles<T>(files: Record<string, string | Buffer>, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "dredge-context-"));
  try {
    for (const [rel, content] of Object.entries(files)) {
      const abs = join(dir, rel);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
