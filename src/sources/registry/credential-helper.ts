import { spawn } from "node:child_process";
import { DredgeError } from "../../util/errors.js";
import { isObject } from "../../util/json.js";
import type { CredentialScrubber } from "./secrets.js";

/** What a docker credential helper returns for a server. */
export interface HelperCredential {
  username: string;
  secret: string;
}

/** The docker CLI's marker for "the secret is an identity token, not a password". */
export const IDENTITY_TOKEN_USERNAME = "<token>";
const NOT_FOUND = /credentials not found/i;
const MAX_OUTPUT = 1 << 20;

/**
 * Runs `docker-credential-<name> get` with the server URL on stdin (no newline), exactly as the docker
 * CLI does (docker-credential-helpers' client), and reads its `{ServerURL, Username, Secret}` answer.
 * Undefined when the helper has no credentials for the server.
 */
export function helperGet(name: string, serverUrl: string, scrubber: CredentialScrubber, timeoutMs = 60_000): Promise<HelperCredential | undefined> {
  const program = `docker-credential-${name}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    return Promise.reject(new DredgeError("credential-helper", `credential helper name ${JSON.stringify(name.slice(0, 80))} is not a plain program name`));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(program, ["get"], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let size = 0;
    const collect = (b: Buffer) => {
      size += b.length;
      if (size <= MAX_OUTPUT) out.push(b);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === "ENOENT") reject(new DredgeError("credential-helper", `${program} is not installed (docker's config.json names it)`));
      else reject(new DredgeError("credential-helper", `${program}: ${err.message}`));
    });
    // A helper that exits before reading its stdin must not crash dredge with EPIPE.
    child.stdin.on("error", () => {});
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const text = Buffer.concat(out).toString("utf8");
      if (code !== 0) {
        if (NOT_FOUND.test(text)) return resolve(undefined);
        const first = scrubber.scrub(text.trim().split("\n")[0] ?? "").slice(0, 200);
        const how = signal ? `killed by ${signal}${signal === "SIGKILL" ? ` after ${timeoutMs / 1000} s` : ""}` : `exit ${code}`;
        return reject(new DredgeError("credential-helper", `${program} get failed (${how})${first ? `: ${first}` : ""}`));
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        // The parse error would quote the output, which holds the secret.
        return reject(new DredgeError("credential-helper", `${program} get printed something that is not JSON`));
      }
      if (!isObject(parsed) || typeof parsed.Secret !== "string") {
        return reject(new DredgeError("credential-helper", `${program} get printed JSON without a Secret`));
      }
      const username = typeof parsed.Username === "string" ? parsed.Username : "";
      scrubber.add(parsed.Secret);
      resolve({ username, secret: parsed.Secret });
    });
    child.stdin.end(serverUrl);
  });
}
